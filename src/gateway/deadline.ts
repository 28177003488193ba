import { AbortFlag, type AbortLike } from '../abort.js';

/**
 * One order's time budget, joined with the caller's `AbortSignal`. It aborts (as an `AbortLike`) when
 * the caller aborts or the budget is spent: pass it to every try.
 */
export interface Deadline extends AbortLike {
  /**
   * The same abort as an `AbortSignal`, for adapters outside payroute, which take one; made on first
   * use, since an `AbortController` per order cost more than the rest of the deadline together.
   */
  readonly signal: AbortSignal;
  /** Whether the caller aborted (as opposed to the budget running out). */
  callerAborted(): boolean;
  /** Whether the budget is spent. */
  expired(): boolean;
  remainingMs(): number;
  /** Resolves after `ms`, or at once when the deadline aborts. */
  wait(ms: number): Promise<void>;
  /** Stops the budget's timer; call it when the order is settled. */
  clear(): void;
}

/** Starts a budget of `budgetMs` that also ends when `callerSignal` aborts. */
export function startDeadline(budgetMs: number, callerSignal: AbortSignal | undefined): Deadline {
  const endsAt = Date.now() + budgetMs;
  const flag = new AbortFlag();
  const abort = () => flag.abort();
  let spent = false;
  // The timer, not the clock, is what aborted a try: trust it even if it fired a millisecond early.
  const timer = setTimeout(() => {
    spent = true;
    abort();
  }, budgetMs);
  // One listener, removed in clear(), so a long-lived caller signal does not collect one per order.
  callerSignal?.addEventListener('abort', abort, { once: true });
  if (callerSignal?.aborted) abort();
  let signal: AbortSignal | undefined;
  return {
    get aborted() {
      return flag.aborted;
    },
    addEventListener: (type, listener) => flag.addEventListener(type, listener),
    removeEventListener: (type, listener) => flag.removeEventListener(type, listener),
    get signal() {
      signal ??= abortSignalOf(flag);
      return signal;
    },
    callerAborted: () => callerSignal?.aborted === true,
    expired: () => spent || Date.now() >= endsAt,
    remainingMs: () => Math.max(0, endsAt - Date.now()),
    wait: (ms) =>
      new Promise((resolve) => {
        if (flag.aborted) return resolve();
        const done = () => {
          clearTimeout(sleeping);
          flag.removeEventListener('abort', done);
          resolve();
        };
        const sleeping = setTimeout(done, ms);
        flag.addEventListener('abort', done);
      }),
    clear: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', abort);
    },
  };
}

/** An `AbortSignal` that aborts with `flag`. */
function abortSignalOf(flag: AbortFlag): AbortSignal {
  const controller = new AbortController();
  if (flag.aborted) controller.abort();
  else flag.addEventListener('abort', () => controller.abort());
  return controller.signal;
}
