import type { FieldIssue } from '../errors.js';
import type { Order } from '../order.js';
import type { CreateOrderOptions } from '../port.js';
import type { GatewayProvider } from './registry.js';

/**
 * Why a provider cannot take this order (empty when it can): a currency its entry does not list, or
 * what its adapter's `validate` rejects (order id length, amount precision, ...). No I/O.
 */
export function ineligibility(entry: GatewayProvider, order: Order, options: CreateOrderOptions): readonly FieldIssue[] {
  if (entry.currencies && !entry.currencies.has(order.currency)) {
    return [{ path: 'currency', message: `${order.currency} is not among the currencies configured for ${entry.name}` }];
  }
  return entry.provider.validate(order, options).match(
    () => [],
    (error) => error.fields ?? [{ path: '', message: error.message }],
  );
}
