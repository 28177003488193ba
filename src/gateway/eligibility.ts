import { err, type Result } from 'neverthrow';
import type { FieldIssue, PayrouteError } from '../errors.js';
import type { ValidOrder } from '../order.js';
import type { CreateOrderOptions, PreparedOrder } from '../port.js';
import { internalError } from '../provider/classify.js';
import type { GatewayProvider } from './registry.js';

/**
 * The order prepared for this provider, or why it cannot take it: a currency its entry does not list,
 * or what the provider's `prepareOrder` rejects (order id length, amount precision, ...). No I/O.
 * `order` is as `parseOrder` parsed it, so the provider does not parse it again; it maps it once, here,
 * and every try sends that request. Every provider, built-in or not, is asked the same way, and any
 * error it returns, with fields or without, makes it ineligible.
 */
export function eligibility(entry: GatewayProvider, order: ValidOrder, options: CreateOrderOptions): Result<PreparedOrder, readonly FieldIssue[]> {
  if (entry.currencies && !entry.currencies.has(order.currency)) {
    return err([{ path: 'currency', message: `${order.currency} is not among the currencies configured for ${entry.name}` }]);
  }
  try {
    return entry.provider.prepareOrder(order, options).mapErr(issuesOf);
  } catch (thrown) {
    // A provider of one's own may throw: that provider failing, not the order.
    return err(issuesOf(internalError(entry.name, thrown)));
  }
}

const issuesOf = (error: PayrouteError): readonly FieldIssue[] => error.fields ?? [{ path: '', message: error.message }];
