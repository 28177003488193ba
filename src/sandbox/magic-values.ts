import { z } from 'zod';
import type { Fault } from './faults.js';

/** Parameters of the faults that magic values ask for. */
export interface MagicValueOptions {
  /** Delay of an `FSLW` order, in milliseconds (default 1000). */
  readonly latencyMs?: number;
  /** `Retry-After` of an `F429` order, in seconds (default 1). */
  readonly retryAfterSeconds?: number;
}

export const magicValuesSchema = z.union([
  z.boolean(),
  z.strictObject({
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  }),
]);

/**
 * The fault an order id asks for by its first four characters (letters and digits only, so they fit
 * every provider's id rules, and short, so they leave room under Juspay's 17 and 20 character limits).
 */
export function magicFault(orderId: string | undefined, options: MagicValueOptions): Fault | undefined {
  if (orderId === undefined) return undefined;
  const prefix = orderId.slice(0, 4);
  switch (prefix) {
    case 'FSLW':
      return { latencyMs: options.latencyMs ?? 1000 };
    case 'F429':
      return { latencyMs: 0, failure: { kind: 'rate_limit', retryAfterSeconds: options.retryAfterSeconds ?? 1 } };
    case 'FRST':
      return { latencyMs: 0, failure: { kind: 'reset' } };
    case 'FHNG':
      return { latencyMs: 0, failure: { kind: 'hang' } };
    case 'FHTM':
      return { latencyMs: 0, failure: { kind: 'html' } };
    case 'FJSN':
      return { latencyMs: 0, failure: { kind: 'malformed_json' } };
  }
  // F500 to F599: that 5xx status.
  return /^F5\d\d$/.test(prefix) ? { latencyMs: 0, failure: { kind: 'status', status: Number(prefix.slice(1)) } } : undefined;
}
