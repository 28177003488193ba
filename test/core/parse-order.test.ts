import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { orderSchema, paymentMethods } from '../../src/order.js';
import { parseOrder } from '../../src/parse-order.js';
import { basicOrder } from '../fixtures.js';

/** Every key of a value, nested, in order: `toStrictEqual` does not compare key order. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (typeof value !== 'object' || value === null) return value;
  return Reflect.ownKeys(value).map((key) => [key, keyOrder((value as Record<PropertyKey, unknown>)[key])]);
}

/** parseOrder must give exactly what orderSchema.safeParse gives: the same success, data, key order and issues. */
function expectSameAsZod(input: unknown): void {
  const ours = parseOrder(input);
  const theirs = orderSchema.safeParse(input);
  expect(ours.success).toBe(theirs.success);
  if (theirs.success) {
    expect(ours.data).toStrictEqual(theirs.data);
    expect(keyOrder(ours.data)).toEqual(keyOrder(theirs.data));
  } else {
    expect(ours.error?.issues).toEqual(theirs.error.issues);
  }
}

/** A value, or the key given as `undefined` (zod keeps such a key). */
const orUndefined = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) });

/** Valid text up to `max` characters, sometimes at the limit. */
const text = (max: number) =>
  fc.oneof({ weight: 5, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,-]{0,14}$/) }, { weight: 1, arbitrary: fc.constant('x'.repeat(max)) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });

/** Orders zod accepts, mostly: every optional key present, missing or `undefined`. */
const validOrder = fc.record(
  {
    orderId: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
    amount: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    currency: fc.constantFrom('INR', 'JPY', 'KWD', 'USD'),
    customer: orUndefined(
      fc.record(
        {
          id: orUndefined(text(128)),
          email: orUndefined(fc.oneof(fc.constantFrom('priya.sharma@example.com', 'a@example.co.in'), fc.emailAddress())),
          phone: orUndefined(fc.stringMatching(/^\+?[0-9]{6,15}$/)),
          firstName: orUndefined(text(255)),
          lastName: orUndefined(text(255)),
          address: orUndefined(fc.record({ line1: text(255), city: orUndefined(text(255)), countryCode: fc.constantFrom('IN', 'US') }, { requiredKeys: ['line1'] })),
        },
        { requiredKeys: [] },
      ),
    ),
    returnUrl: orUndefined(fc.oneof(fc.constant('https://shop.example.com/return'), fc.webUrl())),
    description: orUndefined(text(1024)),
    paymentMethods: orUndefined(fc.shuffledSubarray([...paymentMethods], { minLength: 1 })),
    expiresInMinutes: orUndefined(fc.integer({ min: 1, max: 525_600 })),
    metadata: orUndefined(fc.dictionary(fc.stringMatching(/^[A-Za-z0-9_:.-]{1,64}$/), fc.string({ maxLength: 20 }), { maxKeys: 4 })),
    providerOptions: orUndefined(fc.dictionary(fc.constantFrom('juspay', 'flowwise', 'other'), fc.jsonValue(), { maxKeys: 2 })),
  },
  { requiredKeys: ['orderId', 'amount', 'currency'] },
);

type Draft = Record<string, unknown> & { customer?: Record<string, unknown> };

/** One near miss each: a broken rule, text zod would trim, a stray key, a wrong shape. */
const nearMisses: ReadonlyArray<(o: Draft) => unknown> = [
  ...['bad id!', '', 'x'.repeat(65), 7].map((orderId) => (o: Draft) => ({ ...o, orderId })),
  ...[0, -1, 1.5, -0, Number.NaN, Infinity, 2 ** 53, '100'].map((amount) => (o: Draft) => ({ ...o, amount })),
  ...['inr', 'XXX', '', 1].map((currency) => (o: Draft) => ({ ...o, currency })),
  ...[{ id: ' cust_1' }, { id: '' }, { id: 'x'.repeat(129) }, { email: 'nope' }, { email: ' a@example.com' }, { phone: '12' }, { firstName: 'Priya ' }, { lastName: 'x'.repeat(256) }, { address: { line1: '' } }, { address: { city: 'x' } }, { nickname: 'p' }].map(
    (fields) => (o: Draft) => ({ ...o, customer: { ...o.customer, ...fields } }),
  ),
  ...[null, [], 'c1'].map((customer) => (o: Draft) => ({ ...o, customer })),
  ...[' https://x.example/r ', 'ftp://x.example/r', 'https://x.example/\tr', 'nope', 5].map((returnUrl) => (o: Draft) => ({ ...o, returnUrl })),
  ...['', ' note', 'x'.repeat(1025)].map((description) => (o: Draft) => ({ ...o, description })),
  ...[[], ['upi', 'upi'], ['cash'], 'upi'].map((methods) => (o: Draft) => ({ ...o, paymentMethods: methods })),
  ...[0, 2.5, 525_601].map((expiresInMinutes) => (o: Draft) => ({ ...o, expiresInMinutes })),
  ...[{ 'a b': 'x' }, { k: 'x'.repeat(501) }, { k: 1 }, [], null, { ['x'.repeat(65)]: 'x' }].map((metadata) => (o: Draft) => ({ ...o, metadata })),
  ...['juspay', [], null].map((providerOptions) => (o: Draft) => ({ ...o, providerOptions })),
  (o) => ({ ...o, currencyCode: 'INR' }),
  (o) => ({ ...o, toString: 'x' }),
];

const nearlyValidOrder = fc.tuple(validOrder, fc.constantFrom(...nearMisses)).map(([order, miss]) => miss(order as Draft));

describe('parseOrder: orderSchema.safeParse with a shortcut', () => {
  it('gives exactly what zod gives, for valid orders, near misses and anything', () => {
    const zod = vi.spyOn(orderSchema, 'safeParse');
    let shortcuts = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: validOrder }, { weight: 3, arbitrary: nearlyValidOrder }, { weight: 1, arbitrary: fc.anything() }), (input) => {
        const before = zod.mock.calls.length;
        parseOrder(input);
        if (zod.mock.calls.length === before) shortcuts++;
        expectSameAsZod(input);
      }),
      { numRuns: 5000 },
    );
    // The property says something only if the shortcut was taken often.
    expect(shortcuts).toBeGreaterThan(800);
  });

  it('gives exactly what zod gives for odd objects: own __proto__, null prototype, class instance, symbol and hidden keys', () => {
    class Holder {
      orderId = 'ord_1';
      amount = 100;
      currency = 'INR';
    }
    for (const input of [
      JSON.parse('{"orderId":"o1","amount":1,"currency":"INR","__proto__":{"x":1}}'),
      JSON.parse('{"orderId":"o1","amount":1,"currency":"INR","metadata":{"__proto__":"x","a":"b"}}'),
      Object.assign(Object.create(null), basicOrder),
      new Holder(),
      { ...basicOrder, metadata: { [Symbol('s')]: 'x', a: 'b' } },
      { ...basicOrder, metadata: Object.defineProperty({ a: 'b' }, 'hidden', { value: 'x', enumerable: false }) },
      { ...basicOrder, customer: Object.assign(Object.create(null), basicOrder.customer) },
      { ...basicOrder, metadata: { 2: 'two', b: 'b', 1: 'one' } },
      [basicOrder],
      null,
    ]) {
      expectSameAsZod(input);
    }
  });

  it('takes the shortcut for a typical order, leaving zod out', () => {
    const order = { ...basicOrder, customer: { ...basicOrder.customer, firstName: 'Priya', lastName: 'Sharma' }, description: 'A dress', metadata: { cart: 'c1' } };
    const zod = vi.spyOn(orderSchema, 'safeParse');
    const parsed = parseOrder(order);
    expect(zod).not.toHaveBeenCalled();
    zod.mockRestore();
    expect(parsed).toStrictEqual(orderSchema.safeParse(order));
  });
});
