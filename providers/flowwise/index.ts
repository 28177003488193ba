import { defineProvider, type ProviderDefinition } from '../../src/provider/index.js';
import { FLOWWISE_BASE_URLS, flowwiseOptionsSchema, type FlowwiseConfig, type FlowwiseOptions } from './config.js';
import { flowwiseGetOrderErrorDetails, fromFlowwiseGetOrder, toFlowwiseGetOrderRequest } from './lookup.js';
import { toFlowwiseRequest } from './request.js';
import { flowwiseErrorDetails, fromFlowwiseResponse } from './response.js';
import type { FlowwiseSandbox } from './sandbox/index.js';
import type { FlowwiseOrder } from './wire.js';

interface FlowwiseContext {
  readonly headers: Readonly<Record<string, string>>;
  /** A GET has no body, so the look-up sends no Content-Type. */
  readonly lookupHeaders: Readonly<Record<string, string>>;
}

/**
 * Flowwise (Cashfree orchestration): `POST {base}/orders`, JSON, `x-client-id` and `x-client-secret`,
 * and Get Order (`GET {base}/orders/{order_id}`) as `getOrder`.
 *
 * @throws PayrouteConfigError when the options are invalid (the message names the fields, never the secret).
 *
 * @example
 * const provider = flowwise({ clientId: process.env.FW_ID!, clientSecret: process.env.FW_SECRET!, environment: 'sandbox' });
 * const result = await provider.createOrder(order);
 */
export const flowwise = defineProvider({
  specificationVersion: 1,
  type: 'flowwise',
  displayName: 'Flowwise',
  options: flowwiseOptionsSchema,
  baseUrls: FLOWWISE_BASE_URLS,
  // A repeated order_id gets 409 `order_already_exists` (Cashfree's convention, which Flowwise shares).
  capabilities: { dedupesOrderId: true },
  connect: (config) => {
    const lookupHeaders = { Accept: 'application/json', 'x-client-id': config.clientId, 'x-client-secret': config.clientSecret };
    // The client id is an identifier, not a secret: it stays readable in errors.
    return { secrets: [config.clientSecret], context: { headers: { 'Content-Type': 'application/json', ...lookupHeaders }, lookupHeaders } };
  },
  createOrder: {
    toRequest: (order, _call, { headers }) => toFlowwiseRequest(order).map((body) => ({ path: '/orders', headers, body: JSON.stringify(body) })),
    fromAnswer: (response) => fromFlowwiseResponse(response),
  },
  getOrder: {
    orderIdsIgnoreCase: false,
    toRequest: (orderId, _call, { lookupHeaders }) => toFlowwiseGetOrderRequest(orderId, lookupHeaders),
    fromAnswer: (response) => fromFlowwiseGetOrder(response),
    errorFromAnswer: (response) => flowwiseGetOrderErrorDetails(response),
  },
  errorFromAnswer: (response) => flowwiseErrorDetails(response),
  // What its sandbox accepts unless told others; they open nothing but the local sandbox.
  sandbox: { credentials: { clientId: 'sandbox_client', clientSecret: 'sandbox_secret' }, load: () => import('./sandbox/index.js').then((module) => module.flowwiseSandbox) },
} satisfies ProviderDefinition<'flowwise', FlowwiseConfig, FlowwiseOptions, FlowwiseContext, FlowwiseOrder, FlowwiseSandbox, FlowwiseOrder>);

export { FLOWWISE_BASE_URLS } from './config.js';
export type { FlowwiseOptions } from './config.js';
export type { FlowwiseOrderOptions } from './options.js';
export { toFlowwiseRequest, toFlowwiseAmount } from './request.js';
export type { FlowwiseOrder, FlowwiseOrderRequest, FlowwiseErrorBody } from './wire.js';
export { FLOWWISE_ORDER_STATUSES } from './order-status.js';
