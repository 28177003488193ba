/** What went wrong, as a small closed set a service can switch on. */
export type GatewayErrorKind =
  | 'validation'
  | 'configuration'
  | 'authentication'
  | 'invalid_request'
  | 'duplicate_order'
  | 'not_found'
  | 'rate_limited'
  | 'provider_unavailable'
  | 'timeout'
  | 'network'
  | 'aborted'
  | 'unexpected_response'
  | 'all_providers_failed'
  | 'internal';

/** One field a request was rejected for, by payroute's validation or by the provider. */
export interface FieldIssue {
  /** Dotted path of the field, such as `customer.email` or `providerOptions.juspay.mandate.max_amount`. */
  readonly path: string;
  readonly message: string;
}

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
  readonly error: GatewayError;
  /** What the look-up after this failed try found, when the gateway looked the order up (see `ReconcileOutcome`). */
  readonly reconciliation?: ReconcileOutcome;
}

/** A provider the gateway did not try for an order, and why. */
export interface SkippedProvider {
  readonly provider: string;
  /** `ineligible`: its configuration or adapter cannot take this order; `circuit_open`: its circuit breaker is open. */
  readonly reason: 'ineligible' | 'circuit_open';
  /** Why, for a log line: the currency or field the provider rejects, or the circuit's state. */
  readonly message: string;
}

/**
 * Every failure payroute returns: a plain object (no class, so it survives `structuredClone`, JSON
 * and the CommonJS/ESM dual-package split) that never holds a credential.
 */
export interface GatewayError {
  readonly kind: GatewayErrorKind;
  /** The provider instance that failed (`juspay`, or the gateway's name for it); `payroute` for the router's own errors. */
  readonly provider: string;
  /** Whether the same request may succeed if sent again later. */
  readonly retryable: boolean;
  /** A sentence for a log line or an operator. Never contains a credential. */
  readonly message: string;
  /** HTTP status of the provider's answer, when there was one. */
  readonly httpStatus?: number;
  /** The provider's own error code (`duplicate_order`, `INVALID_REQUEST`, `invalid_amount`, ...). */
  readonly providerCode?: string;
  /** The provider's own error message, verbatim but with credentials removed. */
  readonly providerMessage?: string;
  /** Fields that were rejected, by payroute's validation or the provider's (Juspay `error_info.fields`). */
  readonly fields?: readonly FieldIssue[];
  /**
   * True when the provider may have created the order although the call failed (timeout after
   * sending, connection reset mid-flight, 5xx): look it up before creating it elsewhere.
   */
  readonly orderMayExist?: boolean;
  /** Milliseconds the provider asked us to wait (`Retry-After`) before trying again. */
  readonly retryAfterMs?: number;
  /** The gateway's tries, for `all_providers_failed` and errors returned after a fallback. */
  readonly attempts?: readonly Attempt[];
  /** Providers the gateway passed over for this order (ineligible, or circuit open). */
  readonly skipped?: readonly SkippedProvider[];
}

const BRAND = Symbol.for('payroute.GatewayError');

/** `T` whose optional fields may also be given as `undefined`. */
type AllowUndefined<T> = { [K in keyof T]: {} extends Pick<T, K> ? T[K] | undefined : T[K] };

/** Builds a `GatewayError`, dropping fields that are `undefined` so the object stays clean to log. */
export function gatewayError(fields: AllowUndefined<GatewayError>): GatewayError {
  const error: Record<string | symbol, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) error[key] = value;
  Object.defineProperty(error, BRAND, { value: true, enumerable: false });
  return error as unknown as GatewayError;
}

/** Brand check that works across the CommonJS and ESM builds (unlike `instanceof`). */
export function isGatewayError(value: unknown): value is GatewayError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * Thrown only by adapter factories and `createGateway` when their configuration is invalid, so a bad
 * deployment fails at start-up and not at the first order. Its message names the bad fields and never
 * holds their values.
 */
export class PayrouteConfigError extends Error {
  readonly kind = 'configuration' as const;
  readonly fields: readonly FieldIssue[];

  constructor(subject: string, fields: readonly FieldIssue[]) {
    super(`${subject}: invalid configuration: ${fields.map((f) => `${f.path || '(root)'}: ${f.message}`).join('; ')}`);
    this.name = 'PayrouteConfigError';
    this.fields = fields;
  }

  /** Brand check that works across the CommonJS and ESM builds. */
  static is(value: unknown): value is PayrouteConfigError {
    return value instanceof Error && (value as { kind?: unknown }).kind === 'configuration' && value.name === 'PayrouteConfigError';
  }
}
