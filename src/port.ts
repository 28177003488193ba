import type { Result, ResultAsync } from 'neverthrow';
import type { Attempt, GatewayError } from './errors.js';
import type { Order } from './order.js';
import type { GetOrderOptions, OrderState } from './order-state.js';

/**
 * The provider-neutral lifecycle state of an order; the provider's own word is in `providerStatus`.
 * `authorized`: the payment is held, not captured; `partially_paid`: part of the amount is paid;
 * `refunded` / `partially_refunded`: paid, then refunded in full or in part. A status payroute does not
 * know is `unknown`, never `paid`.
 */
export type OrderStatus =
  | 'created'
  | 'pending'
  | 'authorized'
  | 'partially_paid'
  | 'paid'
  | 'failed'
  | 'cancelled'
  | 'expired'
  | 'refunded'
  | 'partially_refunded'
  | 'unknown';

/** Links to the provider's payment page, where it gives them. */
export interface CheckoutLinks {
  readonly web?: string;
  readonly mobile?: string;
  readonly iframe?: string;
}

/** A created order, the same shape whichever provider created it. */
export interface OrderSession<Raw = unknown> {
  /** Name of the provider instance that created the order (`juspay`, or a gateway entry such as `juspay_main`). */
  readonly provider: string;
  /** The merchant's order id, as sent. */
  readonly orderId: string;
  /** The provider's own id of the order (Juspay `id`, Flowwise `order_hash`). */
  readonly providerOrderId: string;
  readonly status: OrderStatus;
  /** The provider's own status string, such as `CREATED` or `ACTIVE`. */
  readonly providerStatus: string;
  /** Where to send the customer to pay. */
  readonly checkoutUrl: string;
  readonly links: CheckoutLinks;
  /** Token for the provider's client SDK (Juspay `juspay.client_auth_token`), when asked for. */
  readonly clientAuthToken?: string;
  /** When the client auth token stops working. */
  readonly clientAuthTokenExpiresAt?: Date;
  /** When the order itself expires, where the provider says. */
  readonly expiresAt?: Date;
  /** When the provider created the order, where it says. */
  readonly createdAt?: Date;
  /** The provider's answer as parsed, typed per provider. */
  readonly raw: Raw;
  /** Failed tries at other providers before this one succeeded (gateway only; empty when the first try won). */
  readonly attempts?: readonly Attempt[];
}

/** Per-call options of `createOrder`. */
export interface CreateOrderOptions {
  /** Aborts the call: nothing more is sent and the result is an `aborted` error. */
  readonly signal?: AbortSignal;
  /** Juspay `x-routing-id` (required by the CRED pay variant); ignored by providers without one. */
  readonly routingId?: string;
}

/** The port every adapter implements; `StateRaw` is the `raw` of its look-up answer. */
export interface PaymentProvider<Raw = unknown, O extends Order = Order, StateRaw = unknown> {
  /** Instance name, used in results and errors. */
  readonly name: string;
  /** Adapter type, such as `juspay`. */
  readonly type: string;
  /**
   * Checks, without any I/O, that this provider can take the order: the canonical rules plus the
   * provider's own (order id length, amount precision, URL rules).
   */
  validate(order: O, options?: CreateOrderOptions): Result<void, GatewayError>;
  /** Creates the order at the provider. Never rejects: every failure is an `Err`. */
  createOrder(order: O, options?: CreateOrderOptions): ResultAsync<OrderSession<Raw>, GatewayError>;
  /**
   * Looks an order up by the merchant's order id, on providers that can (absent on the others). Never
   * rejects: an order the provider does not hold is the error `not_found`.
   */
  getOrder?(orderId: string, options?: GetOrderOptions): ResultAsync<OrderState<StateRaw>, GatewayError>;
}

/** A provider whose `getOrder` is certainly there, as every built-in adapter's is. */
export type LookupProvider<Raw = unknown, StateRaw = unknown> = PaymentProvider<Raw, Order, StateRaw> &
  Required<Pick<PaymentProvider<Raw, Order, StateRaw>, 'getOrder'>>;
