import { adapterTransport, defineAdapter } from '../../src/adapter.js';
import { parseOptions } from '../../src/config.js';
import type { LookupProvider } from '../../src/port.js';
import { FLOWWISE_BASE_URLS, flowwiseOptionsSchema, type FlowwiseOptions } from './config.js';
import { fromFlowwiseGetOrder, fromFlowwiseGetOrderError, toFlowwiseGetOrderRequest } from './lookup.js';
import { toFlowwiseRequest } from './request.js';
import { fromFlowwiseError, fromFlowwiseResponse } from './response.js';
import type { FlowwiseOrder } from './wire.js';

/**
 * A Flowwise (Cashfree orchestration) adapter: `POST {base}/orders`, JSON, `x-client-id` and `x-client-secret`,
 * and Get Order (`GET {base}/orders/{order_id}`) as `getOrder`.
 *
 * @throws PayrouteConfigError when the options are invalid (the message names the fields, never the secret).
 *
 * @example
 * const provider = flowwise({ clientId: process.env.FW_ID!, clientSecret: process.env.FW_SECRET!, environment: 'sandbox' });
 * const result = await provider.createOrder(order);
 */
export function flowwise(options: FlowwiseOptions): LookupProvider<FlowwiseOrder, FlowwiseOrder> {
  const config = parseOptions('flowwise', flowwiseOptionsSchema, options);
  const { name, transport } = adapterTransport('flowwise', config, FLOWWISE_BASE_URLS);
  // A GET has no body, so the look-up sends no Content-Type.
  const lookupHeaders = {
    Accept: 'application/json',
    'x-client-id': config.clientId,
    'x-client-secret': config.clientSecret,
  };
  const headers = { 'Content-Type': 'application/json', ...lookupHeaders };

  return defineAdapter({
    name,
    type: 'flowwise',
    transport,
    // The client id is an identifier, not a secret: it stays readable in errors.
    secrets: [config.clientSecret],
    toRequest: (order) => toFlowwiseRequest(order).map((body) => ({ path: '/orders', headers, body: JSON.stringify(body) })),
    toSession: (response) => fromFlowwiseResponse(name, response),
    toError: (response) => fromFlowwiseError(name, response),
    getOrder: {
      orderIdsIgnoreCase: false,
      toRequest: (orderId) => toFlowwiseGetOrderRequest(orderId, lookupHeaders),
      toState: (response) => fromFlowwiseGetOrder(name, response),
      toError: (response) => fromFlowwiseGetOrderError(name, response),
    },
  });
}

export { FLOWWISE_BASE_URLS } from './config.js';
export type { FlowwiseOptions } from './config.js';
export type { FlowwiseOrderOptions } from './options.js';
export { toFlowwiseRequest, toFlowwiseAmount } from './request.js';
export type { FlowwiseOrder, FlowwiseOrderRequest, FlowwiseErrorBody } from './wire.js';
export { FLOWWISE_ORDER_STATUSES } from './order-status.js';
