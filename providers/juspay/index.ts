import { defineProvider, type ProviderDefinition } from '../../src/provider/index.js';
import { JUSPAY_BASE_URLS, JUSPAY_DEFAULT_VERSION, juspayOptionsSchema, type JuspayConfig, type JuspayOptions } from './config.js';
import { juspayOrderStatusErrorDetails, fromJuspayOrderStatus, toJuspayOrderStatusRequest } from './lookup.js';
import { encodeForm, JUSPAY_MAX_ORDER_ID, toJuspayRequest, type JuspayVariant } from './request.js';
import { fromJuspayResponse, juspayErrorDetails } from './response.js';
import type { JuspaySandbox } from './sandbox/index.js';
import type { JuspayOrder, JuspayOrderStatus } from './wire.js';

interface JuspayContext {
  readonly variant: JuspayVariant;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Juspay Express Checkout: `POST /orders` (form-encoded, Basic auth with the API key) and its Order
 * Status API, `GET /orders/{order_id}`, as `getOrder`.
 *
 * @throws PayrouteConfigError when the options are invalid (the message names the fields, never the key).
 *
 * @example
 * const provider = juspay({ apiKey: process.env.JUSPAY_API_KEY!, merchantId: 'acme', environment: 'sandbox' });
 * const result = await provider.createOrder(order);
 * const state = await provider.getOrder(order.orderId, { expected: { amount: order.amount, currency: order.currency } });
 */
export const juspay = defineProvider({
  specificationVersion: 1,
  type: 'juspay',
  displayName: 'Juspay',
  options: juspayOptionsSchema,
  baseUrls: JUSPAY_BASE_URLS,
  // Juspay answers a repeated order_id with `order_already_created` (older servers: the same order).
  capabilities: { dedupesOrderId: true, maxOrderIdLength: JUSPAY_MAX_ORDER_ID.standard },
  answers: { caseInsensitiveOrderIds: true },
  connect: (config) => {
    const authorization = `Basic ${Buffer.from(`${config.apiKey}:`).toString('base64')}`;
    const headers = {
      Authorization: authorization,
      'x-merchantid': config.merchantId,
      version: config.version ?? JUSPAY_DEFAULT_VERSION,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    };
    // Its base64 forms, the Basic value included, are derived by the core.
    return { secrets: [config.apiKey], context: { variant: config.variant ?? 'standard', headers } };
  },
  createOrder: {
    toRequest: (order, call, { variant, headers }) =>
      toJuspayRequest(order, variant, call.routingId).map((form) => ({
        path: '/orders',
        headers: call.routingId === undefined ? headers : { ...headers, 'x-routing-id': call.routingId },
        body: encodeForm(form),
      })),
    fromAnswer: (response, order) => fromJuspayResponse(response, order),
  },
  getOrder: {
    // Juspay treats order ids case-insensitively, so the answer may spell ours differently.
    orderIdsIgnoreCase: true,
    toRequest: (orderId, call, { headers }) => toJuspayOrderStatusRequest(orderId, headers, call.routingId),
    fromAnswer: (response) => fromJuspayOrderStatus(response),
    errorFromAnswer: (response) => juspayOrderStatusErrorDetails(response),
  },
  errorFromAnswer: (response) => juspayErrorDetails(response),
  // What its sandbox accepts unless told others; they open nothing but the local sandbox.
  sandbox: { credentials: { apiKey: 'sandbox_key', merchantId: 'sandbox_merchant' }, load: () => import('./sandbox/index.js').then((module) => module.juspaySandbox) },
} satisfies ProviderDefinition<'juspay', JuspayConfig, JuspayOptions, JuspayContext, JuspayOrder, JuspaySandbox, JuspayOrderStatus>);

export { JUSPAY_BASE_URLS, JUSPAY_DEFAULT_VERSION } from './config.js';
export type { JuspayOptions } from './config.js';
export type { JuspayOrderOptions } from './options.js';
export { toJuspayRequest } from './request.js';
export type { JuspayOrder, JuspayOrderRequest, JuspayOrderStatus, JuspayErrorBody } from './wire.js';
export { JUSPAY_ORDER_STATUSES } from './order-status.js';
