import fc from 'fast-check';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { juspay, JUSPAY_ORDER_STATUSES } from '../../providers/juspay/index.js';
import { toMajorUnits } from '../../src/money.js';
import { findStatus } from '../../src/order-state.js';
import { USER_AGENT } from '../../src/transport.js';
import { JUSPAY_KEY, juspayStatusAnswer } from '../fixtures.js';
import { documentedStatusTable, statusTableMarkdown } from '../status-table.js';
import { captureRequest, useNock } from '../setup-nock.js';

useNock();

const BASE = 'https://sandbox.juspay.in';
const provider = juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox', version: '2025-01-10', timeoutMs: 300 });
const answer = (status: number, body: string | object, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  nock(BASE).get('/orders/ord1001').reply(status, body, headers);
const expected = { amount: 10015, currency: 'INR' };

describe('juspay getOrder on the wire', () => {
  it('sends GET /orders/{order_id} with every documented header and no body', async () => {
    const sent = captureRequest(BASE, juspayStatusAnswer, '/orders/ord1001', 'get');
    expect((await provider.getOrder('ord1001')).isOk()).toBe(true);
    expect(sent.method).toBe('GET');
    expect(sent.path).toBe('/orders/ord1001');
    expect(sent.headers).toEqual({
      accept: 'application/json',
      'accept-encoding': 'gzip, compress, deflate, br',
      authorization: `Basic ${Buffer.from(`${JUSPAY_KEY}:`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      host: 'sandbox.juspay.in',
      'user-agent': USER_AGENT,
      version: '2025-01-10',
      'x-merchantid': 'acme',
    });
    expect(sent.body).toBe('');
  });

  it('adds x-routing-id when given', async () => {
    const sent = captureRequest(BASE, juspayStatusAnswer, '/orders/ord1001', 'get');
    await provider.getOrder('ord1001', { routingId: 'cust_42' });
    expect(sent.headers['x-routing-id']).toBe('cust_42');
  });

  it.each([
    ['', 'orderId'],
    ['a/b', 'orderId'],
    ['x'.repeat(65), 'orderId'],
  ])('refuses the order id %j before any request, naming %s', async (orderId, path) => {
    const error = (await provider.getOrder(orderId))._unsafeUnwrapErr();
    expect(error.kind).toBe('validation');
    expect(error.fields?.map((f) => f.path)).toEqual([path]);
  });

  it('refuses a bad routing id and a bad expected amount before any request', async () => {
    expect((await provider.getOrder('ord1001', { routingId: 'two words' }))._unsafeUnwrapErr().fields?.[0]?.path).toBe('routingId');
    const error = (await provider.getOrder('ord1001', { expected: { amount: 1.5, currency: 'INR' } }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'validation' });
    expect(error.fields?.[0]?.path).toBe('expected.amount');
  });
});

describe('juspay getOrder answers', () => {
  it('maps a paid order onto the canonical state, money in minor units', async () => {
    answer(200, juspayStatusAnswer);
    expect((await provider.getOrder('ord1001', { expected }))._unsafeUnwrap()).toEqual({
      provider: 'juspay',
      orderId: 'ord1001',
      providerOrderId: 'ord_e294a26e66ad4336a992ceab81ad704c',
      status: 'paid',
      final: true,
      providerStatus: 'CHARGED',
      providerStatusId: 21,
      amount: 10015,
      currency: 'INR',
      amountRefunded: 0,
      checkoutUrl: juspayStatusAnswer.payment_links.web,
      links: juspayStatusAnswer.payment_links,
      transactionId: 'acme-ord1001-1',
      createdAt: new Date('2026-11-23T10:46:57Z'),
      raw: juspayStatusAnswer,
    });
  });

  it.each(JUSPAY_ORDER_STATUSES.filter((e) => e.condition === undefined && e.providerStatus !== 'NOT_FOUND').map((e) => [e.providerStatus, e] as const))(
    'maps %s as its table row says',
    async (status, entry) => {
      answer(200, { ...juspayStatusAnswer, status, status_id: entry.providerStatusId });
      const state = (await provider.getOrder('ord1001'))._unsafeUnwrap();
      expect({ status: state.status, final: state.final, providerStatus: state.providerStatus }).toEqual({
        status: entry.status,
        final: entry.final,
        providerStatus: status,
      });
    },
  );

  it('reads CHARGED with refunded: true as refunded, and a partial refund as partially_refunded', async () => {
    answer(200, { ...juspayStatusAnswer, refunded: true, amount_refunded: 100.15 });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrap()).toMatchObject({ status: 'refunded', final: true, amountRefunded: 10015 });
    answer(200, { ...juspayStatusAnswer, amount_refunded: '40.05' });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrap()).toMatchObject({ status: 'partially_refunded', final: false, amountRefunded: 4005 });
  });

  it.each([
    ['SOMETHING_NEW', 21],
    ['SOMETHING_NEW', undefined],
  ])('maps the unknown status %s (id %s) to unknown, never paid', async (status, statusId) => {
    answer(200, { ...juspayStatusAnswer, status, status_id: statusId });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrap()).toMatchObject({ status: 'unknown', final: false, providerStatus: status });
  });

  it('reports an order with no transaction yet (NEW, no txn fields) and a currency it does not name as INR', async () => {
    const { txn_id: _t, txn_detail: _d, currency: _c, ...fresh } = juspayStatusAnswer;
    answer(200, { ...fresh, status: 'NEW', status_id: 10 });
    const state = (await provider.getOrder('ord1001'))._unsafeUnwrap();
    expect(state).toMatchObject({ status: 'created', final: false, amount: 10015, currency: 'INR' });
    expect(state.transactionId).toBeUndefined();
  });

  it('reads every amount exactly (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 100, max: 10_000_000_000 }), async (minor) => {
        answer(200, { ...juspayStatusAnswer, amount: Number(toMajorUnits(minor, 'INR')._unsafeUnwrap()) });
        expect((await provider.getOrder('ord1001'))._unsafeUnwrap().amount).toBe(minor);
      }),
      { numRuns: 50 },
    );
  });
});

describe('juspay getOrder: an unknown order', () => {
  it.each([
    [
      'the current 400 body',
      400,
      { status: 'NOT_FOUND', error_info: { user_message: 'Order Not Found', developer_message: 'Order Not Found', code: 'RESOURCE_NOT_FOUND', category: 'USER_ERROR' }, status_id: 40, order_id: 'ord1001' },
    ],
    ['the older 400 body', 400, { status_id: 40, status: 'NOT_FOUND', order_id: 'ord1001' }],
    ['a 404 with the NOT_FOUND body', 404, { status: 'NOT_FOUND', status_id: 40 }],
    ['a 200 carrying NOT_FOUND / 40', 200, { status_id: 40, status: 'NOT_FOUND', order_id: 'ord1001' }],
  ])('is not_found for %s', async (_label, status, body) => {
    answer(status, body);
    const error = (await provider.getOrder('ord1001'))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'not_found', retryable: false, orderMayExist: false, httpStatus: status, providerCode: 'NOT_FOUND' });
  });

  it("is not_found for an older server's 404 text", async () => {
    answer(404, 'Order not found orderId: ord1001, merchantId: acme', { 'Content-Type': 'text/plain' });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrapErr()).toMatchObject({ kind: 'not_found', retryable: false, orderMayExist: false, httpStatus: 404 });
  });

  it('is not not_found for a 404 that says nothing about the order (a wrong URL)', async () => {
    answer(404, '<html><body>Not Found</body></html>', { 'Content-Type': 'text/html' });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrapErr().kind).toBe('invalid_request');
  });

  it('keeps the other errors as create has them, credentials removed', async () => {
    answer(401, { status: 'error', error_code: 'access_denied', error_message: `Invalid API Key ${JUSPAY_KEY}` });
    const error = (await provider.getOrder('ord1001'))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'authentication', httpStatus: 401 });
    expect(JSON.stringify(error)).not.toContain(JUSPAY_KEY);
    answer(500, { status: 'error', error_code: 'internal_error' });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrapErr()).toMatchObject({ kind: 'provider_unavailable', retryable: true });
  });
});

describe('juspay getOrder: answer checks', () => {
  it('takes the order id in another case (Juspay ignores case) but refuses another order', async () => {
    answer(200, { ...juspayStatusAnswer, order_id: 'ORD1001' });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrap().orderId).toBe('ord1001');
    answer(200, { ...juspayStatusAnswer, order_id: 'ord1002' });
    const error = (await provider.getOrder('ord1001'))._unsafeUnwrapErr();
    expect(error.kind).toBe('unexpected_response');
    expect(error.message).toContain('an answer for order id "ord1002", not "ord1001"');
  });

  it('refuses an amount or currency other than the expected one, and reports any amount without one', async () => {
    answer(200, { ...juspayStatusAnswer, amount: 1.15 });
    expect((await provider.getOrder('ord1001', { expected }))._unsafeUnwrapErr().message).toContain('an order for 1.15 INR, not the expected 100.15');
    answer(200, { ...juspayStatusAnswer, currency: 'USD' });
    expect((await provider.getOrder('ord1001', { expected }))._unsafeUnwrapErr().message).toContain('an order in USD, not INR');
    answer(200, { ...juspayStatusAnswer, amount: 1.15 });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrap().amount).toBe(115);
  });

  it('refuses an amount it cannot read exactly', async () => {
    answer(200, { ...juspayStatusAnswer, amount: 100.155 });
    expect((await provider.getOrder('ord1001'))._unsafeUnwrapErr()).toMatchObject({ kind: 'unexpected_response' });
  });

  it('refuses a checkout link that is not https', async () => {
    answer(200, { ...juspayStatusAnswer, payment_links: { web: 'http://api.juspay.in/merchant/pay/x' } });
    const error = (await provider.getOrder('ord1001'))._unsafeUnwrapErr();
    expect(error.kind).toBe('unexpected_response');
    expect(error.message).toContain('not an absolute https URL');
  });
});

describe('juspay status table', () => {
  it('is the table docs/providers/juspay.md shows', () => {
    expect(documentedStatusTable('docs/providers/juspay.md')).toBe(statusTableMarkdown(JUSPAY_ORDER_STATUSES));
  });

  it('reads no status as paid but CHARGED, in any case (property)', () => {
    fc.assert(
      fc.property(fc.string(), (status) => {
        expect(findStatus(JUSPAY_ORDER_STATUSES, status).status === 'paid').toBe(status.toUpperCase() === 'CHARGED');
      }),
    );
  });

  it('lists every status and id of the reference', () => {
    const ids = [1, 10, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 40];
    expect(ids.every((id) => JUSPAY_ORDER_STATUSES.some((e) => e.providerStatusId === id))).toBe(true);
    for (const name of ['PARTIAL_CHARGED', 'TO_BE_CHARGED', 'PENDING']) expect(JUSPAY_ORDER_STATUSES.some((e) => e.providerStatus === name)).toBe(true);
    expect(JUSPAY_ORDER_STATUSES.filter((e) => e.status === 'paid').map((e) => e.providerStatus)).toEqual(['CHARGED']);
  });
});
