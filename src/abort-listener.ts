import { AbortFlag, type AbortLike } from './abort.js';

interface Shared {
  /** The listeners of the calls in flight on the signal. */
  readonly calls: Set<() => void>;
  /** The one listener on the signal itself. */
  readonly onAbort: () => void;
}

const shared = new WeakMap<AbortLike, Shared>();

/**
 * Listens once for `signal` to abort; returns the function that stops listening (call it when the call ends).
 *
 * A service often passes one long-lived signal, its shutdown signal, to every call. One listener per
 * call in flight would make Node warn "Possible EventTarget memory leak detected" at the eleventh, and a
 * caller's signal is not payroute's to raise the limit of: every call on one signal shares a single
 * listener, added with the first call and removed with the last.
 */
export function listenForAbort(signal: AbortLike, listener: () => void): () => void {
  // payroute's own flags (an order's deadline) warn of no leak: one listener each, without the bookkeeping.
  if (signal instanceof AbortFlag) {
    signal.addEventListener('abort', listener);
    return () => signal.removeEventListener('abort', listener);
  }
  let entry = shared.get(signal);
  if (!entry) {
    const calls = new Set<() => void>();
    const onAbort = () => {
      shared.delete(signal);
      for (const call of calls) call();
    };
    entry = { calls, onAbort };
    shared.set(signal, entry);
    signal.addEventListener('abort', onAbort, { once: true });
  }
  const own = entry;
  own.calls.add(listener);
  return () => {
    if (!own.calls.delete(listener) || own.calls.size > 0 || shared.get(signal) !== own) return;
    shared.delete(signal);
    signal.removeEventListener('abort', own.onAbort);
  };
}
