import fc from 'fast-check';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { flowwise } from '../../providers/flowwise/index.js';
import { juspay } from '../../providers/juspay/index.js';
import { toMinorUnits } from '../../src/money.js';
import type { Order } from '../../src/order.js';
import { basicOrder, FLOWWISE_ID, FLOWWISE_SECRET, JUSPAY_KEY } from '../fixtures.js';
import { useNock } from '../setup-nock.js';

useNock();

const providers = [
  juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox' }),
  juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox', variant: 'cred' }),
  flowwise({ clientId: FLOWWISE_ID, clientSecret: FLOWWISE_SECRET, environment: 'sandbox' }),
];
const [standard, cred, fw] = providers as [typeof providers[0], typeof providers[0], typeof providers[2]];

/** Orders near the valid ones, so the property reaches past the first check. */
const nearlyValidOrder = fc.record(
  {
    orderId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,25}$/), fc.string()),
    amount: fc.oneof(fc.integer({ min: -10, max: 10_000_000 }), fc.double(), fc.constant(Number.NaN)),
    currency: fc.constantFrom('INR', 'JPY', 'KWD', 'USD', 'inr', 'XXX', ''),
    customer: fc.record(
      {
        id: fc.string({ maxLength: 10 }),
        email: fc.oneof(fc.emailAddress(), fc.string()),
        phone: fc.oneof(fc.stringMatching(/^\+?[0-9]{6,15}$/), fc.string()),
        firstName: fc.string({ maxLength: 5 }),
        address: fc.record({ line1: fc.string(), city: fc.string(), countryCode: fc.string({ maxLength: 3 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
    returnUrl: fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string(), fc.constant('https://10.0.0.1/r')),
    description: fc.string(),
    paymentMethods: fc.array(fc.constantFrom('upi', 'credit_card', 'cash', 'wallet')),
    expiresInMinutes: fc.integer({ min: -5, max: 1_000_000 }),
    metadata: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer())),
    providerOptions: fc.record(
      {
        juspay: fc.oneof(
          fc.anything(),
          fc.record(
            {
              udf: fc.dictionary(fc.constantFrom('udf1', 'udf6', 'udf11'), fc.string()),
              mandate: fc.record(
                {
                  mode: fc.constantFrom('REQUIRED', 'OPTIONAL', 'NEVER'),
                  frequency: fc.constantFrom('ONETIME', 'WEEKLY', 'MONTHLY', 'HOURLY'),
                  ruleValue: fc.integer({ min: -1, max: 40 }),
                  amountRule: fc.constantFrom('FIXED', 'VARIABLE'),
                  maxAmount: fc.integer({ min: -1, max: 1_000_000 }),
                  blockFunds: fc.boolean(),
                },
                { requiredKeys: [] },
              ),
              getClientAuthToken: fc.anything(),
            },
            { requiredKeys: [] },
          ),
        ),
        flowwise: fc.oneof(fc.anything(), fc.record({ orderTags: fc.dictionary(fc.string(), fc.string()) }, { requiredKeys: [] })),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

describe('order validation', () => {
  it('never throws: any input validates or is a validation error naming fields', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), nearlyValidOrder), (input) => {
        for (const provider of providers) {
          const result = provider.validate(input as Order, { routingId: 'r1' });
          if (result.isErr()) {
            expect(result.error.kind).toBe('validation');
            expect(result.error.fields?.length).toBeGreaterThan(0);
            expect(result.error.message).toMatch(/^invalid order: /);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('returns validation errors before any request is sent', async () => {
    await fc.assert(
      fc.asyncProperty(nearlyValidOrder, async (input) => {
        for (const provider of providers) {
          if (provider.validate(input as Order, { routingId: 'r1' }).isOk()) continue;
          const result = await provider.createOrder(input as Order, { routingId: 'r1' });
          expect(result._unsafeUnwrapErr().kind).toBe('validation');
        }
      }),
      { numRuns: 300 },
    );
    expect(nock.isDone()).toBe(true);
  });

  it('names every bad field at once', () => {
    const error = standard
      .validate({ orderId: 'bad id!', amount: 10.5, currency: 'XYZ', customer: { email: 'nope', phone: '12' }, returnUrl: 'ftp://x' } as Order)
      ._unsafeUnwrapErr();
    expect(error.fields?.map((f) => f.path).sort()).toEqual(['amount', 'currency', 'customer.email', 'customer.phone', 'orderId', 'returnUrl']);
    expect(error.provider).toBe('juspay');
  });

  it('explains a NaN amount, what toMinorUnits gives for text it cannot convert, and points to the reason', () => {
    const error = standard.validate({ ...basicOrder, amount: toMinorUnits('100.155', 'INR') })._unsafeUnwrapErr();
    expect(error.fields).toEqual([
      {
        path: 'amount',
        message:
          'is NaN, which toMinorUnits returns for text it cannot convert exactly (more decimal places than the currency has, not a plain decimal such as 100.15, or too large); parseMinorUnits(text, currency) returns the reason',
      },
    ]);
  });

  it('tells a fractional amount to use minor units', () => {
    const error = standard.validate({ ...basicOrder, amount: 100.15 })._unsafeUnwrapErr();
    expect(error.fields).toEqual([{ path: 'amount', message: 'must be a whole number of minor units (use toMinorUnits for decimals)' }]);
  });

  it('rejects unknown keys, so a typo is not silently dropped', () => {
    const error = standard.validate({ ...basicOrder, returnURL: 'https://x.example' } as Order)._unsafeUnwrapErr();
    expect(error.fields).toEqual([{ path: '', message: expect.stringContaining('returnURL') }]);
  });
});

describe('juspay rules', () => {
  const issues = (provider: typeof standard, order: Partial<Order>, options = {}) =>
    provider.validate({ ...basicOrder, ...order } as Order, options).match(() => [], (e) => e.fields ?? []);

  it('takes order ids shorter than 21 characters, and than 18 for CRED pay', () => {
    expect(issues(standard, { orderId: 'a'.repeat(20) })).toEqual([]);
    expect(issues(standard, { orderId: 'a'.repeat(21) })).toEqual([{ path: 'orderId', message: 'Juspay takes at most 20 characters' }]);
    expect(issues(cred, { orderId: 'a'.repeat(17) }, { routingId: 'c1' })).toEqual([]);
    expect(issues(cred, { orderId: 'a'.repeat(18) }, { routingId: 'c1' })).toEqual([{ path: 'orderId', message: 'Juspay CRED pay takes at most 17 characters' }]);
  });

  it('requires a routing id for CRED pay', () => {
    expect(issues(cred, {})).toEqual([{ path: 'routingId', message: expect.stringContaining('x-routing-id') }]);
  });

  it('refuses amounts with more than two decimals instead of rounding them, and below 1', () => {
    expect(issues(standard, { amount: 1005, currency: 'KWD' })).toEqual([{ path: 'amount', message: expect.stringContaining('more than the 2 decimal places') }]);
    expect(issues(standard, { amount: 1230, currency: 'KWD' })).toEqual([]);
    expect(issues(standard, { amount: 99 })).toEqual([{ path: 'amount', message: "Juspay's minimum is 1 INR" }]);
    expect(issues(fw, { amount: 1005, currency: 'KWD' })).toEqual([]);
  });

  it.each([
    ['https://shop.example.com/return?x=1', 'must not have a query string'],
    ['https://shop.example.com/return#top', 'must not have a # fragment'],
    ['https://192.168.1.10/return', 'must not use an IP address as host'],
    ['https://[::1]/return', 'must not use an IP address as host'],
  ])('refuses return_url %s', (returnUrl, message) => {
    expect(issues(standard, { returnUrl })).toEqual([{ path: 'returnUrl', message: `Juspay: ${message}` }]);
    expect(issues(fw, { returnUrl })).toEqual([]);
  });

  it('keeps free text out of udf1..udf5, where Juspay would strip it', () => {
    const withUdf = (udf: object) => ({ providerOptions: { juspay: { udf } } });
    expect(issues(standard, withUdf({ udf1: 'a@b.c' }))).toEqual([{ path: 'providerOptions.juspay.udf.udf1', message: expect.stringContaining('udf6..udf10') }]);
    expect(issues(standard, withUdf({ udf6: 'a@b.c' }))).toEqual([]);
    expect(issues(standard, withUdf({ udf7: 'x'.repeat(256) }))).toEqual([{ path: 'providerOptions.juspay.udf.udf7', message: 'must be at most 255 characters' }]);
  });

  it.each([
    [{ mode: 'OPTIONAL', amountRule: 'VARIABLE' }, 'maxAmount', 'is required when amountRule is VARIABLE'],
    [{ mode: 'OPTIONAL', frequency: 'WEEKLY', ruleValue: 8 }, 'ruleValue', 'must be 1 to 7 for WEEKLY'],
    [{ mode: 'OPTIONAL', frequency: 'FORTNIGHTLY' }, 'ruleValue', 'is required for FORTNIGHTLY (1 to 16)'],
    [{ mode: 'OPTIONAL', frequency: 'DAILY', ruleValue: 1 }, 'ruleValue', 'is not taken for DAILY'],
    [{ mode: 'OPTIONAL', frequency: 'ONETIME', blockFunds: false }, 'blockFunds', 'must be true for ONETIME'],
    [{ mode: 'OPTIONAL', frequency: 'MONTHLY', ruleValue: 5, blockFunds: true }, 'blockFunds', 'must be false for recurring mandates'],
    [{ mode: 'OPTIONAL', frequency: 'ASPRESENTED', revokableByCustomer: false }, 'revokableByCustomer', 'must be true for recurring mandates'],
    [{ mode: 'OPTIONAL', startDate: 200, endDate: 100 }, 'endDate', 'must be after startDate'],
    [{ mode: 'SOMETIMES' }, 'mode', expect.stringContaining('REQUIRED')],
  ])('enforces the mandate rule %j', (mandate, field, message) => {
    expect(issues(standard, { providerOptions: { juspay: { mandate } } })).toEqual([
      { path: `providerOptions.juspay.mandate.${field}`, message },
    ]);
  });

  it('refuses a mandate max amount Juspay cannot take exactly', () => {
    expect(issues(standard, { amount: 1230, currency: 'KWD', providerOptions: { juspay: { mandate: { mode: 'REQUIRED', maxAmount: 1001 } } } })).toEqual([
      { path: 'providerOptions.juspay.mandate.maxAmount', message: expect.stringContaining('decimal places') },
    ]);
  });
});
