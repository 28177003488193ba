import { listenForAbort } from '../abort-listener.js';

/** One order's time budget, joined with the caller's `AbortSignal`. */
export interface Deadline {
  /** Aborts when the caller aborts or the budget is spent: pass it to every try. */
  readonly signal: AbortSignal;
  /** Whether the caller aborted (as opposed to the budget running out). */
  callerAborted(): boolean;
  /** Whether the budget is spent. */
  expired(): boolean;
  remainingMs(): number;
  /** Resolves after `ms`, or at once when the signal aborts. */
  wait(ms: number): Promise<void>;
  /** Stops the budget's timer; call it when the order is settled. */
  clear(): void;
}

/** Starts a budget of `budgetMs` that also ends when `callerSignal` aborts. */
export function startDeadline(budgetMs: number, callerSignal: AbortSignal | undefined): Deadline {
  const endsAt = Date.now() + budgetMs;
  const controller = new AbortController();
  const abort = () => controller.abort();
  let spent = false;
  // The timer, not the clock, is what aborted a try: trust it even if it fired a millisecond early.
  const timer = setTimeout(() => {
    spent = true;
    abort();
  }, budgetMs);
  // One listener, removed in clear(), so a long-lived caller signal does not collect one per order.
  const stopListening = callerSignal ? listenForAbort(callerSignal, abort) : undefined;
  if (callerSignal?.aborted) abort();
  const { signal } = controller;
  return {
    signal,
    callerAborted: () => callerSignal?.aborted === true,
    expired: () => spent || Date.now() >= endsAt,
    remainingMs: () => Math.max(0, endsAt - Date.now()),
    wait: (ms) =>
      new Promise((resolve) => {
        if (signal.aborted) return resolve();
        const done = () => {
          clearTimeout(sleeping);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const sleeping = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
      }),
    clear: () => {
      clearTimeout(timer);
      stopListening?.();
    },
  };
}
