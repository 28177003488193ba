import type { StatusTableEntry } from '../../src/order-state.js';

/*
 * Flowwise documents one order status, ACTIVE (shared/reference/flowwise-get-order.md). The others are
 * Cashfree PG's (provider-facts.md), another product: plausible, not confirmed for Flowwise, so each
 * reads as `unknown` (never as paid) and keeps its word in `providerStatus`.
 */

const unconfirmed = (providerStatus: string, meaning: string): StatusTableEntry => ({
  providerStatus,
  status: 'unknown',
  final: false,
  action: `do not act on it alone: Flowwise does not document ${providerStatus} (Cashfree PG: ${meaning}); check the order's payments`,
  documented: false,
});

/** Every Flowwise order status payroute knows of and what a checkout should do about it. */
export const FLOWWISE_ORDER_STATUSES: readonly StatusTableEntry[] = [
  { providerStatus: 'ACTIVE', status: 'created', final: false, action: 'wait: the order can be paid; Flowwise shows no amount paid', documented: true },
  unconfirmed('PAID', 'paid'),
  unconfirmed('EXPIRED', 'expired unpaid'),
  unconfirmed('TERMINATED', 'cancelled'),
  unconfirmed('TERMINATION_REQUESTED', 'being cancelled'),
];
