import { describe, expect, it } from 'vitest';
import { createGateway, type SkipEvent } from '../../providers/entries/index.js';
import { fakePsps, order } from './fakes.js';

const juspayEntry = { type: 'juspay', apiKey: 'jp_live_key_1234', merchantId: 'acme', environment: 'sandbox' } as const;

function gatewayWith(providers: Record<string, Record<string, unknown> & { type: string }>, order: string[], skips: SkipEvent[] = []) {
  const psps = fakePsps();
  const gateway = createGateway(
    { providers, routing: { strategy: 'priority', order }, retry: { maxAttempts: 1 } },
    { providers: psps.providers, hooks: { onSkip: (event) => skips.push(event) } },
  );
  return { gateway, ...psps };
}

describe('eligibility', () => {
  it('skips a provider whose entry does not list the currency, recording why, without trying it', async () => {
    const skips: SkipEvent[] = [];
    const { gateway, tried } = gatewayWith({ inr_only: { type: 'fake', currencies: ['INR'] }, any: { type: 'fake' } }, ['inr_only', 'any'], skips);
    const session = (await gateway.createOrder({ ...order, currency: 'USD' }))._unsafeUnwrap();
    expect(session.provider).toBe('any');
    expect(session.attempts).toEqual([]);
    expect(session.skipped).toEqual([
      { provider: 'inr_only', reason: 'ineligible', message: 'currency: USD is not among the currencies configured for inr_only' },
    ]);
    expect(skips).toEqual([{ provider: 'inr_only', orderId: 'ord_1', reason: 'ineligible' }]);
    expect(tried()).toEqual(['any']);
  });

  it("skips a provider whose adapter rejects the order (Juspay's 20-character order id), with no request", async () => {
    const { gateway, tried } = gatewayWith({ juspay_main: juspayEntry, backup: { type: 'fake' } }, ['juspay_main', 'backup']);
    const session = (await gateway.createOrder({ ...order, orderId: 'a_much_longer_order_id_123' }))._unsafeUnwrap();
    expect(session.provider).toBe('backup');
    expect(session.skipped).toEqual([
      { provider: 'juspay_main', reason: 'ineligible', message: 'orderId: Juspay takes at most 20 characters' },
    ]);
    expect(tried()).toEqual(['backup']);
  });

  it("skips a provider that cannot take the amount's precision", async () => {
    const { gateway } = gatewayWith({ juspay_main: juspayEntry, backup: { type: 'fake' } }, ['juspay_main', 'backup']);
    // 1.234 KWD has three decimals; Juspay takes two.
    const session = (await gateway.createOrder({ ...order, currency: 'KWD', amount: 1_234 }))._unsafeUnwrap();
    expect(session.provider).toBe('backup');
    expect(session.skipped[0]).toMatchObject({ provider: 'juspay_main', reason: 'ineligible' });
    expect(session.skipped[0]?.message).toContain('amount');
  });

  it('returns validation with every provider\'s reason when none can take the order', async () => {
    const { gateway, tried } = gatewayWith(
      { juspay_main: juspayEntry, short_ids: { type: 'fake', maxOrderIdLength: 10 }, inr_only: { type: 'fake', currencies: ['INR'] } },
      ['juspay_main', 'short_ids', 'inr_only'],
    );
    const error = (await gateway.createOrder({ ...order, orderId: 'a_much_longer_order_id_123', currency: 'USD' }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'validation', provider: 'payroute', retryable: false });
    expect(error.fields).toEqual([
      { path: 'orderId', message: 'juspay_main: Juspay takes at most 20 characters' },
      { path: 'orderId', message: 'short_ids: too long for fake' },
      { path: 'currency', message: 'inr_only: USD is not among the currencies configured for inr_only' },
    ]);
    expect(error.skipped?.map((s) => s.provider)).toEqual(['juspay_main', 'short_ids', 'inr_only']);
    expect(error.attempts).toBeUndefined();
    expect(tried()).toEqual([]);
  });

  it('rejects an order that breaks the canonical rules once, as payroute, before routing', async () => {
    const { gateway, tried } = gatewayWith({ a: { type: 'fake' } }, ['a']);
    const error = (await gateway.createOrder({ ...order, amount: 10.5 }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'validation', provider: 'payroute', fields: [{ path: 'amount' }] });
    expect(tried()).toEqual([]);
  });
});
