import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { flowwise } from '../../providers/flowwise/index.js';
import { basicOrder, FLOWWISE_ID, FLOWWISE_SECRET, flowwiseAnswer } from '../fixtures.js';
import { useNock } from '../setup-nock.js';

useNock();

const SANDBOX = 'https://sandbox.flowwise.com';
const provider = flowwise({ clientId: FLOWWISE_ID, clientSecret: FLOWWISE_SECRET, environment: 'sandbox', timeoutMs: 300 });
const refusal = async (body: object) => {
  nock(SANDBOX).post('/router/orders').reply(200, body, { 'Content-Type': 'application/json' });
  const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
  expect(error).toMatchObject({ kind: 'unexpected_response', provider: 'flowwise', httpStatus: 200, orderMayExist: true, retryable: false });
  return error.message;
};

describe('flowwise answers are checked against the order', () => {
  it.each([['ord1002'], ['ORD1001']])('refuses an answer for order id %j, naming it (Flowwise ids are exact)', async (id) => {
    expect(await refusal({ ...flowwiseAnswer, order_id: id })).toContain(`"${id}"`);
  });

  it('refuses an answer in another currency', async () => {
    expect(await refusal({ ...flowwiseAnswer, order_currency: 'USD' })).toContain('an order in USD, not INR');
  });

  it('accepts an answer without order_currency, which Flowwise does not promise', async () => {
    const { order_currency: _omitted, ...body } = flowwiseAnswer;
    nock(SANDBOX).post('/router/orders').reply(200, body);
    expect((await provider.createOrder(basicOrder)).isOk()).toBe(true);
  });

  it.each([
    ['javascript:alert(document.cookie)'],
    ['data:text/html;base64,PHNjcmlwdD4='],
    ['/checkout/ord1001'],
    ['payments.flowwise.com/checkout/ord1001'],
    ['http://payments.flowwise.com/checkout/ord1001'],
  ])('refuses the checkout_url %j', async (url) => {
    expect(await refusal({ ...flowwiseAnswer, checkout_url: url })).toContain('links.web');
  });
});
