import { ok, type Result } from 'neverthrow';
import type { FieldIssue } from '../../src/errors.js';
import type { ValidOrder } from '../../src/order.js';
import type { CommerceEngineOrderRequest } from './wire.js';

/**
 * The canonical order as Commerce Engine's request: the store's order number, and the return URL when
 * the order has one (Commerce Engine does not require it). The amount, currency and customer come from
 * the store's own order, so they are not sent; the answer's amount is checked against the canonical one instead.
 */
export function toCommerceEngineRequest(order: ValidOrder): Result<CommerceEngineOrderRequest, FieldIssue[]> {
  return ok({ order_number: order.orderId, ...(order.returnUrl !== undefined && { return_url: order.returnUrl }) });
}
