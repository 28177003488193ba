import { err, type Result } from 'neverthrow';
import { internalError } from '../adapter.js';
import type { GatewayError } from '../errors.js';
import type { Deadline } from './deadline.js';

/** One call at a foreign adapter (a try, or a look-up), aborted with the order's deadline. */
export type DeadlineCall<T> = (deadline: Deadline) => PromiseLike<Result<T, GatewayError>>;

/** Returned by `raceDeadline` when the deadline (or the caller's abort) came before the answer. */
export const OUTRUN = Symbol('outrun by the deadline');

/**
 * One try at an adapter from outside payroute, which may ignore its abort signal, throw or reject:
 * its answer, or `OUTRUN` as soon as `deadline` aborts. An answer that comes later goes to `late`;
 * a throw or rejection is the adapter's `internal` error. No timer of its own: the deadline's ends it.
 */
export function raceDeadline<T>(
  provider: string,
  send: DeadlineCall<T>,
  deadline: Deadline,
  late: (result: Result<T, GatewayError>) => void,
): Promise<Result<T, GatewayError> | typeof OUTRUN> {
  const answer = settled(provider, send, deadline);
  return new Promise((resolve) => {
    let outrun = false;
    const stop = () => {
      outrun = true;
      resolve(OUTRUN);
    };
    if (deadline.aborted) stop();
    else deadline.addEventListener('abort', stop);
    void answer.then((result) => {
      if (outrun) return late(result);
      deadline.removeEventListener('abort', stop);
      resolve(result);
    });
  });
}

/** The adapter's answer as a promise that never rejects, and always holds a `Result`. */
function settled<T>(provider: string, send: DeadlineCall<T>, deadline: Deadline): Promise<Result<T, GatewayError>> {
  const failed = (thrown: unknown) => err<T, GatewayError>(internalError(provider, thrown));
  try {
    return Promise.resolve(send(deadline)).then((result) => (isResult<T>(result) ? result : failed(result)), failed);
  } catch (thrown) {
    return Promise.resolve(failed(thrown));
  }
}

// Duck-typed: an adapter may bring its own copy of neverthrow, whose classes differ from payroute's.
function isResult<T>(value: unknown): value is Result<T, GatewayError> {
  const result = value as Partial<Record<'isOk' | 'isErr' | 'mapErr', unknown>> | null | undefined;
  return typeof result?.isOk === 'function' && typeof result.isErr === 'function' && typeof result.mapErr === 'function';
}
