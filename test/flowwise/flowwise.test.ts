import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { flowwise } from '../../providers/flowwise/index.js';
import { USER_AGENT } from '../../src/transport.js';
import { basicOrder, FLOWWISE_ID, FLOWWISE_SECRET, flowwiseAnswer, networkError } from '../fixtures.js';
import { captureRequest, useNock } from '../setup-nock.js';

useNock();

const SANDBOX = 'https://sandbox.flowwise.com';
const options = { clientId: FLOWWISE_ID, clientSecret: FLOWWISE_SECRET, environment: 'sandbox', timeoutMs: 300 } as const;
const provider = flowwise(options);
const answer = (status: number, body: string | object, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  nock(SANDBOX).post('/router/orders').reply(status, body, headers);

describe('flowwise request on the wire', () => {
  it('sends the documented method, path, headers and JSON body byte for byte', async () => {
    const sent = captureRequest(SANDBOX, flowwiseAnswer, '/router/orders');
    expect((await provider.createOrder(basicOrder)).isOk()).toBe(true);
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/router/orders');
    expect(sent.headers).toEqual({
      accept: 'application/json',
      'accept-encoding': 'gzip, compress, deflate, br',
      'content-length': String(Buffer.byteLength(sent.body)),
      'content-type': 'application/json',
      host: 'sandbox.flowwise.com',
      'user-agent': USER_AGENT,
      'x-client-id': FLOWWISE_ID,
      'x-client-secret': FLOWWISE_SECRET,
    });
    expect(sent.body).toBe(
      '{"order_id":"ord1001","order_amount":100.15,"order_currency":"INR","customer_details":' +
        '{"customer_id":"cust_1","customer_email":"a@example.com","customer_phone":"9999999999"},' +
        '"return_base_url":"https://shop.example.com/return"}',
    );
  });

  it('sends every schema field from the canonical order', async () => {
    const sent = captureRequest('https://app.flowwise.com', flowwiseAnswer, '/router/orders');
    await flowwise({ ...options, environment: 'production' }).createOrder({
      ...basicOrder,
      amount: 229950,
      customer: {
        id: 'cust_priya',
        email: 'priya.sharma@example.com',
        phone: '+919876543210',
        address: { line1: '123 Connaught Place', city: 'New Delhi', state: 'Delhi', postalCode: '110001', country: 'India' },
      },
      paymentMethods: ['credit_card', 'debit_card', 'upi', 'netbanking', 'wallet'],
      expiresInMinutes: 120,
      description: 'Summer collection dress',
      metadata: { source: 'mobile_app', campaign: 'x' },
      providerOptions: { flowwise: { orderTags: { campaign: 'summer_sale_2024' } } },
    });
    expect(JSON.parse(sent.body)).toEqual({
      order_id: 'ord1001',
      order_amount: 2299.5,
      order_currency: 'INR',
      customer_details: {
        customer_id: 'cust_priya',
        customer_email: 'priya.sharma@example.com',
        customer_phone: '+919876543210',
        customer_address: '123 Connaught Place, New Delhi, Delhi 110001, India',
      },
      payment_methods: 'cc,dc,upi,nb,wallet',
      expiry_time_in_minutes: 120,
      order_note: 'Summer collection dress',
      order_tags: { source: 'mobile_app', campaign: 'summer_sale_2024' },
      return_base_url: 'https://shop.example.com/return',
    });
    expect(sent.body).toContain('"order_amount":2299.5,');
  });

  it('sends an empty customer_details object when the order has no customer, as the schema requires', async () => {
    const sent = captureRequest(SANDBOX, flowwiseAnswer, '/router/orders');
    await provider.createOrder({ orderId: 'ord1001', amount: 500, currency: 'JPY' });
    expect(sent.body).toBe('{"order_id":"ord1001","order_amount":500,"order_currency":"JPY","customer_details":{}}');
  });

  it('sends three-decimal currencies exactly', async () => {
    const sent = captureRequest(SANDBOX, flowwiseAnswer, '/router/orders');
    await provider.createOrder({ orderId: 'ord1001', amount: 1005, currency: 'KWD' });
    expect(sent.body).toContain('"order_amount":1.005,');
  });
});

describe('flowwise answers', () => {
  it('maps the documented answer onto the unified session', async () => {
    answer(200, flowwiseAnswer);
    expect((await provider.createOrder(basicOrder))._unsafeUnwrap()).toEqual({
      provider: 'flowwise',
      orderId: 'ord1001',
      providerOrderId: 'a7f8e3d2c1b9f4e6d8a2c5b7f9e3d1a8',
      status: 'created',
      providerStatus: 'ACTIVE',
      checkoutUrl: flowwiseAnswer.checkout_url,
      links: { web: flowwiseAnswer.checkout_url },
      expiresAt: new Date('2024-12-03T16:30:00Z'),
      createdAt: new Date('2024-12-03T14:30:00Z'),
      raw: flowwiseAnswer,
    });
  });

  it.each([
    // Flowwise documents only ACTIVE; Cashfree PG's other statuses are not confirmed for it.
    ['PAID', 'unknown'],
    ['EXPIRED', 'unknown'],
    ['TERMINATED', 'unknown'],
    ['SOMETHING_NEW', 'unknown'],
  ])('maps status %s to %s', async (status, expected) => {
    answer(200, { ...flowwiseAnswer, order_status: status });
    expect((await provider.createOrder(basicOrder))._unsafeUnwrap().status).toBe(expected);
  });

  it.each([
    [400, { message: 'Invalid order amount. Amount must be greater than 0', code: 'invalid_amount', type: 'validation_error' }, 'invalid_request', false],
    [401, { message: 'Invalid API credentials provided', code: 'unauthorized', type: 'authentication_error' }, 'authentication', false],
    [500, { message: 'Internal server error occurred while creating order', code: 'internal_error', type: 'server_error' }, 'provider_unavailable', true],
    [409, { message: 'order already exists', code: 'order_already_exists', type: 'invalid_request_error' }, 'duplicate_order', false],
    [400, { message: 'order id already used', code: 'order_already_exists', type: 'invalid_request_error' }, 'duplicate_order', false],
    [429, { message: 'Too many requests', code: 'rate_limited', type: 'rate_limit_error' }, 'rate_limited', true],
  ] as const)('returns HTTP %i %j as %s', async (status, body, kind, retryable) => {
    answer(status, body);
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind, retryable, httpStatus: status, providerCode: body.code, providerMessage: body.message });
  });

  it.each([
    [200, '', 'unexpected_response'],
    [200, '<html>oops</html>', 'unexpected_response'],
    [200, JSON.stringify({ order_id: 'ord1001', order_status: 'ACTIVE' }), 'unexpected_response'],
    [503, '<html>Service Unavailable</html>', 'provider_unavailable'],
    [400, JSON.stringify({ error: 'bad' }), 'invalid_request'],
  ])('returns HTTP %i with body %j as %s', async (status, body, kind) => {
    answer(status, body, { 'Content-Type': 'text/plain' });
    expect((await provider.createOrder(basicOrder))._unsafeUnwrapErr()).toMatchObject({ kind, httpStatus: status });
  });

  it('returns slow headers as timeout and a reset as network', async () => {
    nock(SANDBOX).post('/router/orders').delay(1000).reply(200, flowwiseAnswer);
    expect((await provider.createOrder(basicOrder))._unsafeUnwrapErr().kind).toBe('timeout');
    nock(SANDBOX).post('/router/orders').replyWithError(networkError('ECONNRESET'));
    expect((await provider.createOrder(basicOrder))._unsafeUnwrapErr()).toMatchObject({ kind: 'network', orderMayExist: true });
  });
});
