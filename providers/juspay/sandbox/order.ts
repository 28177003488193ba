import { err, ok, type Result } from 'neverthrow';
import type { SandboxOrderStatus } from '../../../src/sandbox/behaviour.js';
import { isoSeconds, randomHex } from '../../../src/sandbox/provider-kit.js';

/** How long a client auth token lives (Juspay: about 15 minutes). */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;

/** Form fields copied into the order object as they were sent, when they were. */
const COPIED_FIELDS = ['customer_id', 'customer_email', 'customer_phone', 'product_id', 'return_url'] as const;

/** A Juspay order as the sandbox keeps it: the full order object. */
export interface JuspaySandboxOrder {
  readonly id: string;
  readonly order_id: string;
  readonly merchant_id: string;
  /** `NEW` (10) when created; `setOrderStatus` moves it. */
  readonly status: string;
  readonly status_id: number;
  readonly amount: number;
  readonly currency: string;
  readonly customer_id?: string;
  readonly customer_email?: string;
  readonly customer_phone?: string;
  readonly product_id?: string;
  readonly return_url?: string;
  /** `udf1`..`udf10`, `""` when not sent. */
  readonly [udf: `udf${number}`]: string;
  readonly date_created: string;
  readonly refunded: boolean;
  readonly amount_refunded: number;
  readonly payment_links: { readonly web: string; readonly mobile: string; readonly iframe: string };
  /** Present when the request asked for a client auth token. */
  readonly juspay?: { readonly client_auth_token: string; readonly client_auth_token_expiry: string };
  /** The latest payment attempt, once `setOrderStatus` made one. */
  readonly txn_id?: string;
  readonly txn_uuid?: string;
  readonly txn_detail?: {
    readonly txn_id: string;
    readonly txn_uuid: string;
    readonly order_id: string;
    readonly status: string;
    readonly txn_amount: number;
    readonly net_amount: number;
    readonly currency: string;
    readonly created: string;
  };
}

/** The Juspay status each sandbox status is shown as (juspay-order-status.md §4); Juspay has no expired order. */
const JUSPAY_STATUS: Readonly<Record<SandboxOrderStatus, readonly [status: string, id: number] | undefined>> = {
  pending: ['PENDING_VBV', 23],
  paid: ['CHARGED', 21],
  failed: ['AUTHORIZATION_FAILED', 27],
  cancelled: ['VOIDED', 31],
  refunded: ['CHARGED', 21],
  expired: undefined,
};

/**
 * The order after a payment attempt that ended in `status`: Juspay's status and id, the attempt's
 * `txn_*` fields, and for `refunded` the whole amount refunded (`refunded: true`, status still CHARGED).
 */
export function juspayOrderInStatus<O extends JuspaySandboxOrder>(order: O, status: SandboxOrderStatus, now: Date): Result<O, string> {
  const juspayStatus = JUSPAY_STATUS[status];
  if (!juspayStatus) return err(`Juspay has no ${status} order status`);
  const [name, id] = juspayStatus;
  const txnId = order.txn_id ?? `${order.merchant_id}-${order.order_id}-1`;
  const txnUuid = order.txn_uuid ?? `eul${randomHex(8)}`;
  const refunded = status === 'refunded';
  return ok({
    ...order,
    status: name,
    status_id: id,
    refunded,
    amount_refunded: refunded ? order.amount : 0,
    txn_id: txnId,
    txn_uuid: txnUuid,
    txn_detail: {
      txn_id: txnId,
      txn_uuid: txnUuid,
      order_id: order.order_id,
      status: name,
      txn_amount: order.amount,
      net_amount: order.amount,
      currency: order.currency,
      created: isoSeconds(now),
    },
  });
}

/** What besides the form fields makes a Juspay order object. */
export interface JuspayOrderSetting {
  /** The order's Juspay id (`ord_…`): see `newJuspayOrderId`. */
  readonly id: string;
  readonly merchantId: string;
  /** Base URL of the sandbox server; the payment links point under it. */
  readonly origin: string;
  readonly now: Date;
  /** When the order was first created (`now` unless it is being updated). */
  readonly createdAt: Date;
  /** Whether to issue a client auth token, valid for 15 minutes from `now`. */
  readonly withToken: boolean;
}

/** A new Juspay order id, such as `ord_5f0c…` (32 hex digits). */
export function newJuspayOrderId(): string {
  return `ord_${randomHex(16)}`;
}

/** Paths under the origin that serve the checkout pages of the order with this Juspay id. */
export function juspayPagePaths(id: string): readonly [pay: string, iframe: string] {
  return [`/merchant/pay/${id}`, `/merchant/ipay/${id}`];
}

/**
 * The full Juspay order object for a create-order request's form fields (`order_id`, `amount` as a
 * decimal string, `currency`, `customer_*`, `udf1`..`udf10`, ...), shared by every sandbox whose
 * provider creates Juspay orders: Juspay's own, and Commerce Engine's, which creates them for its stores.
 */
export function juspayOrderObject(form: Readonly<Record<string, string>>, setting: JuspayOrderSetting): JuspaySandboxOrder {
  const { id, origin, now } = setting;
  const [pay, iframe] = juspayPagePaths(id);
  const web = `${origin}${pay}`;
  const tokenExpiry = new Date(now.getTime() + TOKEN_LIFETIME_MS);
  return {
    id,
    order_id: form['order_id'] ?? '',
    merchant_id: setting.merchantId,
    status: 'NEW',
    status_id: 10,
    amount: Number(form['amount']),
    currency: form['currency'] ?? 'INR',
    ...Object.fromEntries(COPIED_FIELDS.flatMap((name) => (form[name] === undefined ? [] : [[name, form[name]]]))),
    ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`udf${i + 1}`, form[`udf${i + 1}`] ?? ''])),
    date_created: isoSeconds(setting.createdAt),
    refunded: false,
    amount_refunded: 0,
    payment_links: { web, mobile: `${web}?mobile=true`, iframe: `${origin}${iframe}` },
    ...(setting.withToken && { juspay: { client_auth_token: `tkn_${randomHex(16)}`, client_auth_token_expiry: isoSeconds(tokenExpiry) } }),
  };
}
