import { err, type Result } from 'neverthrow';
import type { PayrouteError } from '../errors.js';
import { internalError } from '../provider/classify.js';
import { isThenable } from '../thenable.js';
import type { Deadline } from './deadline.js';

/** One call at a provider (a try, or a look-up), aborted with the order's deadline. */
export type DeadlineCall<T> = (deadline: Deadline) => PromiseLike<Result<T, PayrouteError>>;

/** Returned by `raceDeadline` when the deadline (or the caller's abort) came before the answer. */
export const OUTRUN = Symbol('outrun by the deadline');

/**
 * One try at a provider, which may ignore its abort signal, throw or reject (one that implements the
 * port by hand may): its answer, or `OUTRUN` as soon as `deadline` aborts. Every provider is raced the
 * same way; one that ends its try at the abort, as every provider `defineProvider` built does, only
 * confirms it later. An answer that comes later goes to `late`; a throw or rejection is the provider's
 * `internal` error. No timer of its own: the deadline's ends it.
 */
export function raceDeadline<T>(
  provider: string,
  send: DeadlineCall<T>,
  deadline: Deadline,
  late: (result: Result<T, PayrouteError>) => void,
): Promise<Result<T, PayrouteError> | typeof OUTRUN> {
  return new Promise((resolve) => {
    let outrun = false;
    let answered = false;
    const stop = () => {
      outrun = true;
      resolve(OUTRUN);
    };
    // Once only, whatever the provider's thenable does: a second call, or a call from inside `then`.
    const answer = (result: Result<T, PayrouteError>) => {
      if (answered) return;
      answered = true;
      if (outrun) return late(result);
      deadline.removeEventListener('abort', stop);
      resolve(result);
    };
    const failed = (thrown: unknown) => answer(err(internalError(provider, thrown)));
    const checked = (value: unknown) => (isResult<T>(value) ? answer(value) : failed(value));
    if (deadline.aborted) stop();
    else deadline.addEventListener('abort', stop);
    try {
      const sent: unknown = send(deadline);
      // The answer's own `then` rather than `Promise.resolve(answer).then`, which costs two more promises.
      if (isThenable(sent)) sent.then(checked, failed);
      else checked(sent);
    } catch (thrown) {
      failed(thrown);
    }
  });
}

// Duck-typed: a provider may bring its own copy of neverthrow, whose classes differ from payroute's.
function isResult<T>(value: unknown): value is Result<T, PayrouteError> {
  const result = value as Partial<Record<'isOk' | 'isErr' | 'mapErr', unknown>> | null | undefined;
  return typeof result?.isOk === 'function' && typeof result.isErr === 'function' && typeof result.mapErr === 'function';
}
