import { EventEmitter, getMaxListeners, setMaxListeners } from 'node:events';
import type { AbortLike } from './abort.js';

/** The limit given to a caller's signal still at Node's default: undici's choice for fetch. */
const SHARED_SIGNAL_MAX_LISTENERS = 1500;

/**
 * Listens once for `signal` to abort; returns the function that stops listening (call it when the call ends).
 *
 * A service often passes one long-lived signal, its shutdown signal, to every call. Each call in flight
 * then holds one listener on it, removed when the call ends: no leak, but Node warns "Possible
 * EventTarget memory leak detected" at the eleventh. As undici does for fetch, a signal still at Node's
 * default limit gets a higher one; a limit the caller chose is left as it is.
 */
export function listenForAbort(signal: AbortLike, listener: () => void): () => void {
  // Only an EventTarget has a limit to raise; payroute's own AbortFlag has none.
  if (signal instanceof EventTarget) raiseListenerLimit(signal);
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}

function raiseListenerLimit(signal: EventTarget): void {
  try {
    if (getMaxListeners(signal) === EventEmitter.defaultMaxListeners) setMaxListeners(SHARED_SIGNAL_MAX_LISTENERS, signal);
  } catch {
    // An EventTarget from elsewhere (a polyfill) that Node cannot set a limit on.
  }
}
