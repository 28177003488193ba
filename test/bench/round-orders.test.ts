import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundOrders } from '../../bench/http/runner.js';

describe("the benchmark's order of contenders from round to round", () => {
  it('runs every contender once a round, and each right after every other one equally often', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (count) => {
        const orders = roundOrders(count);
        for (const order of orders) expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
        const follows = new Map<string, number>();
        for (const order of orders) for (let i = 1; i < order.length; i++) follows.set(`${order[i - 1]}>${order[i]}`, (follows.get(`${order[i - 1]}>${order[i]}`) ?? 0) + 1);
        expect(follows.size).toBe(count * (count - 1));
        expect(new Set(follows.values()).size).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('keeps the two-contender alternation: each runs first in every other round', () => {
    expect(roundOrders(2)).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });
});
