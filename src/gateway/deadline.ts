import { AbortFlag, type AbortLike } from '../abort.js';
import { listenForAbort } from '../abort-listener.js';

/**
 * One order's time budget, joined with the caller's `AbortSignal`. It aborts (as an `AbortLike`) when
 * the caller aborts or the budget is spent: pass it to every try.
 */
export interface Deadline extends AbortLike {
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
  return new OrderDeadline(budgetMs, callerSignal);
}

/**
 * A class rather than an object of closures: one allocation per order instead of a dozen; an `AbortFlag`
 * rather than `AbortSignal.any([caller, AbortSignal.timeout(budget)])` for the cost `AbortFlag` states.
 */
class OrderDeadline extends AbortFlag implements Deadline {
  readonly #endsAt: number;
  readonly #timer: NodeJS.Timeout;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #stopListening: (() => void) | undefined;
  #spent = false;

  constructor(budgetMs: number, callerSignal: AbortSignal | undefined) {
    super();
    this.#endsAt = Date.now() + budgetMs;
    // The timer, not the clock, is what aborted a try: trust it even if it fired a millisecond early.
    this.#timer = setTimeout(() => {
      this.#spent = true;
      this.abort();
    }, budgetMs);
    this.#callerSignal = callerSignal;
    if (callerSignal) {
      // One listener, removed in clear(), so a long-lived caller signal does not collect one per order.
      this.#stopListening = listenForAbort(callerSignal, () => this.abort());
      if (callerSignal.aborted) this.abort();
    }
  }

  callerAborted(): boolean {
    return this.#callerSignal?.aborted === true;
  }

  expired(): boolean {
    return this.#spent || Date.now() >= this.#endsAt;
  }

  remainingMs(): number {
    return Math.max(0, this.#endsAt - Date.now());
  }

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.aborted) return resolve();
      const done = () => {
        clearTimeout(sleeping);
        this.removeEventListener('abort', done);
        resolve();
      };
      const sleeping = setTimeout(done, ms);
      this.addEventListener('abort', done);
    });
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#stopListening?.();
  }
}
