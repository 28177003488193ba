import { err, ok, type Result } from 'neverthrow';
import { invalidInput } from './errors.js';
import { copyAsJson, NOT_JSON } from './json-copy.js';
import { isJsonObject } from './stored-record.js';
import type { AttemptInput, ClaimParams, Fence, LedgerCallOptions, LedgerError, LedgerOperation } from './types.js';

/** Longest order id or owner token a ledger takes: a store key, not a document. */
const MAX_ID_LENGTH = 256;

/** The settings a ledger falls back on when a call does not give its own. */
export interface LedgerDefaults {
  readonly ttlMs: number;
  readonly leaseMs: number;
  readonly timeoutMs: number;
}

/** The first wrong argument of a call, or `undefined` when all are right. Plain values, not `Result`s: every ledger call checks its arguments, and a chain of `andThen` showed in the benchmark. */
type Problem = LedgerError | undefined;

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
const isPositiveInteger = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/** Checks, before anything is sent, the arguments every call of `operation` shares; names the first bad one. */
export function checkCall(operation: LedgerOperation, orderId: unknown, options: LedgerCallOptions | undefined): Problem {
  if (!isId(orderId)) return invalidInput(operation, 'orderId', `must be a string of 1 to ${MAX_ID_LENGTH} characters`);
  if (options?.timeoutMs !== undefined && !isPositiveInteger(options.timeoutMs)) {
    return invalidInput(operation, 'timeoutMs', 'must be a whole number of milliseconds above 0');
  }
  return undefined;
}

function checkOwner(operation: LedgerOperation, owner: unknown): Problem {
  return isId(owner) ? undefined : invalidInput(operation, 'owner', `must be a string of 1 to ${MAX_ID_LENGTH} characters`);
}

export function checkFence(operation: LedgerOperation, orderId: unknown, fence: Fence): Problem {
  return (
    checkCall(operation, orderId, fence) ??
    checkOwner(operation, fence.owner) ??
    (isPositiveInteger(fence.version) ? undefined : invalidInput(operation, 'version', 'must be a whole number above 0'))
  );
}

export function checkLease(operation: LedgerOperation, leaseMs: number | undefined, defaults: LedgerDefaults): Problem {
  if (leaseMs === undefined || (isPositiveInteger(leaseMs) && leaseMs <= defaults.ttlMs)) return undefined;
  return invalidInput(operation, 'leaseMs', `must be a whole number of milliseconds above 0 and at most the time to live (${defaults.ttlMs} ms)`);
}

export function checkAttempt(operation: LedgerOperation, attempt: AttemptInput): Problem {
  if (!isId(attempt.provider)) return invalidInput(operation, 'provider', `must be a string of 1 to ${MAX_ID_LENGTH} characters`);
  if (typeof attempt.mayExist !== 'boolean') return invalidInput(operation, 'mayExist', 'must be true or false');
  return undefined;
}

function checkFingerprint(operation: LedgerOperation, fingerprint: unknown): Problem {
  return isId(fingerprint) ? undefined : invalidInput(operation, 'fingerprint', 'must be orderFingerprint(order)');
}

const NOT_AN_OBJECT = 'must be a JSON object';
const NOT_SERIALISABLE = 'must be JSON-serialisable (no BigInt, no cycles)';

/** A session or outcome as JSON text; a value JSON cannot hold (a BigInt, a cycle) is `invalid_input`, never a throw. */
function serialise(operation: LedgerOperation, field: string, value: unknown): Result<string, LedgerError> {
  try {
    const json = JSON.stringify(value);
    return typeof json === 'string' && json.startsWith('{') ? ok(json) : err(invalidInput(operation, field, NOT_AN_OBJECT));
  } catch {
    return err(invalidInput(operation, field, NOT_SERIALISABLE));
  }
}

/** A fenced write's arguments checked, then its value as JSON text. */
export function fencedJson(operation: LedgerOperation, orderId: unknown, fence: Fence, field: string, value: unknown): Result<string, LedgerError> {
  const problem = checkFence(operation, orderId, fence);
  return problem ? err(problem) : serialise(operation, field, value);
}

/** A fenced write's arguments checked, then a copy of its value as JSON would carry it (`copyAsJson`): what `serialise` refuses, this refuses alike. */
export function fencedCopy(operation: LedgerOperation, orderId: unknown, fence: Fence, field: string, value: unknown): Result<unknown, LedgerError> {
  const problem = checkFence(operation, orderId, fence);
  if (problem) return err(problem);
  const copied = copyAsJson(value);
  if (copied === NOT_JSON) return err(invalidInput(operation, field, NOT_SERIALISABLE));
  return isJsonObject(copied) ? ok(copied) : err(invalidInput(operation, field, NOT_AN_OBJECT));
}

export function checkClaim(orderId: unknown, params: ClaimParams, defaults: LedgerDefaults): Problem {
  return (
    checkCall('claim', orderId, params) ??
    checkFingerprint('claim', params.fingerprint) ??
    checkOwner('claim', params.owner) ??
    checkLease('claim', params.leaseMs, defaults) ??
    (params.attempt ? checkAttempt('claim', params.attempt) : undefined)
  );
}
