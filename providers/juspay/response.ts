import { err, ok, type Result } from 'neverthrow';
import type { CheckoutLinks } from '../../src/port.js';
import type { ValidOrder } from '../../src/order.js';
import {
  parseJsonBody,
  statedMajorAmount,
  toDate,
  toFieldIssues,
  unreadableAnswer,
  type AnswerProblem,
  type ProviderAnswer,
  type ProviderErrorDetails,
  type ProviderSession,
} from '../../src/provider/index.js';
import type { HttpResponse } from '../../src/transport.js';
import { findStatus } from '../../src/order-state.js';
import { JUSPAY_ORDER_STATUSES } from './order-status.js';
import { juspayErrorSchema, juspayOrderSchema, type JuspayOrder } from './wire.js';

/** Reads a Juspay order object; shared by every provider that returns Juspay's order (Juspay itself, Commerce Engine). */
export function parseJuspayOrder(
  data: unknown,
): Result<JuspayOrder, string> {
  const parsed = juspayOrderSchema.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  const fields = toFieldIssues(parsed.error).map((f) => `${f.path}: ${f.message}`);
  return err(`a body that is not a Juspay order (${fields.join('; ')})`);
}

/** The unified session of a Juspay order; `raw` is whatever the provider answered (the order or its envelope). */
export function toJuspaySession<Raw>(order: JuspayOrder, raw: Raw): ProviderSession<Raw> {
  const links: { -readonly [K in keyof CheckoutLinks]: string } = { web: order.payment_links.web };
  if (order.payment_links.mobile) links.mobile = order.payment_links.mobile;
  if (order.payment_links.iframe) links.iframe = order.payment_links.iframe;
  const createdAt = toDate(order.date_created);
  const tokenExpiry = toDate(order.juspay?.client_auth_token_expiry);
  return {
    orderId: order.order_id,
    providerOrderId: order.id,
    status: findStatus(JUSPAY_ORDER_STATUSES, order.status).status,
    providerStatus: order.status,
    checkoutUrl: order.payment_links.web,
    links,
    ...(order.juspay ? { clientAuthToken: order.juspay.client_auth_token } : {}),
    ...(tokenExpiry ? { clientAuthTokenExpiresAt: tokenExpiry } : {}),
    ...(createdAt ? { createdAt } : {}),
    raw,
  };
}

/**
 * A Juspay order as an answer to check: its session, and the amount and currency the full order
 * states (in major units, read in the answer's currency, else the order's).
 */
export function toJuspayAnswer<Raw>(order: JuspayOrder, raw: Raw, sent: ValidOrder): ProviderAnswer<Raw> {
  return {
    session: toJuspaySession(order, raw),
    amount: order.amount === undefined ? undefined : statedMajorAmount(order.amount, order.currency ?? sent.currency),
    currency: order.currency,
  };
}

/** A 2xx answer of Juspay's `POST /orders`. */
export function fromJuspayResponse(response: HttpResponse, sent: ValidOrder): Result<ProviderAnswer<JuspayOrder>, AnswerProblem> {
  return parseJsonBody(response.body)
    .andThen(parseJuspayOrder)
    .map((order) => toJuspayAnswer(order, order, sent))
    .mapErr(unreadableAnswer);
}

const DUPLICATE_CODES = new Set(['order_already_created', 'duplicate_order', 'order_already_exists']);

/** A non-2xx answer of Juspay, in any of its error shapes: what it says. */
export function juspayErrorDetails(response: HttpResponse): ProviderErrorDetails {
  const body = parseJsonBody(response.body);
  if (body.isErr()) return { unreadable: body.error };
  const parsed = juspayErrorSchema.safeParse(body.value);
  const error = parsed.success ? parsed.data : undefined;
  if (!error || (error.status ?? error.error_code ?? error.error_message) === undefined) {
    return { unreadable: "a body that is not Juspay's error format" };
  }
  const info = error.error_info;
  const duplicate = [error.status, error.error_code].some((c) => c !== undefined && DUPLICATE_CODES.has(c.toLowerCase()));
  return {
    code: error.error_code ?? info?.code ?? error.status,
    message: error.error_message ?? info?.user_message ?? info?.developer_message,
    fields: info?.fields?.map((f) => ({ path: f.field_name, message: f.reason })),
    kind: duplicate ? 'duplicate_order' : undefined,
  };
}
