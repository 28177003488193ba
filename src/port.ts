import type { Result, ResultAsync } from 'neverthrow';
import type { AbortLike } from './abort.js';
import type { PayrouteError } from './errors.js';
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
}

/** Per-call options of `createOrder`. */
export interface CreateOrderOptions {
  /** Aborts the call: nothing more is sent and the result is an `aborted` error. */
  readonly signal?: AbortSignal;
  /** Juspay `x-routing-id` (required by the CRED pay variant); ignored by providers without one. */
  readonly routingId?: string;
}

/** The operations a provider can implement; a provider lists those it does in `capabilities.operations`. */
export type OperationName = 'createOrder' | 'getOrder';

/** What a provider can do and take, read by the gateway (retries, eligibility) and the docs. */
export interface ProviderCapabilities {
  /** The operations this provider implements. */
  readonly operations: readonly OperationName[];
  /**
   * Whether the provider refuses (or answers with the same order) a second create with an order id it
   * has: only then is a retry at the same provider after a timeout safe, which the gateway relies on.
   */
  readonly dedupesOrderId: boolean;
  /** The longest order id the provider takes (the canonical limit is 64). */
  readonly maxOrderIdLength?: number;
  /** The smallest and largest amount the provider takes, in minor units of the order's currency. */
  readonly amount?: { readonly min?: number; readonly max?: number };
}

/** An order a provider checked and mapped, ready to be sent as many times as it is tried. */
export interface PreparedOrder<Raw = unknown> {
  /** Sends the mapped request; `signal` (an `AbortSignal`, or any `AbortLike`) aborts it. Never rejects: every failure is an `Err`. */
  send(signal?: AbortLike): ResultAsync<OrderSession<Raw>, PayrouteError>;
}

/** The port every provider implements; `defineProvider` builds it from a provider's pure functions. `StateRaw` is the `raw` of its look-up answer. */
export interface PaymentProvider<Raw = unknown, O extends Order = Order, StateRaw = unknown> {
  /** Instance name, used in results and errors. */
  readonly name: string;
  /** Provider type, such as `juspay`. */
  readonly type: string;
  readonly capabilities: ProviderCapabilities;
  /**
   * Checks, without any I/O, that this provider can take the order: the canonical rules plus the
   * provider's own (order id length, amount precision, URL rules).
   */
  validate(order: O, options?: CreateOrderOptions): Result<void, PayrouteError>;
  /**
   * Checks and maps the order once, without any I/O, for a caller that sends it more than once (the
   * gateway's retries). `options.signal` is ignored: each `send` takes its own.
   */
  prepareOrder(order: O, options?: CreateOrderOptions): Result<PreparedOrder<Raw>, PayrouteError>;
  /** Creates the order at the provider: `prepareOrder` then `send`. Never rejects: every failure is an `Err`. */
  createOrder(order: O, options?: CreateOrderOptions): ResultAsync<OrderSession<Raw>, PayrouteError>;
  /**
   * Looks an order up by the merchant's order id, on providers that can (absent on the others). Never
   * rejects: an order the provider does not hold is the error `not_found`.
   */
  getOrder?(orderId: string, options?: GetOrderOptions): ResultAsync<OrderState<StateRaw>, PayrouteError>;
}

/** A provider whose `getOrder` is certainly there, as every built-in adapter's is. */
export type LookupProvider<Raw = unknown, StateRaw = unknown> = PaymentProvider<Raw, Order, StateRaw> &
  Required<Pick<PaymentProvider<Raw, Order, StateRaw>, 'getOrder'>>;
