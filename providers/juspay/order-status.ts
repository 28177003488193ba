import type { StatusTableEntry } from '../../src/order-state.js';

/*
 * Juspay's order statuses (shared/reference/juspay-order-status.md §4 and provider-facts.md) on
 * payroute's canonical ones. A failed attempt is not final: the customer may pay again on the same
 * order, and a later attempt can make it CHARGED. Rows marked undocumented are payroute's safe reading.
 */

const retry = 'do not fulfil; show the reason and let the customer pay again on the same order';

/** `CHARGED` with `refunded: true`: refunded in full. */
export const JUSPAY_REFUNDED: StatusTableEntry = {
  providerStatus: 'CHARGED',
  providerStatusId: 21,
  condition: '`refunded: true`',
  status: 'refunded',
  final: true,
  action: 'do not fulfil (or take the goods back): the payment was refunded in full',
  documented: true,
};

/** `CHARGED` with `amount_refunded` above 0 and `refunded: false`: refunded in part. */
export const JUSPAY_PARTIALLY_REFUNDED: StatusTableEntry = {
  providerStatus: 'CHARGED',
  providerStatusId: 21,
  condition: '`amount_refunded` > 0, `refunded: false`',
  status: 'partially_refunded',
  final: false,
  action: 'paid, then refunded in part: see `amountRefunded` before fulfilling anything more',
  documented: true,
};

/** Every Juspay status and what a checkout should do about it. */
export const JUSPAY_ORDER_STATUSES: readonly StatusTableEntry[] = [
  { providerStatus: 'CREATED', providerStatusId: 1, status: 'created', final: false, action: 'wait: the create-order answer; the customer has not paid', documented: true },
  { providerStatus: 'NEW', providerStatusId: 10, status: 'created', final: false, action: 'wait: no payment attempt yet', documented: true },
  { providerStatus: 'STARTED', providerStatusId: 20, status: 'pending', final: false, action: 'show a pending screen and look again', documented: true },
  { providerStatus: 'CHARGED', providerStatusId: 21, status: 'paid', final: true, action: 'fulfil, once order id, amount and currency equal yours', documented: true },
  JUSPAY_REFUNDED,
  JUSPAY_PARTIALLY_REFUNDED,
  { providerStatus: 'JUSPAY_DECLINED', providerStatusId: 22, status: 'failed', final: false, action: `${retry}; Juspay calls it an integration error (tell its support the order id)`, documented: true },
  { providerStatus: 'PENDING_VBV', providerStatusId: 23, status: 'pending', final: false, action: 'show a pending screen; look again until paid or failed, or your fulfilment window ends', documented: true },
  { providerStatus: 'VBV_SUCCESSFUL', providerStatusId: 24, status: 'pending', final: false, action: 'look again: authorization in progress', documented: true },
  { providerStatus: 'AUTHORIZED', providerStatusId: 25, status: 'authorized', final: false, action: 'do not fulfil yet: the payment is held, not captured (capture is not part of payroute)', documented: false },
  { providerStatus: 'AUTHENTICATION_FAILED', providerStatusId: 26, status: 'failed', final: false, action: retry, documented: true },
  { providerStatus: 'AUTHORIZATION_FAILED', providerStatusId: 27, status: 'failed', final: false, action: retry, documented: true },
  { providerStatus: 'AUTHORIZING', providerStatusId: 28, status: 'pending', final: false, action: 'look again: pending at the bank', documented: false },
  { providerStatus: 'COD_INITIATED', providerStatusId: 29, status: 'pending', final: false, action: 'not paid: cash on delivery was chosen; never fulfil it as paid', documented: false },
  { providerStatus: 'VOIDED', providerStatusId: 31, status: 'cancelled', final: true, action: 'do not fulfil: the held payment was released', documented: false },
  { providerStatus: 'VOID_INITIATED', providerStatusId: 32, status: 'authorized', final: false, action: 'do not fulfil: the held payment is being released', documented: false },
  { providerStatus: 'CAPTURE_INITIATED', providerStatusId: 33, status: 'authorized', final: false, action: 'do not fulfil yet: the capture is under way; look again', documented: false },
  { providerStatus: 'CAPTURE_FAILED', providerStatusId: 34, status: 'failed', final: false, action: 'do not fulfil: the capture failed', documented: false },
  { providerStatus: 'VOID_FAILED', providerStatusId: 35, status: 'authorized', final: false, action: 'do not fulfil yet: the payment is still held', documented: false },
  { providerStatus: 'AUTO_REFUNDED', providerStatusId: 36, status: 'refunded', final: true, action: 'do not fulfil: charged, then refunded automatically', documented: false },
  { providerStatus: 'NOT_FOUND', providerStatusId: 40, status: 'unknown', final: false, action: 'not an order state: `getOrder` returns the error `not_found`', documented: true },
  { providerStatus: 'PARTIAL_CHARGED', status: 'partially_paid', final: false, action: 'do not fulfil in full: only part of the amount is paid', documented: false },
  { providerStatus: 'TO_BE_CHARGED', status: 'pending', final: false, action: 'look again: the charge is scheduled', documented: false },
  { providerStatus: 'PENDING', status: 'pending', final: false, action: 'look again', documented: false },
];
