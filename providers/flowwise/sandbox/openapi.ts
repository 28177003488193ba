import type { OpenApiDocument } from '../../../src/sandbox/openapi.js';

/**
 * Flowwise's published OpenAPI 3.0.3 document of `POST /orders` (shared/reference/flowwise-create-order-openapi.md)
 * and `GET /orders/{order_id}` (flowwise-get-order.md), transcribed as they are; Get Order's error answers are
 * not in what could be read of its page, so its 401, 404 and 500 are sandbox additions. Two additions, both needed to validate with it and neither changing what it
 * accepts: `operationId`, and the 409 a repeated `order_id` gets (Cashfree's convention, which
 * Flowwise shares). Descriptions that only repeat the field names are left out.
 */
export const flowwiseOpenApi: OpenApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'Flowwise Native API',
    version: '1.0.0',
    description: 'Manage orders, payments, refunds, and customers using the Flowwise Native API.',
  },
  servers: [
    { url: 'https://sandbox.flowwise.com/router', description: 'Sandbox' },
    { url: 'https://app.flowwise.com/router', description: 'Production' },
  ],
  security: [{ ApiKeyAuth: [], ApiSecret: [] }],
  paths: {
    '/orders': {
      post: {
        operationId: 'createOrder',
        summary: 'Create Order',
        description:
          'Use this API to create a new order in the Flowwise system. An order represents a transaction request with a specified ' +
          'amount and customer details. Once created, the order returns a checkout URL and order hash that can be used to initiate payments.',
        requestBody: {
          required: true,
          description: 'Request parameters to create a new order.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/CreateOrderRequest' },
              example: {
                order_id: 'order_summer_fashion_001',
                order_amount: 2299.5,
                order_currency: 'INR',
                customer_details: {
                  customer_email: 'priya.sharma@example.com',
                  customer_phone: '+919876543210',
                  customer_address: '123 Connaught Place, New Delhi, Delhi 110001, India',
                  customer_id: 'cust_priya_sharma_2024',
                },
                payment_methods: 'cc,dc,upi,nb,wallet',
                expiry_time_in_minutes: 120,
                order_note: 'Summer collection dress - Medium size, Blue color',
                order_tags: { source: 'mobile_app', campaign: 'summer_sale_2024', customer_segment: 'premium' },
                return_base_url: 'https://mystore.com/payment-success',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Success response for order creation.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateOrderResponse' } } },
          },
          '400': {
            description: 'Bad Request - Invalid request parameters',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
          },
          '401': {
            description: 'Unauthorized - Invalid or missing authentication credentials',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
          },
          '409': {
            description: 'An order with this order_id already exists (sandbox addition).',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
          },
          '500': {
            description: 'Internal Server Error - Something went wrong on the server',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
          },
        },
        security: [{ ApiKeyAuth: [], ApiSecret: [] }],
      },
    },
    '/orders/{order_id}': {
      get: {
        operationId: 'getOrder',
        summary: 'Get Order',
        description: 'Retrieves one order by its unique identifier.',
        parameters: [
          { name: 'order_id', in: 'path', required: true, schema: { type: 'string' }, description: 'Unique identifier for the order.' },
        ],
        responses: {
          '200': {
            description: 'The order.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateOrderResponse' } } },
          },
          '401': {
            description: 'Unauthorized - Invalid or missing authentication credentials (sandbox addition).',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
          },
          '404': {
            description: 'No order with this order_id (sandbox addition: Flowwise documents no error for it).',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
          },
          '500': {
            description: 'Internal Server Error (sandbox addition).',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
          },
        },
        security: [{ ApiKeyAuth: [], ApiSecret: [] }],
      },
    },
  },
  components: {
    schemas: {
      CreateOrderRequest: {
        type: 'object',
        required: ['order_id', 'order_amount', 'order_currency', 'customer_details'],
        properties: {
          order_id: { type: 'string', description: 'Unique identifier for the order.' },
          order_amount: { type: 'number', format: 'float', description: 'Total amount for the order.' },
          order_currency: { type: 'string', description: 'Currency code for the order amount.' },
          customer_details: { $ref: '#/components/schemas/CustomerDetails' },
          payment_methods: { type: 'string', description: 'Allowed payment methods for the order.' },
          expiry_time_in_minutes: { type: 'integer', description: 'Time in minutes after which the order expires.' },
          order_note: { type: 'string', description: 'Additional notes or description for the order.' },
          order_tags: { $ref: '#/components/schemas/OrderTags' },
          return_base_url: {
            type: 'string',
            format: 'uri',
            description: 'Base URL where the customer will be redirected after payment completion.',
          },
        },
      },
      CreateOrderResponse: {
        type: 'object',
        properties: {
          order_id: { type: 'string' },
          project_id: { type: 'string' },
          customer_email: { type: 'string' },
          customer_id: { type: 'string' },
          order_status: { type: 'string', example: 'ACTIVE' },
          order_currency: { type: 'string' },
          payment_methods: { type: 'string' },
          order_note: { type: 'string' },
          checkout_url: { type: 'string', format: 'uri' },
          order_hash: { type: 'string', example: 'a7f8e3d2c1b9f4e6d8a2c5b7f9e3d1a8' },
          order_expiry_time: { type: 'string', format: 'date-time' },
          added_on: { type: 'string', format: 'date-time' },
        },
      },
      ErrorResponse: {
        type: 'object',
        description: 'Error response structure returned when an API request fails.',
        properties: {
          message: { type: 'string', description: 'Human-readable error message describing what went wrong.' },
          code: { type: 'string', description: 'Machine-readable error code for programmatic handling.' },
          type: { type: 'string', description: 'Category or type of error that occurred.' },
        },
        required: ['message', 'code', 'type'],
      },
      CustomerDetails: {
        type: 'object',
        description: 'Customer information for the order.',
        properties: {
          customer_email: { type: 'string', format: 'email' },
          customer_phone: { type: 'string' },
          customer_address: { type: 'string' },
          customer_id: { type: 'string' },
        },
      },
      OrderTags: {
        type: 'object',
        description: 'Additional metadata tags for the order.',
        additionalProperties: { type: 'string' },
      },
    },
    securitySchemes: {
      ApiKeyAuth: { type: 'apiKey', in: 'header', name: 'x-client-id', description: 'Client app ID.' },
      ApiSecret: { type: 'apiKey', in: 'header', name: 'x-client-secret', description: 'Client secret key.' },
    },
  },
};
