import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowwise } from '../../providers/flowwise/index.js';
import { defaultSandboxCredentials, startSandbox, type Sandbox } from '../../providers/entries/sandbox.js';
import { order, rawPost } from './helpers.js';

const { clientId, clientSecret } = defaultSandboxCredentials.flowwise;
const jsonHeaders = { 'x-client-id': clientId, 'x-client-secret': clientSecret, 'content-type': 'application/json' };

describe('Flowwise sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('serves the API under /router, as Flowwise does', () => {
    expect(sandbox.flowwise.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/router$/);
    expect(sandbox.flowwise.adapterOptions).toEqual({ clientId, clientSecret, baseUrl: sandbox.flowwise.url });
  });

  it('creates an order and answers CreateOrderResponse, the checkout link pointing at the sandbox', async () => {
    const before = Date.now();
    const result = await flowwise(sandbox.flowwise.adapterOptions).createOrder(
      order('FW1', { customer: { id: 'c1', email: 'a@example.com' }, description: 'note', paymentMethods: ['upi'] }),
    );
    const session = result._unsafeUnwrap();
    expect(session).toMatchObject({ orderId: 'FW1', status: 'created', providerStatus: 'ACTIVE' });
    expect(session.providerOrderId).toMatch(/^[0-9a-f]{32}$/);
    expect(session.raw).toEqual({
      order_id: 'FW1',
      project_id: 'sandbox_project',
      customer_email: 'a@example.com',
      customer_id: 'c1',
      order_status: 'ACTIVE',
      order_currency: 'INR',
      payment_methods: 'upi',
      order_note: 'note',
      checkout_url: `${new URL(sandbox.flowwise.url).origin}/checkout/${session.providerOrderId}`,
      order_hash: session.providerOrderId,
      order_expiry_time: expect.any(String),
      added_on: expect.any(String),
    });
    const lifetime = session.expiresAt!.getTime() - before;
    expect(lifetime).toBeGreaterThan(29 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000 + 1000);
    expect(sandbox.flowwise.orders.get('FW1')?.request).toMatchObject({ order_id: 'FW1', order_amount: 100.15 });
  });

  it('takes the expiry from expiry_time_in_minutes', async () => {
    const session = (await flowwise(sandbox.flowwise.adapterOptions).createOrder(order('FW2', { expiresInMinutes: 120 })))._unsafeUnwrap();
    expect(session.expiresAt!.getTime() - session.createdAt!.getTime()).toBe(120 * 60_000);
  });

  it('serves a checkout page at the checkout URL', async () => {
    const session = (await flowwise(sandbox.flowwise.adapterOptions).createOrder(order('FW3')))._unsafeUnwrap();
    const page = await fetch(session.checkoutUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Order FW3');
  });

  it('answers 401 authentication_error to wrong credentials', async () => {
    const result = await flowwise({ ...sandbox.flowwise.adapterOptions, clientSecret: 'wrong_secret' }).createOrder(order('FW4'));
    expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'authentication', httpStatus: 401, providerCode: 'unauthorized' });
    const raw = await rawPost(`${sandbox.flowwise.url}/orders`, { 'content-type': 'application/json' }, '{}');
    expect(raw).toEqual({
      status: 401,
      headers: expect.anything(),
      body: { message: 'Invalid API credentials provided', code: 'unauthorized', type: 'authentication_error' },
    });
  });

  it('answers 400 naming every field the OpenAPI document rejects', async () => {
    const body = JSON.stringify({
      order_id: 7,
      order_amount: '10',
      customer_details: { customer_email: 'not-an-email' },
      order_tags: { n: 1 },
      expiry_time_in_minutes: 1.5,
      return_base_url: 'not a url',
    });
    const raw = await rawPost(`${sandbox.flowwise.url}/orders`, jsonHeaders, body);
    expect(raw.status).toBe(400);
    expect(raw.body).toMatchObject({ code: 'invalid_request', type: 'validation_error' });
    const message = (raw.body as { message: string }).message;
    for (const field of ['order_id', 'order_amount', 'order_currency', 'customer_details.customer_email', 'order_tags.n', 'expiry_time_in_minutes', 'return_base_url']) {
      expect(message).toContain(`${field}:`);
    }
  });

  it('answers 400 invalid_amount to an amount that is not above 0 (the document example)', async () => {
    const body = JSON.stringify({ order_id: 'FW5', order_amount: 0, order_currency: 'INR', customer_details: {} });
    const raw = await rawPost(`${sandbox.flowwise.url}/orders`, jsonHeaders, body);
    expect(raw).toMatchObject({ status: 400, body: { code: 'invalid_amount', type: 'validation_error' } });
  });

  it.each(['1e400', '-1e400', '-5', '0', '-0', '1e39'])(
    'answers 400 invalid_amount to order_amount %s: not finite, not above 0, or beyond a float (the document\'s format)',
    async (amount) => {
      const orderId = `FW-AMT-${amount}`;
      const body = `{"order_id":"${orderId}","order_amount":${amount},"order_currency":"INR","customer_details":{}}`;
      const raw = await rawPost(`${sandbox.flowwise.url}/orders`, jsonHeaders, body);
      expect(raw).toEqual({
        status: 400,
        headers: expect.anything(),
        body: { message: expect.stringMatching(/^Invalid order amount\. order_amount: /), code: 'invalid_amount', type: 'validation_error' },
      });
      expect(sandbox.flowwise.orders.get(orderId)).toBeUndefined();
    },
  );

  it('takes the largest amount a float holds', async () => {
    const body = `{"order_id":"FW-AMT-MAX","order_amount":3.4028234663852886e38,"order_currency":"INR","customer_details":{}}`;
    expect((await rawPost(`${sandbox.flowwise.url}/orders`, jsonHeaders, body)).status).toBe(200);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const raw = await rawPost(`${sandbox.flowwise.url}/orders`, jsonHeaders, '{"order_id":');
    expect(raw).toMatchObject({ status: 400, body: { message: 'Invalid request: body: the body is not valid JSON' } });
  });

  it('answers a repeated order id with 409 order_already_exists, a duplicate_order', async () => {
    const provider = flowwise(sandbox.flowwise.adapterOptions);
    (await provider.createOrder(order('FWDUP')))._unsafeUnwrap();
    const again = await provider.createOrder(order('FWDUP'));
    expect(again._unsafeUnwrapErr()).toMatchObject({ kind: 'duplicate_order', httpStatus: 409, providerCode: 'order_already_exists' });
    // Flowwise ids are case-sensitive.
    expect((await provider.createOrder(order('fwdup'))).isOk()).toBe(true);
  });
});

describe('Flowwise sandbox options', () => {
  it('takes other credentials and project id', async () => {
    const sandbox = await startSandbox({ flowwise: { credentials: { clientId: 'id_x', clientSecret: 'secret_x' }, projectId: 'proj_1' } });
    try {
      const session = (await flowwise(sandbox.flowwise.adapterOptions).createOrder(order('FWP1')))._unsafeUnwrap();
      expect(session.raw.project_id).toBe('proj_1');
    } finally {
      await sandbox.close();
    }
  });
});
