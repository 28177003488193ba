import type { PayrouteError } from '../errors.js';

/** One try at one provider, as the gateway reports it. */
export interface Attempt {
  readonly provider: string;
  /** Milliseconds from sending the request to its answer or failure. */
  readonly durationMs: number;
  readonly error: PayrouteError;
}

/** A provider the gateway did not try for an order, and why. */
export interface SkippedProvider {
  readonly provider: string;
  /** `ineligible`: its configuration or provider cannot take this order; `circuit_open`: its circuit breaker is open. */
  readonly reason: 'ineligible' | 'circuit_open';
  /** Why, for a log line: the currency or field the provider rejects, or the circuit's state. */
  readonly message: string;
}

/** An error the gateway returns: a `PayrouteError` plus what the gateway did for the order before it. */
export type RoutingError = PayrouteError & {
  /** The gateway's tries, for `all_providers_failed` and errors returned after a fallback. */
  readonly attempts?: readonly Attempt[];
  /** Providers the gateway passed over for this order (ineligible, or circuit open). */
  readonly skipped?: readonly SkippedProvider[];
};

/**
 * @deprecated The base error is `PayrouteError` (what a provider used alone returns); the gateway's,
 * with `attempts` and `skipped`, is `RoutingError`. This alias of `RoutingError` goes in the next release.
 */
export type GatewayError = RoutingError;
