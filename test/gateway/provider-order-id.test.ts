import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DERIVED_ORDER_ID_LENGTH, deriveOrderId } from '../../src/index.js';

describe('deriveOrderId', () => {
  it('is pinned: a change would make every order created under a derived id unfindable', () => {
    // Base32 (RFC 4648 alphabet, lower case) of the first 80 bits of SHA-256, computed independently.
    expect(deriveOrderId('123e4567-e89b-12d3-a456-426614174000')).toBe('tbwa3skw3sbcwxmp');
    expect(deriveOrderId('ord_1')).toBe('gqp3gxrmaftyruqq');
  });

  it('gives 16 lower-case letters and digits, the same for the same id, within Juspay CRED pay’s 17', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), (orderId) => {
        const derived = deriveOrderId(orderId);
        expect(derived).toMatch(/^[a-z2-7]{16}$/);
        expect(deriveOrderId(orderId)).toBe(derived);
      }),
    );
    expect(DERIVED_ORDER_ID_LENGTH).toBeLessThanOrEqual(17);
  });

  it('gives distinct ids for distinct order ids (no collision among 100,000 UUID-like ids)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(deriveOrderId(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
    expect(seen.size).toBe(100_000);
  });
});
