import { err, ResultAsync, type Result } from 'neverthrow';
import type { LedgerError, LedgerOperation } from './types.js';

export function ledgerUnavailable(operation: LedgerOperation, message: string): LedgerError {
  return { kind: 'ledger_unavailable', operation, retryable: true, message: `ledger ${operation}: ${message}` };
}

export function invalidInput(operation: LedgerOperation, field: string, message: string): LedgerError {
  return { kind: 'invalid_input', operation, retryable: false, field, message: `ledger ${operation}: ${field} ${message}` };
}

/**
 * Names a store's failure without its text: a driver's message can carry a host, a key or a value. The
 * error's `code` (ECONNREFUSED) or the first word of a Redis error reply (NOSCRIPT, READONLY) is enough.
 */
function describe(cause: unknown): string {
  if (typeof cause !== 'object' || cause === null) return 'the store failed';
  const { code, name, message } = cause as { code?: unknown; name?: unknown; message?: unknown };
  const word = typeof message === 'string' ? /^[A-Z][A-Z_]+\b/.exec(message)?.[0] : undefined;
  const label = [typeof name === 'string' ? name : undefined, typeof code === 'string' ? code : word].filter(Boolean).join(' ');
  return `the store failed${label ? ` (${label})` : ''}`;
}

/**
 * Runs one call to a store, bounded by `timeoutMs`: a rejection, a throw or no answer in time becomes
 * `ledger_unavailable`; `decode` turns the answer into the result. Never rejects; the timer never outlives the call.
 */
export function bounded<Reply, T>(
  operation: LedgerOperation,
  timeoutMs: number,
  call: () => PromiseLike<Reply>,
  decode: (reply: Reply) => Result<T, LedgerError>,
): ResultAsync<T, LedgerError> {
  const settled = new Promise<Result<T, LedgerError>>((resolve) => {
    const timer = setTimeout(() => resolve(err(ledgerUnavailable(operation, `no answer within ${timeoutMs} ms`))), timeoutMs);
    const finish = (result: Result<T, LedgerError>) => {
      clearTimeout(timer);
      resolve(result);
    };
    Promise.resolve()
      .then(call)
      .then(
        (reply) => finish(decode(reply)),
        (cause: unknown) => finish(err(ledgerUnavailable(operation, describe(cause)))),
      )
      .catch((cause: unknown) => finish(err(ledgerUnavailable(operation, describe(cause)))));
  });
  return new ResultAsync(settled);
}
