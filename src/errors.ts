/** What went wrong, as a small closed set a service can switch on. */
export type PayrouteErrorKind =
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
  | 'in_progress'
  | 'ledger_unavailable'
  | 'internal';

/** @deprecated Renamed `PayrouteErrorKind`; this alias goes in the next release. */
export type GatewayErrorKind = PayrouteErrorKind;

/** One field a request was rejected for, by payroute's validation or by the provider. */
export interface FieldIssue {
  /** Dotted path of the field, such as `customer.email` or `providerOptions.juspay.mandate.max_amount`. */
  readonly path: string;
  readonly message: string;
}

/** The fields every `PayrouteError` has, whatever its kind. */
export interface PayrouteErrorBase<Kind extends PayrouteErrorKind = PayrouteErrorKind> {
  readonly kind: Kind;
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
  /**
   * True when the provider may have created the order although the call failed (timeout after
   * sending, connection reset mid-flight, 5xx): look it up before creating it elsewhere.
   */
  readonly orderMayExist?: boolean;
  /** Fields that were rejected (see the kinds that carry them). */
  readonly fields?: readonly FieldIssue[];
  /** Milliseconds the provider asked us to wait (`Retry-After`); only on `rate_limited` and `provider_unavailable`. */
  readonly retryAfterMs?: number;
}

/** The kinds whose errors may carry `Retry-After` as `retryAfterMs` (HTTP 429 and 503 define it). */
export type RetryAfterKind = 'rate_limited' | 'provider_unavailable';

/** The kinds whose errors never name fields: no field was at fault. */
export type FieldlessKind = 'network' | 'aborted' | 'all_providers_failed' | 'internal';

/** The error of one kind: `fields` always on `validation`, `retryAfterMs` only where a provider may ask for a wait. */
export type PayrouteErrorOf<Kind extends PayrouteErrorKind> = Omit<PayrouteErrorBase<Kind>, 'fields' | 'retryAfterMs'> &
  (Kind extends 'validation'
    ? { /** Every field payroute rejected (the order's, the call options', or a provider's limits). */ readonly fields: readonly FieldIssue[] }
    : Kind extends FieldlessKind
      ? { readonly fields?: never }
      : { /** Fields the provider rejected (Juspay `error_info.fields`), or the configuration's bad paths. */ readonly fields?: readonly FieldIssue[] }) &
  (Kind extends RetryAfterKind ? { readonly retryAfterMs?: number } : { readonly retryAfterMs?: never });

/**
 * Every failure payroute returns: a plain object (no class, so it survives `structuredClone`, JSON
 * and the CommonJS/ESM dual-package split) that never holds a credential. A union discriminated by
 * `kind`: checking `kind` narrows it (`retryAfterMs` on `rate_limited`, `fields` on `validation`).
 * `PayrouteError<'timeout' | 'network'>` is the error of those kinds alone.
 */
export type PayrouteError<Kind extends PayrouteErrorKind = PayrouteErrorKind> = { [K in Kind]: PayrouteErrorOf<K> }[Kind];

/** The kinds a provider's answer may state (`ProviderErrorDetails.kind`): not payroute's own validation, configuration or routing. */
export type AnswerErrorKind = Exclude<PayrouteErrorKind, 'validation' | 'configuration' | 'all_providers_failed'>;

// The key is older than the rename: errors of earlier versions pass the check too.
const BRAND = Symbol.for('payroute.GatewayError');

/** `T` whose optional fields may also be given as `undefined`. */
type AllowUndefined<T> = { [K in keyof T]: {} extends Pick<T, K> ? T[K] | undefined : T[K] };

/**
 * Builds a `PayrouteError` (or an extension of it, such as the gateway's `RoutingError`), dropping
 * fields that are `undefined` so the object stays clean to log.
 */
export function payrouteError<E extends PayrouteError = PayrouteError>(fields: AllowUndefined<NoInfer<E>>): E {
  const error: Record<string | symbol, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) error[key] = value;
  Object.defineProperty(error, BRAND, { value: true, enumerable: false });
  return error as unknown as E;
}

/** Brand check that works across the CommonJS and ESM builds (unlike `instanceof`). */
export function isPayrouteError(value: unknown): value is PayrouteError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** @deprecated Renamed `payrouteError`; this alias goes in the next release. */
export const gatewayError = payrouteError;

/** @deprecated Renamed `isPayrouteError`; this alias goes in the next release. */
export const isGatewayError = isPayrouteError;

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
