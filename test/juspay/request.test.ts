import { describe, expect, it } from 'vitest';
import { juspay } from '../../providers/juspay/index.js';
import { USER_AGENT } from '../../src/transport.js';
import { basicOrder, JUSPAY_KEY, juspayFullAnswer, juspayShortAnswer } from '../fixtures.js';
import { captureRequest, useNock } from '../setup-nock.js';

useNock();

const SANDBOX = 'https://sandbox.juspay.in';
const basicAuth = `Basic ${Buffer.from(`${JUSPAY_KEY}:`).toString('base64')}`;

describe('juspay request on the wire', () => {
  it('sends the documented method, path, headers and form body for a basic order', async () => {
    const sent = captureRequest(SANDBOX, juspayShortAnswer);
    const provider = juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox' });

    const result = await provider.createOrder(basicOrder);

    expect(result.isOk()).toBe(true);
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/orders');
    expect(sent.headers).toEqual({
      accept: 'application/json',
      'accept-encoding': 'gzip, compress, deflate, br',
      authorization: basicAuth,
      'content-length': String(Buffer.byteLength(sent.body)),
      'content-type': 'application/x-www-form-urlencoded',
      host: 'sandbox.juspay.in',
      'user-agent': USER_AGENT,
      version: '2023-01-01',
      'x-merchantid': 'acme',
    });
    expect(sent.body).toBe(
      'order_id=ord1001&amount=100.15&currency=INR&customer_id=cust_1&customer_email=a%40example.com' +
        '&customer_phone=9999999999&return_url=https%3A%2F%2Fshop.example.com%2Freturn',
    );
  });

  it('sends the API key with an empty password, as the documents example decodes', async () => {
    const sent = captureRequest(SANDBOX, juspayShortAnswer);
    await juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox' }).createOrder(basicOrder);
    const decoded = Buffer.from(String(sent.headers.authorization).replace('Basic ', ''), 'base64').toString();
    expect(decoded).toBe(`${JUSPAY_KEY}:`);
  });

  it('uses the production URL, a configured version and a per-call routing id', async () => {
    const sent = captureRequest('https://api.juspay.in', juspayShortAnswer);
    const provider = juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'production', version: '2018-10-25' });
    await provider.createOrder(basicOrder, { routingId: 'cust_1' });
    expect(sent.headers.version).toBe('2018-10-25');
    expect(sent.headers['x-routing-id']).toBe('cust_1');
    expect(sent.headers.host).toBe('api.juspay.in');
  });

  it.each(['cust\r\nx-evil: 1', 'cust\u0000', 'clé', ''])('refuses a routing id %j as a validation error before any request', async (routingId) => {
    const provider = juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox' });
    const error = (await provider.createOrder(basicOrder, { routingId }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'validation', fields: [{ path: 'routingId', message: 'must be 1 to 128 visible ASCII characters' }] });
  });

  it('sends every documented field, flattened with dotted keys, amounts exact', async () => {
    const sent = captureRequest(SANDBOX, juspayFullAnswer);
    const provider = juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox' });
    await provider.createOrder({
      ...basicOrder,
      amount: 10030,
      customer: {
        id: 'cust_1',
        email: 'a@example.com',
        phone: '9999999999',
        firstName: 'John',
        lastName: 'Wick',
        address: { line1: '1 MG Road', city: 'Bengaluru', state: 'KA', postalCode: '560001', countryCode: 'IN' },
      },
      description: 'Sample description',
      metadata: { channel: 'web' },
      providerOptions: {
        juspay: {
          productId: 'prod-141833',
          gatewayId: '23',
          udf: { udf1: 'plan gold', udf6: 'free text: ok & more' },
          gatewayReferenceIds: { PAYU: 'BUS', RAZORPAY: 'BUS' },
          credOffersApplied: false,
          metadata: { 'JUSPAY:gateway_reference_id': 'TRAIN' },
          getClientAuthToken: true,
          shippingAddress: { firstName: 'John', line1: '2 Park St', city: 'Kolkata' },
          basket: [{ id: 'sku1', quantity: 1, unitPrice: 0.3 }],
          mandate: {
            mode: 'OPTIONAL',
            maxAmount: 100000,
            startDate: 1633087969,
            endDate: new Date(1633088989 * 1000),
            frequency: 'MONTHLY',
            ruleValue: 1,
            amountRule: 'VARIABLE',
            revokableByCustomer: true,
            blockFunds: false,
          },
        },
      },
    });
    const form = [...new URLSearchParams(sent.body)];
    expect(form).toEqual([
      ['order_id', 'ord1001'],
      ['amount', '100.30'],
      ['currency', 'INR'],
      ['customer_id', 'cust_1'],
      ['customer_email', 'a@example.com'],
      ['customer_phone', '9999999999'],
      ['first_name', 'John'],
      ['last_name', 'Wick'],
      ['return_url', 'https://shop.example.com/return'],
      ['description', 'Sample description'],
      ['product_id', 'prod-141833'],
      ['gateway_id', '23'],
      ['udf1', 'plan gold'],
      ['udf6', 'free text: ok & more'],
      ['billing_address_line1', '1 MG Road'],
      ['billing_address_city', 'Bengaluru'],
      ['billing_address_state', 'KA'],
      ['billing_address_postal_code', '560001'],
      ['billing_address_country_code_iso', 'IN'],
      ['shipping_address_first_name', 'John'],
      ['shipping_address_line1', '2 Park St'],
      ['shipping_address_city', 'Kolkata'],
      ['basket', '[{"id":"sku1","quantity":1,"unitPrice":0.3}]'],
      ['metadata.channel', 'web'],
      ['metadata.PAYU:gateway_reference_id', 'BUS'],
      ['metadata.RAZORPAY:gateway_reference_id', 'BUS'],
      ['metadata.CRED:offers_applied', 'false'],
      ['metadata.JUSPAY:gateway_reference_id', 'TRAIN'],
      ['options.get_client_auth_token', 'true'],
      ['options.create_mandate', 'OPTIONAL'],
      ['mandate.max_amount', '1000.00'],
      ['mandate.start_date', '1633087969'],
      ['mandate.end_date', '1633088989'],
      ['mandate.frequency', 'MONTHLY'],
      ['mandate.rule_value', '1'],
      ['mandate.amount_rule', 'VARIABLE'],
      ['mandate.revokable_by_customer', 'true'],
      ['mandate.block_funds', 'false'],
    ]);
    expect(sent.body).not.toMatch(/null|undefined|object Object/);
  });

  it('sends the CRED pay variant with its routing id and offers flag', async () => {
    const sent = captureRequest(SANDBOX, { ...juspayShortAnswer, order_id: 'Test1608304994' });
    const provider = juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox', variant: 'cred' });
    const result = await provider.createOrder(
      { orderId: 'Test1608304994', amount: 10000, currency: 'INR', providerOptions: { juspay: { credOffersApplied: false } } },
      { routingId: 'customer_1122' },
    );
    expect(result.isOk()).toBe(true);
    expect(sent.headers['x-routing-id']).toBe('customer_1122');
    expect(sent.body).toBe('order_id=Test1608304994&amount=100.00&currency=INR&metadata.CRED%3Aoffers_applied=false');
  });

  it('posts to a custom loopback base URL over plain http', async () => {
    const sent = captureRequest('http://127.0.0.1:9911', juspayShortAnswer, '/juspay/orders');
    const provider = juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', baseUrl: 'http://127.0.0.1:9911/juspay/' });
    expect((await provider.createOrder(basicOrder)).isOk()).toBe(true);
    expect(sent.path).toBe('/juspay/orders');
  });
});
