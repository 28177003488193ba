import { errAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import {
  memoryLedger,
  orderFingerprint,
  providersThatMayHold,
  storeSession,
  type GatewayOptions,
  type LedgerErrorEvent,
  type OrderLedger,
} from '../../src/index.js';
import { failure, fakeGateway, order } from './fakes.js';

const reset = () => failure('network', { orderMayExist: true, providerCode: 'ECONNRESET' });
const fingerprint = orderFingerprint(order);
const unavailable = (operation: 'claim' | 'recordAttempt' | 'complete') =>
  errAsync({ kind: 'ledger_unavailable' as const, operation, retryable: true as const, message: `ledger ${operation}: the store failed (Error ECONNREFUSED)` });

/** A gateway over fakes a, b, c with its own memory ledger, which the test can also call as another owner would. */
function ledgerGateway(overrides: Parameters<typeof fakeGateway>[0] = {}, options: GatewayOptions = {}) {
  const ledger = options.ledger ?? memoryLedger();
  const ledgerErrors: LedgerErrorEvent[] = [];
  const fakes = fakeGateway(overrides, { ...options, ledger, hooks: { onLedgerError: (e) => ledgerErrors.push(e), ...options.hooks } });
  return { ...fakes, ledger, ledgerErrors };
}

/** Another owner's claim of `order`, as another instance (or one that died) would have made. */
async function claimElsewhere(ledger: OrderLedger, leaseMs: number, attempt?: { provider: string; mayExist: boolean }) {
  const claim = (await ledger.claim(order.orderId, { fingerprint, owner: 'other-instance', leaseMs, ...(attempt && { attempt }) }))._unsafeUnwrap();
  expect(claim.state).toBe('claimed');
  return { owner: 'other-instance', version: claim.record.version };
}

describe('the gateway with its default memory ledger, in one process', () => {
  it('concurrent identical createOrder calls: one provider call, the same checkout in every result, the later ones replayed', async () => {
    const { gateway, tried } = fakeGateway();
    const results = await Promise.all([1, 2, 3].map(() => gateway.createOrder(order)));
    const sessions = results.map((r) => r._unsafeUnwrap());
    expect(tried()).toEqual(['a']);
    expect(new Set(sessions.map((s) => s.checkoutUrl))).toEqual(new Set(['https://pay.example/a/ord_1']));
    expect(sessions.filter((s) => s.replayed)).toHaveLength(2);
  });

  it('the same order again after it was created: the stored session, replayed, without calling a provider', async () => {
    const { gateway, tried, lookups } = fakeGateway();
    const first = (await gateway.createOrder(order))._unsafeUnwrap();
    const again = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(again).toEqual({ ...first, replayed: true });
    expect(tried()).toEqual(['a']);
    expect(lookups).toEqual([]);
  });

  it('the same order id for a different order: duplicate_order saying the id was reused, nothing sent', async () => {
    const { gateway, tried } = fakeGateway();
    (await gateway.createOrder(order))._unsafeUnwrap();
    const error = (await gateway.createOrder({ ...order, amount: 20_000 }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'duplicate_order', provider: 'payroute', retryable: false });
    expect(error.message).toContain('was reused for a different order');
    expect(tried()).toEqual(['a']);
  });
});

describe('an order another owner holds', () => {
  it('waits for its outcome and returns its session, replayed, sending nothing', async () => {
    const { gateway, ledger, tried } = ledgerGateway();
    const fence = await claimElsewhere(ledger, 60_000, { provider: 'b', mayExist: true });
    const waiting = gateway.createOrder(order);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const stored = { provider: 'b', orderId: order.orderId, providerOrderId: 'b-1', status: 'created', providerStatus: 'CREATED', checkoutUrl: 'https://pay.example/b/1', links: {}, raw: {} } as const;
    (await ledger.complete(order.orderId, { ...fence, session: storeSession(stored) }))._unsafeUnwrap();
    expect((await waiting)._unsafeUnwrap()).toMatchObject({ provider: 'b', checkoutUrl: 'https://pay.example/b/1', replayed: true });
    expect(tried()).toEqual([]);
  });

  it('waits for its outcome and returns the same failure when it gave the order up', async () => {
    const { gateway, ledger, tried } = ledgerGateway();
    const fence = await claimElsewhere(ledger, 60_000);
    const waiting = gateway.createOrder(order);
    await new Promise((resolve) => setTimeout(resolve, 30));
    (await ledger.release(order.orderId, { ...fence, outcome: failure('invalid_request', { provider: 'a', message: 'refused' }) }))._unsafeUnwrap();
    expect((await waiting)._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid_request', provider: 'a', message: 'refused' });
    expect(tried()).toEqual([]);
  });

  it('past this call\'s deadline: in_progress, retryable, nothing sent', async () => {
    const { gateway, ledger, tried } = ledgerGateway({ retry: { deadlineMs: 100 } });
    await claimElsewhere(ledger, 60_000);
    const error = (await gateway.createOrder(order))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'in_progress', provider: 'payroute', retryable: true });
    expect(tried()).toEqual([]);
  });

  it('an owner that died: its lease ends, this call takes over and finds the order where the ledger says it tried', async () => {
    const { gateway, ledger, tried, lookups, record } = ledgerGateway();
    await claimElsewhere(ledger, 50, { provider: 'a', mayExist: true });
    record('a', order); // the dead owner's request reached a
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'a', providerOrderId: 'a-ord_1', reconciled: true, replayed: true });
    expect(tried()).toEqual([]);
    expect(lookups.map((l) => l.provider)).toEqual(['a']);
  });

  it('an owner that died before its request created anything: the look-up finds nothing, and the order is created once', async () => {
    const { gateway, ledger, tried, lookups } = ledgerGateway();
    await claimElsewhere(ledger, 50, { provider: 'b', mayExist: true });
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'a', duplicateRisk: [] });
    expect(lookups.map((l) => l.provider)).toEqual(['b']);
    expect(tried()).toEqual(['a']);
  });
});

describe('reconciling from the ledger', () => {
  it("looks the order up at a primary whose circuit is open, rather than creating it at the backup", async () => {
    const { gateway, script, scriptLookups, tried, held } = ledgerGateway({ retry: { maxAttempts: 1 }, circuitBreaker: { policy: 'consecutive', failures: 1 } });
    script('a', { createdThen: reset() });
    scriptLookups('a', failure('timeout'));
    expect((await gateway.createOrder(order))._unsafeUnwrapErr()).toMatchObject({ provider: 'a', orderMayExist: true });
    expect(gateway.health().find((h) => h.provider === 'a')?.circuit).toBe('open');
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'a', reconciled: true, replayed: true });
    expect(tried()).toEqual(['a']);
    expect(held('b')).toEqual([]);
  });

  it('records each provider before it is sent, and marks those that certainly hold nothing when the order fails', async () => {
    const ledger = memoryLedger();
    const recordedAfter: Array<[string, string[]]> = [];
    let triedSoFar = (): string[] => [];
    const recording: OrderLedger = {
      ...ledger,
      recordAttempt: (id, params) => {
        if (params.mayExist) recordedAfter.push([params.provider, triedSoFar()]);
        return ledger.recordAttempt(id, params);
      },
    };
    const { gateway, script, tried, lookups } = ledgerGateway({}, { ledger: recording });
    triedSoFar = tried;
    script('a', failure('provider_unavailable'));
    script('b', failure('provider_unavailable'));
    script('c', failure('invalid_request'));
    expect((await gateway.createOrder(order))._unsafeUnwrapErr().kind).toBe('invalid_request');
    // a went with the claim; b and c were recorded before their first request.
    expect(recordedAfter).toEqual([
      ['b', ['a']],
      ['c', ['a', 'b']],
    ]);
    const record = (await ledger.read(order.orderId))._unsafeUnwrap();
    expect(record?.state).toBe('released');
    expect(providersThatMayHold(record!)).toEqual([]);
    // Released with nothing payable anywhere: sent again, it is routed afresh, with no look-up.
    expect((await gateway.createOrder(order))._unsafeUnwrap().provider).toBe('a');
    expect(lookups).toEqual([]);
  });

  it('a failure that may have left an order keeps that provider in the record, for the next call to ask', async () => {
    const { gateway, ledger, script, scriptLookups } = ledgerGateway({ retry: { maxAttempts: 1 } });
    script('a', { createdThen: reset() });
    scriptLookups('a', failure('timeout'));
    (await gateway.createOrder(order))._unsafeUnwrapErr();
    const record = (await ledger.read(order.orderId))._unsafeUnwrap();
    expect(record?.state).toBe('released');
    expect(providersThatMayHold(record!)).toEqual(['a']);
  });

  it('getOrder asks the provider the ledger names first', async () => {
    const { gateway, script, lookups } = ledgerGateway();
    script('a', failure('provider_unavailable'));
    expect((await gateway.createOrder(order))._unsafeUnwrap().provider).toBe('b');
    expect((await gateway.getOrder(order.orderId))._unsafeUnwrap().provider).toBe('b');
    expect(lookups.map((l) => l.provider)).toEqual(['b']);
  });
});

describe('a ledger that fails', () => {
  it("claim unavailable: ledger_unavailable, retryable, nothing sent (onLedgerError: 'fail', the default), reported to onLedgerError", async () => {
    const broken: OrderLedger = { ...memoryLedger(), claim: () => unavailable('claim') };
    const { gateway, tried, ledgerErrors } = ledgerGateway({}, { ledger: broken });
    const error = (await gateway.createOrder(order))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'ledger_unavailable', provider: 'payroute', retryable: true });
    expect(error.message).not.toContain('127.0.0.1');
    expect(tried()).toEqual([]);
    expect(ledgerErrors).toEqual([{ orderId: 'ord_1', operation: 'claim', reason: 'ledger_unavailable', action: 'refused' }]);
  });

  it("claim unavailable with onLedgerError: 'proceed': created without the guarantee, flagged unprotected, reported", async () => {
    const broken: OrderLedger = { ...memoryLedger(), claim: () => unavailable('claim') };
    const { gateway, tried, ledgerErrors } = ledgerGateway({}, { ledger: broken, onLedgerError: 'proceed' });
    expect((await gateway.createOrder(order))._unsafeUnwrap()).toMatchObject({ provider: 'a', unprotected: true });
    expect(tried()).toEqual(['a']);
    expect(ledgerErrors).toEqual([{ orderId: 'ord_1', operation: 'claim', reason: 'ledger_unavailable', action: 'proceeded' }]);
  });

  it('recording a fallback provider unavailable: the order stops before it is sent there', async () => {
    const broken: OrderLedger = { ...memoryLedger(), recordAttempt: () => unavailable('recordAttempt') };
    const { gateway, script, tried } = ledgerGateway({}, { ledger: broken });
    script('a', failure('provider_unavailable'));
    expect((await gateway.createOrder(order))._unsafeUnwrapErr()).toMatchObject({ kind: 'ledger_unavailable' });
    expect(tried()).toEqual(['a']);
  });

  it('complete unavailable after the order was created: the session all the same, flagged unprotected, reported', async () => {
    const broken: OrderLedger = { ...memoryLedger(), complete: () => unavailable('complete') };
    const { gateway, ledgerErrors } = ledgerGateway({}, { ledger: broken });
    expect((await gateway.createOrder(order))._unsafeUnwrap()).toMatchObject({ provider: 'a', checkoutUrl: 'https://pay.example/a/ord_1', unprotected: true });
    expect(ledgerErrors).toEqual([{ orderId: 'ord_1', operation: 'complete', reason: 'ledger_unavailable', action: 'unrecorded' }]);
  });

  it("an onLedgerError that is neither 'fail' nor 'proceed' is refused at construction", () => {
    expect(() => fakeGateway({}, { onLedgerError: 'ignore' as 'fail' })).toThrow(/onLedgerError/);
  });
});
