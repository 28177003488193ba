/*
 * A ledger that keeps nothing, for measurement only (bench/ledger-cpu.ts, bench/fleet.ts): every claim
 * is granted, every write accepted, nothing is ever read back. It is the gateway without the
 * guarantee, the baseline a real ledger's cost is measured against; the library has no such ledger.
 */
import { okAsync } from 'neverthrow';
import type { LedgerRecord, OrderLedger } from '../src/index.js';

const EPOCH = new Date(0).toISOString();

export function noopLedger(): OrderLedger {
  const record = (orderId: string): LedgerRecord => ({
    orderId,
    fingerprint: '-',
    owner: '-',
    version: 1,
    state: 'in_flight',
    leaseExpiresAt: EPOCH,
    attempts: [],
    createdAt: EPOCH,
    updatedAt: EPOCH,
    expiresAt: EPOCH,
  });
  const accepted = (orderId: string) => okAsync({ state: 'accepted' as const, record: record(orderId) });
  return {
    claim: (orderId) => okAsync({ state: 'claimed' as const, record: record(orderId) }),
    recordAttempt: accepted,
    renew: accepted,
    complete: accepted,
    release: accepted,
    read: () => okAsync(undefined),
  };
}
