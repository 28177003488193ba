import { err, ok, type Result } from 'neverthrow';
import type { FieldIssue } from '../../src/errors.js';
import type { ValidOrder } from '../../src/order.js';
import type { CommerceEngineOrderRequest } from './wire.js';

/**
 * The canonical order as Commerce Engine's request: the store's order number and the return URL.
 * The amount, currency and customer come from the store's own order, so they are not sent; the
 * answer's amount is checked against the canonical one instead.
 */
export function toCommerceEngineRequest(order: ValidOrder): Result<CommerceEngineOrderRequest, FieldIssue[]> {
  if (order.returnUrl === undefined) return err([{ path: 'returnUrl', message: 'Commerce Engine requires a return URL' }]);
  return ok({ order_number: order.orderId, return_url: order.returnUrl });
}
