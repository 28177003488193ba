import type { PayrouteError, PayrouteErrorKind, PayrouteErrorOf } from '../errors.js';

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

/** What the gateway did for the order before the error: its tries and the providers it passed over. */
export interface RoutingHistory {
  /** The gateway's tries, for `all_providers_failed` and errors returned after a fallback. */
  readonly attempts?: readonly Attempt[];
  /** Providers the gateway passed over for this order (ineligible, or circuit open). */
  readonly skipped?: readonly SkippedProvider[];
}

/**
 * An error the gateway returns: a `PayrouteError` plus what the gateway did for the order before it.
 * A union discriminated by `kind`, like `PayrouteError`.
 */
export type RoutingError<Kind extends PayrouteErrorKind = PayrouteErrorKind> = PayrouteError<Kind> & RoutingHistory;

/**
 * The kinds the gateway's `createOrder` returns: every kind but `configuration`, which a gateway
 * already built cannot meet (`createGateway` throws it, `loadGatewayConfig` returns it).
 */
export type CreateOrderErrorKind = Exclude<PayrouteErrorKind, 'configuration'>;

/**
 * The error of the gateway's `createOrder`: narrow it by `kind`. On `all_providers_failed`, `attempts`
 * and `skipped` are always there (empty when no provider was tried or skipped).
 */
export type CreateOrderError = {
  [Kind in CreateOrderErrorKind]: Kind extends 'all_providers_failed' ? PayrouteErrorOf<Kind> & Required<RoutingHistory> : RoutingError<Kind>;
}[CreateOrderErrorKind];

/**
 * @deprecated The base error is `PayrouteError` (what a provider used alone returns); the gateway's,
 * with `attempts` and `skipped`, is `RoutingError`. This alias of `RoutingError` goes in the next release.
 */
export type GatewayError = RoutingError;
