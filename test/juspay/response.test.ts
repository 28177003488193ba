import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { juspay } from '../../providers/juspay/index.js';
import { basicOrder, JUSPAY_KEY, juspayFullAnswer, juspayShortAnswer, networkError } from '../fixtures.js';
import { useNock } from '../setup-nock.js';

useNock();

const BASE = 'https://sandbox.juspay.in';
const provider = juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox', timeoutMs: 300 });
const answer = (status: number, body: string | object, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  nock(BASE).post('/orders').reply(status, body, headers);

describe('juspay answers', () => {
  it('maps the short answer onto the unified session', async () => {
    answer(200, juspayShortAnswer);
    const session = (await provider.createOrder(basicOrder))._unsafeUnwrap();
    expect(session).toEqual({
      provider: 'juspay',
      orderId: 'ord1001',
      providerOrderId: 'ord_e294a26e66ad4336a992ceab81ad704c',
      status: 'created',
      providerStatus: 'CREATED',
      checkoutUrl: juspayShortAnswer.payment_links.web,
      links: juspayShortAnswer.payment_links,
      raw: juspayShortAnswer,
    });
  });

  it('maps the full order with its client auth token and dates', async () => {
    answer(200, juspayFullAnswer);
    const session = (await provider.createOrder(basicOrder))._unsafeUnwrap();
    expect(session.status).toBe('created');
    expect(session.providerStatus).toBe('NEW');
    expect(session.clientAuthToken).toBe('tkn_2d3c1b5e7f');
    expect(session.clientAuthTokenExpiresAt).toEqual(new Date('2026-11-23T11:01:57Z'));
    expect(session.createdAt).toEqual(new Date('2026-11-23T10:46:57Z'));
    expect(session.raw.udf1).toBe('');
    expect(session.raw.amount).toBe(100.15);
  });

  it('answers an older server that updates a duplicate order with 200 as a normal session', async () => {
    answer(200, { ...juspayShortAnswer, status: 'NEW', status_id: 10 });
    expect((await provider.createOrder(basicOrder))._unsafeUnwrap().status).toBe('created');
  });

  it.each([
    ['CHARGED', 21, 'paid'],
    ['AUTHORIZATION_FAILED', 27, 'failed'],
    ['VOIDED', 31, 'cancelled'],
    ['PENDING_VBV', 23, 'pending'],
    // An unknown status is unknown whatever its id: Juspay's ids are not stable (AUTO_REFUNDED is 36 or 105).
    ['SOMETHING_NEW', 21, 'unknown'],
    ['SOMETHING_NEW', 99, 'unknown'],
    ['SOMETHING_NEW', undefined, 'unknown'],
  ])('maps status %s (id %s) to %s', async (status, statusId, expected) => {
    answer(200, { ...juspayShortAnswer, status, status_id: statusId });
    const session = (await provider.createOrder(basicOrder))._unsafeUnwrap();
    expect(session.status).toBe(expected);
    expect(session.providerStatus).toBe(status);
  });

  it('returns today\'s 400 with its field errors surfaced', async () => {
    answer(400, {
      status: 'Bad Request',
      error_code: 'INVALID_REQUEST',
      error_message: 'Invalid input',
      error_info: {
        user_message: 'Please check the request',
        developer_message: 'customer_email is malformed',
        code: 'INVALID_INPUT',
        category: 'USER_ERROR',
        fields: [{ field_name: 'customer_email', reason: 'Invalid email' }],
      },
    });
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({
      kind: 'invalid_request',
      provider: 'juspay',
      retryable: false,
      httpStatus: 400,
      providerCode: 'INVALID_REQUEST',
      providerMessage: 'Invalid input',
      fields: [{ path: 'customer_email', message: 'Invalid email' }],
    });
  });

  it.each([
    [{ status: 'Bad Request', error_code: 'Mandatory fields are missing', error_message: 'amount is missing' }, 'Mandatory fields are missing'],
    [{ status: 'ERROR', error_code: 'invalid_request', error_message: 'order_id too long' }, 'invalid_request'],
  ])('returns the older 400 shapes as invalid_request', async (body, code) => {
    answer(400, body);
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_request', providerCode: code, providerMessage: body.error_message });
  });

  it('returns the newer duplicate answer as duplicate_order', async () => {
    answer(400, { status: 'order_already_created', error_message: 'Order with id = "ord1001" already created.' });
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({
      kind: 'duplicate_order',
      retryable: false,
      orderMayExist: true,
      httpStatus: 400,
      providerCode: 'order_already_created',
    });
  });

  it.each([
    [401, { status: 'error', error_code: 'access_denied' }, 'authentication', false],
    [403, { status: 'error', error_code: 'bad_origin', error_message: 'Origin not allowed' }, 'authentication', false],
    [500, { status: 'error', error_code: 'internal_error', error_message: 'Internal Server Error' }, 'provider_unavailable', true],
  ] as const)('returns HTTP %i as %s', async (status, body, kind, retryable) => {
    answer(status, body);
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind, retryable, httpStatus: status, providerCode: body.error_code });
  });

  it('returns 429 as rate_limited with the Retry-After delay', async () => {
    answer(429, { status: 'error', error_code: 'too_many_requests' }, { 'Content-Type': 'application/json', 'Retry-After': '7' });
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 7000 });
  });

  it('returns an HTML error page as provider_unavailable, saying it was HTML', async () => {
    answer(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'Content-Type': 'text/html' });
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'provider_unavailable', retryable: true, httpStatus: 502, orderMayExist: true });
    expect(error.message).toContain('HTML');
  });

  it.each([
    ['an empty body', ''],
    ['an HTML page', '<!doctype html><p>Maintenance</p>'],
    ['a body that is not JSON', '{"status": "CREATED", '],
    ['a body that is not a Juspay order', JSON.stringify({ status: 'CREATED', order_id: 'ord1001' })],
    ['a body that is not a Juspay order', JSON.stringify([1, 2])],
  ])('returns a 200 with %s as unexpected_response', async (why, body) => {
    answer(200, body, { 'Content-Type': 'application/json' });
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'unexpected_response', httpStatus: 200, orderMayExist: true, retryable: false });
    expect(error.message).toContain(why);
  });

  it('returns an error body in no known shape as a typed error by status', async () => {
    answer(400, { oops: true });
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_request', httpStatus: 400 });
    expect(error.message).toContain("not Juspay's error format");
  });

  it('returns slow headers as a timeout that may have created the order', async () => {
    nock(BASE).post('/orders').delay(1000).reply(200, juspayShortAnswer);
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'timeout', retryable: true, orderMayExist: true });
  });

  it('returns a reset socket as a network error that may have created the order', async () => {
    nock(BASE).post('/orders').replyWithError(networkError('ECONNRESET'));
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'network', retryable: true, orderMayExist: true, providerCode: 'ECONNRESET' });
  });

  it('returns a refused connection as a network error that certainly created nothing', async () => {
    nock(BASE).post('/orders').replyWithError(networkError('ECONNREFUSED'));
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'network', retryable: true, orderMayExist: false });
  });
});
