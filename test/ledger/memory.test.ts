import { describe, expect, it } from 'vitest';
import { memoryLedger, PayrouteConfigError } from '../../providers/entries/index.js';
import { ledgerContract, owner } from './contract.js';
import { fingerprint } from './fixtures.js';

ledgerContract('memoryLedger', (settings) => memoryLedger(settings));

describe('memoryLedger', () => {
  it('drops the least recently written record past maxRecords', async () => {
    const ledger = memoryLedger({ maxRecords: 2 });
    for (const id of ['a', 'b', 'c']) await ledger.claim(id, { fingerprint, owner: owner() });
    expect((await ledger.read('a'))._unsafeUnwrap()).toBeUndefined();
    expect((await ledger.read('b'))._unsafeUnwrap()?.orderId).toBe('b');
    expect((await ledger.read('c'))._unsafeUnwrap()?.orderId).toBe('c');
  });

  it('counts a record as written when it was last written: a completed order outlives one claimed after it', async () => {
    const ledger = memoryLedger({ maxRecords: 2 });
    const first = owner();
    await ledger.claim('a', { fingerprint, owner: first });
    await ledger.claim('b', { fingerprint, owner: owner() });
    const session = { provider: 'juspay', orderId: 'a', providerOrderId: 'p', status: 'created', providerStatus: 'NEW', checkoutUrl: 'https://pay.example/a', links: { web: 'https://pay.example/a' }, raw: {} } as const;
    expect((await ledger.complete('a', { owner: first, version: 1, session }))._unsafeUnwrap().state).toBe('accepted');
    await ledger.claim('c', { fingerprint, owner: owner() });
    expect((await ledger.read('a'))._unsafeUnwrap()?.state).toBe('completed');
    expect((await ledger.read('b'))._unsafeUnwrap()).toBeUndefined();
    expect((await ledger.read('c'))._unsafeUnwrap()?.orderId).toBe('c');
  });

  it('keeps at most maxRecords however many orders pass through it', async () => {
    const ledger = memoryLedger({ maxRecords: 100 });
    for (let i = 0; i < 5_000; i++) await ledger.claim(`order-${i}`, { fingerprint, owner: owner() });
    const kept = await Promise.all(Array.from({ length: 5_000 }, (_, i) => ledger.read(`order-${i}`)));
    const live = kept.map((read, i) => (read._unsafeUnwrap() ? i : -1)).filter((i) => i >= 0);
    expect(live).toEqual(Array.from({ length: 100 }, (_, i) => 4_900 + i));
  });

  it('throws PayrouteConfigError for invalid options, naming them', () => {
    expect(() => memoryLedger({ ttlSeconds: 0, maxRecords: 1.5 })).toThrow(PayrouteConfigError);
    expect(() => memoryLedger({ ttlSeconds: 0 })).toThrow(/ttlSeconds/);
  });

  it('leaves no timer or handle behind', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const ledger = memoryLedger({ ttlSeconds: 1 });
    await ledger.claim('timers', { fingerprint, owner: owner() });
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before);
  });
});
