import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { z } from 'zod';
import { parseOptions } from '../config.js';
import { lazySchema } from '../lazy-schema.js';
import { copyAsJson } from './json-copy.js';
import { checkAttempt, checkCall, checkClaim, checkFence, checkLease, fencedCopy } from './params.js';
import { ledgerDefaults, ledgerSettingsSchema, type LedgerSettings } from './options.js';
import { claimOutcome, fencedOutcome, toRecord, type ClaimState, type StoredAttempt, type StoredRecord } from './stored-record.js';
import type { AttemptInput, ClaimParams, Fence, FencedOutcome, LedgerError, LedgerOperation, OrderLedger, StoredSession } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A record as this ledger keeps it: the session and outcome as private copies, made by `copyAsJson` when
 * stored and again for each reader, so no caller can change what another reads. `serial` orders the writes.
 */
type MemoryRecord = StoredRecord<unknown> & { readonly serial: number };

/** What a write changes of a record; `outcome: undefined` clears it. */
interface RecordChanges {
  readonly owner?: string;
  readonly version?: number;
  readonly state?: MemoryRecord['state'];
  readonly leaseUntil?: number;
  readonly attempts?: readonly StoredAttempt[];
  readonly session?: unknown;
  readonly outcome?: unknown;
}

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
const SWEEP_EVERY = 64;

/** What a claim answers, by the Redis script's rules: a new record, a takeover and a repeat by the lease's owner are all `claimed`. */
function claimState(stored: MemoryRecord | undefined, params: ClaimParams, now: number): ClaimState {
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
  const records = new Map<string, MemoryRecord>();

  const live = (orderId: string, now: number): MemoryRecord | undefined => {
    const stored = records.get(orderId);
    if (stored === undefined || stored.expiresAt > now) return stored;
    records.delete(orderId);
    return undefined;
  };

  // Every write, oldest first (by its serial): the order records expire and are evicted in. An entry whose
  // record was written again since or is gone is passed over. A queue rather than the Map's own
  // order: deleting from a Map's head leaves holes every later walk from the head steps over, which made
  // each write at `maxRecords` cost as much as the holes (12 µs a claim at 150,000 orders).
  // Two arrays rather than one of pairs: no allocation per write.
  const writtenIds: string[] = [];
  const writtenSerials: number[] = [];
  let head = 0;
  let serial = 0;
  let writesSinceSweep = 0;

  const sweep = (now: number) => {
    writesSinceSweep = 0;
    for (; head < writtenIds.length; head++) {
      const orderId = writtenIds[head] as string;
      const stored = records.get(orderId);
      if (stored === undefined || stored.serial !== writtenSerials[head]) continue;
      if (stored.expiresAt > now && records.size <= maxRecords) break;
      records.delete(orderId);
    }
    if (head >= 1024 && head * 2 >= writtenIds.length) {
      writtenIds.splice(0, head);
      writtenSerials.splice(0, head);
      head = 0;
    }
  };

  /** `stored` as the record of `orderId`; its `serial` is `++serial`, taken where it was built. */
  const write = (orderId: string, stored: MemoryRecord, now: number): MemoryRecord => {
    records.set(orderId, stored);
    writtenIds.push(orderId);
    writtenSerials.push(stored.serial);
    // A read skips an expired record; sweeping them every few writes bounds the memory they hold.
    if (records.size > maxRecords || ++writesSinceSweep >= SWEEP_EVERY) sweep(now);
    return stored;
  };

  // Each write builds the whole record in one literal: spreading the previous one showed in the benchmark.
  const written = (orderId: string, now: number, previous: MemoryRecord, changes: RecordChanges): MemoryRecord => {
    const stored: Mutable<MemoryRecord> = {
      fingerprint: previous.fingerprint,
      owner: changes.owner ?? previous.owner,
      version: changes.version ?? previous.version,
      state: changes.state ?? previous.state,
      leaseUntil: changes.leaseUntil ?? previous.leaseUntil,
      createdAt: previous.createdAt,
      updatedAt: now,
      expiresAt: now + defaults.ttlMs,
      attempts: changes.attempts ?? previous.attempts,
      serial: ++serial,
    };
    const session = changes.session ?? previous.session;
    if (session !== undefined) stored.session = session;
    const outcome = 'outcome' in changes ? changes.outcome : previous.outcome;
    if (outcome !== undefined) stored.outcome = outcome;
    return write(orderId, stored, now);
  };

  const withAttempt = (attempts: readonly StoredAttempt[], attempt: AttemptInput | undefined, now: number): readonly StoredAttempt[] =>
    attempt ? [...attempts, { provider: attempt.provider, mayExist: attempt.mayExist, at: now }] : attempts;

  /**
   * A fenced write: `change` runs only while owner and version are the record's; it may refuse or keep
   * the record as it is. `session` is the session just stored, answered as given (see `toRecord`).
   */
  const fenced = (
    operation: LedgerOperation,
    orderId: string,
    fence: Fence,
    change: (stored: MemoryRecord, now: number) => RecordChanges | 'unchanged' | 'refused',
    session?: StoredSession,
  ): ResultAsync<FencedOutcome, LedgerError> => {
    const now = Date.now();
    const stored = live(orderId, now);
    if (!stored) return okAsync(fencedOutcome('stale_owner', undefined));
    const changes = stored.owner === fence.owner && stored.version === fence.version ? change(stored, now) : 'refused';
    const after = typeof changes === 'string' ? stored : written(orderId, now, stored, changes);
    const record = toRecord(operation, orderId, after, copyAsJson, typeof changes === 'string' ? undefined : session);
    return record.isOk() ? okAsync(fencedOutcome(changes === 'refused' ? 'stale_owner' : 'accepted', record.value)) : errAsync(record.error);
  };

  const refused = (problem: LedgerError) => errAsync<never, LedgerError>(problem);
  const liveLease = (stored: MemoryRecord, now: number) => stored.state === 'in_flight' && stored.leaseUntil > now;

  return {
    claim(orderId, params) {
      const problem = checkClaim(orderId, params, defaults);
      if (problem) return refused(problem);
      const now = Date.now();
      const stored = live(orderId, now);
      const state = claimState(stored, params, now);
      const leaseUntil = now + (params.leaseMs ?? defaults.leaseMs);
      let after: MemoryRecord;
      if (!stored) {
        const attempts = withAttempt([], params.attempt, now);
        const created = { fingerprint: params.fingerprint, owner: params.owner, version: 1, state: 'in_flight', leaseUntil, createdAt: now, updatedAt: now, expiresAt: now + defaults.ttlMs, attempts, serial: ++serial } as const;
        after = write(orderId, created, now);
      } else if (state === 'claimed' && !liveLease(stored, now)) {
        // A takeover: the previous owner's outcome goes, its attempts stay.
        after = written(orderId, now, stored, { owner: params.owner, version: stored.version + 1, state: 'in_flight', leaseUntil, attempts: withAttempt(stored.attempts, params.attempt, now), outcome: undefined });
      } else {
        after = stored;
      }
      const record = toRecord('claim', orderId, after, copyAsJson);
      return record.isOk() ? okAsync(claimOutcome(state, record.value)) : errAsync(record.error);
    },

    recordAttempt(orderId, params) {
      const problem = checkFence('recordAttempt', orderId, params) ?? checkAttempt('recordAttempt', params);
      if (problem) return refused(problem);
      return fenced('recordAttempt', orderId, params, (stored, now) => (liveLease(stored, now) ? { attempts: withAttempt(stored.attempts, params, now) } : 'refused'));
    },

    renew(orderId, params) {
      const problem = checkFence('renew', orderId, params) ?? checkLease('renew', params.leaseMs, defaults);
      if (problem) return refused(problem);
      return fenced('renew', orderId, params, (stored, now) => (liveLease(stored, now) ? { leaseUntil: now + (params.leaseMs ?? defaults.leaseMs) } : 'refused'));
    },

    complete(orderId, params) {
      const copied = fencedCopy('complete', orderId, params, 'session', params.session);
      if (copied.isErr()) return refused(copied.error);
      return fenced('complete', orderId, params, (stored, now) => {
        if (stored.state === 'completed') return 'unchanged';
        if (stored.state !== 'in_flight') return 'refused';
        return { state: 'completed', leaseUntil: now, session: copied.value };
      }, params.session);
    },

    release(orderId, params) {
      const copied = fencedCopy('release', orderId, params, 'outcome', params.outcome);
      if (copied.isErr()) return refused(copied.error);
      return fenced('release', orderId, params, (stored, now) => (stored.state === 'in_flight' ? { state: 'released', leaseUntil: now, outcome: copied.value } : 'refused'));
    },

    read(orderId, options) {
      const problem = checkCall('read', orderId, options);
      if (problem) return refused(problem);
      const stored = live(orderId, Date.now());
      if (!stored) return okAsync(undefined);
      const record = toRecord('read', orderId, stored, copyAsJson);
      return record.isOk() ? okAsync(record.value) : errAsync(record.error);
    },
  };
}
