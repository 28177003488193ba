import { createHash } from 'node:crypto';

const SPAN = 2 ** 48;

/**
 * A point in [0, 1) that depends only on the order id: the first 48 bits of its SHA-256. The same id
 * always lands on the same point, so a retried checkout picks the same provider first.
 */
export function stickyPoint(orderId: string): number {
  return createHash('sha256').update(orderId, 'utf8').digest().readUIntBE(0, 6) / SPAN;
}
