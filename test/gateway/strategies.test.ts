import { describe, expect, it } from 'vitest';
import { createStrategy, weightedStrategy } from '../../src/gateway/strategies.js';
import { stickyPoint } from '../../src/gateway/sticky.js';
import { gatewayConfigSchema } from '../../src/gateway/config-schema.js';
import type { RoutingConfig, ValidOrder } from '../../providers/entries/index.js';
import { fakeGateway, order } from './fakes.js';

const base: ValidOrder = { orderId: 'ord_1', amount: 10_000, currency: 'INR' };

/** The strategy of a routing section, parsed as the gateway parses it. */
function strategy(routing: RoutingConfig) {
  const names = ['a', 'b', 'c', 'd'];
  const config = gatewayConfigSchema.parse({ providers: Object.fromEntries(names.map((n) => [n, { type: 'fake' }])), routing });
  return createStrategy(config.routing);
}

describe('priority', () => {
  it('always returns the configured order', () => {
    const route = strategy({ strategy: 'priority', order: ['b', 'a'] });
    expect(route(base)).toEqual(['b', 'a']);
    expect(route({ ...base, orderId: 'other', currency: 'USD' })).toEqual(['b', 'a']);
  });
});

describe('weighted', () => {
  const ids = Array.from({ length: 100_000 }, (_, i) => `order_${i}`);

  it('splits 100,000 orders within 1% of the weights', () => {
    const route = weightedStrategy([['a', 70], ['b', 20], ['c', 10]]);
    const firsts = new Map<string, number>();
    for (const orderId of ids) {
      const first = route({ ...base, orderId })[0] ?? '';
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    expect(Math.abs((firsts.get('a') ?? 0) / ids.length - 0.7)).toBeLessThan(0.01);
    expect(Math.abs((firsts.get('b') ?? 0) / ids.length - 0.2)).toBeLessThan(0.01);
    expect(Math.abs((firsts.get('c') ?? 0) / ids.length - 0.1)).toBeLessThan(0.01);
  });

  it('is sticky: the same order id always gets the same list', () => {
    const route = weightedStrategy([['a', 50], ['b', 50]]);
    for (const orderId of ids.slice(0, 1_000)) {
      expect(route({ ...base, orderId })).toEqual(route({ ...base, orderId, amount: 1 }));
    }
    // And across gateway instances and restarts: the point depends on the id alone.
    expect(stickyPoint('ord_1')).toBe(stickyPoint('ord_1'));
    expect(stickyPoint('ord_1')).not.toBe(stickyPoint('ord_2'));
  });

  it('puts the other providers after the first, heaviest first, ties in configuration order', () => {
    const route = weightedStrategy([['a', 10], ['b', 30], ['c', 30], ['d', 0]]);
    for (const orderId of ids.slice(0, 200)) {
      const [first, ...rest] = route({ ...base, orderId });
      expect(rest).toEqual(['b', 'c', 'a', 'd'].filter((n) => n !== first));
    }
  });

  it('never draws a provider of weight 0 first, yet keeps it as a fallback', () => {
    const route = weightedStrategy([['a', 0], ['b', 1]]);
    for (const orderId of ids.slice(0, 500)) expect(route({ ...base, orderId })).toEqual(['b', 'a']);
  });

  it('draws from the point of the order id', () => {
    const id = ids.find((orderId) => stickyPoint(orderId) < 0.25) ?? '';
    const late = ids.find((orderId) => stickyPoint(orderId) >= 0.75) ?? '';
    const route = weightedStrategy([['a', 1], ['b', 3]]);
    expect(route({ ...base, orderId: id })[0]).toBe('a');
    expect(route({ ...base, orderId: late })[0]).toBe('b');
  });
});

describe('rules', () => {
  const route = strategy({
    strategy: 'rules',
    rules: [
      { when: { currency: ['USD', 'EUR'] }, use: ['b'] },
      { when: { currency: 'INR', amount: { min: 10_000_000 } }, use: ['c', 'a'] },
      { when: { amount: { max: 100 } }, use: ['d'] },
      { when: { paymentMethod: 'upi' }, use: ['a', 'b'] },
      { when: { customerId: ['vip_1', 'vip_2'] }, use: ['c'] },
      { when: { metadata: { channel: ['app', 'kiosk'], region: 'north' } }, use: ['d', 'c'] },
    ],
    default: ['a', 'c'],
  });

  it('matches on currency (one code or a list)', () => {
    expect(route({ ...base, currency: 'EUR' })).toEqual(['b']);
  });

  it('matches on an amount range in minor units, both ends included', () => {
    expect(route({ ...base, amount: 10_000_000 })).toEqual(['c', 'a']);
    expect(route({ ...base, amount: 9_999_999 })).toEqual(['a', 'c']);
    expect(route({ ...base, amount: 100 })).toEqual(['d']);
    expect(route({ ...base, amount: 101 })).toEqual(['a', 'c']);
  });

  it('matches when the order allows one of the payment methods; an order naming none does not match', () => {
    expect(route({ ...base, paymentMethods: ['credit_card', 'upi'] })).toEqual(['a', 'b']);
    expect(route({ ...base, paymentMethods: ['credit_card'] })).toEqual(['a', 'c']);
    expect(route(base)).toEqual(['a', 'c']);
  });

  it('matches on the customer id', () => {
    expect(route({ ...base, customer: { id: 'vip_2' } })).toEqual(['c']);
    expect(route({ ...base, customer: { id: 'regular' } })).toEqual(['a', 'c']);
    expect(route({ ...base, customer: { email: 'a@b.in' } })).toEqual(['a', 'c']);
  });

  it('matches metadata only when every key has one of its values', () => {
    expect(route({ ...base, metadata: { channel: 'kiosk', region: 'north' } })).toEqual(['d', 'c']);
    expect(route({ ...base, metadata: { channel: 'web', region: 'north' } })).toEqual(['a', 'c']);
    expect(route({ ...base, metadata: { channel: 'app' } })).toEqual(['a', 'c']);
  });

  it('takes the first matching rule, and the default when none matches', () => {
    expect(route({ ...base, currency: 'USD', paymentMethods: ['upi'] })).toEqual(['b']);
    expect(route(base)).toEqual(['a', 'c']);
  });

  it('treats a rule without conditions as matching every order', () => {
    const always = strategy({ strategy: 'rules', rules: [{ when: {}, use: ['d'] }], default: ['a'] });
    expect(always(base)).toEqual(['d']);
  });
});

describe('routing through the gateway', () => {
  it('sends an order to the weighted first choice; the same order again is that session, from the ledger', async () => {
    const { gateway, tried } = fakeGateway({ routing: { strategy: 'weighted', weights: { a: 1, b: 1, c: 1 } } });
    const first = (await gateway.createOrder(order))._unsafeUnwrap();
    const again = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(again).toMatchObject({ provider: first.provider, checkoutUrl: first.checkoutUrl, replayed: true });
    expect(tried()).toEqual([first.provider]);
  });

  it('routes by rules and falls back within the rule\'s list', async () => {
    const { gateway, tried } = fakeGateway({
      routing: { strategy: 'rules', rules: [{ when: { currency: 'USD' }, use: ['c', 'b'] }], default: ['a'] },
    });
    expect((await gateway.createOrder({ ...order, currency: 'USD' }))._unsafeUnwrap().provider).toBe('c');
    expect((await gateway.createOrder({ ...order, orderId: 'ord_2' }))._unsafeUnwrap().provider).toBe('a');
    expect(tried()).toEqual(['c', 'a']);
  });
});
