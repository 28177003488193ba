import type { Order } from '../src/order.js';

export const JUSPAY_KEY = 'jp_live_SECRET_1234567890';
export const FLOWWISE_ID = 'fw_client_ABCDEF';
export const FLOWWISE_SECRET = 'fw_secret_SECRET_0987654321';

/** The order of the README's example. */
export const basicOrder: Order = {
  orderId: 'ord1001',
  amount: 10015,
  currency: 'INR',
  customer: { id: 'cust_1', email: 'a@example.com', phone: '9999999999' },
  returnUrl: 'https://shop.example.com/return',
};

/** Juspay's short create-order answer (payv3 sample). */
export const juspayShortAnswer = {
  status: 'CREATED',
  status_id: 1,
  id: 'ord_e294a26e66ad4336a992ceab81ad704c',
  order_id: 'ord1001',
  payment_links: {
    web: 'https://api.juspay.in/merchant/pay/ord_e294a26e66ad4336a992ceab81ad704c',
    mobile: 'https://api.juspay.in/merchant/pay/ord_e294a26e66ad4336a992ceab81ad704c?mobile=true',
    iframe: 'https://api.juspay.in/merchant/ipay/ord_e294a26e66ad4336a992ceab81ad704c',
  },
};

/** Juspay's full order object, answered when a client auth token is asked for. */
export const juspayFullAnswer = {
  ...juspayShortAnswer,
  status: 'NEW',
  status_id: 10,
  merchant_id: 'acme',
  amount: 100.15,
  currency: 'INR',
  date_created: '2026-11-23T10:46:57Z',
  customer_id: 'cust_1',
  customer_email: 'a@example.com',
  customer_phone: '9999999999',
  product_id: '',
  return_url: 'https://shop.example.com/return',
  refunded: false,
  amount_refunded: 0,
  udf1: '', udf2: '', udf3: '', udf4: '', udf5: '', udf6: '', udf7: '', udf8: '', udf9: '', udf10: '',
  juspay: { client_auth_token: 'tkn_2d3c1b5e7f', client_auth_token_expiry: '2026-11-23T11:01:57Z' },
};

/** Flowwise's create-order answer (OpenAPI example). */
export const flowwiseAnswer = {
  order_id: 'ord1001',
  project_id: 'proj_fashion_store_2024',
  customer_email: 'a@example.com',
  customer_id: 'cust_1',
  order_status: 'ACTIVE',
  order_currency: 'INR',
  payment_methods: 'cc,dc,upi,nb,wallet',
  order_note: 'Summer collection dress',
  checkout_url: 'https://payments.flowwise.com/checkout/ord1001',
  order_hash: 'a7f8e3d2c1b9f4e6d8a2c5b7f9e3d1a8',
  order_expiry_time: '2024-12-03T16:30:00Z',
  added_on: '2024-12-03T14:30:00Z',
};

/** An `Error` with a Node network code, as nock needs it (a plain object hangs the request). */
export function networkError(code: string): Error {
  return Object.assign(new Error(`simulated ${code}`), { code });
}

/** Juspay's Order Status answer for a paid order (the documents' sample fields). */
export const juspayStatusAnswer = {
  id: 'ord_e294a26e66ad4336a992ceab81ad704c',
  order_id: 'ord1001',
  merchant_id: 'acme',
  status: 'CHARGED',
  status_id: 21,
  amount: 100.15,
  effective_amount: 100.15,
  currency: 'INR',
  amount_refunded: 0,
  refunded: false,
  date_created: '2026-11-23T10:46:57Z',
  customer_id: null,
  customer_email: 'a@example.com',
  customer_phone: '',
  return_url: 'https://shop.example.com/return',
  product_id: '',
  udf1: '', udf2: '', udf3: '', udf4: '', udf5: '', udf6: '', udf7: '', udf8: '', udf9: '', udf10: '',
  payment_links: juspayShortAnswer.payment_links,
  txn_id: 'acme-ord1001-1',
  txn_uuid: 'eulcg7GmDHqtmxKuT3F',
  payment_method_type: 'UPI',
  payment_method: 'UPI',
  auth_type: '',
  gateway_id: 12,
  gateway_reference_id: null,
  bank_error_code: '',
  bank_error_message: '',
  resp_code: null,
  txn_detail: {
    txn_id: 'acme-ord1001-1',
    order_id: 'ord1001',
    status: 'CHARGED',
    gateway: 'PAYU',
    gateway_id: 12,
    txn_amount: 100.15,
    net_amount: 100.15,
    currency: 'INR',
    error_code: null,
    error_message: null,
    express_checkout: false,
    redirect: true,
    created: '2026-11-23T10:48:02Z',
  },
};
