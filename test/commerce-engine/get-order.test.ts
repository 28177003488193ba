import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { commerceEngine, COMMERCE_ENGINE_PAYMENT_STATUSES } from '../../providers/commerce-engine/index.js';
import { USER_AGENT } from '../../src/transport.js';
import { documentedStatusTable, statusTableMarkdown } from '../status-table.js';
import { captureRequest, useNock } from '../setup-nock.js';

useNock();

const TOKEN = 'ce_access_TOKEN_5566778899';
const STAGING = 'https://staging.api.commercengine.io';
const PATH = '/api/v1/store_01/storefront/orders/ORD-1042/payment-status';
const provider = commerceEngine({ storeId: 'store_01', accessToken: TOKEN, environment: 'sandbox', timeoutMs: 300 });
const paid = { message: 'OK', success: true, content: { status: 'success', amount_paid: 100.15, amount_unpaid: 0, is_retry_available: false } };
const answer = (status: number, body: string | object) => nock(STAGING).get(PATH).reply(status, body, { 'Content-Type': 'application/json' });
const expected = { amount: 10015, currency: 'INR' };

describe('commerce engine getOrder on the wire', () => {
  it('sends GET .../orders/{order_number}/payment-status with the Bearer token and no body', async () => {
    const sent = captureRequest(STAGING, paid, PATH, 'get');
    expect((await provider.getOrder('ORD-1042')).isOk()).toBe(true);
    expect(sent.method).toBe('GET');
    expect(sent.path).toBe(PATH);
    expect(sent.headers).toEqual({
      accept: 'application/json',
      'accept-encoding': 'gzip, compress, deflate, br',
      authorization: `Bearer ${TOKEN}`,
      host: 'staging.api.commercengine.io',
      'user-agent': USER_AGENT,
    });
    expect(sent.body).toBe('');
  });
});

describe('commerce engine getOrder answers', () => {
  it('maps the payment status; its amounts are read in the expected currency', async () => {
    answer(200, paid);
    expect((await provider.getOrder('ORD-1042', { expected }))._unsafeUnwrap()).toEqual({
      provider: 'commerce-engine',
      orderId: 'ORD-1042',
      status: 'paid',
      final: true,
      providerStatus: 'success',
      amount: 10015,
      currency: 'INR',
      amountPaid: 10015,
      links: {},
      raw: paid,
    });
  });

  it('gives no amounts without an expected currency, since the answer names none', async () => {
    answer(200, paid);
    const state = (await provider.getOrder('ORD-1042'))._unsafeUnwrap();
    expect([state.amount, state.currency, state.amountPaid]).toEqual([undefined, undefined, undefined]);
  });

  it('adds paid and unpaid exactly and refuses a total other than the expected one', async () => {
    answer(200, { ...paid, content: { status: 'partially_paid', amount_paid: 0.1, amount_unpaid: 0.2, is_retry_available: false } });
    expect((await provider.getOrder('ORD-1042', { expected: { amount: 30, currency: 'INR' } }))._unsafeUnwrap()).toMatchObject({
      status: 'partially_paid',
      amount: 30,
      amountPaid: 10,
    });
    answer(200, { ...paid, content: { ...paid.content, amount_paid: 99 } });
    expect((await provider.getOrder('ORD-1042', { expected }))._unsafeUnwrapErr().message).toContain('not the expected 100.15');
  });

  it.each(COMMERCE_ENGINE_PAYMENT_STATUSES.map((e) => [e.providerStatus, e] as const))('maps %s as its table row says', async (status, entry) => {
    answer(200, { ...paid, content: { ...paid.content, status } });
    expect((await provider.getOrder('ORD-1042'))._unsafeUnwrap()).toMatchObject({ status: entry.status, final: entry.final, providerStatus: status });
  });

  it('maps a status it does not know to unknown', async () => {
    answer(200, { ...paid, content: { ...paid.content, status: 'refund_initiated' } });
    expect((await provider.getOrder('ORD-1042'))._unsafeUnwrap()).toMatchObject({ status: 'unknown', final: false });
  });

  it('is not_found for its 404, authentication for its 401, and a refusal for success: false', async () => {
    answer(404, { message: 'Order not found', success: false, code: 'not_found' });
    expect((await provider.getOrder('ORD-1042'))._unsafeUnwrapErr()).toMatchObject({ kind: 'not_found', retryable: false, orderMayExist: false, httpStatus: 404 });
    answer(401, { message: `Not authorized ${TOKEN}`, success: false, code: 'unauthorized' });
    const denied = (await provider.getOrder('ORD-1042'))._unsafeUnwrapErr();
    expect(denied.kind).toBe('authentication');
    expect(JSON.stringify(denied)).not.toContain(TOKEN);
    answer(200, { message: 'nope', success: false });
    expect((await provider.getOrder('ORD-1042'))._unsafeUnwrapErr().kind).toBe('invalid_request');
  });

  it('refuses a body that is not a payment status', async () => {
    answer(200, { success: true, content: { status: 'success' } });
    expect((await provider.getOrder('ORD-1042'))._unsafeUnwrapErr().kind).toBe('unexpected_response');
  });
});

describe('commerce engine status table', () => {
  it('is the table docs/providers/commerce-engine.md shows', () => {
    expect(documentedStatusTable('docs/providers/commerce-engine.md')).toBe(statusTableMarkdown(COMMERCE_ENGINE_PAYMENT_STATUSES));
  });
});
