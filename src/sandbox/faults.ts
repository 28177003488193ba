import { z } from 'zod';

/**
 * How a faulted answer fails. `status`, `rate_limit` and `html` answer before the order is looked at
 * (nothing is created); `reset`, `hang` and `malformed_json` happen after the order was created, as
 * when a provider processed the request and the answer was lost or broken on the way back.
 */
export type SandboxFailure =
  /** This HTTP status (400 to 599; a 5xx, usually) with the provider's error body. */
  | { readonly kind: 'status'; readonly status: number }
  /** 429 with the provider's error body and `Retry-After` (seconds; default 1). */
  | { readonly kind: 'rate_limit'; readonly retryAfterSeconds?: number }
  /** The connection is reset (TCP RST) instead of an answer. */
  | { readonly kind: 'reset' }
  /** No status line or headers ever come; the client's own timeout ends the call. */
  | { readonly kind: 'hang' }
  /** An HTML page instead of JSON, as a proxy or firewall in front of the provider sends (status default 502). */
  | { readonly kind: 'html'; readonly status?: number }
  /** The provider's real answer, cut in half so it is not valid JSON. */
  | { readonly kind: 'malformed_json' };

/** The operations of a sandbox server that faults can be limited to. */
export const sandboxOperations = ['createOrder', 'getOrder'] as const;
export type SandboxOperation = (typeof sandboxOperations)[number];

/** Faults of one sandbox server: set at start (`faults`) or at run time (`setFaults`). */
export interface SandboxFaults {
  /** Milliseconds to wait before answering. */
  readonly latencyMs?: number;
  /** How the answer fails; left out, the faulted request only gets the latency. */
  readonly failure?: SandboxFailure;
  /** Fraction of requests that get the faults, 0 to 1 (default 1: every request). */
  readonly rate?: number;
  /** The operations whose requests get the faults (default both: create-order and the order look-up). */
  readonly operations?: readonly SandboxOperation[];
}

/** The fault one request gets. */
export interface Fault {
  readonly latencyMs: number;
  readonly failure?: SandboxFailure;
}

const failureSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('status'), status: z.number().int().min(400).max(599) }),
  z.strictObject({ kind: z.literal('rate_limit'), retryAfterSeconds: z.number().int().min(0).max(86_400).optional() }),
  z.strictObject({ kind: z.literal('reset') }),
  z.strictObject({ kind: z.literal('hang') }),
  z.strictObject({ kind: z.literal('html'), status: z.number().int().min(200).max(599).optional() }),
  z.strictObject({ kind: z.literal('malformed_json') }),
]);

export const faultsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  failure: failureSchema.optional(),
  rate: z.number().min(0).max(1).optional(),
  operations: z.array(z.enum(sandboxOperations)).readonly().optional(),
});

/** The fault configured faults give one request of `operation`, drawing `random` when only a fraction of requests is faulted. */
export function configuredFault(faults: SandboxFaults | undefined, random: () => number, operation: SandboxOperation): Fault | undefined {
  if (!faults || (faults.latencyMs === undefined && faults.failure === undefined)) return undefined;
  if (faults.operations && !faults.operations.includes(operation)) return undefined;
  const rate = faults.rate ?? 1;
  if (rate < 1 && random() >= rate) return undefined;
  return { latencyMs: faults.latencyMs ?? 0, ...(faults.failure ? { failure: faults.failure } : {}) };
}

/** Whether a failure is applied after the order was created rather than instead of processing it. */
export function failsAfterProcessing(failure: SandboxFailure): boolean {
  return failure.kind === 'reset' || failure.kind === 'hang' || failure.kind === 'malformed_json';
}
