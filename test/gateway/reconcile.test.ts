import { describe, expect, it } from 'vitest';
import type { FallbackEvent, ReconcileEvent } from '../../src/index.js';
import { failure, fakeGateway, order } from './fakes.js';

/** A gateway over fakes a, b, c that records its look-ups and fallbacks. */
function recordingGateway(overrides: Parameters<typeof fakeGateway>[0] = {}) {
  const reconciles: ReconcileEvent[] = [];
  const fallbacks: FallbackEvent[] = [];
  const fakes = fakeGateway(overrides, { hooks: { onReconcile: (e) => reconciles.push(e), onFallback: (e) => fallbacks.push(e) } });
  return { ...fakes, reconciles, fallbacks };
}

const reset = () => failure('network', { orderMayExist: true, providerCode: 'ECONNRESET' });

describe('reconciliation after an ambiguous failure', () => {
  it('created, then the connection reset: the look-up finds the order, which is the session; nothing at the backup', async () => {
    const { gateway, script, tried, held, reconciles } = recordingGateway();
    script('a', { createdThen: reset() });
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'a', orderId: 'ord_1', providerOrderId: 'a-ord_1', checkoutUrl: 'https://pay.example/a/ord_1', reconciled: true, duplicateRisk: [] });
    expect(session.attempts.map((a) => [a.provider, a.error.kind, a.reconciliation])).toEqual([['a', 'network', 'found']]);
    expect(tried()).toEqual(['a']);
    expect(held('b')).toEqual([]);
    expect(reconciles).toEqual([
      { provider: 'a', orderId: 'ord_1', sentOrderId: 'ord_1', outcome: 'found', after: 'network', status: 'created', durationMs: expect.any(Number) as number },
    ]);
  });

  it('not found: nothing was created, so it retries there and then falls back as before, with no duplicate risk', async () => {
    const { gateway, script, tried, fallbacks } = recordingGateway();
    script('a', reset(), reset());
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'b', duplicateRisk: [] });
    expect(session.reconciled).toBeUndefined();
    expect(session.attempts.map((a) => a.reconciliation)).toEqual(['not_found', 'not_found']);
    expect(tried()).toEqual(['a', 'a', 'b']);
    expect(fallbacks).toEqual([expect.objectContaining({ provider: 'a', next: 'b', orderMayExist: false })]);
  });

  it('the look-up failing too: by default the order ends (failing closed), retryable, nothing sent to the backup', async () => {
    const { gateway, script, scriptLookups, tried, fallbacks } = recordingGateway();
    script('a', { createdThen: reset() }, reset());
    scriptLookups('a', failure('timeout'), failure('timeout'));
    const error = (await gateway.createOrder(order))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'network', provider: 'a', orderMayExist: true, retryable: true });
    expect(error.message).toContain('could not be asked');
    expect(error.message).toContain('its look-up failed too (timeout)');
    expect(error.attempts?.map((a) => [a.provider, a.reconciliation])).toEqual([
      ['a', 'lookup_failed'],
      ['a', 'lookup_failed'],
    ]);
    expect(tried()).toEqual(['a', 'a']);
    expect(fallbacks).toEqual([]);
  });

  it('the same order sent again once the look-up works: the ledger names a, whose look-up finds the order the failed call created; nothing sent', async () => {
    const { gateway, script, scriptLookups, tried, lookups } = recordingGateway({ retry: { maxAttempts: 1 } });
    script('a', { createdThen: reset() });
    scriptLookups('a', failure('timeout'));
    (await gateway.createOrder(order))._unsafeUnwrapErr();
    const again = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(again).toMatchObject({ provider: 'a', providerOrderId: 'a-ord_1', replayed: true, reconciled: true });
    expect(tried()).toEqual(['a']);
    expect(lookups.map((l) => l.provider)).toEqual(['a', 'a']);
  });

  it("the look-up failing too, with ambiguous: 'fallback': created at the backup, the primary named in duplicateRisk", async () => {
    const { gateway, script, scriptLookups, tried, fallbacks } = recordingGateway({ ambiguous: 'fallback' });
    script('a', { createdThen: reset() }, reset());
    scriptLookups('a', failure('timeout'), failure('timeout'));
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'b', duplicateRisk: ['a'] });
    expect(tried()).toEqual(['a', 'a', 'b']);
    expect(fallbacks).toEqual([expect.objectContaining({ provider: 'a', next: 'b', orderMayExist: true })]);
  });

  it('a provider without getOrder keeps the old behaviour: it falls back, and the session names it in duplicateRisk', async () => {
    const { gateway, script, tried, lookups } = recordingGateway({ providers: { a: { type: 'fake', lookups: false }, b: { type: 'fake' }, c: { type: 'fake' } } });
    script('a', { createdThen: reset() }, reset());
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'b', duplicateRisk: ['a'] });
    expect(session.attempts.map((a) => a.reconciliation)).toEqual([undefined, undefined]);
    expect(tried()).toEqual(['a', 'a', 'b']);
    expect(lookups).toEqual([]);
  });

  it('a failure after which nothing can exist (503) is not looked up', async () => {
    const { gateway, script, lookups } = recordingGateway();
    script('a', failure('provider_unavailable'));
    expect((await gateway.createOrder(order))._unsafeUnwrap()).toMatchObject({ provider: 'b', duplicateRisk: [] });
    expect(lookups).toEqual([]);
  });
});

describe('idempotent createOrder', () => {
  it('duplicate_order with the same amount and currency: the existing checkout, replayed', async () => {
    const { gateway, script, record } = recordingGateway();
    record('a', order);
    script('a', failure('duplicate_order'));
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'a', orderId: 'ord_1', providerOrderId: 'a-ord_1', replayed: true, duplicateRisk: [] });
    expect(session.reconciled).toBeUndefined();
    expect(session.attempts.map((a) => [a.error.kind, a.reconciliation])).toEqual([['duplicate_order', 'found']]);
  });

  it('an order id reused for another amount: duplicate_order saying so, and no order elsewhere', async () => {
    const { gateway, script, record, tried } = recordingGateway();
    record('a', { ...order, amount: 25_000 });
    script('a', failure('duplicate_order'));
    const error = (await gateway.createOrder(order))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'duplicate_order', provider: 'a', retryable: false });
    expect(error.message).toBe('order id "ord_1" was reused for a different order: a holds it for 250.00 INR, not 100.00 INR; give the new order a new order id');
    expect(error.attempts?.map((a) => a.reconciliation)).toEqual(['different_order']);
    expect(tried()).toEqual(['a']);
  });

  it('an order id reused for another currency: duplicate_order', async () => {
    const { gateway, script, record } = recordingGateway();
    record('a', { ...order, currency: 'USD' });
    script('a', failure('duplicate_order'));
    const error = (await gateway.createOrder(order))._unsafeUnwrapErr();
    expect(error.message).toContain('was reused for a different order: a holds it for 100.00 USD, not 100.00 INR');
  });

  it('duplicate_order that the look-up cannot confirm stays duplicate_order, as before', async () => {
    const { gateway, script, scriptLookups } = recordingGateway();
    script('a', failure('duplicate_order'));
    scriptLookups('a', failure('timeout'));
    expect((await gateway.createOrder(order))._unsafeUnwrapErr()).toMatchObject({ kind: 'duplicate_order', provider: 'a' });
  });
});
