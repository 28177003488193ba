import type { StatusTableEntry } from '../../src/order-state.js';

/*
 * The `status` of Commerce Engine's payment status of a store order (shared/reference/commerce-engine-more.md
 * §3): its own summary, not Juspay's status. A failed payment is not final: the store lets the customer
 * pay again (retry-payment) once `is_retry_available` is true.
 */

/** Every Commerce Engine payment status and what a checkout should do about it. */
export const COMMERCE_ENGINE_PAYMENT_STATUSES: readonly StatusTableEntry[] = [
  { providerStatus: 'pending', status: 'pending', final: false, action: 'keep polling until success or failed', documented: true },
  { providerStatus: 'success', status: 'paid', final: true, action: 'fulfil, once the amount paid equals yours', documented: true },
  { providerStatus: 'failed', status: 'failed', final: false, action: 'do not fulfil; when `is_retry_available` is true the customer may pay again', documented: true },
  { providerStatus: 'partially_paid', status: 'partially_paid', final: false, action: 'do not fulfil in full: `amount_unpaid` is still due', documented: true },
];
