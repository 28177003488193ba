import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswer, statedMajorAmount, type AnswerCheck, type ProviderAnswer } from '../../src/answer.js';
import { currencyCodes } from '../../src/currencies.js';
import { toMajorUnits } from '../../src/money.js';
import type { ValidOrder } from '../../src/order.js';
import type { OrderSession } from '../../src/port.js';

const order: ValidOrder = { orderId: 'ord1001', amount: 10015, currency: 'INR' };
const session: OrderSession<null> = {
  provider: 'test',
  orderId: 'ord1001',
  providerOrderId: 'p1',
  status: 'created',
  providerStatus: 'CREATED',
  checkoutUrl: 'https://pay.example.com/p1',
  links: { web: 'https://pay.example.com/p1' },
  raw: null,
};
const strict: AnswerCheck = { allowHttpLinks: false };
const check = (answer: Omit<ProviderAnswer<null>, 'session'> & { session?: Partial<OrderSession<null>> }, rules: AnswerCheck = strict, sent: ValidOrder = order) =>
  checkAnswer({ ...answer, session: { ...session, ...answer.session } }, sent, rules);

describe('checkAnswer', () => {
  it('passes an answer that describes the order', () => {
    expect(check({ amount: statedMajorAmount('100.15', 'INR'), currency: 'INR' })).toBeUndefined();
    expect(check({})).toBeUndefined();
  });

  it('folds ASCII case only, and only where the provider does', () => {
    expect(check({ session: { orderId: 'ORD1001' } })).toContain('"ORD1001"');
    expect(check({ session: { orderId: 'ORD1001' } }, { ...strict, caseInsensitiveOrderIds: true })).toBeUndefined();
    const kelvin = { ...order, orderId: 'k1' };
    expect(check({ session: { orderId: '\u212A1' } }, { ...strict, caseInsensitiveOrderIds: true }, kelvin)).toContain('order id');
  });

  it('quotes the id that came back, escaping what it holds', () => {
    expect(check({ session: { orderId: 'a\nb' } })).toBe('an answer for order id "a\\nb", not "ord1001"');
  });

  it('requires amount and currency only where the provider prices the order', () => {
    const pricing: AnswerCheck = { ...strict, pricesOrder: true };
    expect(check({ currency: 'INR' }, pricing)).toBe("an answer without the order's amount, which this provider sets");
    expect(check({ amount: statedMajorAmount(100.15, 'INR') }, pricing)).toBe("an answer without the order's currency, which this provider sets");
    expect(check({ amount: statedMajorAmount(100.15, 'INR'), currency: 'INR' }, pricing)).toBeUndefined();
  });

  it.each([
    ['https://pay.example.com/p1', false, undefined],
    ['HTTPS://pay.example.com/p1', false, undefined],
    ['http://127.0.0.1:4010/p1', true, undefined],
    ['http://127.0.0.1:4010/p1', false, 'a "http:" URL as links.web, not an absolute https URL'],
    ['javascript:alert(1)', true, 'a "javascript:" URL as links.web, not an absolute https URL'],
    ['data:text/html,x', true, 'a "data:" URL as links.web, not an absolute https URL'],
    ['//pay.example.com/p1', false, 'a relative or malformed URL as links.web, not an absolute https URL'],
    ['/p1', false, 'a relative or malformed URL as links.web, not an absolute https URL'],
  ])('judges the link %j (http allowed: %s)', (link, allowHttpLinks, why) => {
    expect(check({ session: { checkoutUrl: link, links: { web: link } } }, { allowHttpLinks })).toBe(why);
  });

  it('checks checkoutUrl where it is not links.web, and every other link', () => {
    expect(check({ session: { checkoutUrl: 'javascript:x' } })).toContain('as checkoutUrl');
    expect(check({ session: { links: { web: session.checkoutUrl, iframe: 'ftp://x/y' } } })).toContain('as links.iframe');
  });

  it('accepts a stated amount exactly when it is the order\'s, in minor units, as text or as a JSON number', () => {
    const amount = fc.integer({ min: 1, max: 10 ** 15 - 1 });
    fc.assert(
      fc.property(fc.constantFrom(...currencyCodes), amount, amount, (currency, sent, stated) => {
        const text = toMajorUnits(stated, currency)._unsafeUnwrap();
        const expected = sent === stated ? undefined : `an order for ${String(JSON.parse(text))} ${currency}, not the expected ${toMajorUnits(sent, currency)._unsafeUnwrap()}`;
        const sentOrder = { ...order, amount: sent, currency };
        // At most 15 significant digits: a JSON number carries the decimal exactly.
        expect(check({ amount: statedMajorAmount(JSON.parse(text) as number, currency) }, strict, sentOrder)).toBe(expected);
        expect(check({ amount: statedMajorAmount(text, currency) }, strict, sentOrder) === undefined).toBe(sent === stated);
      }),
      { numRuns: 3000 },
    );
  });

  it('never accepts an amount off by one minor unit, nor one with more decimals than the currency has', () => {
    expect(check({ amount: statedMajorAmount(100.16, 'INR') })).toBe('an order for 100.16 INR, not the expected 100.15');
    expect(check({ amount: statedMajorAmount('100.151', 'INR') })).toContain('not the expected 100.15');
    const kwd = { ...order, amount: 1234, currency: 'KWD' };
    expect(check({ amount: statedMajorAmount(1.234, 'KWD'), currency: 'KWD' }, strict, kwd)).toBeUndefined();
    expect(check({ amount: statedMajorAmount(1.235, 'KWD'), currency: 'KWD' }, strict, kwd)).toBe('an order for 1.235 KWD, not the expected 1.234');
  });
});
