import type { OrderStatus } from '../../src/port.js';

const BY_NAME: Readonly<Record<string, OrderStatus>> = {
  ACTIVE: 'created',
  PAID: 'paid',
  EXPIRED: 'expired',
  TERMINATED: 'cancelled',
  TERMINATION_REQUESTED: 'pending',
};

/** The canonical status of a Flowwise (Cashfree) order status; unknown ones are `unknown`, never paid. */
export function toOrderStatus(status: string): OrderStatus {
  return BY_NAME[status.toUpperCase()] ?? 'unknown';
}
