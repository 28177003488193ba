import { defineProvider, type ProviderDefinition } from '../../src/provider/index.js';
import { COMMERCE_ENGINE_BASE_URLS, commerceEngineOptionsSchema, type CommerceEngineConfig, type CommerceEngineOptions } from './config.js';
import { toCommerceEngineRequest } from './request.js';
import { commerceEnginePaymentStatusErrorDetails, fromCommerceEnginePaymentStatus, toCommerceEnginePaymentStatusRequest } from './lookup.js';
import { commerceEngineErrorDetails, fromCommerceEngineResponse } from './response.js';
import type { CommerceEngineSandbox } from './sandbox/index.js';
import type { CommerceEngineEnvelope, CommerceEnginePaymentStatus } from './wire.js';

interface CommerceEngineContext {
  readonly storeId: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** A GET has no body, so the look-up sends no Content-Type. */
  readonly lookupHeaders: Readonly<Record<string, string>>;
}

/**
 * Commerce Engine: its storefront endpoint creates the Juspay order of a store's order and answers
 * with the full Juspay order, client auth token included. `getOrder` reads the payment status of the
 * store order.
 *
 * @throws PayrouteConfigError when the options are invalid (the message names the fields, never the token).
 *
 * @example
 * const provider = commerceEngine({ storeId: 'store_1', accessToken: process.env.CE_TOKEN!, environment: 'sandbox' });
 * const result = await provider.createOrder({ orderId: 'ORD-1042', amount: 10015, currency: 'INR', returnUrl: 'https://shop.example.com/return' });
 */
export const commerceEngine = defineProvider({
  specificationVersion: 1,
  type: 'commerce-engine',
  displayName: 'Commerce Engine',
  options: commerceEngineOptionsSchema,
  baseUrls: COMMERCE_ENGINE_BASE_URLS,
  // One Juspay order per store order: asked again, it answers with the order it created.
  capabilities: { dedupesOrderId: true },
  // Its orders are Juspay orders, priced by the store: the answer must say at what.
  answers: { caseInsensitiveOrderIds: true, pricesOrder: true },
  connect: (config) => {
    const authorization = `Bearer ${config.accessToken}`;
    return {
      secrets: [config.accessToken],
      context: {
        storeId: config.storeId,
        path: `/api/v1/${config.storeId}/storefront/payments/juspay/create-order`,
        headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
        lookupHeaders: { Authorization: authorization, Accept: 'application/json' },
      },
    };
  },
  createOrder: {
    toRequest: (order, _call, { path, headers }) => toCommerceEngineRequest(order).map((body) => ({ path, headers, body: JSON.stringify(body) })),
    fromAnswer: (response, order) => fromCommerceEngineResponse(response, order),
  },
  getOrder: {
    orderIdsIgnoreCase: false,
    toRequest: (orderNumber, _call, { storeId, lookupHeaders }) => toCommerceEnginePaymentStatusRequest(storeId, orderNumber, lookupHeaders),
    fromAnswer: (response, orderNumber, call) => fromCommerceEnginePaymentStatus(response, orderNumber, call),
    errorFromAnswer: (response) => commerceEnginePaymentStatusErrorDetails(response),
  },
  errorFromAnswer: (response) => commerceEngineErrorDetails(response),
  // What its sandbox accepts unless told others; they open nothing but the local sandbox.
  sandbox: { credentials: { storeId: 'sandbox_store', accessToken: 'sandbox_token' }, load: () => import('./sandbox/index.js').then((module) => module.commerceEngineSandbox) },
} satisfies ProviderDefinition<'commerce-engine', CommerceEngineConfig, CommerceEngineOptions, CommerceEngineContext, CommerceEngineEnvelope, CommerceEngineSandbox, CommerceEnginePaymentStatus>);

export { COMMERCE_ENGINE_BASE_URLS } from './config.js';
export type { CommerceEngineOptions } from './config.js';
export { toCommerceEngineRequest } from './request.js';
export type { CommerceEngineEnvelope, CommerceEngineOrderRequest, CommerceEnginePaymentStatus } from './wire.js';
export { COMMERCE_ENGINE_PAYMENT_STATUSES } from './order-status.js';
export type { JuspayOrder } from '../juspay/wire.js';
