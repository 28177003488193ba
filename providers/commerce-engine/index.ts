import { adapterTransport, defineAdapter } from '../../src/adapter.js';
import { parseOptions } from '../../src/config.js';
import type { LookupProvider } from '../../src/port.js';
import { COMMERCE_ENGINE_BASE_URLS, commerceEngineOptionsSchema, type CommerceEngineOptions } from './config.js';
import { fromCommerceEnginePaymentStatus, fromCommerceEnginePaymentStatusError, toCommerceEnginePaymentStatusRequest } from './lookup.js';
import { toCommerceEngineRequest } from './request.js';
import { fromCommerceEngineError, fromCommerceEngineResponse } from './response.js';
import type { CommerceEngineEnvelope, CommerceEnginePaymentStatus } from './wire.js';

/**
 * A Commerce Engine adapter: its storefront endpoint creates the Juspay order of a store's order and
 * answers with the full Juspay order, client auth token included. `getOrder` reads the payment status of
 * the store order.
 *
 * @throws PayrouteConfigError when the options are invalid (the message names the fields, never the token).
 *
 * @example
 * const provider = commerceEngine({ storeId: 'store_1', accessToken: process.env.CE_TOKEN!, environment: 'sandbox' });
 * const result = await provider.createOrder({ orderId: 'ORD-1042', amount: 10015, currency: 'INR', returnUrl: 'https://shop.example.com/return' });
 */
export function commerceEngine(options: CommerceEngineOptions): LookupProvider<CommerceEngineEnvelope, CommerceEnginePaymentStatus> {
  const config = parseOptions('commerce-engine', commerceEngineOptionsSchema, options);
  const { name, transport } = adapterTransport('commerce-engine', config, COMMERCE_ENGINE_BASE_URLS);
  const authorization = `Bearer ${config.accessToken}`;
  const headers = { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' };
  // A GET has no body, so the look-up sends no Content-Type.
  const lookupHeaders = { Authorization: authorization, Accept: 'application/json' };
  const path = `/api/v1/${config.storeId}/storefront/payments/juspay/create-order`;

  return defineAdapter({
    name,
    type: 'commerce-engine',
    transport,
    secrets: [config.accessToken],
    toRequest: (order) => toCommerceEngineRequest(order).map((body) => ({ path, headers, body: JSON.stringify(body) })),
    toSession: (response, order) => fromCommerceEngineResponse(name, response, order),
    // Its orders are Juspay orders, priced by the store: the answer must say at what.
    answers: { caseInsensitiveOrderIds: true, pricesOrder: true },
    toError: (response) => fromCommerceEngineError(name, response),
    getOrder: {
      orderIdsIgnoreCase: false,
      toRequest: (orderNumber) => toCommerceEnginePaymentStatusRequest(config.storeId, orderNumber, lookupHeaders),
      toState: (response, orderNumber, call) => fromCommerceEnginePaymentStatus(name, response, orderNumber, call),
      toError: (response) => fromCommerceEnginePaymentStatusError(name, response),
    },
  });
}

export { COMMERCE_ENGINE_BASE_URLS } from './config.js';
export type { CommerceEngineOptions } from './config.js';
export { toCommerceEngineRequest } from './request.js';
export type { CommerceEngineEnvelope, CommerceEngineOrderRequest, CommerceEnginePaymentStatus } from './wire.js';
export { COMMERCE_ENGINE_PAYMENT_STATUSES } from './order-status.js';
export type { JuspayOrder } from '../juspay/wire.js';
