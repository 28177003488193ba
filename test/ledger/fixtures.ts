import { orderFingerprint } from '../../providers/entries/index.js';

/** The order the ledger tests claim, and a different one under the same id. */
export const order = { amount: 10_000, currency: 'INR', customer: { id: 'cust_1', email: 'a@example.com' }, returnUrl: 'https://shop.example/done' };
export const fingerprint = orderFingerprint(order);
export const otherFingerprint = orderFingerprint({ ...order, amount: 10_001 });
