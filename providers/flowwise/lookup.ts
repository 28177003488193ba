import { ok, type Result } from 'neverthrow';
import type { FieldIssue } from '../../src/errors.js';
import { findStatus } from '../../src/order-state.js';
import { parseJsonBody, toDate, unreadableAnswer, type AnswerProblem, type ProviderErrorDetails, type ProviderState } from '../../src/provider/index.js';
import type { HttpGetRequest, HttpResponse } from '../../src/transport.js';
import { FLOWWISE_ORDER_STATUSES } from './order-status.js';
import { flowwiseErrorDetails, parseFlowwiseOrder } from './response.js';
import { flowwiseErrorSchema, type FlowwiseOrder } from './wire.js';

/** Flowwise's Get Order request: `GET {base}/orders/{order_id}` with its two API-key headers. */
export function toFlowwiseGetOrderRequest(orderId: string, headers: Readonly<Record<string, string>>): Result<HttpGetRequest, FieldIssue[]> {
  return ok({ path: `/orders/${encodeURIComponent(orderId)}`, headers });
}

/**
 * A 2xx answer of Flowwise's Get Order as the order's state. Its schema is create-order's, which has no
 * amount: the state has `currency` but never `amount` or `amountPaid`.
 */
export function fromFlowwiseGetOrder(response: HttpResponse): Result<ProviderState<FlowwiseOrder>, AnswerProblem> {
  return parseFlowwiseOrder(response.body)
    .map((order) => {
      const entry = findStatus(FLOWWISE_ORDER_STATUSES, order.order_status);
      const createdAt = toDate(order.added_on);
      const expiresAt = toDate(order.order_expiry_time);
      return {
        orderId: order.order_id,
        providerOrderId: order.order_hash,
        status: entry.status,
        final: entry.final,
        providerStatus: order.order_status,
        ...(order.order_currency ? { currency: order.order_currency } : {}),
        checkoutUrl: order.checkout_url,
        links: { web: order.checkout_url },
        ...(createdAt ? { createdAt } : {}),
        ...(expiresAt ? { expiresAt } : {}),
        raw: order,
      };
    })
    .mapErr(unreadableAnswer);
}

/**
 * A non-2xx answer of Flowwise's Get Order. Its unknown-order answer is not documented: the safe reading
 * is a 404 in Flowwise's own error format, or any 4xx whose code says not found. A 404 in another format
 * (a proxy's page, a wrong URL) says nothing about the order and stays `invalid_request`.
 */
export function flowwiseGetOrderErrorDetails(response: HttpResponse): ProviderErrorDetails {
  const body = parseJsonBody(response.body);
  const parsed = body.isOk() ? flowwiseErrorSchema.safeParse(body.value) : undefined;
  if (parsed?.success && response.status >= 400 && response.status < 500) {
    const { code, message } = parsed.data;
    if (response.status === 404 || /not_?found/i.test(code)) return { kind: 'not_found', code, message };
  }
  return flowwiseErrorDetails(response);
}
