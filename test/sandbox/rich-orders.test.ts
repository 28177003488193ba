import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowwise } from '../../providers/flowwise/index.js';
import { juspay } from '../../providers/juspay/index.js';
import { startSandbox, type Sandbox } from '../../providers/entries/sandbox.js';
import { richFlowwiseOrder, richJuspayOrder } from './helpers.js';

describe('adapters against the sandbox over HTTP, every field', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('Juspay takes an order with every field, mandate included, and keeps what was sent', async () => {
    const session = (await juspay(sandbox.juspay.adapterOptions).createOrder(richJuspayOrder('RICH1')))._unsafeUnwrap();
    expect(session.clientAuthToken).toBeDefined();
    const request = sandbox.juspay.orders.get('RICH1')!.request;
    expect(request).toMatchObject({
      amount: '1299.50',
      'mandate.max_amount': '5000.00',
      'mandate.frequency': 'MONTHLY',
      'mandate.block_funds': 'false',
      'metadata.PAYU:gateway_reference_id': 'BUS',
      'metadata.CRED:offers_applied': 'false',
      'metadata.campaign.name': 'summer',
      udf8: 'y&8',
      shipping_address_city: 'Bengaluru',
    });
    expect(JSON.parse(request['basket']!)).toEqual([{ id: 'sku-1', quantity: 1, unitPrice: 1299.5, gift: false }]);
    expect(session.raw).toMatchObject({ udf6: 'free text: 6', product_id: 'prod-141833', customer_phone: '+919876543210' });
  });

  it('Flowwise takes an order with every field', async () => {
    const session = (await flowwise(sandbox.flowwise.adapterOptions).createOrder(richFlowwiseOrder('RICH1')))._unsafeUnwrap();
    expect(session.raw).toMatchObject({ payment_methods: 'cc,dc,upi,nb,wallet', order_note: 'Summer collection dress - Medium size, Blue color' });
    expect(sandbox.flowwise.orders.get('RICH1')!.request).toEqual({
      order_id: 'RICH1',
      order_amount: 2299.5,
      order_currency: 'INR',
      customer_details: {
        customer_id: 'cust_priya_sharma_2024',
        customer_email: 'priya.sharma@example.com',
        customer_phone: '+919876543210',
        customer_address: '123 Connaught Place, New Delhi, Delhi 110001, India',
      },
      payment_methods: 'cc,dc,upi,nb,wallet',
      expiry_time_in_minutes: 120,
      order_note: 'Summer collection dress - Medium size, Blue color',
      order_tags: { source: 'mobile_app', campaign: 'summer_sale_2024', customer_segment: 'premium' },
      return_base_url: 'https://mystore.com/payment-success',
    });
  });
});
