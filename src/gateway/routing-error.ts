import type { PayrouteError } from '../errors.js';

/**
 * What the gateway's look-up of an order found after a try that may have created it:
 * `found`, the order was created and is the session; `not_found`, nothing was created;
 * `lookup_failed`, the look-up failed too; `different_order`, the provider holds this order id for
 * another amount or currency; `spent`, its order there is final and can no longer be paid (failed,
 * expired, cancelled); `no_checkout_link`, the order is there but its look-up gives no link to pay.
 */
export type ReconcileOutcome = 'found' | 'not_found' | 'lookup_failed' | 'different_order' | 'spent' | 'no_checkout_link';

/** One try at one provider, as the gateway reports it. */
export interface Attempt {
  readonly provider: string;
  /** Milliseconds from sending the request to its answer or failure. */
  readonly durationMs: number;
  readonly error: PayrouteError;
  /** What the look-up after this failed try found, when the gateway looked the order up (see `ReconcileOutcome`). */
  readonly reconciliation?: ReconcileOutcome;
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
