import { err, type Result } from 'neverthrow';
import { payrouteError, type PayrouteError, type PayrouteErrorKind } from '../errors.js';
import { toMajorUnits } from '../money.js';
import type { Order } from '../order.js';
import type { OrderState } from '../order-state.js';
import type { OrderSession, OrderStatus, PaymentProvider } from '../port.js';
import type { Deadline } from './deadline.js';
import { emit, type GatewayHooks } from './events.js';
import { leftInFlight } from './gateway-errors.js';
import { OUTRUN, raceDeadline } from './race-deadline.js';

/** What a look-up after an ambiguous try means for the order. */
export type Reconciled =
  /** The provider holds the order, ready to pay (or paid): it is the session. */
  | { readonly outcome: 'found'; readonly session: OrderSession }
  /** The provider holds no such order: nothing was created there. */
  | { readonly outcome: 'not_found' }
  /** The look-up failed: the order may or may not be there. */
  | { readonly outcome: 'lookup_failed'; readonly error: PayrouteError }
  /** The provider holds the order but gives no link to pay it: it is there, and nowhere else may get it. */
  | { readonly outcome: 'no_checkout_link' }
  /** The order id is taken there by another order, or its order there is over: the order ends with this error. */
  | { readonly outcome: 'different_order' | 'spent'; readonly error: PayrouteError };

/** Where to look the order up: the provider, and the id it was sent. */
export interface LookupTarget {
  readonly name: string;
  readonly provider: PaymentProvider;
  readonly sentOrderId: string;
}

// Final statuses of an order that can no longer be paid: the id is used up at that provider.
const SPENT: ReadonlySet<OrderStatus> = new Set(['failed', 'expired', 'cancelled']);

/** Whether the gateway can look orders up at this provider. */
export const canLookUp = (provider: PaymentProvider): boolean => typeof provider.getOrder === 'function';

/**
 * Looks the order up at a provider whose try may have created it, within the order's deadline, and
 * judges the answer against the order: the same amount and currency where the provider states them.
 */
export async function reconcile(target: LookupTarget, order: Order, deadline: Deadline, routingId: string | undefined): Promise<Reconciled> {
  const found = await lookUp(target, deadline, routingId);
  if (found.isOk()) return judge(found.value, target, order);
  return found.error.kind === 'not_found' ? { outcome: 'not_found' } : { outcome: 'lookup_failed', error: found.error };
}

/** `reconcile`, reported to `onReconcile`; `after` is the failure (or `in_progress`, an earlier call's attempt) that made the gateway ask. */
export async function reconcileReported(
  hooks: GatewayHooks,
  target: LookupTarget,
  order: Order,
  deadline: Deadline,
  routingId: string | undefined,
  after: PayrouteErrorKind,
): Promise<Reconciled> {
  const started = Date.now();
  const reconciled = await reconcile(target, order, deadline, routingId);
  emit(hooks.onReconcile, {
    provider: target.name,
    orderId: order.orderId,
    sentOrderId: target.sentOrderId,
    outcome: reconciled.outcome,
    after,
    durationMs: Date.now() - started,
    ...(reconciled.outcome === 'found' && { status: reconciled.session.status }),
    ...(reconciled.outcome === 'lookup_failed' && { errorKind: reconciled.error.kind }),
  });
  return reconciled;
}

function lookUp(target: LookupTarget, deadline: Deadline, routingId: string | undefined): Promise<Result<OrderState, PayrouteError>> {
  const options = { signal: deadline, ...(routingId !== undefined && { routingId }) };
  const call = async (): Promise<Result<OrderState, PayrouteError>> =>
    target.provider.getOrder ? target.provider.getOrder(target.sentOrderId, options) : err(leftInFlight(target.name));
  // Raced as every try is, so a provider that ignores the abort cannot hold the order past its deadline.
  // A late look-up answer changes nothing: the order already ended, saying the order may exist.
  return raceDeadline(target.name, call, deadline, () => undefined).then((raced) => (raced === OUTRUN ? err(leftInFlight(target.name)) : raced));
}

function judge(state: OrderState, target: LookupTarget, order: Order): Reconciled {
  const differs = (state.currency !== undefined && state.currency !== order.currency) || (state.amount !== undefined && state.amount !== order.amount);
  if (differs) return { outcome: 'different_order', error: reusedOrderId(target.name, order, state) };
  if (state.final && SPENT.has(state.status)) return { outcome: 'spent', error: spentOrderId(target.name, order, state) };
  if (state.checkoutUrl === undefined) return { outcome: 'no_checkout_link' };
  return { outcome: 'found', session: sessionOf(state, state.checkoutUrl, target, order) };
}

/** A found order as the session `createOrder` returns: the merchant's order id, its link from the look-up. */
function sessionOf(state: OrderState, checkoutUrl: string, target: LookupTarget, order: Order): OrderSession {
  const { links, status, providerStatus, createdAt, expiresAt, raw } = state;
  return {
    provider: target.name,
    orderId: order.orderId,
    providerOrderId: state.providerOrderId ?? target.sentOrderId,
    status,
    providerStatus,
    checkoutUrl,
    links: links.web === undefined ? { ...links, web: checkoutUrl } : links,
    ...(createdAt && { createdAt }),
    ...(expiresAt && { expiresAt }),
    raw,
  };
}

const priced = (amount: number | undefined, currency: string | undefined) =>
  amount === undefined || currency === undefined ? (currency ?? 'an unstated amount') : `${toMajorUnits(amount, currency).unwrapOr(String(amount))} ${currency}`;

/** `duplicate_order`: the provider holds this order id for another amount or currency. */
export function reusedOrderId(provider: string, order: Order, state: OrderState): PayrouteError {
  return payrouteError({
    kind: 'duplicate_order',
    provider,
    retryable: false,
    orderMayExist: true,
    message:
      `order id "${order.orderId}" was reused for a different order: ${provider} holds it for ${priced(state.amount, state.currency ?? order.currency)}, ` +
      `not ${priced(order.amount, order.currency)}; give the new order a new order id`,
  });
}

/** `duplicate_order`: the provider's order under this id is over (failed, expired, cancelled) and cannot be paid. */
function spentOrderId(provider: string, order: Order, state: OrderState): PayrouteError {
  return payrouteError({
    kind: 'duplicate_order',
    provider,
    retryable: false,
    orderMayExist: true,
    message:
      `order id "${order.orderId}" is spent at ${provider}: its order there is ${state.status} (${state.providerStatus}, final) and cannot be paid. ` +
      `It is not created elsewhere under the same id; create it again under a new order id`,
  });
}

/** The reconciliation outcomes that end the order at this provider, with no retry and no fallback. */
export function endsOrder(reconciled: Reconciled): reconciled is Extract<Reconciled, { outcome: 'different_order' | 'spent' }> {
  return reconciled.outcome === 'different_order' || reconciled.outcome === 'spent';
}
