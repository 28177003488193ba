import type { Order } from '../../src/order.js';

/** Basic auth header value for a Juspay API key (`KEY:`, as the adapter sends it). */
export function basicAuth(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** POSTs a request the adapters would never send (they validate first), and reads the JSON answer. */
export async function rawPost(url: string, headers: Record<string, string>, body: string): Promise<RawAnswer> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** A small valid order; ids must fit Juspay's 17 character CRED limit. */
export function order(orderId: string, overrides: Partial<Order> = {}): Order {
  return { orderId, amount: 10_015, currency: 'INR', ...overrides };
}

/** Every Juspay field the adapter can send. */
export function richJuspayOrder(orderId: string): Order {
  return {
    orderId,
    amount: 129_950,
    currency: 'INR',
    customer: {
      id: 'cust_42',
      email: 'priya@example.com',
      phone: '+919876543210',
      firstName: 'Priya',
      lastName: 'Sharma',
      address: {
        firstName: 'Priya',
        lastName: 'Sharma',
        line1: '123 Connaught Place',
        line2: 'Block B',
        line3: 'Near the metro',
        city: 'New Delhi',
        state: 'Delhi',
        country: 'India',
        countryCode: 'IN',
        postalCode: '110001',
        phone: '+919876543210',
      },
    },
    returnUrl: 'https://shop.example.com/payments/done',
    description: 'Summer dress, blue, M',
    metadata: { source: 'mobile_app', 'campaign.name': 'summer' },
    providerOptions: {
      juspay: {
        productId: 'prod-141833',
        gatewayId: '23',
        udf: {
          udf1: 'a1', udf2: 'b2', udf3: 'c3', udf4: 'd4', udf5: 'e5',
          udf6: 'free text: 6', udf7: 'x/7', udf8: 'y&8', udf9: 'z=9', udf10: 'ten',
        },
        metadata: { 'JUSPAY:note': 'vip' },
        gatewayReferenceIds: { PAYU: 'BUS', RAZORPAY: 'BUS' },
        credOffersApplied: false,
        getClientAuthToken: true,
        shippingAddress: {
          firstName: 'Rahul',
          lastName: 'Verma',
          line1: '9 MG Road',
          line2: 'Floor 2',
          line3: 'Flat 4',
          city: 'Bengaluru',
          state: 'Karnataka',
          country: 'India',
          countryCode: 'IN',
          postalCode: '560001',
          phone: '+919812345678',
        },
        basket: [{ id: 'sku-1', quantity: 1, unitPrice: 1299.5, gift: false }],
        mandate: {
          mode: 'OPTIONAL',
          maxAmount: 500_000,
          startDate: 1_633_087_969,
          endDate: 1_733_088_989,
          frequency: 'MONTHLY',
          ruleValue: 5,
          amountRule: 'VARIABLE',
          revokableByCustomer: true,
          blockFunds: false,
        },
      },
    },
  };
}

/** Every Flowwise field the adapter can send. */
export function richFlowwiseOrder(orderId: string): Order {
  return {
    orderId,
    amount: 229_950,
    currency: 'INR',
    customer: {
      id: 'cust_priya_sharma_2024',
      email: 'priya.sharma@example.com',
      phone: '+919876543210',
      address: { line1: '123 Connaught Place', city: 'New Delhi', state: 'Delhi', postalCode: '110001', country: 'India' },
    },
    paymentMethods: ['credit_card', 'debit_card', 'upi', 'netbanking', 'wallet'],
    expiresInMinutes: 120,
    description: 'Summer collection dress - Medium size, Blue color',
    metadata: { source: 'mobile_app' },
    returnUrl: 'https://mystore.com/payment-success',
    providerOptions: { flowwise: { orderTags: { campaign: 'summer_sale_2024', customer_segment: 'premium' } } },
  };
}
