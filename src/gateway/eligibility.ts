import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import { preparerOf } from '../adapter.js';
import type { FieldIssue, GatewayError } from '../errors.js';
import type { Order, ValidOrder } from '../order.js';
import type { CreateOrderOptions, OrderSession } from '../port.js';
import type { Deadline } from './deadline.js';
import type { GatewayProvider } from './registry.js';

/** One try of the order at one provider, aborted with the order's deadline. */
export type SendOrder = (deadline: Deadline) => ResultAsync<OrderSession, GatewayError>;

/** How to send the order to one provider. */
export interface Sender {
  readonly send: SendOrder;
  /**
   * The adapter comes from outside payroute: it may ignore the deadline's signal, throw or reject, so
   * the gateway races each try against the deadline (payroute's own adapters end at its abort).
   */
  readonly foreign: boolean;
}

/**
 * How to send the order to this provider, or why it cannot take it: a currency its entry does not
 * list, or what its adapter's `validate` rejects (order id length, amount precision, ...). No I/O.
 * `valid` is `order` as `orderSchema` parsed it; payroute's own adapters map it once, here, and every
 * try sends that request (see `preparerOf`); any other adapter is asked `validate`, then `createOrder`
 * on every try.
 */
export function eligibility(
  entry: GatewayProvider,
  order: Order,
  valid: ValidOrder,
  options: CreateOrderOptions,
): Result<Sender, readonly FieldIssue[]> {
  if (entry.currencies && !entry.currencies.has(order.currency)) {
    return err([{ path: 'currency', message: `${order.currency} is not among the currencies configured for ${entry.name}` }]);
  }
  const { provider } = entry;
  const prepare = preparerOf(provider);
  if (prepare) return prepare(valid, options).map((prepared): Sender => ({ send: (deadline) => prepared.send(deadline), foreign: false })).mapErr(issuesOf);
  const issues = provider.validate(order, options).match(() => [], issuesOf);
  // An error naming no field leaves the provider eligible, as it always has.
  return issues.length > 0 ? err(issues) : ok({ send: (deadline) => provider.createOrder(order, { ...options, signal: deadline.signal }), foreign: true });
}

const issuesOf = (error: GatewayError): readonly FieldIssue[] => error.fields ?? [{ path: '', message: error.message }];

