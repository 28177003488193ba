import { err, ok, type Result } from 'neverthrow';
import type { AnswerErrorKind } from '../../src/errors.js';
import { findStatus } from '../../src/order-state.js';
import { parseJsonBody, toDate, toFieldIssues, unreadableAnswer, type AnswerProblem, type ProviderAnswer, type ProviderErrorDetails } from '../../src/provider/index.js';
import type { HttpResponse } from '../../src/transport.js';
import { FLOWWISE_ORDER_STATUSES } from './order-status.js';
import { flowwiseErrorSchema, flowwiseOrderSchema, type FlowwiseOrder } from './wire.js';

/** A Flowwise order (`CreateOrderResponse`, which get-order answers too) from a 2xx body, or why it is not one. */
export function parseFlowwiseOrder(body: string): Result<FlowwiseOrder, string> {
  return parseJsonBody(body).andThen((data) => {
    const parsed = flowwiseOrderSchema.safeParse(data);
    if (parsed.success) return ok(parsed.data);
    const fields = toFieldIssues(parsed.error).map((f) => `${f.path}: ${f.message}`);
    return err(`a body that is not a Flowwise order (${fields.join('; ')})`);
  });
}

/** A 2xx answer of Flowwise's `POST /orders`; it states the currency (`order_currency`) but not the amount. */
export function fromFlowwiseResponse(response: HttpResponse): Result<ProviderAnswer<FlowwiseOrder>, AnswerProblem> {
  return parseFlowwiseOrder(response.body)
    .map((order) => {
      const expiresAt = toDate(order.order_expiry_time);
      const createdAt = toDate(order.added_on);
      const session = {
        orderId: order.order_id,
        providerOrderId: order.order_hash,
        status: findStatus(FLOWWISE_ORDER_STATUSES, order.order_status).status,
        providerStatus: order.order_status,
        checkoutUrl: order.checkout_url,
        links: { web: order.checkout_url },
        ...(expiresAt ? { expiresAt } : {}),
        ...(createdAt ? { createdAt } : {}),
        raw: order,
      };
      return { session, currency: order.order_currency };
    })
    .mapErr(unreadableAnswer);
}

/** Error `type`s and codes that say more than the HTTP status (Cashfree's conventions, which Flowwise shares). */
function kindOf(error: { code: string; type: string }): AnswerErrorKind | undefined {
  const code = error.code.toLowerCase();
  if (code === 'order_already_exists' || code.includes('duplicate') || error.type === 'idempotency_error') return 'duplicate_order';
  if (error.type === 'authentication_error') return 'authentication';
  if (error.type === 'rate_limit_error') return 'rate_limited';
  return undefined;
}

/** A non-2xx answer of Flowwise: what it says. */
export function flowwiseErrorDetails(response: HttpResponse): ProviderErrorDetails {
  const body = parseJsonBody(response.body);
  if (body.isErr()) return { unreadable: body.error };
  const parsed = flowwiseErrorSchema.safeParse(body.value);
  if (!parsed.success) return { unreadable: "a body that is not Flowwise's error format" };
  const { code, message } = parsed.data;
  return { code, message, kind: kindOf(parsed.data) };
}
