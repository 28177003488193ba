import { err, ok, type Result } from 'neverthrow';
import type { PayrouteError } from './errors.js';
import { orderSchema, type ValidOrder } from './order.js';
import { toFieldIssues, validationError } from './validation.js';

// Orders this copy of payroute parsed. The gateway parses an order once and hands the result to every
// provider's `prepareOrder`, which then need not parse it again. Only a cache: an order parsed by the
// other build (CommonJS and ESM each have one) or by nobody is parsed again, with the same result.
const parsed = new WeakSet<object>();

/**
 * `orderSchema` on a caller's order, as a `Result`. zod throws only when reading the order throws (a
 * getter or Proxy of the caller's): that too is an order payroute cannot take, not a payroute bug.
 */
export function parseOrder(provider: string, order: unknown): Result<ValidOrder, PayrouteError> {
  if (typeof order === 'object' && order !== null && parsed.has(order)) return ok(order as ValidOrder);
  let result: ReturnType<typeof orderSchema.safeParse>;
  try {
    result = orderSchema.safeParse(order);
  } catch (thrown) {
    const name = thrown instanceof Error ? thrown.name : typeof thrown;
    return err(validationError(provider, [{ path: '', message: `the order could not be read (reading it threw ${name})` }]));
  }
  if (!result.success) return err(validationError(provider, toFieldIssues(result.error)));
  parsed.add(result.data);
  return ok(result.data);
}
