import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { juspay } from '../../providers/juspay/index.js';
import { basicOrder, JUSPAY_KEY, juspayFullAnswer, juspayShortAnswer } from '../fixtures.js';
import { startLoopback, type LoopbackServer } from '../loopback.js';
import { useNock } from '../setup-nock.js';

useNock();

const BASE = 'https://sandbox.juspay.in';
const provider = juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox', timeoutMs: 300 });
const answer = (body: object) => nock(BASE).post('/orders').reply(200, body, { 'Content-Type': 'application/json' });
const refusal = async (body: object) => {
  answer(body);
  const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
  expect(error).toMatchObject({ kind: 'unexpected_response', provider: 'juspay', httpStatus: 200, orderMayExist: true, retryable: false });
  return error.message;
};
const links = (overrides: Record<string, string>) => ({ ...juspayShortAnswer, payment_links: { ...juspayShortAnswer.payment_links, ...overrides } });

describe('juspay answers are checked against the order', () => {
  it('refuses an answer for another order id, naming the id that came back', async () => {
    expect(await refusal({ ...juspayShortAnswer, order_id: 'ord1002' })).toContain('"ord1002"');
  });

  it('accepts the order id in another case, as Juspay compares order ids, and keeps the id as sent', async () => {
    answer({ ...juspayShortAnswer, order_id: 'ORD1001' });
    const session = (await provider.createOrder(basicOrder))._unsafeUnwrap();
    expect(session.orderId).toBe('ord1001');
    expect(session.raw.order_id).toBe('ORD1001');
  });

  it('refuses a full order whose amount differs by one paisa', async () => {
    expect(await refusal({ ...juspayFullAnswer, amount: 100.16 })).toContain('an order for 100.16 INR, not the expected 100.15');
  });

  it.each([['100.15'], ['100.150'], [100.15]])('accepts the full order with the amount %j', async (amount) => {
    answer({ ...juspayFullAnswer, amount });
    expect((await provider.createOrder(basicOrder)).isOk()).toBe(true);
  });

  it.each([['100.155'], [100.15000001], ['1e2'], [-100.15]])('refuses an amount that is not exactly the order\'s: %j', async (amount) => {
    expect(await refusal({ ...juspayFullAnswer, amount })).toContain('not the expected 100.15');
  });

  it('refuses a full order in another currency', async () => {
    expect(await refusal({ ...juspayFullAnswer, currency: 'USD' })).toContain('an order in USD, not INR');
  });

  it('compares amounts in the order\'s currency: 1.23 KWD is 1230 fils', async () => {
    const order = { ...basicOrder, amount: 1230, currency: 'KWD' };
    nock(BASE).post('/orders').reply(200, { ...juspayFullAnswer, amount: 1.23, currency: 'KWD' });
    expect((await provider.createOrder(order)).isOk()).toBe(true);
    nock(BASE).post('/orders').reply(200, { ...juspayFullAnswer, amount: 1.231, currency: 'KWD' });
    expect((await provider.createOrder(order))._unsafeUnwrapErr().message).toContain('an order for 1.231 KWD, not the expected 1.230');
  });

  it.each([
    ['web', 'javascript:alert(1)', 'links.web'],
    ['mobile', 'data:text/html,<script>alert(1)</script>', 'links.mobile'],
    ['iframe', '/merchant/ipay/ord_1', 'links.iframe'],
    ['web', 'http://api.juspay.in/merchant/pay/ord_1', 'links.web'],
    ['mobile', 'ftp://api.juspay.in/pay', 'links.mobile'],
  ])('refuses a %s link %j', async (link, url, named) => {
    const message = await refusal(links({ [link]: url }));
    expect(message).toContain(named);
    expect(message).toContain('not an absolute https URL');
  });
});

describe('juspay links over a loopback base URL', () => {
  let server: LoopbackServer;
  let body: object = {};
  beforeAll(async () => {
    server = await startLoopback((_req, _body, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(body));
    });
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(async () => {
    nock.disableNetConnect();
    await server.close();
  });
  const local = () => juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', baseUrl: server.url, timeoutMs: 1000 });

  it('accepts plain http links when the base URL is loopback', async () => {
    body = links({ web: `${server.url}/merchant/pay/ord_1`, mobile: `${server.url}/merchant/pay/ord_1?mobile=true`, iframe: `${server.url}/merchant/ipay/ord_1` });
    expect((await local().createOrder(basicOrder))._unsafeUnwrap().checkoutUrl).toBe(`${server.url}/merchant/pay/ord_1`);
  });

  it('still refuses a javascript: link there', async () => {
    body = links({ web: 'javascript:alert(1)' });
    expect((await local().createOrder(basicOrder))._unsafeUnwrapErr()).toMatchObject({ kind: 'unexpected_response', orderMayExist: true });
  });
});
