import { errAsync, ok, okAsync } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import { juspay, type JuspayOptions } from '../../providers/juspay/index.js';
import { createGateway, gatewayError, type OrderSession, type PreparedOrder } from '../../providers/entries/index.js';
import { order } from './fakes.js';

// The gateway asks every provider, built-in or not, through the port alone: `prepareOrder` once per
// order, then the prepared order's `send` on every try. A built-in provider whose methods a caller
// replaced is therefore called through them.
describe('the gateway goes through the port, for built-in providers too', () => {
  const entry = { type: 'juspay', apiKey: 'jp_test_key_1234', merchantId: 'acme', environment: 'sandbox' } as const;
  const session = (providerOrderId: string): OrderSession => ({
    provider: 'jp',
    orderId: order.orderId,
    providerOrderId,
    status: 'created',
    providerStatus: 'CREATED',
    checkoutUrl: `https://pay.example/${providerOrderId}`,
    links: {},
    raw: {},
  });

  it('calls a replaced prepareOrder of a built-in provider, and sends what it prepared', async () => {
    const send = vi.fn(() => okAsync<OrderSession, never>(session('x')));
    const prepareOrder = vi.fn((_order: unknown) => ok<PreparedOrder, never>({ send }));
    const wrapped = Object.assign((options: JuspayOptions) => ({ ...juspay(options), prepareOrder }), { type: 'wrapped' });
    const gateway = createGateway({ providers: { jp: { ...entry, type: 'wrapped' } }, routing: { strategy: 'priority', order: ['jp'] } }, { providers: [wrapped] });
    const created = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(created.providerOrderId).toBe('x');
    expect(prepareOrder).toHaveBeenCalledTimes(1);
    expect(prepareOrder.mock.calls[0]?.[0]).toMatchObject(order);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('maps the order once and sends the same prepared order on every retry', async () => {
    const down = gatewayError({ kind: 'provider_unavailable', provider: 'jp', retryable: true, orderMayExist: false, httpStatus: 503, message: 'down' });
    const send = vi.fn<PreparedOrder['send']>().mockReturnValueOnce(errAsync(down)).mockReturnValueOnce(okAsync(session('y')));
    const prepareOrder = vi.fn((_order: unknown) => ok<PreparedOrder, never>({ send }));
    const wrapped = Object.assign((options: JuspayOptions) => ({ ...juspay(options), prepareOrder }), { type: 'wrapped' });
    const gateway = createGateway(
      { providers: { jp: { ...entry, type: 'wrapped' } }, routing: { strategy: 'priority', order: ['jp'] }, retry: { maxAttempts: 2, initialDelayMs: 0 } },
      { providers: [wrapped] },
    );
    const created = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(created.attempts.map((a) => a.error.kind)).toEqual(['provider_unavailable']);
    expect(prepareOrder).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledTimes(2);
  });
});
