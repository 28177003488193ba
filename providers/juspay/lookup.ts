import { err, ok, type Result } from 'neverthrow';
import type { FieldIssue } from '../../src/errors.js';
import { findStatus, type StatusTableEntry } from '../../src/order-state.js';
import type { CheckoutLinks } from '../../src/port.js';
import {
  minorUnitsOf,
  notFoundAnswer,
  parseJsonBody,
  toDate,
  toFieldIssues,
  unreadableAnswer,
  type AnswerProblem,
  type ProviderErrorDetails,
  type ProviderState,
} from '../../src/provider/index.js';
import type { HttpGetRequest, HttpResponse } from '../../src/transport.js';
import { JUSPAY_ORDER_STATUSES, JUSPAY_PARTIALLY_REFUNDED, JUSPAY_REFUNDED } from './order-status.js';
import { routingIdIssues } from './request.js';
import { juspayErrorDetails } from './response.js';
import { juspayNotFoundSchema, juspayOrderStatusSchema, type JuspayOrderStatus } from './wire.js';

/** The currency of a Juspay order that names none: Juspay's documented default. */
const DEFAULT_CURRENCY = 'INR';

/**
 * Juspay's Order Status request: `GET /orders/{order_id}` with the same headers as create
 * (`Authorization`, `x-merchantid`, `version`, and the form `Content-Type` the reference's header table
 * and samples show, although a GET has no body), plus `x-routing-id` when given.
 */
export function toJuspayOrderStatusRequest(
  orderId: string,
  headers: Readonly<Record<string, string>>,
  routingId: string | undefined,
): Result<HttpGetRequest, FieldIssue[]> {
  const issues = routingIdIssues(routingId);
  if (issues.length > 0) return err(issues);
  return ok({
    path: `/orders/${encodeURIComponent(orderId)}`,
    headers: routingId === undefined ? headers : { ...headers, 'x-routing-id': routingId },
  });
}

/** Whether a Juspay body says the order does not exist: `status: NOT_FOUND` or `status_id: 40`. */
function notFoundIn(body: unknown): { readonly message?: string | undefined } | undefined {
  const parsed = juspayNotFoundSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { status, status_id: statusId, error_info: info } = parsed.data;
  return status?.toUpperCase() === 'NOT_FOUND' || Number(statusId) === 40 ? { message: info?.user_message } : undefined;
}

/** A 2xx answer of Juspay's Order Status API as the order's state; a 200 that says NOT_FOUND is `not_found`. */
export function fromJuspayOrderStatus(response: HttpResponse): Result<ProviderState<JuspayOrderStatus>, AnswerProblem> {
  const body = parseJsonBody(response.body);
  if (body.isErr()) return err(unreadableAnswer(body.error));
  const notFound = notFoundIn(body.value);
  if (notFound) return err(notFoundAnswer({ code: 'NOT_FOUND', message: notFound.message }));
  const parsed = juspayOrderStatusSchema.safeParse(body.value);
  if (!parsed.success) {
    const fields = toFieldIssues(parsed.error).map((f) => `${f.path}: ${f.message}`);
    return err(unreadableAnswer(`a body that is not a Juspay order (${fields.join('; ')})`));
  }
  return toJuspayOrderState(parsed.data).mapErr(unreadableAnswer);
}

function toJuspayOrderState(order: JuspayOrderStatus): Result<ProviderState<JuspayOrderStatus>, string> {
  const currency = order.currency ?? DEFAULT_CURRENCY;
  const amount = order.amount === undefined ? ok(undefined) : minorUnitsOf(order.amount, currency);
  const refunded = order.amount_refunded === undefined ? ok(undefined) : minorUnitsOf(order.amount_refunded, currency);
  if (amount.isErr()) return err(amount.error);
  if (refunded.isErr()) return err(refunded.error);
  const entry = withRefunds(findStatus(JUSPAY_ORDER_STATUSES, order.status), order.refunded === true, refunded.value ?? 0);
  const links = juspayLinks(order.payment_links);
  const statusId = Number(order.status_id);
  const createdAt = toDate(order.date_created);
  return ok({
    orderId: order.order_id,
    ...(order.id ? { providerOrderId: order.id } : {}),
    status: entry.status,
    final: entry.final,
    providerStatus: order.status,
    ...(order.status_id !== undefined && Number.isInteger(statusId) ? { providerStatusId: statusId } : {}),
    ...(amount.value === undefined ? {} : { amount: amount.value, currency }),
    ...(refunded.value === undefined ? {} : { amountRefunded: refunded.value }),
    ...(links.web ? { checkoutUrl: links.web } : {}),
    links,
    ...(order.txn_id ? { transactionId: order.txn_id } : {}),
    ...(createdAt ? { createdAt } : {}),
    raw: order,
  });
}

/** A paid order refunded in full or in part reads as refunded; the status alone still says CHARGED. */
function withRefunds(entry: StatusTableEntry, refunded: boolean, amountRefunded: number): StatusTableEntry {
  if (entry.status !== 'paid') return entry;
  if (refunded) return JUSPAY_REFUNDED;
  return amountRefunded > 0 ? JUSPAY_PARTIALLY_REFUNDED : entry;
}

function juspayLinks(given: JuspayOrderStatus['payment_links']): CheckoutLinks {
  const links: { -readonly [K in keyof CheckoutLinks]: string } = {};
  if (given?.web) links.web = given.web;
  if (given?.mobile) links.mobile = given.mobile;
  if (given?.iframe) links.iframe = given.iframe;
  return links;
}

/**
 * A non-2xx answer of Juspay's Order Status API. An unknown order is `not_found` in both documented
 * shapes: 400 (or 404) with `status: NOT_FOUND` / `status_id: 40`, and an older server's 404 with the text
 * "Order not found". Any other 404 (a wrong URL) says nothing about the order and stays `invalid_request`.
 */
export function juspayOrderStatusErrorDetails(response: HttpResponse): ProviderErrorDetails {
  if (response.status === 400 || response.status === 404) {
    const body = parseJsonBody(response.body);
    const notFound = body.isOk() ? notFoundIn(body.value) : undefined;
    if (notFound) return { kind: 'not_found', code: 'NOT_FOUND', message: notFound.message };
    if (response.status === 404 && /^\s*order not found\b/i.test(response.body)) {
      return { kind: 'not_found', message: response.body.trim().slice(0, 200) };
    }
  }
  return juspayErrorDetails(response);
}
