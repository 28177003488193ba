import { z } from 'zod';
import { onFirstUse } from '../lazy-schema.js';
import type { LedgerDefaults } from './params.js';

/** A day: long enough for every retry of a checkout, short enough to forget. */
export const DEFAULT_TTL_SECONDS = 86_400;
/** Three default call deadlines (10 s): a live owner keeps its claim, a dead one loses it soon. */
export const DEFAULT_LEASE_MS = 30_000;
/** A store call slower than this is `ledger_unavailable`. */
export const DEFAULT_LEDGER_TIMEOUT_MS = 1_000;

/** The options both ledgers take; checked when the ledger is made. */
export const ledgerSettingsSchema = onFirstUse(() => ({
  ttlSeconds: z.number().positive('must be above 0').max(31_536_000, 'must be at most a year').optional(),
  leaseMs: z.number().int('must be a whole number').min(1).max(3_600_000, 'must be at most an hour').optional(),
  timeoutMs: z.number().int('must be a whole number').min(1).max(60_000, 'must be at most a minute').optional(),
}));

export interface LedgerSettings {
  readonly ttlSeconds?: number | undefined;
  readonly leaseMs?: number | undefined;
  readonly timeoutMs?: number | undefined;
}

/** The settings with their defaults; the lease is capped by the time to live, so a live claim is never forgotten. */
export function ledgerDefaults(settings: LedgerSettings): LedgerDefaults {
  const ttlMs = Math.max(1, Math.round((settings.ttlSeconds ?? DEFAULT_TTL_SECONDS) * 1000));
  return {
    ttlMs,
    leaseMs: Math.min(settings.leaseMs ?? DEFAULT_LEASE_MS, ttlMs),
    timeoutMs: settings.timeoutMs ?? DEFAULT_LEDGER_TIMEOUT_MS,
  };
}
