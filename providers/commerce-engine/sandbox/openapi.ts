import type { OpenApiDocument } from '../../../src/sandbox/openapi.js';

/*
 * Commerce Engine's "Create order in juspay" (`POST /api/v1/{store_id}/storefront/payments/juspay/create-order`)
 * as an OpenAPI 3.0 document, written from its documentation page (shared/reference/commerce-engine-juspay-create-order.md)
 * and the types of its storefront SDK 0.15.0 (commerce-engine-more.md). Types are the page's: `status_id` is a
 * string there, `amount` and `amount_refunded` numbers, `refunded` a boolean. The envelope's `message`,
 * `success` and `content` are required; the error bodies are the SDK's `BadRequest`, `Unauthorized` and
 * `NotFound`: `{message, success, code}`, all required (`errors` optional on 400). The body takes the two
 * documented fields and nothing else, so a misspelt field sent by an adapter is caught rather than silently
 * dropped; `return_url` is optional, as the SDK types mark it (the page's sample always sends it). The payment status of a store order
 * (`GET .../storefront/orders/{order_number}/payment-status`) is transcribed from the storefront SDK's
 * types (commerce-engine-more.md §3-4): every answer field required, `code` required in its 401 and 404.
 */

type Schema = Readonly<Record<string, unknown>>;

const text: Schema = { type: 'string' };
const udfFields = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`udf${i + 1}`, text]));

const juspayOrder: Schema = {
  type: 'object',
  description: 'The Juspay order created for the store order, with its client auth token.',
  properties: {
    id: text,
    ...udfFields,
    status_id: text,
    status: text,
    return_url: text,
    refunded: { type: 'boolean' },
    product_id: text,
    payment_links: { type: 'object', properties: { web: text, mobile: text, iframe: text } },
    order_id: text,
    merchant_id: text,
    juspay: { type: 'object', properties: { client_auth_token: text, client_auth_token_expiry: text } },
    date_created: text,
    customer_phone: text,
    customer_id: text,
    customer_email: text,
    currency: text,
    amount_refunded: { type: 'number' },
    amount: { type: 'number' },
  },
};

const refusal = (description: string, schema = 'ErrorResponse') => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});

const errorFields: Schema = { message: text, success: { type: 'boolean', enum: [false] }, code: text };

/** Commerce Engine's storefront `create-order` of Juspay orders. */
export const commerceEngineOpenApi: OpenApiDocument = {
  openapi: '3.0.3',
  info: { title: 'Commerce Engine Storefront API: Juspay (Integration)', version: '1.0.0' },
  servers: [{ url: 'https://staging.api.commercengine.io' }, { url: 'https://prod.api.commercengine.io' }],
  security: [{ bearerAuth: [] }],
  paths: {
    '/api/v1/{store_id}/storefront/payments/juspay/create-order': {
      post: {
        operationId: 'createJuspayOrder',
        summary: 'Create order in juspay',
        description:
          'Creates an order in the Juspay system and fetches the corresponding client_auth_token. To be used for Express Checkout integration.',
        parameters: [{ name: 'store_id', in: 'path', required: true, schema: text, description: 'The store.' }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateJuspayOrderRequest' } } },
        },
        responses: {
          '200': {
            description: 'OK',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateJuspayOrderResponse' } } },
          },
          '400': refusal('Invalid request.', 'BadRequestResponse'),
          '401': refusal('Missing or wrong access token.'),
          '404': refusal('No such store, or no such order in the store.'),
        },
      },
    },
    '/api/v1/{store_id}/storefront/orders/{order_number}/payment-status': {
      get: {
        operationId: 'getPaymentStatus',
        summary: 'Get payment status of an order',
        parameters: [
          { name: 'store_id', in: 'path', required: true, schema: text, description: 'The store.' },
          { name: 'order_number', in: 'path', required: true, schema: text, description: "The store's order number." },
        ],
        responses: {
          '200': {
            description: 'OK',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PaymentStatusResponse' } } },
          },
          '401': refusal('Not authorized for given operation on the Resource.'),
          '404': refusal('No such store, or no such order in the store.'),
        },
      },
    },
  },
  components: {
    securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'Access token.' } },
    schemas: {
      CreateJuspayOrderRequest: {
        type: 'object',
        required: ['order_number'],
        additionalProperties: false,
        properties: {
          order_number: { type: 'string', description: "The store's order number." },
          return_url: { type: 'string', description: 'Where the customer returns after paying.' },
        },
      },
      CreateJuspayOrderResponse: {
        type: 'object',
        required: ['message', 'success', 'content'],
        properties: {
          message: text,
          success: { type: 'boolean' },
          content: { type: 'object', properties: { data: { $ref: '#/components/schemas/JuspayOrder' } } },
        },
      },
      JuspayOrder: juspayOrder,
      ErrorResponse: {
        type: 'object',
        required: ['message', 'success', 'code'],
        properties: errorFields,
      },
      BadRequestResponse: {
        type: 'object',
        required: ['message', 'success', 'code'],
        properties: { ...errorFields, errors: { type: 'object', description: 'What is wrong, by field.' } },
      },
      PaymentStatusResponse: {
        type: 'object',
        required: ['message', 'success', 'content'],
        properties: {
          message: text,
          success: { type: 'boolean' },
          content: {
            type: 'object',
            required: ['status', 'amount_paid', 'amount_unpaid', 'is_retry_available'],
            properties: {
              status: { type: 'string', enum: ['pending', 'success', 'failed', 'partially_paid'] },
              amount_paid: { type: 'number' },
              amount_unpaid: { type: 'number' },
              is_retry_available: { type: 'boolean' },
            },
          },
        },
      },
    },
  },
};
