import type { OpenApiDocument } from '../../../src/sandbox/openapi.js';

/*
 * Juspay's `POST /orders` (and its Order Status API, `GET /orders/{order_id}`, from juspay-order-status.md)
 * as an OpenAPI 3 document, written from the payv3 and CRED pay pages and the
 * facts gathered from Juspay's SDKs (shared/reference). Juspay publishes none for this endpoint.
 * The body is form fields with dotted keys (`metadata.PAYU:gateway_reference_id`), validated as the flat
 * object they parse into; OpenAPI 3.1 because `metadata.<KEY>` needs JSON Schema's `patternProperties`. Every documented field is listed and nothing else is accepted, so a misspelt
 * field sent by an adapter is caught here rather than silently dropped by Juspay. Limits and enums are
 * transcribed from the pages, not imported from the adapter, so the sandbox stays an independent check.
 */

type Variant = 'standard' | 'cred';

/** `order_id` is shorter than 21 characters (payv3), or than 18 (CRED pay). */
const MAX_ORDER_ID: Readonly<Record<Variant, number>> = { standard: 20, cred: 17 };
const FREQUENCIES = ['ONETIME', 'DAILY', 'WEEKLY', 'FORTNIGHTLY', 'MONTHLY', 'BIMONTHLY', 'QUARTERLY', 'HALFYEARLY', 'YEARLY', 'ASPRESENTED'];

type Schema = Readonly<Record<string, unknown>>;

const text: Schema = { type: 'string' };
const udf: Schema = { type: 'string', maxLength: 255 };
const booleanText: Schema = { type: 'string', enum: ['true', 'false'] };
/** A decimal string with at most two places, at least 1 (Juspay's older error documents give that minimum). */
const amount: Schema = { type: 'string', pattern: '^0*[1-9][0-9]*(\\.[0-9]{1,2})?$' };

const ADDRESS_PARTS = ['first_name', 'last_name', 'line1', 'line2', 'line3', 'city', 'state', 'country', 'postal_code', 'phone', 'country_code_iso'];
const addressFields = (prefix: string) => Object.fromEntries(ADDRESS_PARTS.map((part) => [`${prefix}_${part}`, text]));
const udfFields = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`udf${i + 1}`, udf]));

function createOrderRequest(variant: Variant): Schema {
  const maxId = MAX_ORDER_ID[variant];
  return {
    type: 'object',
    required: ['order_id', 'amount'],
    additionalProperties: false,
    properties: {
      order_id: {
        type: 'string',
        // The pages say alphanumeric, yet Juspay's own samples use - and _.
        pattern: `^[A-Za-z0-9_-]{1,${maxId}}$`,
        description: `Alphanumeric (plus - and _), shorter than ${maxId + 1} characters.`,
      },
      amount,
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      customer_id: text,
      customer_email: text,
      customer_phone: text,
      first_name: text,
      last_name: text,
      return_url: {
        type: 'string',
        format: 'uri',
        // No query string, no fragment, no IP address host.
        pattern: '^https?://(?![0-9.]+(?:[:/]|$))(?!\\[)[^?#]+$',
      },
      description: text,
      product_id: text,
      gateway_id: text,
      ...udfFields,
      ...addressFields('billing_address'),
      ...addressFields('shipping_address'),
      basket: { type: 'string', description: 'The cart lines as a JSON string.' },
      'metadata.CRED:offers_applied': booleanText,
      'options.get_client_auth_token': booleanText,
      'options.create_mandate': { type: 'string', enum: ['REQUIRED', 'OPTIONAL'] },
      'mandate.max_amount': amount,
      'mandate.start_date': { type: 'string', pattern: '^[0-9]+$', description: 'Unix epoch seconds.' },
      'mandate.end_date': { type: 'string', pattern: '^[0-9]+$', description: 'Unix epoch seconds.' },
      'mandate.frequency': { type: 'string', enum: FREQUENCIES },
      'mandate.rule_value': { type: 'string', pattern: '^[0-9]{1,2}$' },
      'mandate.amount_rule': { type: 'string', enum: ['FIXED', 'VARIABLE'] },
      'mandate.revokable_by_customer': booleanText,
      'mandate.block_funds': booleanText,
    },
    // metadata.<KEY>, such as metadata.PAYU:gateway_reference_id.
    patternProperties: { '^metadata\\..+$': text },
  };
}

function header(name: string, required: boolean, schema: Schema, description: string): Schema {
  return { name, in: 'header', required, schema, description };
}

function juspayDocument(variant: Variant): OpenApiDocument {
  const cred = variant === 'cred';
  return {
    openapi: '3.1.0',
    info: { title: `Juspay Order Create API${cred ? ' (CRED pay)' : ''}`, version: '1.0.0' },
    servers: [{ url: 'https://sandbox.juspay.in' }, { url: 'https://api.juspay.in' }],
    security: [{ basicAuth: [] }],
    paths: {
      '/orders': {
        post: {
          operationId: 'createOrder',
          summary: 'Create an order',
          parameters: [
            header('x-merchantid', true, { type: 'string', minLength: 1 }, 'Merchant id given by Juspay.'),
            header('version', true, { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }, 'API version, a date (YYYY-MM-DD).'),
            header('x-routing-id', cred, { type: 'string', minLength: 1 }, 'The same id for every call of one customer.'),
          ],
          requestBody: {
            required: true,
            content: { 'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/CreateOrderRequest' } } },
          },
          responses: {
            '200': { description: 'The order: short form, or the full order object with a client auth token.' },
            '400': { description: 'Invalid request or duplicate order id.' },
            '401': { description: 'Wrong API key or merchant id.' },
            '500': { description: 'Internal error.' },
          },
        },
      },
      '/orders/{order_id}': {
        get: {
          operationId: 'getOrderStatus',
          summary: 'Order Status API',
          parameters: [
            { name: 'order_id', in: 'path', required: true, schema: { type: 'string', minLength: 1 }, description: "The merchant's order id given at create time." },
            header('x-merchantid', true, { type: 'string', minLength: 1 }, 'Merchant id given by Juspay.'),
            // Required on some pages, optional on others; without it Juspay still answers 200.
            header('version', false, { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }, 'API version, a date (YYYY-MM-DD).'),
            header('x-routing-id', false, { type: 'string', minLength: 1 }, 'The same id for every call of one customer.'),
            {
              name: 'options.add_full_gateway_response',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['true', 'false'] },
              description: "Include the gateway's complete response.",
            },
          ],
          responses: {
            '200': { description: 'The order object.' },
            '400': { description: 'NOT_FOUND (status_id 40) for an order id never created, or invalid input.' },
            '401': { description: 'Wrong API key.' },
            '404': { description: 'Invalid URL (older servers: an order not found).' },
            '500': { description: 'Unexpected error.' },
          },
        },
      },
    },
    components: {
      securitySchemes: { basicAuth: { type: 'http', scheme: 'basic', description: 'API key as user name, empty password.' } },
      schemas: { CreateOrderRequest: createOrderRequest(variant) },
    },
  };
}

/** Juspay `POST /orders` (payv3 base integration) and its Order Status API. */
export const juspayOpenApi = juspayDocument('standard');

/** Juspay `POST /orders`, CRED pay flavour: `order_id` shorter than 18 characters, `x-routing-id` required. */
export const juspayCredOpenApi = juspayDocument('cred');
