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
