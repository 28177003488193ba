import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { commerceEngine } from '../../providers/commerce-engine/index.js';
import type { Order } from '../../src/order.js';
import { basicOrder, juspayFullAnswer } from '../fixtures.js';
import { useNock } from '../setup-nock.js';

useNock();

const STAGING = 'https://staging.api.commercengine.io';
const PATH = '/api/v1/store_01/storefront/payments/juspay/create-order';
const provider = commerceEngine({ storeId: 'store_01', accessToken: 'ce_access_TOKEN_5566778899', environment: 'sandbox', timeoutMs: 300 });

/** The documented envelope around this Juspay order data. */
const envelope = (data: object) => ({ message: 'Juspay order created', success: true, content: { data } });
const data = { ...juspayFullAnswer, status_id: '10' };
const send = (body: object, order: Order = basicOrder) => {
  nock(STAGING).post(PATH).reply(200, body, { 'Content-Type': 'application/json' });
  return provider.createOrder(order);
};
const refusal = async (body: object, order: Order = basicOrder) => {
  const error = (await send(body, order))._unsafeUnwrapErr();
  expect(error).toMatchObject({ kind: 'unexpected_response', provider: 'commerce-engine', httpStatus: 200, orderMayExist: true, retryable: false });
  return error.message;
};

describe('commerce engine answers are checked against the order', () => {
  it('refuses data for another order, naming the id that came back', async () => {
    expect(await refusal(envelope({ ...data, order_id: 'ord1002' }))).toContain('"ord1002"');
  });

  it('accepts the order id in another case, since its orders are Juspay orders', async () => {
    expect((await send(envelope({ ...data, order_id: 'ORD1001' }))).isOk()).toBe(true);
  });

  it('refuses an amount one paisa off', async () => {
    expect(await refusal(envelope({ ...data, amount: 100.16 }))).toContain('an order for 100.16 INR, not the expected 100.15');
  });

  it('compares KWD to the fils: 1.234 is the order, 1.235 is not', async () => {
    const order: Order = { ...basicOrder, amount: 1234, currency: 'KWD' };
    expect((await send(envelope({ ...data, amount: 1.234, currency: 'KWD' }), order)).isOk()).toBe(true);
    expect(await refusal(envelope({ ...data, amount: 1.235, currency: 'KWD' }), order)).toContain('an order for 1.235 KWD, not the expected 1.234');
  });

  it('refuses data in another currency', async () => {
    expect(await refusal(envelope({ ...data, currency: 'USD' }))).toContain('an order in USD, not INR');
  });

  it.each([['amount'], ['currency']])('refuses data without %s: the store priced the order, so it must say at what', async (field) => {
    const { [field as 'amount']: _omitted, ...rest } = data;
    expect(await refusal(envelope(rest))).toContain(`without the order's ${field}`);
  });

  it.each([
    ['web', 'javascript:alert(1)'],
    ['mobile', 'data:text/html,<b>pay</b>'],
    ['iframe', 'merchant/ipay/ord_1'],
    ['web', 'http://api.juspay.in/merchant/pay/ord_1'],
  ])('refuses a %s link %j', async (link, url) => {
    const body = envelope({ ...data, payment_links: { ...data.payment_links, [link]: url } });
    expect(await refusal(body)).toContain(`links.${link}`);
  });
});
