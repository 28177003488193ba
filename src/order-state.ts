import type { AbortLike } from './abort.js';
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { currencySchema, orderSchema } from './order.js';
import type { CheckoutLinks, OrderStatus } from './port.js';

/**
 * An order as a look-up found it at one provider, the same shape whichever provider holds it. Money is
 * in exact minor units of `currency`; a field the provider's answer does not carry is absent, never
 * guessed (Flowwise's get-order carries no amount).
 */
export interface OrderState<Raw = unknown> {
  /** Name of the provider instance that answered (`juspay`, or a gateway entry such as `juspay_main`). */
  readonly provider: string;
  /** The merchant's order id, as the provider reports it (as asked, where the answer carries none). */
  readonly orderId: string;
  /** The provider's own id of the order (Juspay `id`, Flowwise `order_hash`), where the answer has one. */
  readonly providerOrderId?: string;
  readonly status: OrderStatus;
  /** True when the status will not change any more (stop polling); a failed attempt is not final while the order can still be paid. */
  readonly final: boolean;
  /** The provider's own status string, such as `CHARGED` or `ACTIVE`. */
  readonly providerStatus: string;
  /** The provider's numeric status code (Juspay `status_id`), where it sends one. */
  readonly providerStatusId?: number;
  /** The order's amount in minor units of `currency`, where the provider gives it. */
  readonly amount?: number;
  readonly currency?: string;
  /** How much of the amount is paid, in minor units, where the provider says. */
  readonly amountPaid?: number;
  /** How much was refunded so far, in minor units, where the provider says. */
  readonly amountRefunded?: number;
  /** Where to send the customer to pay, where the answer has a link. */
  readonly checkoutUrl?: string;
  readonly links: CheckoutLinks;
  /** The provider's id of the latest payment attempt (Juspay `txn_id`), where there is one. */
  readonly transactionId?: string;
  /** When the provider created the order, where it says. */
  readonly createdAt?: Date;
  /** When the order expires, where the provider says. */
  readonly expiresAt?: Date;
  /** The provider's answer as parsed, typed per provider. */
  readonly raw: Raw;
}

/** The amount a caller charged, to check a looked-up order against. */
export interface ExpectedAmount {
  /** Minor units, as in the canonical order. */
  readonly amount: number;
  readonly currency: string;
}

/** Per-call options of `getOrder`. */
export interface GetOrderOptions {
  /** Aborts the call: nothing more is sent and the result is an `aborted` error. */
  readonly signal?: AbortLike;
  /** Juspay `x-routing-id`: the same value as for the customer's other calls; ignored by providers without one. */
  readonly routingId?: string;
  /**
   * The amount the order was created for. Given, an answer that reports another amount or currency is an
   * `unexpected_response`, and a provider whose answer names no currency reads its amounts in this one.
   */
  readonly expected?: ExpectedAmount;
}

/** One row of a provider's status table: its status, what payroute makes of it, and what a checkout should do. */
export interface StatusTableEntry {
  readonly providerStatus: string;
  /** The provider's numeric id of the status, where it has one. */
  readonly providerStatusId?: number;
  readonly status: OrderStatus;
  readonly final: boolean;
  /** What a checkout should do, in one sentence. */
  readonly action: string;
  /** False where the provider's documents do not give the status or its meaning, and the row is payroute's safe reading. */
  readonly documented: boolean;
  /** Set on a row that applies only with more than the status (Juspay: `CHARGED` with `refunded: true`); `findStatus` skips it. */
  readonly condition?: string;
}

/** The entry of a provider status, matched without regard to case; a status not in the table is `unknown` and not final. */
export function findStatus(table: readonly StatusTableEntry[], providerStatus: string): StatusTableEntry {
  const wanted = providerStatus.toUpperCase();
  return (
    table.find((entry) => entry.condition === undefined && entry.providerStatus.toUpperCase() === wanted) ?? {
      providerStatus,
      status: 'unknown',
      final: false,
      action: 'do not fulfil; look again later, and ask the provider what the status means',
      documented: false,
    }
  );
}

/** What `getOrder` checks before any request: the order id by the canonical order's rule, and the expected amount. */
export const lookupInputSchema = lazySchema(() =>
  z.strictObject({
    orderId: orderSchema.shape.orderId,
    expected: z.strictObject({ amount: orderSchema.shape.amount, currency: currencySchema() }).optional(),
  }),
);
