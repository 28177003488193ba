import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { commerceEngine } from '../../providers/commerce-engine/index.js';
import { USER_AGENT } from '../../src/transport.js';
import { basicOrder, juspayFullAnswer, networkError } from '../fixtures.js';
import { captureRequest, useNock } from '../setup-nock.js';

useNock();

const TOKEN = 'ce_access_TOKEN_5566778899';
const STAGING = 'https://staging.api.commercengine.io';
const PATH = '/api/v1/store_01/storefront/payments/juspay/create-order';
const provider = commerceEngine({ storeId: 'store_01', accessToken: TOKEN, environment: 'sandbox', timeoutMs: 300 });

/** Commerce Engine's documented envelope around the full Juspay order (its `status_id` is a string). */
const envelope = {
  message: 'Juspay order created',
  success: true,
  content: { data: { ...juspayFullAnswer, status_id: '10' } },
};
const answer = (status: number, body: string | object) =>
  nock(STAGING).post(PATH).reply(status, body, { 'Content-Type': 'application/json' });

describe('commerce engine request on the wire', () => {
  it('sends the documented method, path, Bearer token and JSON body byte for byte', async () => {
    const sent = captureRequest(STAGING, envelope, PATH);
    expect((await provider.createOrder(basicOrder)).isOk()).toBe(true);
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe(PATH);
    expect(sent.headers).toEqual({
      accept: 'application/json',
      'accept-encoding': 'gzip, compress, deflate, br',
      authorization: `Bearer ${TOKEN}`,
      'content-length': String(Buffer.byteLength(sent.body)),
      'content-type': 'application/json',
      host: 'staging.api.commercengine.io',
      'user-agent': USER_AGENT,
    });
    expect(sent.body).toBe('{"order_number":"ord1001","return_url":"https://shop.example.com/return"}');
  });

  it('uses the production host', async () => {
    const sent = captureRequest('https://prod.api.commercengine.io', envelope, PATH);
    await commerceEngine({ storeId: 'store_01', accessToken: TOKEN, environment: 'production' }).createOrder(basicOrder);
    expect(sent.headers.host).toBe('prod.api.commercengine.io');
  });

  it('sends an order without a return URL as the order number alone, byte for byte (return_url is optional)', async () => {
    const { returnUrl: _omitted, ...order } = basicOrder;
    const sent = captureRequest(STAGING, envelope, PATH);
    expect((await provider.createOrder(order)).isOk()).toBe(true);
    expect(sent.body).toBe('{"order_number":"ord1001"}');
    expect(sent.headers['content-length']).toBe(String(Buffer.byteLength(sent.body)));
  });
});

describe('commerce engine answers', () => {
  it('unwraps the envelope and maps the Juspay order as the Juspay adapter does, keeping the envelope as raw', async () => {
    answer(200, envelope);
    expect((await provider.createOrder(basicOrder))._unsafeUnwrap()).toEqual({
      provider: 'commerce-engine',
      orderId: 'ord1001',
      providerOrderId: juspayFullAnswer.id,
      status: 'created',
      providerStatus: 'NEW',
      checkoutUrl: juspayFullAnswer.payment_links.web,
      links: juspayFullAnswer.payment_links,
      clientAuthToken: 'tkn_2d3c1b5e7f',
      clientAuthTokenExpiresAt: new Date('2026-11-23T11:01:57Z'),
      createdAt: new Date('2026-11-23T10:46:57Z'),
      raw: envelope,
    });
  });

  it('refuses a created order whose amount is not the expected one', async () => {
    answer(200, { ...envelope, content: { data: { ...envelope.content.data, amount: 100.1 } } });
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'unexpected_response', orderMayExist: true });
    expect(error.message).toContain('an order for 100.1 INR, not the expected 100.15');
  });

  it('returns success: false on a 200 as invalid_request with the message', async () => {
    answer(200, { message: 'Order not found', success: false, content: null });
    expect((await provider.createOrder(basicOrder))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      httpStatus: 200,
      retryable: false,
      providerMessage: 'Order not found',
    });
  });

  it.each([
    [400, { message: 'order_number is invalid', success: false, code: 'VALIDATION_ERROR' }, 'invalid_request', 'VALIDATION_ERROR'],
    [401, { message: `token ${TOKEN} expired`, success: false }, 'authentication', undefined],
    [404, { message: 'Order not found', success: false }, 'invalid_request', undefined],
    [503, { message: 'Service unavailable', success: false }, 'provider_unavailable', undefined],
  ] as const)('returns HTTP %i as %s', async (status, body, kind, code) => {
    answer(status, body);
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind, httpStatus: status });
    expect(error.providerCode).toBe(code);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it.each([
    [400, { message: 'order_number is required', success: false, code: 'bad_request', errors: { order_number: 'is required' } }, 'invalid_request'],
    [401, { message: 'Not authorized for given operation on the Resource.', success: false, code: 'unauthorized' }, 'authentication'],
    [404, { message: 'Order not found', success: false, code: 'not_found' }, 'invalid_request'],
    // The SDK's own error type holds `error` of any type; a body with one is still Commerce Engine's error.
    [404, { message: 'Order not found', success: false, code: 'not_found', error: null }, 'invalid_request'],
    [400, { message: 'Invalid request', success: false, code: 'bad_request', error: ['order_number'], errors: null }, 'invalid_request'],
  ] as const)("surfaces the documented error body's code of HTTP %i as providerCode: %j", async (status, body, kind) => {
    answer(status, body);
    expect((await provider.createOrder(basicOrder))._unsafeUnwrapErr()).toMatchObject({
      kind,
      httpStatus: status,
      providerCode: body.code,
      providerMessage: body.message,
    });
  });

  it.each([
    [200, '<html>maintenance</html>', 'unexpected_response'],
    [200, JSON.stringify({ success: true, content: { data: { id: 'x' } } }), 'unexpected_response'],
    [502, '<html>bad gateway</html>', 'provider_unavailable'],
  ])('returns HTTP %i with %j as %s', async (status, body, kind) => {
    answer(status, body);
    expect((await provider.createOrder(basicOrder))._unsafeUnwrapErr().kind).toBe(kind);
  });

  it('returns a timeout and a reset as retryable errors that may have created the order', async () => {
    nock(STAGING).post(PATH).delay(1000).reply(200, envelope);
    expect((await provider.createOrder(basicOrder))._unsafeUnwrapErr()).toMatchObject({ kind: 'timeout', orderMayExist: true });
    nock(STAGING).post(PATH).replyWithError(networkError('ECONNRESET'));
    expect((await provider.createOrder(basicOrder))._unsafeUnwrapErr()).toMatchObject({ kind: 'network', orderMayExist: true });
  });
});
