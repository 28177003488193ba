import type { LedgerRecordState } from '../types.js';
import type { StoredAttempt, StoredRecord } from '../stored-record.js';

/** A script's reply: the state it reached and the order's hash after it (absent when there is none). */
export interface ScriptReply {
  readonly state: string;
  readonly stored?: StoredRecord;
}

const RECORD_STATES: readonly string[] = ['in_flight', 'completed', 'released'] satisfies LedgerRecordState[];

/** A bulk string as node-redis gives it: a string, or a Buffer under a type mapping. */
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : undefined;

const integer = (value: string | undefined): number | undefined => {
  const n = value === undefined ? NaN : Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
};

function attemptsOf(json: string | undefined): StoredAttempt[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json ?? '');
  } catch {
    return undefined;
  }
  // cjson writes an empty Lua table as `{}`; the scripts never write one, but an empty list is what it means.
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.keys(parsed).length === 0) return [];
  if (!Array.isArray(parsed)) return undefined;
  const attempts = parsed.filter(
    (a): a is StoredAttempt =>
      typeof a === 'object' && a !== null && typeof a.provider === 'string' && typeof a.mayExist === 'boolean' && Number.isSafeInteger(a.at),
  );
  return attempts.length === parsed.length ? attempts : undefined;
}

/** The hash's fields as a record, or `undefined` when one is missing or malformed. */
function storedOf(flat: readonly unknown[]): StoredRecord | undefined {
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const name = text(flat[i]);
    const value = text(flat[i + 1]);
    if (name !== undefined && value !== undefined) fields.set(name, value);
  }
  const [fingerprint, owner, state] = [fields.get('fp'), fields.get('owner'), fields.get('state')];
  const [version, leaseUntil, createdAt, updatedAt, expiresAt] = ['ver', 'lease', 'created', 'updated', 'expires'].map((name) => integer(fields.get(name)));
  const attempts = attemptsOf(fields.get('attempts'));
  if (fingerprint === undefined || owner === undefined || state === undefined || !RECORD_STATES.includes(state)) return undefined;
  if (version === undefined || leaseUntil === undefined || createdAt === undefined || updatedAt === undefined || expiresAt === undefined || !attempts) return undefined;
  const session = fields.get('session');
  const outcome = fields.get('outcome');
  return {
    fingerprint,
    owner,
    version,
    state: state as LedgerRecordState,
    leaseUntil,
    createdAt,
    updatedAt,
    expiresAt,
    attempts,
    ...(session === undefined ? {} : { session }),
    ...(outcome === undefined ? {} : { outcome }),
  };
}

/** The reply of a ledger script, or `undefined` when it is not one (another script under the same name, a proxy's answer). */
export function decodeReply(reply: unknown): ScriptReply | undefined {
  if (!Array.isArray(reply) || reply.length !== 2 || !Array.isArray(reply[1])) return undefined;
  const state = text(reply[0]);
  if (state === undefined) return undefined;
  if (reply[1].length === 0) return { state };
  const stored = storedOf(reply[1]);
  return stored ? { state, stored } : undefined;
}
