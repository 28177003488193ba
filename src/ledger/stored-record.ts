import { err, ok, type Result } from 'neverthrow';
import type { RoutingError } from '../gateway/routing-error.js';
import { ledgerUnavailable } from './errors.js';
import { restoreError } from './session.js';
import type { ClaimOutcome, FencedOutcome, LedgerAttempt, LedgerError, LedgerOperation, LedgerRecord, LedgerRecordState, StoredSession } from './types.js';

/** An attempt as stored: its time in milliseconds since the epoch. */
export interface StoredAttempt {
  readonly provider: string;
  readonly mayExist: boolean;
  readonly at: number;
}

/**
 * A record as a store keeps it: times in milliseconds since the epoch, the session and outcome as a
 * `Payload`: JSON text in Redis (stored as given, so the store never re-encodes a provider's payload),
 * a private copy in memory. Both ledgers decode it with `toRecord`, so they answer alike.
 */
export interface StoredRecord<Payload = string> {
  readonly fingerprint: string;
  readonly owner: string;
  readonly version: number;
  readonly state: LedgerRecordState;
  readonly leaseUntil: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly expiresAt: number;
  readonly attempts: readonly StoredAttempt[];
  readonly session?: Payload;
  readonly outcome?: Payload;
}

/** `new Date(ms).toISOString()`, cheaper. */
// Formatting dates was most of a memory ledger call's cost. One call's times fall in a few seconds (now,
// its lease, its expiry, several of them the same), so the last text and the text up to the second of the
// last few are kept, and the milliseconds appended.
const secondPrefixes = new Map<number, string>();
let lastMs = Number.NaN;
let lastText = '';
export function iso(ms: number): string {
  if (ms === lastMs) return lastText;
  const second = Math.floor(ms / 1000);
  let prefix = secondPrefixes.get(second);
  if (prefix === undefined) {
    if (secondPrefixes.size >= 16) secondPrefixes.clear();
    // "2026-12-03T14:05:09.000Z" without "000Z", whatever the year's width.
    prefix = new Date(second * 1000).toISOString().slice(0, -4);
    secondPrefixes.set(second, prefix);
  }
  const millis = ms - second * 1000;
  lastMs = ms;
  lastText = `${prefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
  return lastText;
}

/** Reads JSON text back: what a Redis record holds. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether a session or outcome is what the ledgers store: a JSON object. */
export const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The public record of a stored one, its session and outcome decoded by `decode` (a new copy each time);
 * an unreadable session or outcome, or a completed record without a session, is `ledger_unavailable`.
 * `written` is the session the caller just stored, when `stored.session` holds it: answering with it
 * saves decoding what was just encoded.
 */
export function toRecord<Payload>(
  operation: LedgerOperation,
  orderId: string,
  stored: StoredRecord<Payload>,
  decode: (payload: Payload) => unknown,
  written?: StoredSession,
): Result<LedgerRecord, LedgerError> {
  const session = written ?? (stored.session === undefined ? undefined : decode(stored.session));
  const outcome = stored.outcome === undefined ? undefined : decode(stored.outcome);
  const unreadable = (stored.session !== undefined && !isJsonObject(session)) || (stored.outcome !== undefined && !isJsonObject(outcome));
  if (unreadable || (stored.state === 'completed' && session === undefined)) {
    return err(ledgerUnavailable(operation, 'the stored record is unreadable'));
  }
  const record: { -readonly [K in keyof LedgerRecord]: LedgerRecord[K] } = {
    orderId,
    fingerprint: stored.fingerprint,
    owner: stored.owner,
    version: stored.version,
    state: stored.state,
    leaseExpiresAt: iso(stored.leaseUntil),
    attempts: stored.attempts.map(toLedgerAttempt),
    createdAt: iso(stored.createdAt),
    updatedAt: iso(stored.updatedAt),
    expiresAt: iso(stored.expiresAt),
  };
  if (session !== undefined) record.session = session as StoredSession;
  if (outcome !== undefined) record.outcome = restoreError(outcome as unknown as RoutingError);
  return ok(record);
}

const toLedgerAttempt = (attempt: StoredAttempt): LedgerAttempt => ({ provider: attempt.provider, mayExist: attempt.mayExist, at: iso(attempt.at) });

export type ClaimState = ClaimOutcome['state'];
export type FencedState = FencedOutcome['state'];

export function claimOutcome(state: ClaimState, record: LedgerRecord): ClaimOutcome {
  if (state === 'completed') return { state, record: record as Extract<ClaimOutcome, { state: 'completed' }>['record'] };
  return { state, record };
}

export function fencedOutcome(state: FencedState, record: LedgerRecord | undefined): FencedOutcome {
  if (state === 'accepted' && record) return { state, record };
  return record ? { state: 'stale_owner', record } : { state: 'stale_owner' };
}
