import { z } from 'zod';
import { faultsSchema, type SandboxFaults } from './faults.js';
import { magicValuesSchema, type MagicValueOptions } from './magic-values.js';

/** Options every provider's sandbox server takes, besides the provider's own. */
export interface SandboxServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Faults from the start; change them later with `setFaults`. */
  readonly faults?: SandboxFaults;
  /**
   * Whether an order id's prefix (`F503`, `FRST`, ...) injects a fault, and with which parameters;
   * default `true`. Turn it off when real order ids may start with those letters.
   */
  readonly magicValues?: boolean | MagicValueOptions;
  /** Random source in [0, 1) for `faults.rate` (default `Math.random`); see `seededRandom`. */
  readonly random?: () => number;
}

/** Keys of `SandboxServerOptions`, so they can be told apart from the provider's own. */
export const serverOptionKeys = ['port', 'faults', 'magicValues', 'random'] as const;

export const serverOptionsSchema = z.strictObject({
  port: z.number().int().min(0).max(65_535).optional(),
  faults: faultsSchema.optional(),
  magicValues: magicValuesSchema.optional(),
  random: z.custom<() => number>((value) => typeof value === 'function', 'must be a function returning a number in [0, 1)').optional(),
});

/** `startSandbox`'s `host`: the address every server listens on. */
export const hostSchema = z.string().min(1).optional();
