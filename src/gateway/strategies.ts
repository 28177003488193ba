import type { ValidOrder } from '../order.js';
import type { ParsedRouting } from './config-schema.js';
import { matchesRule } from './rules.js';
import { stickyPoint } from './sticky.js';

/** Picks, for one order, the providers to try in turn. Pure and deterministic. */
export type Strategy = (order: ValidOrder) => readonly string[];

/** The strategy the `routing` section describes. */
export function createStrategy(routing: ParsedRouting): Strategy {
  switch (routing.strategy) {
    case 'priority':
      return () => routing.order;
    case 'weighted':
      return weightedStrategy(Object.entries(routing.weights));
    case 'rules':
      return (order) => routing.rules.find((rule) => matchesRule(rule.when, order))?.use ?? routing.default;
  }
}

/**
 * The first provider is drawn by weight at the order id's sticky point; the others follow as
 * fallbacks, heaviest first (ties in configuration order). A weight of 0 makes a fallback-only provider.
 */
export function weightedStrategy(weights: ReadonlyArray<readonly [string, number]>): Strategy {
  const drawable = weights.filter(([, weight]) => weight > 0);
  const total = drawable.reduce((sum, [, weight]) => sum + weight, 0);
  const heaviestFirst = [...weights].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const listByFirst = new Map(drawable.map(([first]) => [first, [first, ...heaviestFirst.filter((name) => name !== first)]]));
  return (order) => {
    let point = stickyPoint(order.orderId) * total;
    // The last drawable provider also takes any rounding left over at the top of the range.
    const first = drawable.find(([, weight]) => (point -= weight) < 0) ?? drawable.at(-1);
    return (first && listByFirst.get(first[0])) ?? heaviestFirst;
  };
}
