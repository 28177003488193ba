import { ExponentialBackoff, noJitterGenerator, type GeneratorFn, type IBackoffFactory } from 'cockatiel';
import { errorPolicy } from '../error-policy.js';
import type { PayrouteErrorKind, PayrouteError } from '../errors.js';

/** The retry settings with their defaults applied. */
export interface RetrySettings {
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly deadlineMs: number;
}

/** Two tries per provider, waits up to 0.1 s then 0.2 s ... capped at 2 s, 30 s for the whole order. */
export const DEFAULT_RETRY: RetrySettings = { maxAttempts: 2, initialDelayMs: 100, maxDelayMs: 2_000, deadlineMs: 30_000 };


export interface RetryContext {
  /** Whether this provider has tries left. */
  readonly triesLeft: boolean;
  /** Whether another provider follows in this order's list. */
  readonly hasNext: boolean;
  readonly fallbackOn: ReadonlySet<PayrouteErrorKind>;
  /** Whether the provider refuses a second order with the same id (its `capabilities.dedupesOrderId`). */
  readonly dedupesOrderId: boolean;
}

/**
 * Whether to try the same provider again: the failover-safety rule. A failure after which the order
 * may exist there (timeout, reset, 5xx) is retried there first, since the provider dedupes the order
 * id while another provider would create a second payable order. A failure that certainly created
 * nothing (refused, 503, 429) moves on at once when there is somewhere to go, and is retried only
 * at the last provider, or when `fallback.on` does not name it. A provider that does not dedupe order
 * ids is never retried after a failure that may have created the order: the retry could create a second.
 */
export function shouldRetry(error: PayrouteError, context: RetryContext): boolean {
  if (!context.triesLeft || !error.retryable || !errorPolicy[error.kind].retriedByGateway) return false;
  if (error.orderMayExist === true) return context.dedupesOrderId;
  return !context.hasNext || !context.fallbackOn.has(error.kind);
}

/** After a failure that is not retried: go on to the next provider, or end the order with this error. */
export function moveOn(error: PayrouteError, fallbackOn: ReadonlySet<PayrouteErrorKind>): 'fallback' | 'stop' {
  return fallbackOn.has(error.kind) ? 'fallback' : 'stop';
}

/** Full jitter: a wait drawn uniformly below the exponential bound, from the given random source. */
function fullJitter(random: () => number): GeneratorFn<number> {
  return (state, options) => {
    const [bound, next] = noJitterGenerator(state, options);
    return [Math.floor(random() * bound), next];
  };
}

/** The successive backoff waits of one provider's retries (cockatiel's exponential backoff with full jitter). */
export function createBackoff(settings: RetrySettings, random: () => number): () => number {
  // Made at the first retry: most orders never wait.
  let backoff: IBackoffFactory<unknown> | undefined;
  return () => {
    backoff ??= new ExponentialBackoff({ generator: fullJitter(random), initialDelay: settings.initialDelayMs, maxDelay: settings.maxDelayMs });
    const current = backoff.next(undefined);
    backoff = current;
    return current.duration;
  };
}
