import type { z } from 'zod';
import { orderSchema, type ValidOrder } from './order.js';

// Orders this copy of payroute parsed. The gateway parses an order once and hands the result to every
// provider's `prepareOrder`, which then need not parse it again. Only a cache: an order parsed by the
// other build (CommonJS and ESM each have one) or by nobody is parsed again, with the same result.
const parsed = new WeakSet<object>();

/** `orderSchema.safeParse`, remembering what it returned so it is never parsed twice. */
export function parseOrder(order: unknown): z.ZodSafeParseResult<ValidOrder> {
  if (typeof order === 'object' && order !== null && parsed.has(order)) return { success: true, data: order as ValidOrder };
  const result = orderSchema.safeParse(order);
  if (result.success) parsed.add(result.data);
  return result;
}
