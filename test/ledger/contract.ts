/**
 * The behaviour every OrderLedger must have, run against memoryLedger and redisLedger alike. `make`
 * builds a fresh, empty ledger; waits poll for a state (a lease or a TTL passing), never assert a duration.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gatewayError, isGatewayError, providersThatMayHold, restoreSession, storeSession } from '../../providers/entries/index.js';
import type { ClaimOutcome, LedgerRecord, LedgerSession, OrderLedger } from '../../providers/entries/index.js';
import { fingerprint, otherFingerprint } from './fixtures.js';

export type MakeLedger = (settings?: { ttlSeconds?: number; leaseMs?: number }) => OrderLedger;


export const session: LedgerSession = {
  provider: 'juspay',
  orderId: 'ord_1',
  providerOrderId: 'jus_123',
  status: 'created',
  providerStatus: 'CREATED',
  checkoutUrl: 'https://pay.example/ord_1',
  links: { web: 'https://pay.example/ord_1' },
  clientAuthToken: 'tkn_1',
  clientAuthTokenExpiresAt: new Date('2026-11-24T10:00:00.000Z'),
  createdAt: new Date('2026-11-23T10:00:00.000Z'),
  raw: { id: 'jus_123', amount: 12345678901234567, nested: { list: [1, 'two', null] } },
  attempts: [{ provider: 'flowwise', durationMs: 12, error: gatewayError({ kind: 'network', provider: 'flowwise', retryable: true, message: 'reset' }) }],
};

const failure = gatewayError({ kind: 'all_providers_failed', provider: 'payroute', retryable: true, message: 'every provider refused' });

export const owner = () => randomUUID();
export const orderId = () => `ord_${randomUUID().slice(0, 8)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Repeats `step` until `done` holds for its answer (bounded: 10 s of tries), returning that answer. */
export async function until<T>(step: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await step();
    if (done(value)) return value;
    await sleep(20);
  }
  throw new Error('the state was never reached');
}

/** Waits until a record's lease is over by the local clock (the store's clock, on this machine). */
export const leaseOver = (record: LedgerRecord) => until(async () => Date.now(), (now) => now > Date.parse(record.leaseExpiresAt) + 2);

async function claimed(ledger: OrderLedger, id: string, who = owner(), leaseMs?: number) {
  const outcome = (await ledger.claim(id, { fingerprint, owner: who, ...(leaseMs ? { leaseMs } : {}) }))._unsafeUnwrap();
  expect(outcome.state).toBe('claimed');
  return { owner: who, record: outcome.record };
}

export function ledgerContract(name: string, make: MakeLedger): void {
  describe(`${name}: the OrderLedger contract`, () => {
    it('gives the first claim the order, version 1, with its first attempt recorded in the same step', async () => {
      const ledger = make();
      const id = orderId();
      const who = owner();
      const outcome = (await ledger.claim(id, { fingerprint, owner: who, attempt: { provider: 'juspay', mayExist: true } }))._unsafeUnwrap();
      expect(outcome).toMatchObject({ state: 'claimed', record: { orderId: id, fingerprint, owner: who, version: 1, state: 'in_flight' } });
      expect(outcome.record.attempts).toEqual([{ provider: 'juspay', mayExist: true, at: expect.any(String) }]);
      expect(Date.parse(outcome.record.leaseExpiresAt)).toBeGreaterThan(Date.parse(outcome.record.createdAt));
      expect((await ledger.read(id))._unsafeUnwrap()).toEqual(outcome.record);
    });

    it('answers in_flight to another owner while the lease is live, and claimed again to the same owner', async () => {
      const ledger = make();
      const id = orderId();
      const first = await claimed(ledger, id);
      const other = (await ledger.claim(id, { fingerprint, owner: owner() }))._unsafeUnwrap();
      expect(other).toEqual({ state: 'in_flight', record: first.record });
      const again = (await ledger.claim(id, { fingerprint, owner: first.owner }))._unsafeUnwrap();
      expect(again).toEqual({ state: 'claimed', record: first.record });
    });

    it('stores the session on complete; later claims get it back (dates restored), and a repeat complete keeps the first', async () => {
      const ledger = make();
      const id = orderId();
      const { owner: who, record } = await claimed(ledger, id);
      const done = (await ledger.complete(id, { owner: who, version: record.version, session: storeSession(session) }))._unsafeUnwrap();
      expect(done).toMatchObject({ state: 'accepted', record: { state: 'completed', session: storeSession(session) } });
      const repeat = (await ledger.complete(id, { owner: who, version: record.version, session: storeSession({ ...session, checkoutUrl: 'https://other' }) }))._unsafeUnwrap();
      expect(repeat.state).toBe('accepted');
      const later: ClaimOutcome = (await ledger.claim(id, { fingerprint, owner: owner() }))._unsafeUnwrap();
      expect(later.state).toBe('completed');
      if (later.state !== 'completed') return;
      const restored = restoreSession(later.record.session);
      expect(restored).toEqual(session);
      expect(restored.clientAuthTokenExpiresAt).toBeInstanceOf(Date);
      expect(isGatewayError(restored.attempts?.[0]?.error)).toBe(true);
    });

    it('answers fingerprint_mismatch to an order id reused for a different order, in flight or completed', async () => {
      const ledger = make();
      const id = orderId();
      const { owner: who, record } = await claimed(ledger, id);
      expect((await ledger.claim(id, { fingerprint: otherFingerprint, owner: owner() }))._unsafeUnwrap()).toEqual({ state: 'fingerprint_mismatch', record });
      await ledger.complete(id, { owner: who, version: 1, session: storeSession(session) });
      expect((await ledger.claim(id, { fingerprint: otherFingerprint, owner: who }))._unsafeUnwrap().state).toBe('fingerprint_mismatch');
    });

    it('hands an expired lease to the next claim (version 2, the dead owner\'s attempts kept) and fences the old owner out', async () => {
      const ledger = make();
      const id = orderId();
      const dead = await claimed(ledger, id, owner(), 50);
      const attempt = (await ledger.recordAttempt(id, { owner: dead.owner, version: 1, provider: 'juspay', mayExist: true }))._unsafeUnwrap();
      expect(attempt.state).toBe('accepted');
      const heir = owner();
      const takeover = await until(
        async () => (await ledger.claim(id, { fingerprint, owner: heir }))._unsafeUnwrap(),
        (outcome) => outcome.state === 'claimed',
      );
      expect(takeover.record).toMatchObject({ owner: heir, version: 2, state: 'in_flight' });
      expect(providersThatMayHold(takeover.record)).toEqual(['juspay']);

      const fence = { owner: dead.owner, version: 1 };
      for (const refused of [
        await ledger.recordAttempt(id, { ...fence, provider: 'flowwise', mayExist: true }),
        await ledger.renew(id, fence),
        await ledger.complete(id, { ...fence, session: storeSession(session) }),
        await ledger.release(id, { ...fence, outcome: failure }),
      ]) {
        expect(refused._unsafeUnwrap()).toMatchObject({ state: 'stale_owner', record: { owner: heir, version: 2 } });
      }
      // The heir's own version is the only one that counts; an old version of the heir's token is refused too.
      expect((await ledger.complete(id, { owner: heir, version: 1, session: storeSession(session) }))._unsafeUnwrap().state).toBe('stale_owner');
      expect((await ledger.complete(id, { owner: heir, version: 2, session: storeSession(session) }))._unsafeUnwrap().state).toBe('accepted');
      expect((await ledger.read(id))._unsafeUnwrap()).toMatchObject({ owner: heir, state: 'completed', attempts: [{ provider: 'juspay' }] });
    });

    it('gives an owner whose own lease ran out a new version and lease when it claims again', async () => {
      const ledger = make();
      const id = orderId();
      const first = await claimed(ledger, id, owner(), 30);
      await leaseOver(first.record);
      const again = (await ledger.claim(id, { fingerprint, owner: first.owner }))._unsafeUnwrap();
      expect(again).toMatchObject({ state: 'claimed', record: { owner: first.owner, version: 2 } });
      expect(Date.parse(again.record.leaseExpiresAt)).toBeGreaterThan(Date.now());
    });

    it('refuses new attempts and renewals once the lease is over, but still accepts the owner\'s complete if nobody took over', async () => {
      const ledger = make();
      const id = orderId();
      const { owner: who, record } = await claimed(ledger, id, owner(), 30);
      await leaseOver(record);
      expect((await ledger.recordAttempt(id, { owner: who, version: 1, provider: 'juspay', mayExist: true }))._unsafeUnwrap().state).toBe('stale_owner');
      expect((await ledger.renew(id, { owner: who, version: 1 }))._unsafeUnwrap().state).toBe('stale_owner');
      expect((await ledger.complete(id, { owner: who, version: 1, session: storeSession(session) }))._unsafeUnwrap().state).toBe('accepted');
    });

    it("answers each write with the record as that write left it, even when it is read after later writes", async () => {
      const ledger = make();
      const id = orderId();
      const { owner: who } = await claimed(ledger, id);
      const fence = { owner: who, version: 1 };
      const juspay = (await ledger.recordAttempt(id, { ...fence, provider: 'juspay', mayExist: true }))._unsafeUnwrap();
      const flowwise = (await ledger.recordAttempt(id, { ...fence, provider: 'flowwise', mayExist: true }))._unsafeUnwrap();
      const done = (await ledger.complete(id, { ...fence, session: storeSession(session) }))._unsafeUnwrap();
      const read = (await ledger.read(id))._unsafeUnwrap();
      expect(juspay.record?.attempts.map((a) => a.provider)).toEqual(['juspay']);
      expect(flowwise.record?.attempts.map((a) => a.provider)).toEqual(['juspay', 'flowwise']);
      expect(flowwise.record).toMatchObject({ state: 'in_flight', owner: who, version: 1 });
      expect(flowwise.record?.session).toBeUndefined();
      expect(done.record).toEqual(read);
      // A reader's change to its copy changes nothing another reads.
      (done.record?.session as { providerOrderId: string }).providerOrderId = 'changed';
      expect((await ledger.read(id))._unsafeUnwrap()?.session?.providerOrderId).toBe(session.providerOrderId);
    });

    it('records attempts in order; the latest entry for a provider says whether the order may exist there', async () => {
      const ledger = make();
      const id = orderId();
      const { owner: who } = await claimed(ledger, id);
      const fence = { owner: who, version: 1 };
      await ledger.recordAttempt(id, { ...fence, provider: 'juspay', mayExist: true });
      await ledger.recordAttempt(id, { ...fence, provider: 'juspay', mayExist: false });
      const last = (await ledger.recordAttempt(id, { ...fence, provider: 'flowwise', mayExist: true }))._unsafeUnwrap();
      expect(last.state === 'accepted' && last.record.attempts.map((a) => [a.provider, a.mayExist])).toEqual([
        ['juspay', true],
        ['juspay', false],
        ['flowwise', true],
      ]);
      expect(providersThatMayHold(last.record!)).toEqual(['flowwise']);
    });

    it('extends a lease with renew', async () => {
      const ledger = make();
      const id = orderId();
      const { owner: who, record } = await claimed(ledger, id, owner(), 1_000);
      const renewed = (await ledger.renew(id, { owner: who, version: 1, leaseMs: 60_000 }))._unsafeUnwrap();
      expect(renewed.state).toBe('accepted');
      expect(Date.parse(renewed.record!.leaseExpiresAt)).toBeGreaterThan(Date.parse(record.leaseExpiresAt));
    });

    it('keeps the outcome of a release for readers; the next claim takes the order over and clears it', async () => {
      const ledger = make();
      const id = orderId();
      const { owner: who } = await claimed(ledger, id);
      await ledger.recordAttempt(id, { owner: who, version: 1, provider: 'juspay', mayExist: false });
      const released = (await ledger.release(id, { owner: who, version: 1, outcome: failure }))._unsafeUnwrap();
      expect(released).toMatchObject({ state: 'accepted', record: { state: 'released', outcome: failure } });
      const read = (await ledger.read(id))._unsafeUnwrap();
      expect(isGatewayError(read?.outcome)).toBe(true);
      expect((await ledger.complete(id, { owner: who, version: 1, session: storeSession(session) }))._unsafeUnwrap().state).toBe('stale_owner');
      const next = (await ledger.claim(id, { fingerprint, owner: owner() }))._unsafeUnwrap();
      expect(next).toMatchObject({ state: 'claimed', record: { version: 2, state: 'in_flight', attempts: [{ provider: 'juspay', mayExist: false }] } });
      expect(next.record.outcome).toBeUndefined();
    });

    it('forgets a record once its time to live has passed; the order id can then be claimed afresh', async () => {
      const ledger = make({ ttlSeconds: 0.2, leaseMs: 100 });
      const id = orderId();
      const { owner: who } = await claimed(ledger, id);
      await ledger.complete(id, { owner: who, version: 1, session: storeSession(session) });
      await until(async () => (await ledger.read(id))._unsafeUnwrap(), (record) => record === undefined);
      const fresh = (await ledger.claim(id, { fingerprint: otherFingerprint, owner: owner() }))._unsafeUnwrap();
      expect(fresh).toMatchObject({ state: 'claimed', record: { version: 1, attempts: [] } });
    });

    it('lets exactly one of many concurrent claims win each order', async () => {
      const ledger = make();
      const ids = Array.from({ length: 20 }, orderId);
      const outcomes = await Promise.all(ids.flatMap((id) => Array.from({ length: 10 }, () => ledger.claim(id, { fingerprint, owner: owner() }))));
      for (const id of ids) {
        const forId = outcomes.map((r) => r._unsafeUnwrap()).filter((o) => o.record.orderId === id);
        expect(forId.filter((o) => o.state === 'claimed')).toHaveLength(1);
        expect(forId.filter((o) => o.state === 'in_flight')).toHaveLength(9);
        expect(new Set(forId.map((o) => o.record.owner)).size).toBe(1);
      }
    });

    it('answers stale_owner without a record for an order nobody claimed, and undefined to read', async () => {
      const ledger = make();
      const id = orderId();
      expect((await ledger.read(id))._unsafeUnwrap()).toBeUndefined();
      expect((await ledger.complete(id, { owner: owner(), version: 1, session: storeSession(session) }))._unsafeUnwrap()).toEqual({ state: 'stale_owner' });
    });

    it('refuses bad arguments with invalid_input naming the field, before touching the store, and never throws', async () => {
      const ledger = make({ ttlSeconds: 60 });
      const id = orderId();
      const cases = [
        [await ledger.claim('', { fingerprint, owner: owner() }), 'orderId'],
        [await ledger.claim(id, { fingerprint: '', owner: owner() }), 'fingerprint'],
        [await ledger.claim(id, { fingerprint, owner: '' }), 'owner'],
        [await ledger.claim(id, { fingerprint, owner: owner(), leaseMs: 61_000 }), 'leaseMs'],
        [await ledger.claim(id, { fingerprint, owner: owner(), timeoutMs: 0 }), 'timeoutMs'],
        [await ledger.claim(id, { fingerprint, owner: owner(), attempt: { provider: '', mayExist: true } }), 'provider'],
        [await ledger.recordAttempt(id, { owner: owner(), version: 0, provider: 'juspay', mayExist: true }), 'version'],
        [await ledger.complete(id, { owner: owner(), version: 1, session: { ...storeSession(session), raw: { big: 1n } } }), 'session'],
        [await ledger.complete(id, { owner: owner(), version: 1, session: 'a session' as never }), 'session'],
        [await ledger.complete(id, { owner: owner(), version: 1, session: [storeSession(session)] as never }), 'session'],
        [await ledger.release(id, { owner: owner(), version: 1, outcome: null as never }), 'outcome'],
      ] as const;
      for (const [result, field] of cases) expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid_input', field, retryable: false });
      expect((await ledger.read(id))._unsafeUnwrap()).toBeUndefined();
    });
  });
}
