import type { Result } from 'neverthrow';
import { providerError } from './adapter.js';
import { gatewayError, type FieldIssue, type GatewayError } from './errors.js';
import { parseMinorUnits } from './money.js';
import type { GetOrderOptions, OrderState } from './order-state.js';
import type { HttpGetRequest, HttpResponse } from './transport.js';

/** The pure parts of a provider's order look-up; the adapter adds validation, I/O, the answer checks and the never-throw guarantee. */
export interface LookupSpec<StateRaw> {
  /** Whether the provider matches order ids without regard to case (Juspay does): decides how the answer's id is compared. */
  readonly orderIdsIgnoreCase: boolean;
  /** The look-up request of an order id, or the fields it cannot take. */
  toRequest(orderId: string, options: GetOrderOptions): Result<HttpGetRequest, readonly FieldIssue[]>;
  /** A 2xx answer to the order's state, or `not_found` / `unexpected_response`. */
  toState(response: HttpResponse, orderId: string, options: GetOrderOptions): Result<OrderState<StateRaw>, GatewayError>;
  /** A non-2xx answer to a typed error (`not_found` for an order the provider does not hold). */
  toError(response: HttpResponse): GatewayError;
}

/** The pure parts of a provider's order look-up; the adapter adds validation, I/O, the answer checks and the never-throw guarantee. */
export interface LookupSpec<StateRaw> {
  /** Whether the provider matches order ids without regard to case (Juspay does): decides how the answer's id is compared. */
  readonly orderIdsIgnoreCase: boolean;
  /** The look-up request of an order id, or the fields it cannot take. */
  toRequest(orderId: string, options: GetOrderOptions): Result<HttpGetRequest, readonly FieldIssue[]>;
  /** A 2xx answer to the order's state, or `not_found` / `unexpected_response`. */
  toState(response: HttpResponse, orderId: string, options: GetOrderOptions): Result<OrderState<StateRaw>, GatewayError>;
  /** A non-2xx answer to a typed error (`not_found` for an order the provider does not hold). */
  toError(response: HttpResponse): GatewayError;
}

/**
 * The `not_found` error: the provider says it holds no order with this id, so none was created there.
 * Whatever the HTTP status (Juspay sends its not-found as 400, 404, or in a 200 body), it is not retryable.
 */
export function notFoundError(
  provider: string,
  response: HttpResponse,
  details: { readonly code?: string | undefined; readonly message?: string | undefined },
): GatewayError {
  return gatewayError({ ...providerError(provider, response, details), kind: 'not_found', retryable: false, orderMayExist: false });
}

/**
 * A provider's amount in major units (a JSON number such as 100.15, or a decimal string) as exact minor
 * units: read from its shortest decimal text, never multiplied as a float.
 */
export function minorUnitsOf(value: number | string, currency: string): Result<number, string> {
  return parseMinorUnits(String(value), currency).mapErr((e) => `the amount ${String(value)} (${e.message})`);
}
