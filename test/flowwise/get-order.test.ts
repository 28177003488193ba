import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { flowwise, FLOWWISE_ORDER_STATUSES } from '../../providers/flowwise/index.js';
import { USER_AGENT } from '../../src/transport.js';
import { FLOWWISE_ID, FLOWWISE_SECRET, flowwiseAnswer } from '../fixtures.js';
import { documentedStatusTable, statusTableMarkdown } from '../status-table.js';
import { captureRequest, useNock } from '../setup-nock.js';

useNock();

const SANDBOX = 'https://sandbox.flowwise.com';
const PATH = '/router/orders/ord1001';
const provider = flowwise({ clientId: FLOWWISE_ID, clientSecret: FLOWWISE_SECRET, environment: 'sandbox', timeoutMs: 300 });
const answer = (status: number, body: string | object, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  nock(SANDBOX).get(PATH).reply(status, body, headers);

describe('flowwise getOrder on the wire', () => {
  it('sends GET /orders/{order_id} with both API-key headers and no body', async () => {
    const sent = captureRequest(SANDBOX, flowwiseAnswer, PATH, 'get');
    expect((await provider.getOrder('ord1001')).isOk()).toBe(true);
    expect(sent.method).toBe('GET');
    expect(sent.path).toBe(PATH);
    expect(sent.headers).toEqual({
      accept: 'application/json',
      'accept-encoding': 'gzip, compress, deflate, br',
      host: 'sandbox.flowwise.com',
      'user-agent': USER_AGENT,
      'x-client-id': FLOWWISE_ID,
      'x-client-secret': FLOWWISE_SECRET,
    });
    expect(sent.body).toBe('');
  });

  it('refuses a bad order id before any request', async () => {
    expect((await provider.getOrder('ord 1001'))._unsafeUnwrapErr()).toMatchObject({ kind: 'validation', fields: [{ path: 'orderId' }] });
  });
});

describe('flowwise getOrder answers', () => {
  it('maps the order; its answer has a currency but no amount', async () => {
    answer(200, flowwiseAnswer);
    expect((await provider.getOrder('ord1001', { expected: { amount: 10015, currency: 'INR' } }))._unsafeUnwrap()).toEqual({
      provider: 'flowwise',
      orderId: 'ord1001',
      providerOrderId: 'a7f8e3d2c1b9f4e6d8a2c5b7f9e3d1a8',
      status: 'created',
      final: false,
      providerStatus: 'ACTIVE',
      currency: 'INR',
      checkoutUrl: flowwiseAnswer.checkout_url,
      links: { web: flowwiseAnswer.checkout_url },
      createdAt: new Date('2024-12-03T14:30:00Z'),
      expiresAt: new Date('2024-12-03T16:30:00Z'),
      raw: flowwiseAnswer,
    });
  });

  it.each(FLOWWISE_ORDER_STATUSES.map((e) => [e.providerStatus, e] as const))('maps %s as its table row says', async (status, entry) => {
    answer(200, { ...flowwiseAnswer, order_status: status });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrap()).toMatchObject({ status: entry.status, final: entry.final, providerStatus: status });
  });

  it('maps a status nobody documents to unknown', async () => {
    answer(200, { ...flowwiseAnswer, order_status: 'SETTLED' });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrap()).toMatchObject({ status: 'unknown', final: false });
  });

  it.each([
    [404, { message: 'Order not found', code: 'order_not_found', type: 'invalid_request_error' }],
    [400, { message: 'no such order', code: 'order_not_found', type: 'invalid_request_error' }],
  ])('is not_found for HTTP %i %j', async (status, body) => {
    answer(status, body);
    expect((await provider.getOrder('ord1001'))._unsafeUnwrapErr()).toMatchObject({ kind: 'not_found', retryable: false, orderMayExist: false, providerCode: 'order_not_found' });
  });

  it('is not not_found for a 404 that is not in its error format', async () => {
    answer(404, '<html>Not Found</html>', { 'Content-Type': 'text/html' });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrapErr().kind).toBe('invalid_request');
  });

  it('keeps 401 as authentication, without the secret', async () => {
    answer(401, { message: `bad secret ${FLOWWISE_SECRET}`, code: 'unauthorized', type: 'authentication_error' });
    const error = (await provider.getOrder('ord1001'))._unsafeUnwrapErr();
    expect(error.kind).toBe('authentication');
    expect(JSON.stringify(error)).not.toContain(FLOWWISE_SECRET);
  });

  it('refuses another order id (case matters), another currency, and a plain-http checkout link', async () => {
    answer(200, { ...flowwiseAnswer, order_id: 'ORD1001' });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrapErr().message).toContain('an answer for order id "ORD1001", not "ord1001"');
    answer(200, { ...flowwiseAnswer, order_currency: 'USD' });
    expect((await provider.getOrder('ord1001', { expected: { amount: 100, currency: 'INR' } }))._unsafeUnwrapErr().message).toContain('in USD');
    answer(200, { ...flowwiseAnswer, checkout_url: 'http://payments.flowwise.com/checkout/ord1001' });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrapErr()).toMatchObject({ kind: 'unexpected_response' });
  });
});

describe('flowwise status table', () => {
  it('is the table docs/providers/flowwise.md shows', () => {
    expect(documentedStatusTable('docs/providers/flowwise.md')).toBe(statusTableMarkdown(FLOWWISE_ORDER_STATUSES));
  });

  it('reads nothing but the documented ACTIVE as a known status', () => {
    expect(FLOWWISE_ORDER_STATUSES.filter((e) => e.status !== 'unknown').map((e) => e.providerStatus)).toEqual(['ACTIVE']);
  });
});
