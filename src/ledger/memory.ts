import { errAsync, ok, okAsync, type Result, type ResultAsync } from 'neverthrow';
import { z } from 'zod';
import { parseOptions } from '../config.js';
import { checkAttempt, checkCall, checkFence, checkFingerprint, checkLease, checkOwner, serialise } from './params.js';
import { ledgerDefaults, ledgerSettingsSchema, type LedgerSettings } from './options.js';
import { claimOutcome, fencedOutcome, toRecord, type ClaimState, type StoredAttempt, type StoredRecord } from './stored-record.js';
import type { AttemptInput, Fence, FencedOutcome, LedgerError, LedgerOperation, OrderLedger } from './types.js';

/** Options of `memoryLedger`. */
export interface MemoryLedgerOptions extends LedgerSettings {
  /**
   * Most records kept (default 100,000). Past it the least recently written record is dropped, which ends
   * its guarantee as its time to live passing would: keep it above the orders one process takes in a TTL.
   */
  readonly maxRecords?: number | undefined;
}

const optionsSchema = z.strictObject({
  ...ledgerSettingsSchema,
  maxRecords: z.number().int('must be a whole number').min(1).max(10_000_000).optional(),
});

const DEFAULT_MAX_RECORDS = 100_000;

/**
 * An `OrderLedger` in this process's memory: the gateway's default. Exactly one checkout per order id
 * within one process; a fleet needs a shared store (`payroute/redis`). Records expire `ttlSeconds`
 * (default a day) after their latest write, checked when touched and swept from the oldest on each
 * write: no timer runs. Calls never wait, so `timeoutMs` is accepted and unused.
 *
 * @throws PayrouteConfigError when an option is invalid (at start-up, never per call).
 */
export function memoryLedger(options: MemoryLedgerOptions = {}): OrderLedger {
  const parsed = parseOptions('memoryLedger', optionsSchema, options);
  const defaults = ledgerDefaults(parsed);
  const maxRecords = parsed.maxRecords ?? DEFAULT_MAX_RECORDS;
  // Ordered by latest write, so the head is the next to expire and the first to evict.
  const records = new Map<string, StoredRecord>();

  const live = (orderId: string, now: number): StoredRecord | undefined => {
    const stored = records.get(orderId);
    if (stored && stored.expiresAt <= now) records.delete(orderId);
    return stored && stored.expiresAt > now ? stored : undefined;
  };

  const write = (orderId: string, stored: StoredRecord, now: number): StoredRecord => {
    records.delete(orderId);
    records.set(orderId, stored);
    for (const [id, oldest] of records) {
      if (oldest.expiresAt > now && records.size <= maxRecords) break;
      records.delete(id);
    }
    return stored;
  };

  const touched = (stored: StoredRecord, now: number, changes: Partial<StoredRecord>): StoredRecord => ({
    ...stored,
    ...changes,
    updatedAt: now,
    expiresAt: now + defaults.ttlMs,
  });

  const withAttempt = (attempts: readonly StoredAttempt[], attempt: AttemptInput | undefined, now: number) =>
    attempt ? [...attempts, { provider: attempt.provider, mayExist: attempt.mayExist, at: now }] : attempts;

  const answer = <Input, T>(check: Result<Input, LedgerError>, run: (input: Input) => Result<T, LedgerError>): ResultAsync<T, LedgerError> => {
    const result = check.andThen(run);
    return result.isOk() ? okAsync(result.value) : errAsync(result.error);
  };

  /** A fenced write: `change` runs only while owner and version are the record's; it may refuse or keep the record as it is. */
  const fenced = <Input>(
    operation: LedgerOperation,
    orderId: string,
    fence: Fence,
    input: () => Result<Input, LedgerError>,
    change: (stored: StoredRecord, now: number, input: Input) => StoredRecord | 'unchanged' | 'refused',
  ): ResultAsync<FencedOutcome, LedgerError> => {
    const checked = checkFence(operation, orderId, fence).andThen(input);
    return answer(checked, (value) => {
      const now = Date.now();
      const stored = live(orderId, now);
      const current = stored !== undefined && stored.owner === fence.owner && stored.version === fence.version;
      const changed = stored && current ? change(stored, now, value) : 'refused';
      const after = typeof changed === 'string' ? stored : write(orderId, changed, now);
      const state = changed === 'refused' ? 'stale_owner' : 'accepted';
      if (!after) return ok(fencedOutcome(state, undefined));
      return toRecord(operation, orderId, after).map((record) => fencedOutcome(state, record));
    });
  };

  return {
    claim(orderId, params) {
      const check = checkCall('claim', orderId, params)
        .andThen(() => checkFingerprint('claim', params.fingerprint))
        .andThen(() => checkOwner('claim', params.owner))
        .andThen(() => checkLease('claim', params.leaseMs, defaults))
        .andThen(() => (params.attempt ? checkAttempt('claim', params.attempt) : ok(undefined)));
      return answer(check, () => {
        const now = Date.now();
        const leaseUntil = now + (params.leaseMs ?? defaults.leaseMs);
        const stored = live(orderId, now);
        let state: ClaimState = 'claimed';
        let after: StoredRecord;
        if (!stored) {
          after = write(orderId, {
            fingerprint: params.fingerprint,
            owner: params.owner,
            version: 1,
            state: 'in_flight',
            leaseUntil,
            createdAt: now,
            updatedAt: now,
            expiresAt: now + defaults.ttlMs,
            attempts: withAttempt([], params.attempt, now),
          }, now);
        } else if (stored.fingerprint !== params.fingerprint) {
          [state, after] = ['fingerprint_mismatch', stored];
        } else if (stored.state === 'completed') {
          [state, after] = ['completed', stored];
        } else if (stored.state === 'in_flight' && stored.leaseUntil > now) {
          [state, after] = [stored.owner === params.owner ? 'claimed' : 'in_flight', stored];
        } else {
          const { outcome: _released, ...kept } = stored;
          after = write(orderId, touched(kept, now, {
            owner: params.owner,
            version: stored.version + 1,
            state: 'in_flight',
            leaseUntil,
            attempts: withAttempt(stored.attempts, params.attempt, now),
          }), now);
        }
        return toRecord('claim', orderId, after).map((record) => claimOutcome(state, record));
      });
    },

    recordAttempt(orderId, params) {
      return fenced('recordAttempt', orderId, params, () => checkAttempt('recordAttempt', params), (stored, now) =>
        stored.state === 'in_flight' && stored.leaseUntil > now ? touched(stored, now, { attempts: withAttempt(stored.attempts, params, now) }) : 'refused',
      );
    },

    renew(orderId, params) {
      return fenced('renew', orderId, params, () => checkLease('renew', params.leaseMs, defaults), (stored, now) =>
        stored.state === 'in_flight' && stored.leaseUntil > now ? touched(stored, now, { leaseUntil: now + (params.leaseMs ?? defaults.leaseMs) }) : 'refused',
      );
    },

    complete(orderId, params) {
      return fenced('complete', orderId, params, () => serialise('complete', 'session', params.session), (stored, now, session) => {
        if (stored.state === 'completed') return 'unchanged';
        if (stored.state !== 'in_flight') return 'refused';
        return touched(stored, now, { state: 'completed', leaseUntil: now, session });
      });
    },

    release(orderId, params) {
      return fenced('release', orderId, params, () => serialise('release', 'outcome', params.outcome), (stored, now, outcome) =>
        stored.state === 'in_flight' ? touched(stored, now, { state: 'released', leaseUntil: now, outcome }) : 'refused',
      );
    },

    read(orderId, options) {
      return answer(checkCall('read', orderId, options), () => {
        const stored = live(orderId, Date.now());
        return stored ? toRecord('read', orderId, stored) : ok(undefined);
      });
    },
  };
}
