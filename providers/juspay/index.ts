import { adapterTransport, defineAdapter } from '../../src/adapter.js';
import { parseOptions } from '../../src/config.js';
import type { LookupProvider } from '../../src/port.js';
import { JUSPAY_BASE_URLS, JUSPAY_DEFAULT_VERSION, juspayOptionsSchema, type JuspayOptions } from './config.js';
import { fromJuspayOrderStatus, fromJuspayOrderStatusError, toJuspayOrderStatusRequest } from './lookup.js';
import { encodeForm, toJuspayRequest } from './request.js';
import { fromJuspayError, fromJuspayResponse } from './response.js';
import type { JuspayOrder, JuspayOrderStatus } from './wire.js';

/**
 * A Juspay Express Checkout adapter: `POST /orders` (form-encoded, Basic auth with the API key) and its
 * Order Status API, `GET /orders/{order_id}`, as `getOrder`.
 *
 * @throws PayrouteConfigError when the options are invalid (the message names the fields, never the key).
 *
 * @example
 * const provider = juspay({ apiKey: process.env.JUSPAY_API_KEY!, merchantId: 'acme', environment: 'sandbox' });
 * const result = await provider.createOrder(order);
 * const state = await provider.getOrder(order.orderId, { expected: { amount: order.amount, currency: order.currency } });
 */
export function juspay(options: JuspayOptions): LookupProvider<JuspayOrder, JuspayOrderStatus> {
  const config = parseOptions('juspay', juspayOptionsSchema, options);
  const { name, transport } = adapterTransport('juspay', config, JUSPAY_BASE_URLS);
  const variant = config.variant ?? 'standard';
  const authorization = `Basic ${Buffer.from(`${config.apiKey}:`).toString('base64')}`;
  const headers = {
    Authorization: authorization,
    'x-merchantid': config.merchantId,
    version: config.version ?? JUSPAY_DEFAULT_VERSION,
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };

  return defineAdapter({
    name,
    type: 'juspay',
    transport,
    // Its base64 forms, the Basic value included, are derived by defineAdapter.
    secrets: [config.apiKey],
    toRequest: (order, call) =>
      toJuspayRequest(order, variant, call.routingId).map((form) => ({
        path: '/orders',
        headers: call.routingId === undefined ? headers : { ...headers, 'x-routing-id': call.routingId },
        body: encodeForm(form),
      })),
    toSession: (response, order) => fromJuspayResponse(name, response, order),
    answers: { caseInsensitiveOrderIds: true },
    toError: (response) => fromJuspayError(name, response),
    getOrder: {
      // Juspay treats order ids case-insensitively, so the answer may spell ours differently.
      orderIdsIgnoreCase: true,
      toRequest: (orderId, call) => toJuspayOrderStatusRequest(orderId, headers, call.routingId),
      toState: (response) => fromJuspayOrderStatus(name, response),
      toError: (response) => fromJuspayOrderStatusError(name, response),
    },
  });
}

export { JUSPAY_BASE_URLS, JUSPAY_DEFAULT_VERSION } from './config.js';
export type { JuspayOptions } from './config.js';
export type { JuspayOrderOptions } from './options.js';
export { toJuspayRequest } from './request.js';
export type { JuspayOrder, JuspayOrderRequest, JuspayOrderStatus, JuspayErrorBody } from './wire.js';
export { JUSPAY_ORDER_STATUSES } from './order-status.js';
