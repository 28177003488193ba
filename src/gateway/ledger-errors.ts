import { payrouteError, type PayrouteError } from '../errors.js';
import type { LedgerError } from '../ledger/types.js';
import { ROUTER } from './gateway-errors.js';

/**
 * A ledger's own error as the gateway returns it: `ledger_unavailable`, retryable when the store was
 * unreachable or slow, not when the ledger refused the gateway's call (a lease longer than its time to
 * live, say), which sending again cannot change. Either way nothing was sent; `createOrder` never
 * returns `configuration`.
 */
export function fromLedgerError(error: LedgerError): PayrouteError {
  if (error.kind === 'ledger_unavailable') {
    return payrouteError({
      kind: 'ledger_unavailable',
      provider: ROUTER,
      retryable: true,
      message: `the order ledger is unavailable (${error.message}); the order was not sent on unprotected: send it again later`,
    });
  }
  return payrouteError({
    kind: 'ledger_unavailable',
    provider: ROUTER,
    retryable: false,
    message: `the order ledger refused the gateway's call (${error.message}); check its ttlSeconds against retry.deadlineMs`,
  });
}

/** Another call holds the order and did not finish it within this call's deadline. */
export function inProgress(orderId: string, deadlineMs: number): PayrouteError {
  return payrouteError({
    kind: 'in_progress',
    provider: ROUTER,
    retryable: true,
    orderMayExist: true,
    message: `order "${orderId}" is being created by another call, which did not finish within this call's deadline of ${deadlineMs} ms; send it again later for its result`,
  });
}

/** This call's claim ended (its lease ran out) and another call took the order over: it sends nothing more. */
export function takenOver(orderId: string): PayrouteError {
  return payrouteError({
    kind: 'in_progress',
    provider: ROUTER,
    retryable: true,
    orderMayExist: true,
    message: `order "${orderId}" was taken over by another call after this call's lease ran out; nothing more was sent: send it again later for its result`,
  });
}

/** The ledger holds this order id for an order with another amount, currency, customer or return URL. */
export function reusedForDifferentOrder(orderId: string): PayrouteError {
  return payrouteError({
    kind: 'duplicate_order',
    provider: ROUTER,
    retryable: false,
    orderMayExist: true,
    message:
      `order id "${orderId}" was reused for a different order: the ledger holds it for another amount, currency, customer id or return URL; ` +
      'give the new order a new order id',
  });
}

/**
 * An earlier call's try at `provider` may have created the order, and the look-up this call made there
 * failed, under `ambiguous: 'fail'`: the order is sent nowhere else.
 */
export function earlierTryUnresolved(provider: string, orderId: string, lookupError: PayrouteError): PayrouteError {
  return payrouteError({
    kind: lookupError.kind,
    provider,
    retryable: true,
    orderMayExist: true,
    ...(lookupError.httpStatus !== undefined && { httpStatus: lookupError.httpStatus }),
    message:
      `an earlier call sent order "${orderId}" to ${provider}, which may have created it, and its look-up failed (${lookupError.kind}). ` +
      'Not sending it elsewhere, so that no second payable order is created; send the same order again later',
  });
}

/** An earlier call's try created the order at `provider`, whose look-up gives no link to pay it: it is there, so nowhere else. */
export function earlierTryHeld(provider: string, orderId: string): PayrouteError {
  return payrouteError({
    kind: 'duplicate_order',
    provider,
    retryable: true,
    orderMayExist: true,
    message:
      `${provider} holds order "${orderId}" from an earlier call (its look-up found it) but gives no checkout link; not sending it elsewhere. ` +
      'Send the same order again later, or look it up with getOrder',
  });
}
