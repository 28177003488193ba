import { err, ok, type Result } from 'neverthrow';
import type { GatewayError } from './errors.js';
import { orderSchema, type ValidOrder } from './order.js';
import { toFieldIssues, validationError } from './validation.js';

/**
 * `orderSchema` on a caller's order, as a `Result`. zod throws only when reading the order throws (a
 * getter or Proxy of the caller's): that too is an order payroute cannot take, not a payroute bug.
 */
export function parseOrder(provider: string, order: unknown): Result<ValidOrder, GatewayError> {
  let parsed: ReturnType<typeof orderSchema.safeParse>;
  try {
    parsed = orderSchema.safeParse(order);
  } catch (thrown) {
    const name = thrown instanceof Error ? thrown.name : typeof thrown;
    return err(validationError(provider, [{ path: '', message: `the order could not be read (reading it threw ${name})` }]));
  }
  return parsed.success ? ok(parsed.data) : err(validationError(provider, toFieldIssues(parsed.error)));
}
