import { errAsync, ok, okAsync, type Result, type ResultAsync } from 'neverthrow';
import { z } from 'zod';
import { parseOptions } from '../config.js';
import { lazySchema } from '../lazy-schema.js';
import { checkAttempt, checkCall, checkClaim, checkFence, checkLease, serialise } from './params.js';
import { ledgerDefaults, ledgerSettingsSchema, type LedgerSettings } from './options.js';
import { claimOutcome, fencedOutcome, toRecord, type ClaimState, type StoredAttempt, type StoredRecord } from './stored-record.js';
import type { AttemptInput, ClaimParams, Fence, FencedOutcome, LedgerError, LedgerOperation, OrderLedger, StoredSession } from './types.js';

/** Options of `memoryLedger`. */
export interface MemoryLedgerOptions extends LedgerSettings {
  /**
   * Most records kept (default 100,000). Past it the least recently written record is dropped, which ends
   * its guarantee as its time to live passing would: keep it above the orders one process takes in a TTL.
   */
  readonly maxRecords?: number | undefined;
}

const optionsSchema = lazySchema(() =>
  z.strictObject({
    ...ledgerSettingsSchema(),
    maxRecords: z.number().int('must be a whole number').min(1).max(10_000_000).optional(),
  }),
);

const DEFAULT_MAX_RECORDS = 100_000;

/** What a claim answers, by the Redis script's rules: a new record, a takeover and a repeat by the lease's owner are all `claimed`. */
function claimState(stored: StoredRecord | undefined, params: ClaimParams, now: number): ClaimState {
  if (!stored) return 'claimed';
  if (stored.fingerprint !== params.fingerprint) return 'fingerprint_mismatch';
  if (stored.state === 'completed') return 'completed';
  if (stored.state === 'in_flight' && stored.leaseUntil > now && stored.owner !== params.owner) return 'in_flight';
  return 'claimed';
}

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

  const touched = (stored: Omit<StoredRecord, 'updatedAt' | 'expiresAt'>, now: number, changes: Partial<StoredRecord>): StoredRecord => ({
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
    written?: StoredSession,
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
      return toRecord(operation, orderId, after, typeof changed === 'string' ? undefined : written).map((record) => fencedOutcome(state, record));
    });
  };

  return {
    claim(orderId, params) {
      return answer(checkClaim(orderId, params, defaults), () => {
        const now = Date.now();
        const stored = live(orderId, now);
        const state = claimState(stored, params, now);
        const changes = { owner: params.owner, state: 'in_flight', leaseUntil: now + (params.leaseMs ?? defaults.leaseMs) } as const;
        const create = () => {
          const created = { ...changes, fingerprint: params.fingerprint, version: 1, createdAt: now, attempts: withAttempt([], params.attempt, now) };
          return write(orderId, touched(created, now, {}), now);
        };
        const takeOver = (previous: StoredRecord) => {
          const { outcome: _cleared, ...kept } = previous;
          return write(orderId, touched(kept, now, { ...changes, version: previous.version + 1, attempts: withAttempt(previous.attempts, params.attempt, now) }), now);
        };
        const held = stored?.state === 'in_flight' && stored.leaseUntil > now;
        const after = !stored ? create() : state === 'claimed' && !held ? takeOver(stored) : stored;
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
      }, params.session);
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
