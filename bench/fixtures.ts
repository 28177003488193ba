/**
 * The one order every contender sends, and the same order hand-built for the baselines. Every
 * contender sends the same order on every call, so a baseline does no per-call work at all: the
 * comparison charges payroute with all of its validation, mapping and response parsing.
 */

/** A typical checkout order: customer details, a return URL, a note and one metadata entry. */
export const order = {
  orderId: 'bench_000000000001',
  amount: 249_950,
  currency: 'INR',
  customer: {
    id: 'cust_priya_2024',
    email: 'priya.sharma@example.com',
    phone: '+919876543210',
    firstName: 'Priya',
    lastName: 'Sharma',
  },
  returnUrl: 'https://shop.example.com/payments/return',
  description: 'Summer collection dress - Medium size, Blue color',
  metadata: { cart: 'cart_998' },
} as const;

export const credentials = {
  juspay: { apiKey: 'bench_juspay_api_key_0123456789', merchantId: 'bench_merchant' },
  flowwise: { clientId: 'bench_client_id_0123', clientSecret: 'bench_client_secret_0123456789' },
} as const;

/** Juspay's form fields for `order`, in the order payroute sends them. */
export const juspayFields: ReadonlyArray<readonly [string, string]> = [
  ['order_id', order.orderId],
  ['amount', '2499.50'],
  ['currency', order.currency],
  ['customer_id', order.customer.id],
  ['customer_email', order.customer.email],
  ['customer_phone', order.customer.phone],
  ['first_name', order.customer.firstName],
  ['last_name', order.customer.lastName],
  ['return_url', order.returnUrl],
  ['description', order.description],
  ['metadata.cart', order.metadata.cart],
];

/** The body a caller writing against Juspay by hand would send. */
export const juspayForm = new URLSearchParams(juspayFields as Array<[string, string]>).toString();

export const juspayHeaders = {
  Authorization: `Basic ${Buffer.from(`${credentials.juspay.apiKey}:`).toString('base64')}`,
  'x-merchantid': credentials.juspay.merchantId,
  version: '2023-01-01',
  'Content-Type': 'application/x-www-form-urlencoded',
  Accept: 'application/json',
} as const;

/** Flowwise's JSON request for `order`, with the keys in the order payroute writes them. */
export const flowwiseRequest = {
  order_id: order.orderId,
  order_amount: 2499.5,
  order_currency: order.currency,
  customer_details: {
    customer_id: order.customer.id,
    customer_email: order.customer.email,
    customer_phone: order.customer.phone,
  },
  order_note: order.description,
  order_tags: { ...order.metadata },
  return_base_url: order.returnUrl,
};

export const flowwiseJson = JSON.stringify(flowwiseRequest);

export const flowwiseHeaders = {
  'Content-Type': 'application/json',
  Accept: 'application/json',
  'x-client-id': credentials.flowwise.clientId,
  'x-client-secret': credentials.flowwise.clientSecret,
} as const;

/** Juspay's short create-order answer (its payv3 sample), with the request's `order_id` echoed. */
export function juspayAnswer(orderId: string): string {
  const id = 'ord_e294a26e66ad4336a992ceab81ad704c';
  return JSON.stringify({
    status: 'CREATED',
    status_id: 1,
    id,
    order_id: orderId,
    payment_links: {
      web: `https://api.juspay.in/merchant/pay/${id}`,
      mobile: `https://api.juspay.in/merchant/pay/${id}?mobile=true`,
      iframe: `https://api.juspay.in/merchant/ipay/${id}`,
    },
  });
}

/** Flowwise's create-order answer (its OpenAPI example); Cashfree's SDK reads it as its own order. */
export function flowwiseAnswer(orderId: string): string {
  return JSON.stringify({
    order_id: orderId,
    project_id: 'proj_fashion_store_2024',
    customer_email: order.customer.email,
    customer_id: order.customer.id,
    order_status: 'ACTIVE',
    order_currency: 'INR',
    payment_methods: 'cc,dc,upi,nb,wallet',
    order_note: order.description,
    checkout_url: `https://payments.flowwise.com/checkout/${orderId}`,
    order_hash: 'a7f8e3d2c1b9f4e6d8a2c5b7f9e3d1a8',
    order_expiry_time: '2024-12-03T16:30:00Z',
    added_on: '2024-12-03T14:30:00Z',
  });
}
