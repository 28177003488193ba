import { err, ok, Result } from 'neverthrow';
import { parseJsonBody, unexpectedResponse } from '../../src/adapter.js';
import type { FieldIssue, GatewayError } from '../../src/errors.js';
import { minorUnitsOf, notFoundError } from '../../src/lookup.js';
import { findStatus, type GetOrderOptions, type OrderState } from '../../src/order-state.js';
import type { HttpGetRequest, HttpResponse } from '../../src/transport.js';
import { COMMERCE_ENGINE_PAYMENT_STATUSES } from './order-status.js';
import { fromCommerceEngineError, readEnvelope } from './response.js';
import { commerceEngineErrorSchema, commerceEnginePaymentStatusSchema, type CommerceEnginePaymentStatus } from './wire.js';

/** The payment status of a store order: `GET /api/v1/{store_id}/storefront/orders/{order_number}/payment-status`. */
export function toCommerceEnginePaymentStatusRequest(
  storeId: string,
  orderNumber: string,
  headers: Readonly<Record<string, string>>,
): Result<HttpGetRequest, FieldIssue[]> {
  return ok({ path: `/api/v1/${storeId}/storefront/orders/${encodeURIComponent(orderNumber)}/payment-status`, headers });
}

/**
 * A 2xx payment status as the order's state. The answer names neither the order nor a currency: the
 * order id is the one asked for, and the amounts (paid plus unpaid is the amount) are read in
 * `expected.currency`, so without `expected` the state has none.
 */
export function fromCommerceEnginePaymentStatus(
  provider: string,
  response: HttpResponse,
  orderNumber: string,
  options: GetOrderOptions,
): Result<OrderState<CommerceEnginePaymentStatus>, GatewayError> {
  const read = readEnvelope(provider, response, commerceEnginePaymentStatusSchema, 'a Commerce Engine payment status');
  if (read.isErr()) return err(read.error);
  const envelope = read.value;
  const { status, amount_paid: paid, amount_unpaid: unpaid } = envelope.content;
  const currency = options.expected?.currency;
  const amounts = currency === undefined ? ok(undefined) : readAmounts(paid, unpaid, currency);
  if (amounts.isErr()) return err(unexpectedResponse(provider, response, amounts.error));
  const entry = findStatus(COMMERCE_ENGINE_PAYMENT_STATUSES, status);
  return ok({
    provider,
    orderId: orderNumber,
    status: entry.status,
    final: entry.final,
    providerStatus: status,
    ...amounts.value,
    links: {},
    raw: envelope,
  });
}

/** The amounts of a payment status in minor units of `currency`: paid, and paid plus unpaid as the order's amount. */
function readAmounts(paid: number, unpaid: number, currency: string): Result<{ amount: number; currency: string; amountPaid: number }, string> {
  return Result.combine([minorUnitsOf(paid, currency), minorUnitsOf(unpaid, currency)]).map(([paidMinor, unpaidMinor]) => ({
    amount: paidMinor + unpaidMinor,
    currency,
    amountPaid: paidMinor,
  }));
}

/** A non-2xx answer; a 404 in Commerce Engine's error format (no such order in the store, or no such store) is `not_found`. */
export function fromCommerceEnginePaymentStatusError(provider: string, response: HttpResponse): GatewayError {
  const body = parseJsonBody(response.body);
  const parsed = body.isOk() ? commerceEngineErrorSchema.safeParse(body.value) : undefined;
  if (response.status === 404 && parsed?.success && (parsed.data.message !== undefined || parsed.data.code !== undefined)) {
    const { code, message } = parsed.data;
    return notFoundError(provider, response, { code: code === undefined ? undefined : String(code), message });
  }
  return fromCommerceEngineError(provider, response);
}
