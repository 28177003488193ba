import { createHash } from 'node:crypto';

/** Length of a derived order id: within every built-in provider's limit (Juspay 20, its CRED pay variant 17). */
export const DERIVED_ORDER_ID_LENGTH = 16;

// RFC 4648 base32 in lower case: letters and digits only, and one case, since Juspay matches order ids
// without regard to case (a mixed-case alphabet would make two derived ids one order there).
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The order id sent to a provider whose entry derives ids (`orderIds: 'derive'`): the first 80 bits of
 * SHA-256 of the merchant's order id, as 16 base32 characters. The same merchant id always gives the
 * same derived id, so a retry, a later look-up and a repeated `createOrder` all name the same order;
 * two of n distinct merchant ids share one with probability below n² / 2^81.
 */
export function deriveOrderId(orderId: string): string {
  const digest = createHash('sha256').update(orderId, 'utf8').digest();
  let text = '';
  // 16 characters of 5 bits each: bits 0..79 of the digest, most significant first.
  for (let i = 0; i < DERIVED_ORDER_ID_LENGTH; i++) {
    const bit = i * 5;
    const pair = ((digest[bit >> 3] ?? 0) << 8) | (digest[(bit >> 3) + 1] ?? 0);
    text += ALPHABET[(pair >> (11 - (bit & 7))) & 31];
  }
  return text;
}
