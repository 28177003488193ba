import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gatewayError, isGatewayError, orderFingerprint, restoreSession, storeSession } from '../../providers/entries/index.js';
import type { LedgerSession } from '../../providers/entries/index.js';

const order = { amount: 10_000, currency: 'INR', customer: { id: 'cust_1' }, returnUrl: 'https://shop.example/done' };

describe('orderFingerprint', () => {
  it('is a SHA-256 in hex, the same for the same order, whatever else the order carries', () => {
    const print = orderFingerprint(order);
    expect(print).toMatch(/^[0-9a-f]{64}$/);
    expect(orderFingerprint({ ...order, customer: { id: 'cust_1', email: 'a@example.com', phone: '+919999999999' } })).toBe(print);
  });

  it('differs when the amount, currency, customer id or return URL differs', () => {
    const print = orderFingerprint(order);
    for (const other of [
      { ...order, amount: 10_001 },
      { ...order, currency: 'USD' },
      { ...order, customer: { id: 'cust_2' } },
      { ...order, customer: {} },
      { ...order, returnUrl: 'https://shop.example/other' },
    ]) expect(orderFingerprint(other)).not.toBe(print);
  });

  it('never holds the customer id or return URL in clear', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4 }), fc.webUrl(), (id, url) => {
        const print = orderFingerprint({ ...order, customer: { id }, returnUrl: url });
        return !print.includes(id) || /^[0-9a-f]+$/.test(id);
      }),
    );
  });
});

const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });
const sessionArb: fc.Arbitrary<LedgerSession> = fc.record(
  {
    provider: fc.string({ minLength: 1 }),
    orderId: fc.string({ minLength: 1 }),
    providerOrderId: fc.string(),
    status: fc.constantFrom('created', 'pending', 'paid', 'failed', 'cancelled', 'expired', 'unknown'),
    providerStatus: fc.string(),
    checkoutUrl: fc.webUrl(),
    links: fc.record({ web: fc.webUrl(), mobile: fc.webUrl() }, { requiredKeys: [] }),
    clientAuthToken: fc.string(),
    clientAuthTokenExpiresAt: date,
    expiresAt: date,
    createdAt: date,
    raw: fc.jsonValue(),
    attempts: fc.array(
      fc.record({
        provider: fc.string({ minLength: 1 }),
        durationMs: fc.nat(),
        error: fc.string().map((message) => gatewayError({ kind: 'timeout', provider: 'p', retryable: true, message, orderMayExist: true })),
      }),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: ['provider', 'orderId', 'providerOrderId', 'status', 'providerStatus', 'checkoutUrl', 'links', 'raw'] },
);

describe('storeSession and restoreSession', () => {
  it('round-trip a session through JSON: dates back as Dates, attempt errors recognised again', () => {
    fc.assert(
      fc.property(sessionArb, (session) => {
        const restored = restoreSession(JSON.parse(JSON.stringify(storeSession(session))));
        expect(restored).toEqual(JSON.parse(JSON.stringify(session), (key, value) => (['clientAuthTokenExpiresAt', 'expiresAt', 'createdAt'].includes(key) ? new Date(value) : value)));
        expect(restored.attempts?.every((a) => isGatewayError(a.error)) ?? true).toBe(true);
      }),
    );
  });

  it('stores dates as ISO 8601 strings', () => {
    const stored = storeSession({ provider: 'p', orderId: 'o', providerOrderId: 'x', status: 'created', providerStatus: 'C', checkoutUrl: 'https://a', links: {}, raw: {}, expiresAt: new Date('2026-01-02T03:04:05.006Z') });
    expect(stored.expiresAt).toBe('2026-01-02T03:04:05.006Z');
  });
});
