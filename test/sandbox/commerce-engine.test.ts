import { OpenAPIBackend, type Document } from 'openapi-backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commerceEngine } from '../../providers/commerce-engine/index.js';
import { commerceEngineOpenApi } from '../../providers/commerce-engine/sandbox/openapi.js';
import type { Order } from '../../src/order.js';
import { defaultSandboxCredentials, startSandbox, type Sandbox } from '../../providers/entries/sandbox.js';
import { order, rawPost, type RawAnswer } from './helpers.js';

const { storeId, accessToken } = defaultSandboxCredentials['commerce-engine'];
const RETURN_URL = 'https://shop.example.com/return';
const PATH = `/api/v1/${storeId}/storefront/payments/juspay/create-order`;
const jsonHeaders = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };

/** A store order, as the shop's system holds it. */
const storeOrder = (orderId: string, overrides: Partial<Order> = {}) => order(orderId, { returnUrl: RETURN_URL, ...overrides });

/** What the document finds wrong with an answer of this status; empty when it has the documented shape. */
async function documentProblems(status: number, body: unknown): Promise<unknown[]> {
  const api = new OpenAPIBackend({ definition: structuredClone(commerceEngineOpenApi) as Document, quick: true });
  await api.init();
  return api.validateResponse(body, 'createJuspayOrder', status).errors ?? [];
}

/** Whether an answer has the shape the document gives for its status. */
async function matchesDocument(answer: RawAnswer): Promise<boolean> {
  const problems = await documentProblems(answer.status, answer.body);
  expect(problems).toEqual([]);
  return problems.length === 0;
}

describe('Commerce Engine sandbox', () => {
  let sandbox: Sandbox;
  const server = () => sandbox['commerce-engine'];
  const provider = () => commerceEngine(server().adapterOptions);
  beforeAll(async () => {
    sandbox = await startSandbox({ 'commerce-engine': { storeOrders: [storeOrder('CE-START', { amount: 250_000 })] } });
  });
  afterAll(() => sandbox.close());

  it('serves the API at the root of its own port, with the default store and token', () => {
    expect(server().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server().adapterOptions).toEqual({ storeId: 'sandbox_store', accessToken: 'sandbox_token', baseUrl: server().url });
    expect(server().credentials).toEqual({ storeId, accessToken });
  });

  it('creates the Juspay order of a seeded store order, priced by the store, and the adapter finds the amount it expected', async () => {
    const shopOrder = storeOrder('CE1', { customer: { id: 'c1', email: 'a@example.com', phone: '9999999999' } });
    server().seedOrder(shopOrder)._unsafeUnwrap();
    const before = Date.now();
    const session = (await provider().createOrder(shopOrder))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'commerce-engine', orderId: 'CE1', status: 'created', providerStatus: 'NEW' });
    expect(session.providerOrderId).toMatch(/^ord_[0-9a-f]{32}$/);
    expect(session.clientAuthToken).toMatch(/^tkn_[0-9a-f]{32}$/);
    const lifetime = session.clientAuthTokenExpiresAt!.getTime() - before;
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000 + 1000);
    const web = `${server().url}/merchant/pay/${session.providerOrderId}`;
    expect(session.raw).toEqual({
      message: 'Juspay order created',
      success: true,
      content: {
        data: {
          id: session.providerOrderId,
          order_id: 'CE1',
          merchant_id: storeId,
          status: 'NEW',
          status_id: '10',
          amount: 100.15,
          currency: 'INR',
          customer_id: 'c1',
          customer_email: 'a@example.com',
          customer_phone: '9999999999',
          return_url: RETURN_URL,
          ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`udf${i + 1}`, ''])),
          date_created: expect.any(String),
          refunded: false,
          amount_refunded: 0,
          payment_links: { web, mobile: `${web}?mobile=true`, iframe: `${server().url}/merchant/ipay/${session.providerOrderId}` },
          juspay: { client_auth_token: session.clientAuthToken, client_auth_token_expiry: expect.any(String) },
        },
      },
    });
    expect(server().orders.get('CE1')).toMatchObject({ providerOrderId: session.providerOrderId, request: { order_number: 'CE1', return_url: RETURN_URL } });
  });

  it('creates the Juspay order of a store order without a return URL, as Commerce Engine takes one (return_url is optional)', async () => {
    const shopOrder = order('CE-NORET');
    server().seedOrder(shopOrder)._unsafeUnwrap();
    const session = (await provider().createOrder(shopOrder))._unsafeUnwrap();
    expect(session).toMatchObject({ orderId: 'CE-NORET', status: 'created' });
    expect(session.raw.content?.data).not.toHaveProperty('return_url');
    expect(server().orders.get('CE-NORET')?.request).toEqual({ order_number: 'CE-NORET' });
    server().seedOrder(order('CE-NORET-RAW'))._unsafeUnwrap();
    const raw = await rawPost(`${server().url}${PATH}`, jsonHeaders, JSON.stringify({ order_number: 'CE-NORET-RAW' }));
    expect(raw.status).toBe(200);
    expect(await matchesDocument(raw)).toBe(true);
  });

  it('takes store orders given at start', async () => {
    const session = (await provider().createOrder(storeOrder('CE-START', { amount: 250_000 })))._unsafeUnwrap();
    expect(session.raw.content?.data.amount).toBe(2500);
  });

  it.each([
    ['KWD', 1_234, 1.234],
    ['JPY', 500, 500],
    ['INR', 10, 0.1],
    ['INR', 123_456_789_01, 123_456_789.01],
  ])('answers the amount in major units, exactly: %s %i minor units', async (currency, minor, major) => {
    const shopOrder = storeOrder(`CE-${currency}-${minor}`, { currency, amount: minor });
    server().seedOrder(shopOrder)._unsafeUnwrap();
    const session = (await provider().createOrder(shopOrder))._unsafeUnwrap();
    expect(session.raw.content?.data).toMatchObject({ amount: major, currency });
  });

  it('prices the order itself: an adapter that expects another amount gets unexpected_response', async () => {
    server().seedOrder(storeOrder('CE2'))._unsafeUnwrap();
    const error = (await provider().createOrder(storeOrder('CE2', { amount: 10_000 })))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'unexpected_response', orderMayExist: true, httpStatus: 200 });
    expect(error.message).toContain('an order for 100.15 INR, not the expected 100.00');
  });

  it('answers 404 "Order not found" to an order number the store does not hold, creating nothing', async () => {
    const error = (await provider().createOrder(storeOrder('CE-UNKNOWN')))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_request', httpStatus: 404, providerMessage: 'Order not found', providerCode: 'not_found', retryable: false, orderMayExist: false });
    expect(server().orders.get('CE-UNKNOWN')).toBeUndefined();
    const raw = await rawPost(`${server().url}${PATH}`, jsonHeaders, JSON.stringify({ order_number: 'CE-UNKNOWN', return_url: RETURN_URL }));
    expect(raw).toEqual({ status: 404, headers: expect.anything(), body: { message: 'Order not found', success: false, code: 'not_found' } });
    expect(await matchesDocument(raw)).toBe(true);
  });

  it('answers 404 "Store not found" to another store id in the path', async () => {
    server().seedOrder(storeOrder('CE3'))._unsafeUnwrap();
    const error = (await commerceEngine({ ...server().adapterOptions, storeId: 'other_store' }).createOrder(storeOrder('CE3')))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_request', httpStatus: 404, providerMessage: 'Store not found', providerCode: 'not_found' });
    expect(server().orders.get('CE3')).toBeUndefined();
  });

  it('answers 401 {message, success: false, code: "unauthorized"} to a wrong or missing token', async () => {
    server().seedOrder(storeOrder('CE4'))._unsafeUnwrap();
    const error = (await commerceEngine({ ...server().adapterOptions, accessToken: 'wrong_token' }).createOrder(storeOrder('CE4')))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'authentication', httpStatus: 401, retryable: false, providerCode: 'unauthorized' });
    expect(JSON.stringify(error)).not.toContain('wrong_token');
    const raw = await rawPost(`${server().url}${PATH}`, { 'content-type': 'application/json' }, '{}');
    expect(raw).toEqual({ status: 401, headers: expect.anything(), body: { message: expect.any(String), success: false, code: 'unauthorized' } });
    expect(await matchesDocument(raw)).toBe(true);
    expect(server().orders.get('CE4')).toBeUndefined();
  });

  it('answers a second request for the same order number with the same Juspay order (one per store order)', async () => {
    server().seedOrder(storeOrder('CE5'))._unsafeUnwrap();
    const first = (await provider().createOrder(storeOrder('CE5')))._unsafeUnwrap();
    const second = (await provider().createOrder(storeOrder('CE5')))._unsafeUnwrap();
    expect(second.providerOrderId).toBe(first.providerOrderId);
    expect(second.clientAuthToken).toBe(first.clientAuthToken);
    expect(second.raw).toEqual(first.raw);
    expect(server().orders.list().filter((o) => o.orderId === 'CE5')).toHaveLength(1);
  });

  it('answers in the shapes its OpenAPI document gives', async () => {
    server().seedOrder(storeOrder('CE6'))._unsafeUnwrap();
    const raw = await rawPost(`${server().url}${PATH}`, jsonHeaders, JSON.stringify({ order_number: 'CE6', return_url: RETURN_URL }));
    expect(raw.status).toBe(200);
    expect(await matchesDocument(raw)).toBe(true);
  });

  it('answers 400 naming every field the OpenAPI document rejects', async () => {
    const raw = await rawPost(`${server().url}${PATH}`, jsonHeaders, JSON.stringify({ order_number: 7, amount: 100, return_url: 5 }));
    expect(raw).toMatchObject({ status: 400, body: { success: false, code: 'bad_request' } });
    expect(await matchesDocument(raw)).toBe(true);
    const message = (raw.body as { message: string }).message;
    for (const field of ['order_number', 'return_url', 'amount']) expect(message).toContain(`${field}:`);
    const notJson = await rawPost(`${server().url}${PATH}`, { ...jsonHeaders, 'content-type': 'text/plain' }, 'order_number=CE6');
    expect(notJson).toMatchObject({ status: 400, body: { message: 'Invalid request: body: Content-Type must be application/json', success: false, code: 'bad_request' } });
  });

  it("documents Commerce Engine's envelope and error bodies: message, success and content required on 200, code on 400, 401 and 404", async () => {
    expect(await documentProblems(200, { success: true, content: { data: {} } })).not.toEqual([]);
    expect(await documentProblems(200, { message: 'ok', success: true })).not.toEqual([]);
    expect(await documentProblems(200, { message: 'ok', success: true, content: {} })).toEqual([]);
    for (const status of [400, 401, 404]) {
      expect(await documentProblems(status, { message: 'no', success: false })).not.toEqual([]);
      expect(await documentProblems(status, { message: 'no', success: false, code: 'c' })).toEqual([]);
    }
  });

  it('serves a checkout page at the payment link', async () => {
    server().seedOrder(storeOrder('CE7'))._unsafeUnwrap();
    const session = (await provider().createOrder(storeOrder('CE7')))._unsafeUnwrap();
    const page = await fetch(session.checkoutUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Order CE7');
  });

  it('refuses an invalid store order, naming its fields', () => {
    const refused = server().seedOrder({ orderId: 'CE8', amount: 0, currency: 'INR' })._unsafeUnwrapErr();
    expect(refused.fields).toEqual([{ path: 'amount', message: expect.any(String) }]);
  });
});

describe('Commerce Engine sandbox options', () => {
  it('takes other credentials', async () => {
    const sandbox = await startSandbox({ 'commerce-engine': { credentials: { storeId: 'store_42', accessToken: 't0k3n_store_42' }, storeOrders: [storeOrder('CR1')] } });
    try {
      expect(sandbox['commerce-engine'].adapterOptions).toMatchObject({ storeId: 'store_42', accessToken: 't0k3n_store_42' });
      expect((await commerceEngine(sandbox['commerce-engine'].adapterOptions).createOrder(storeOrder('CR1'))).isOk()).toBe(true);
    } finally {
      await sandbox.close();
    }
  });

  it('rejects invalid store orders and credentials, naming them', async () => {
    await expect(
      startSandbox({ 'commerce-engine': { storeOrders: [storeOrder('OK1'), { orderId: 'X', amount: 1.5, currency: 'INR' }], credentials: { storeId: 'a/b' } } }),
    ).rejects.toMatchObject({ name: 'PayrouteConfigError', fields: [{ path: 'credentials.storeId' }, { path: 'storeOrders.1.amount' }] });
  });
});
