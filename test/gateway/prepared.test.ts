import { ok, okAsync } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import { juspay, type JuspayOptions } from '../../providers/juspay/index.js';
import { createGateway, type OrderSession } from '../../src/index.js';
import { order } from './fakes.js';

// The gateway maps an order once for payroute's own adapters and sends that request on every try
// (preparerOf); an adapter whose methods were replaced must still be called through them.
describe("the gateway's shortcut into payroute's adapters", () => {
  const entry = { type: 'juspay', apiKey: 'jp_test_key_1234', merchantId: 'acme', environment: 'sandbox' } as const;

  it('calls a replaced createOrder of a built-in adapter', async () => {
    const createOrder = vi.fn((o: { orderId: string }) =>
      okAsync<OrderSession, never>({ provider: 'jp', orderId: o.orderId, providerOrderId: 'x', status: 'created', providerStatus: 'CREATED', checkoutUrl: 'https://pay.example/x', links: {}, raw: {} }),
    );
    const wrapped = (options: JuspayOptions) => Object.assign(juspay(options), { createOrder });
    const gateway = createGateway({ providers: { jp: { ...entry, type: 'wrapped' } }, routing: { strategy: 'priority', order: ['jp'] } }, { adapters: { wrapped } });
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session.providerOrderId).toBe('x');
    expect(createOrder).toHaveBeenCalledTimes(1);
    expect(createOrder.mock.calls[0]?.[0]).toBe(order);
  });

  it('asks a replaced validate of a built-in adapter whether it takes the order', async () => {
    const validate = vi.fn(() => ok(undefined));
    const createOrder = vi.fn(() => okAsync<OrderSession, never>({ provider: 'jp', orderId: order.orderId, providerOrderId: 'y', status: 'created', providerStatus: 'CREATED', checkoutUrl: 'https://pay.example/y', links: {}, raw: {} }));
    const wrapped = (options: JuspayOptions) => Object.assign(juspay(options), { validate, createOrder });
    const gateway = createGateway({ providers: { jp: { ...entry, type: 'wrapped' } }, routing: { strategy: 'priority', order: ['jp'] } }, { adapters: { wrapped } });
    expect((await gateway.createOrder(order))._unsafeUnwrap().providerOrderId).toBe('y');
    expect(validate).toHaveBeenCalledTimes(1);
  });
});
