import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commerceEngine } from '../../providers/commerce-engine/index.js';
import { commerceEngineOpenApi } from '../../providers/commerce-engine/sandbox/openapi.js';
import { commerceEngineSandbox } from '../../providers/commerce-engine/sandbox/index.js';
import { flowwise } from '../../providers/flowwise/index.js';
import { flowwiseOpenApi } from '../../providers/flowwise/sandbox/openapi.js';
import { juspay } from '../../providers/juspay/index.js';
import { juspayCredOpenApi, juspayOpenApi } from '../../providers/juspay/sandbox/openapi.js';
import { juspaySandbox } from '../../providers/juspay/sandbox/index.js';
import { createRequestValidator, type OpenApiDocument } from '../../src/sandbox/openapi.js';
import { defaultSandboxCredentials } from '../../providers/entries/sandbox.js';
import { richFlowwiseOrder, richJuspayOrder } from './helpers.js';

/*
 * The OpenAPI documents as a second check of what the contract tests pin: the adapters' requests are
 * captured with nock, as a contract test captures them, and validated against the documents.
 */

interface Captured {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Intercepts one POST and keeps what the adapter sent. */
function capture(origin: string, path: string, answer: object): Promise<Captured> {
  return new Promise((resolve) => {
    nock(origin)
      .post(path)
      .reply(function (_uri, body) {
        const headers = Object.fromEntries(Object.entries(this.req.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
        resolve({ path: this.req.path, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
        return [200, answer];
      });
  });
}

async function problemsOf(document: OpenApiDocument, headers: Record<string, string>, body: unknown, path = '/orders') {
  const validator = await createRequestValidator(document);
  return validator.validate({ method: 'POST', path, headers, body });
}

const juspayForm = (body: string) =>
  juspaySandbox.bind({}, defaultSandboxCredentials.juspay).parseBody(body, 'application/x-www-form-urlencoded')._unsafeUnwrap() as Record<string, string>;
// Answers name the order sent: the adapters refuse an answer for another order.
const shortOrder = (orderId: string) => ({ status: 'CREATED', status_id: 1, id: 'ord_1', order_id: orderId, payment_links: { web: 'https://api.juspay.in/merchant/pay/ord_1' } });

describe('adapter requests against the OpenAPI documents', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('Juspay: a request with every field validates, and the sandbox would accept its credentials', async () => {
    const sent = capture('https://sandbox.juspay.in', '/orders', shortOrder('RICH-order_1'));
    const provider = juspay({ ...defaultSandboxCredentials.juspay, environment: 'sandbox' });
    (await provider.createOrder(richJuspayOrder('RICH-order_1')))._unsafeUnwrap();
    const { headers, body } = await sent;
    const form = juspayForm(body);
    // Every kind of field is there: a check that the rich order really is rich.
    for (const field of ['udf10', 'shipping_address_country_code_iso', 'billing_address_line3', 'basket', 'metadata.PAYU:gateway_reference_id', 'mandate.block_funds', 'options.create_mandate', 'options.get_client_auth_token']) {
      expect(form).toHaveProperty([field]);
    }
    expect(await problemsOf(juspayOpenApi, headers, form)).toEqual([]);
    expect(juspaySandbox.bind({}, defaultSandboxCredentials.juspay).isAuthorized(headers)).toBe(true);
  });

  it('Juspay CRED pay: the request with x-routing-id validates against the CRED document', async () => {
    const sent = capture('https://sandbox.juspay.in', '/orders', shortOrder('CRED_rich_17chars'));
    const provider = juspay({ ...defaultSandboxCredentials.juspay, environment: 'sandbox', variant: 'cred' });
    (await provider.createOrder(richJuspayOrder('CRED_rich_17chars'), { routingId: 'customer_1122' }))._unsafeUnwrap();
    const { headers, body } = await sent;
    expect(await problemsOf(juspayCredOpenApi, headers, juspayForm(body))).toEqual([]);
  });

  it('Juspay: the document is not vacuous, it rejects what the adapter must never send', async () => {
    const sent = capture('https://sandbox.juspay.in', '/orders', shortOrder('R2'));
    (await juspay({ ...defaultSandboxCredentials.juspay, environment: 'sandbox' }).createOrder(richJuspayOrder('R2')))._unsafeUnwrap();
    const { headers, body } = await sent;
    const broken = { ...juspayForm(body), amount: '1.005', metadata: '[object Object]' };
    const { version: _dropped, ...noVersion } = headers;
    expect((await problemsOf(juspayOpenApi, noVersion, broken)).map((p) => p.field).sort()).toEqual(['amount', 'metadata', 'version']);
  });

  it('Flowwise: a request with every field validates', async () => {
    const answer = { order_id: 'order_summer_fashion_001', checkout_url: 'https://payments.flowwise.com/checkout/x', order_hash: 'h', order_status: 'ACTIVE' };
    const sent = capture('https://sandbox.flowwise.com', '/router/orders', answer);
    const provider = flowwise({ ...defaultSandboxCredentials.flowwise, environment: 'sandbox' });
    (await provider.createOrder(richFlowwiseOrder('order_summer_fashion_001')))._unsafeUnwrap();
    const { headers, body } = await sent;
    const json = JSON.parse(body) as Record<string, unknown>;
    for (const field of ['customer_details', 'payment_methods', 'expiry_time_in_minutes', 'order_note', 'order_tags', 'return_base_url']) {
      expect(json).toHaveProperty([field]);
    }
    expect(await problemsOf(flowwiseOpenApi, headers, json)).toEqual([]);
  });

  it('Commerce Engine: the request (of an order with every field) validates, store id in the path, and the sandbox would accept its token', async () => {
    const { storeId } = defaultSandboxCredentials['commerce-engine'];
    const path = `/api/v1/${storeId}/storefront/payments/juspay/create-order`;
    const envelope = { message: 'ok', success: true, content: { data: { ...shortOrder('CE-rich-1'), status: 'NEW', amount: 1299.5, currency: 'INR' } } };
    const sent = capture('https://staging.api.commercengine.io', path, envelope);
    const provider = commerceEngine({ ...defaultSandboxCredentials['commerce-engine'], environment: 'sandbox' });
    (await provider.createOrder(richJuspayOrder('CE-rich-1')))._unsafeUnwrap();
    const captured = await sent;
    const json = JSON.parse(captured.body) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['order_number', 'return_url']);
    expect(captured.path).toBe(path);
    expect(await problemsOf(commerceEngineOpenApi, captured.headers, json, captured.path)).toEqual([]);
    expect(commerceEngineSandbox.bind({}, defaultSandboxCredentials['commerce-engine']).isAuthorized(captured.headers)).toBe(true);
    // Not vacuous: a misspelt or missing field is caught.
    const broken = { order_numbr: 'x', amount: 100.15 };
    expect((await problemsOf(commerceEngineOpenApi, captured.headers, broken, captured.path)).map((p) => p.field).sort()).toEqual(
      ['amount', 'order_number', 'order_numbr'],
    );
  });
});
