import { err, ok, type Result } from 'neverthrow';
import { invalidInput } from './errors.js';
import type { AttemptInput, ClaimParams, Fence, LedgerCallOptions, LedgerError, LedgerOperation } from './types.js';

/** Longest order id or owner token a ledger takes: a store key, not a document. */
const MAX_ID_LENGTH = 256;

/** The settings a ledger falls back on when a call does not give its own. */
export interface LedgerDefaults {
  readonly ttlMs: number;
  readonly leaseMs: number;
  readonly timeoutMs: number;
}

type Check = Result<void, LedgerError>;

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
const isPositiveInteger = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/** Checks, before anything is sent, the arguments every call of `operation` shares; names the first bad one. */
export function checkCall(operation: LedgerOperation, orderId: unknown, options: LedgerCallOptions | undefined): Check {
  if (!isId(orderId)) return err(invalidInput(operation, 'orderId', `must be a string of 1 to ${MAX_ID_LENGTH} characters`));
  if (options?.timeoutMs !== undefined && !isPositiveInteger(options.timeoutMs)) {
    return err(invalidInput(operation, 'timeoutMs', 'must be a whole number of milliseconds above 0'));
  }
  return ok(undefined);
}

export function checkOwner(operation: LedgerOperation, owner: unknown): Check {
  return isId(owner) ? ok(undefined) : err(invalidInput(operation, 'owner', `must be a string of 1 to ${MAX_ID_LENGTH} characters`));
}

export function checkFence(operation: LedgerOperation, orderId: unknown, fence: Fence): Check {
  return checkCall(operation, orderId, fence)
    .andThen(() => checkOwner(operation, fence.owner))
    .andThen(() => (isPositiveInteger(fence.version) ? ok(undefined) : err(invalidInput(operation, 'version', 'must be a whole number above 0'))));
}

export function checkLease(operation: LedgerOperation, leaseMs: number | undefined, defaults: LedgerDefaults): Check {
  if (leaseMs === undefined || (isPositiveInteger(leaseMs) && leaseMs <= defaults.ttlMs)) return ok(undefined);
  return err(invalidInput(operation, 'leaseMs', `must be a whole number of milliseconds above 0 and at most the time to live (${defaults.ttlMs} ms)`));
}

export function checkAttempt(operation: LedgerOperation, attempt: AttemptInput): Check {
  if (!isId(attempt.provider)) return err(invalidInput(operation, 'provider', `must be a string of 1 to ${MAX_ID_LENGTH} characters`));
  if (typeof attempt.mayExist !== 'boolean') return err(invalidInput(operation, 'mayExist', 'must be true or false'));
  return ok(undefined);
}

export function checkFingerprint(operation: LedgerOperation, fingerprint: unknown): Check {
  return isId(fingerprint) ? ok(undefined) : err(invalidInput(operation, 'fingerprint', 'must be orderFingerprint(order)'));
}

/** A session or outcome as JSON text; a value JSON cannot hold (a BigInt, a cycle) is `invalid_input`, never a throw. */
export function serialise(operation: LedgerOperation, field: string, value: unknown): Result<string, LedgerError> {
  try {
    const json = JSON.stringify(value);
    return typeof json === 'string' ? ok(json) : err(invalidInput(operation, field, 'must be a JSON object'));
  } catch {
    return err(invalidInput(operation, field, 'must be JSON-serialisable (no BigInt, no cycles)'));
  }
}

export function checkClaim(orderId: unknown, params: ClaimParams, defaults: LedgerDefaults): Check {
  return checkCall('claim', orderId, params)
    .andThen(() => checkFingerprint('claim', params.fingerprint))
    .andThen(() => checkOwner('claim', params.owner))
    .andThen(() => checkLease('claim', params.leaseMs, defaults))
    .andThen(() => (params.attempt ? checkAttempt('claim', params.attempt) : ok(undefined)));
}
