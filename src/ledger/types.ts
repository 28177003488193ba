import type { ResultAsync } from 'neverthrow';
import type { RoutingError } from '../gateway/routing-error.js';
import type { Attempt } from '../gateway/routing-error.js';
import type { OrderSession } from '../port.js';

/** A session as the gateway returns it to a ledger's owner: an `OrderSession`, with the tries that failed before it. */
export type LedgerSession = OrderSession & { readonly attempts?: readonly Attempt[] };

/**
 * An `OrderSession` as a ledger stores it: JSON-safe, with its dates as ISO 8601 strings. `raw` must be
 * JSON-safe too (a provider's parsed answer is). `storeSession` and `restoreSession` convert.
 */
export type StoredSession = Omit<LedgerSession, 'clientAuthTokenExpiresAt' | 'expiresAt' | 'createdAt'> & {
  readonly clientAuthTokenExpiresAt?: string;
  readonly expiresAt?: string;
  readonly createdAt?: string;
};

/** One provider an owner was about to send the order to, recorded before the request left. */
export interface LedgerAttempt {
  /** The provider instance name, as in `OrderSession.provider`. */
  readonly provider: string;
  /**
   * Whether the order may exist at this provider. The latest entry for a provider wins, so an owner
   * can record `true` before sending and `false` after a failure that certainly created nothing.
   */
  readonly mayExist: boolean;
  /** When it was recorded (ISO 8601, the store's clock). */
  readonly at: string;
}

/**
 * - `in_flight`: an owner holds the order until `leaseExpiresAt`; past it the next claim takes it over;
 * - `completed`: a session is stored: every later claim with the same fingerprint gets it;
 * - `released`: the owner gave up leaving nothing payable (its `outcome` says why); the next claim takes it over.
 */
export type LedgerRecordState = 'in_flight' | 'completed' | 'released';

/** What a ledger knows of one order. JSON-safe: every timestamp is an ISO 8601 string of the store's clock. */
export interface LedgerRecord {
  readonly orderId: string;
  /** `orderFingerprint` of the order that first claimed this id. */
  readonly fingerprint: string;
  /** The owner token of the latest claim. */
  readonly owner: string;
  /** Incremented by every claim that changes the owner: the fencing token, with `owner`. */
  readonly version: number;
  readonly state: LedgerRecordState;
  /** Until when `owner` holds the order; in the past once completed or released. */
  readonly leaseExpiresAt: string;
  /** Every attempt recorded by every owner, oldest first: the providers a reconciliation asks. */
  readonly attempts: readonly LedgerAttempt[];
  /** The created order, once `state` is `completed`. */
  readonly session?: StoredSession;
  /** Why the owner released the order, once `state` is `released`. */
  readonly outcome?: RoutingError;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When the store forgets the record: its time to live counts from the latest write. */
  readonly expiresAt: string;
}

/** A completed record: its session is there. */
export type CompletedLedgerRecord = LedgerRecord & { readonly state: 'completed'; readonly session: StoredSession };

/** Options every ledger call takes. */
export interface LedgerCallOptions {
  /** Longest wait for the store, in milliseconds; defaults to the ledger's own `timeoutMs`. */
  readonly timeoutMs?: number;
}

/** A provider about to be sent the order. */
export interface AttemptInput {
  readonly provider: string;
  readonly mayExist: boolean;
}

export interface ClaimParams extends LedgerCallOptions {
  /** `orderFingerprint(order)`: a reused order id with different content is refused. */
  readonly fingerprint: string;
  /** A token unique to this call (`crypto.randomUUID()`): claiming again with it is idempotent. */
  readonly owner: string;
  /** How long the claim holds without a renewal; defaults to the ledger's `leaseMs`. Outlast the call's deadline. */
  readonly leaseMs?: number;
  /** The first provider, recorded in the same step when the claim succeeds (saves a round trip). */
  readonly attempt?: AttemptInput;
}

/** The owner and version a `claimed` outcome returned: every write after the claim is fenced by them. */
export interface Fence extends LedgerCallOptions {
  readonly owner: string;
  readonly version: number;
}

export interface AttemptParams extends Fence, AttemptInput {}

export interface RenewParams extends Fence {
  /** The new lease, counted from now; defaults to the ledger's `leaseMs`. */
  readonly leaseMs?: number;
}

export interface CompleteParams extends Fence {
  readonly session: StoredSession;
}

export interface ReleaseParams extends Fence {
  /** The failure the call returned, so a caller waiting on this order can return the same. */
  readonly outcome: RoutingError;
}

/**
 * - `claimed`: this owner now holds the order (a new record, or one taken over from an expired lease or a
 *   release, keeping its attempts): route it, recording attempts before sending;
 * - `in_flight`: another owner's lease is live: wait for its outcome (poll `read`);
 * - `completed`: return the stored session;
 * - `fingerprint_mismatch`: the id belongs to a different order.
 */
export type ClaimOutcome =
  | { readonly state: 'claimed'; readonly record: LedgerRecord }
  | { readonly state: 'in_flight'; readonly record: LedgerRecord }
  | { readonly state: 'completed'; readonly record: CompletedLedgerRecord }
  | { readonly state: 'fingerprint_mismatch'; readonly record: LedgerRecord };

/**
 * The answer to a fenced write: `accepted`, or `stale_owner` when the owner or version is no longer the
 * record's (another owner took over, the record expired, or it is completed or released): stop, send
 * nothing more. `record` is the record as it is now, absent when there is none.
 */
export type FencedOutcome =
  | { readonly state: 'accepted'; readonly record: LedgerRecord }
  | { readonly state: 'stale_owner'; readonly record?: LedgerRecord };

/** The ledger calls, as named in errors. */
export type LedgerOperation = 'claim' | 'recordAttempt' | 'renew' | 'complete' | 'release' | 'read';

/**
 * A ledger call that did not get an answer. Plain objects, like `PayrouteError`.
 * - `ledger_unavailable`: the store failed or did not answer within the timeout; the write may or may not
 *   have been applied (repeat the call with the same owner: claims and completions are idempotent);
 * - `invalid_input`: an argument was wrong (`field` names it); nothing was sent.
 */
export type LedgerError =
  | { readonly kind: 'ledger_unavailable'; readonly operation: LedgerOperation; readonly retryable: true; readonly message: string }
  | { readonly kind: 'invalid_input'; readonly operation: LedgerOperation; readonly retryable: false; readonly field: string; readonly message: string };

/**
 * The record of which process owns each order, what it tried and what it created: the gateway's guard
 * against two payable checkouts for one order id. `memoryLedger()` keeps it in one process,
 * `redisLedger()` (`payroute/redis`) across a fleet; docs/ledger.md says how to back it with another store.
 *
 * Every call is atomic on one order and returns a `ResultAsync` that never rejects. Fenced writes
 * (`recordAttempt`, `renew`, `complete`, `release`) change the record only while `owner` and
 * `version` are the record's; `recordAttempt` and `renew` also need the lease to be live.
 */
export interface OrderLedger {
  claim(orderId: string, params: ClaimParams): ResultAsync<ClaimOutcome, LedgerError>;
  /** Records a provider before the request is sent to it. */
  recordAttempt(orderId: string, params: AttemptParams): ResultAsync<FencedOutcome, LedgerError>;
  /** Extends the lease of a long order. */
  renew(orderId: string, params: RenewParams): ResultAsync<FencedOutcome, LedgerError>;
  /** Stores the created session; repeating it with the same owner and version is accepted and keeps the first. */
  complete(orderId: string, params: CompleteParams): ResultAsync<FencedOutcome, LedgerError>;
  /** Gives the order up after a failure that left nothing payable, so a later call may try again. */
  release(orderId: string, params: ReleaseParams): ResultAsync<FencedOutcome, LedgerError>;
  /** The record, or `undefined` when there is none (never claimed, or expired). */
  read(orderId: string, options?: LedgerCallOptions): ResultAsync<LedgerRecord | undefined, LedgerError>;
}
