import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { juspay } from '../../providers/juspay/index.js';
import { defaultSandboxCredentials, startSandbox, type Sandbox } from '../../providers/entries/sandbox.js';
import { basicAuth, order, rawPost } from './helpers.js';

const { apiKey, merchantId } = defaultSandboxCredentials.juspay;
const formHeaders = {
  authorization: basicAuth(apiKey),
  'x-merchantid': merchantId,
  version: '2023-01-01',
  'content-type': 'application/x-www-form-urlencoded',
};

describe('Juspay sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('creates an order and answers the short form, links pointing at the sandbox', async () => {
    const result = await juspay(sandbox.juspay.adapterOptions).createOrder(order('JS1'));
    const session = result._unsafeUnwrap();
    expect(session).toMatchObject({ orderId: 'JS1', status: 'created', providerStatus: 'CREATED' });
    expect(session.providerOrderId).toMatch(/^ord_[0-9a-f]{32}$/);
    expect(session.raw).toEqual({
      status: 'CREATED',
      status_id: 1,
      id: session.providerOrderId,
      order_id: 'JS1',
      payment_links: {
        web: `${sandbox.juspay.url}/merchant/pay/${session.providerOrderId}`,
        mobile: `${sandbox.juspay.url}/merchant/pay/${session.providerOrderId}?mobile=true`,
        iframe: `${sandbox.juspay.url}/merchant/ipay/${session.providerOrderId}`,
      },
    });
    expect(sandbox.juspay.orders.get('JS1')?.request).toEqual({ order_id: 'JS1', amount: '100.15', currency: 'INR' });
  });

  it('answers the full order object with a client auth token when asked for one', async () => {
    const before = Date.now();
    const result = await juspay(sandbox.juspay.adapterOptions).createOrder(
      order('JS2', { customer: { id: 'c1', email: 'a@example.com' }, providerOptions: { juspay: { getClientAuthToken: true, udf: { udf3: 'x' } } } }),
    );
    const session = result._unsafeUnwrap();
    expect(session.providerStatus).toBe('NEW');
    expect(session.clientAuthToken).toMatch(/^tkn_[0-9a-f]{32}$/);
    const lifetime = session.clientAuthTokenExpiresAt!.getTime() - before;
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000 + 1000);
    expect(session.raw).toMatchObject({
      status: 'NEW',
      status_id: 10,
      amount: 100.15,
      currency: 'INR',
      merchant_id: merchantId,
      customer_id: 'c1',
      customer_email: 'a@example.com',
      udf1: '',
      udf3: 'x',
      udf10: '',
      refunded: false,
      amount_refunded: 0,
    });
    expect(sandbox.juspay.orders.get('JS2')?.order).toEqual(session.raw);
  });

  it('answers the short form to a version older than 2018-07-01, as Juspay does', async () => {
    const provider = juspay({ ...sandbox.juspay.adapterOptions, version: '2018-06-30' });
    const result = await provider.createOrder(order('JS3', { providerOptions: { juspay: { getClientAuthToken: true } } }));
    expect(result._unsafeUnwrap().providerStatus).toBe('CREATED');
  });

  it('serves a checkout page at the payment link', async () => {
    const session = (await juspay(sandbox.juspay.adapterOptions).createOrder(order('JS4')))._unsafeUnwrap();
    const page = await fetch(session.checkoutUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Order JS4');
  });

  it('answers 401 access_denied to a wrong API key or merchant id', async () => {
    const wrongKey = await juspay({ ...sandbox.juspay.adapterOptions, apiKey: 'not_the_key' }).createOrder(order('JS5'));
    expect(wrongKey._unsafeUnwrapErr()).toMatchObject({ kind: 'authentication', httpStatus: 401, providerCode: 'access_denied' });
    const wrongMerchant = await juspay({ ...sandbox.juspay.adapterOptions, merchantId: 'someone_else' }).createOrder(order('JS5'));
    expect(wrongMerchant._unsafeUnwrapErr()).toMatchObject({ kind: 'authentication', httpStatus: 401 });
    const raw = await rawPost(`${sandbox.juspay.url}/orders`, { ...formHeaders, authorization: 'Bearer x' }, 'order_id=JS5&amount=1');
    expect(raw).toMatchObject({ status: 401, body: { status: 'error', error_code: 'access_denied' } });
    expect(sandbox.juspay.orders.get('JS5')).toBeUndefined();
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
  ])('answers 400 INVALID_REQUEST naming x-merchantid when the header is %s, as the header is required, creating nothing', async (_case, value) => {
    const { 'x-merchantid': _omitted, ...withoutMerchant } = formHeaders;
    const requestHeaders = value === undefined ? withoutMerchant : { ...withoutMerchant, 'x-merchantid': value };
    const raw = await rawPost(`${sandbox.juspay.url}/orders`, requestHeaders, 'order_id=JS-NOMID&amount=1');
    expect(raw).toMatchObject({
      status: 400,
      body: {
        status: 'Bad Request',
        error_code: 'INVALID_REQUEST',
        error_info: { code: 'INVALID_INPUT', category: 'USER_ERROR', fields: [{ field_name: 'x-merchantid', reason: expect.any(String) }] },
      },
    });
    expect(sandbox.juspay.orders.get('JS-NOMID')).toBeUndefined();
  });

  it('accepts the Node SDK form of Basic auth, the key without a colon', async () => {
    const sdkAuth = `Basic ${Buffer.from(apiKey).toString('base64')}`;
    const raw = await rawPost(`${sandbox.juspay.url}/orders`, { ...formHeaders, authorization: sdkAuth }, 'order_id=JS6&amount=1');
    expect(raw.status).toBe(200);
  });

  it('answers 400 INVALID_REQUEST with every bad field, checked against the OpenAPI document', async () => {
    const body = 'order_id=has%20spaces&amount=1.234&customer_mail=x&mandate.frequency=SOMETIMES&options.get_client_auth_token=yes&udf9=' + 'u'.repeat(256) + '&return_url=https%3A%2F%2F10.0.0.1%2Fdone';
    const { version: _omitted, ...noVersion } = formHeaders;
    const raw = await rawPost(`${sandbox.juspay.url}/orders`, noVersion, body);
    expect(raw.status).toBe(400);
    expect(raw.body).toMatchObject({
      status: 'Bad Request',
      error_code: 'INVALID_REQUEST',
      error_info: { code: 'INVALID_INPUT', category: 'USER_ERROR' },
    });
    const fields = (raw.body as { error_info: { fields: Array<{ field_name: string }> } }).error_info.fields.map((f) => f.field_name);
    expect(fields.sort()).toEqual(
      ['amount', 'customer_mail', 'mandate.frequency', 'options.get_client_auth_token', 'order_id', 'return_url', 'udf9', 'version'].sort(),
    );
  });

  it('rejects a body that is not form-encoded', async () => {
    const raw = await rawPost(`${sandbox.juspay.url}/orders`, { ...formHeaders, 'content-type': 'application/json' }, '{"order_id":"J","amount":"1"}');
    expect(raw.status).toBe(400);
    expect(raw.body).toMatchObject({ error_info: { fields: [{ field_name: 'body', reason: 'Content-Type must be application/x-www-form-urlencoded' }] } });
  });

  it('answers 404 to a path the document does not have', async () => {
    const raw = await rawPost(`${sandbox.juspay.url}/txns`, formHeaders, 'order_id=J&amount=1');
    expect(raw.status).toBe(404);
  });

  it('answers a repeated order id (in any case) with 400 order_already_created, a duplicate_order', async () => {
    const provider = juspay(sandbox.juspay.adapterOptions);
    (await provider.createOrder(order('DupA')))._unsafeUnwrap();
    const again = await provider.createOrder(order('dupa'));
    expect(again._unsafeUnwrapErr()).toMatchObject({
      kind: 'duplicate_order',
      httpStatus: 400,
      providerCode: 'order_already_created',
      providerMessage: 'Order with id = "dupa" already created.',
      orderMayExist: true,
    });
    expect(sandbox.juspay.orders.size).toBeGreaterThan(0);
  });

  it('never writes to the console, so no secret can reach a log', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) => vi.spyOn(console, name));
    await juspay({ ...sandbox.juspay.adapterOptions, apiKey: 'wrong_key_123' }).createOrder(order('JS7'));
    await rawPost(`${sandbox.juspay.url}/orders`, formHeaders, 'nonsense');
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

describe('Juspay sandbox options', () => {
  it('answers a repeated order id with 200 and the same order when duplicateOrders is "update" (older servers)', async () => {
    const sandbox = await startSandbox({ juspay: { duplicateOrders: 'update' } });
    try {
      const provider = juspay(sandbox.juspay.adapterOptions);
      const first = (await provider.createOrder(order('UPD1')))._unsafeUnwrap();
      const second = (await provider.createOrder(order('UPD1', { amount: 20_000 })))._unsafeUnwrap();
      expect(second.providerOrderId).toBe(first.providerOrderId);
      expect(sandbox.juspay.orders.get('UPD1')?.order.amount).toBe(200);
      expect(sandbox.juspay.orders.size).toBe(1);
    } finally {
      await sandbox.close();
    }
  });

  it('takes other credentials', async () => {
    const sandbox = await startSandbox({ juspay: { credentials: { apiKey: 'k_test_1234', merchantId: 'm_test' } } });
    try {
      expect(sandbox.juspay.adapterOptions).toMatchObject({ apiKey: 'k_test_1234', merchantId: 'm_test' });
      expect((await juspay(sandbox.juspay.adapterOptions).createOrder(order('CR1'))).isOk()).toBe(true);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses credentials the adapter would refuse, so its adapter options always build an adapter', async () => {
    await expect(startSandbox({ juspay: { credentials: { apiKey: 'k_test', merchantId: 'm\r\n' } } })).rejects.toMatchObject({
      name: 'PayrouteConfigError',
      fields: [{ path: 'credentials.apiKey' }, { path: 'credentials.merchantId' }],
    });
  });

  it('applies the CRED pay rules with variant "cred": x-routing-id required, order id under 18 characters', async () => {
    const sandbox = await startSandbox({ juspay: { variant: 'cred' } });
    try {
      expect(sandbox.juspay.adapterOptions.variant).toBe('cred');
      const provider = juspay(sandbox.juspay.adapterOptions);
      const created = await provider.createOrder(
        order('CRED1', { providerOptions: { juspay: { credOffersApplied: true } } }),
        { routingId: 'customer_1122' },
      );
      expect(created.isOk()).toBe(true);
      expect(sandbox.juspay.orders.get('CRED1')?.request['metadata.CRED:offers_applied']).toBe('true');

      const raw = await rawPost(`${sandbox.juspay.url}/orders`, formHeaders, `order_id=${'A'.repeat(18)}&amount=1`);
      expect(raw.status).toBe(400);
      const fields = (raw.body as { error_info: { fields: Array<{ field_name: string }> } }).error_info.fields.map((f) => f.field_name);
      expect(fields.sort()).toEqual(['order_id', 'x-routing-id']);
    } finally {
      await sandbox.close();
    }
  });
});
