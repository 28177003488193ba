import { z } from 'zod';
import { commonOptionsSchema, environmentMessage, environmentRefinement, headerValueSchema, secretSchema } from '../../src/config.js';
import { lazySchema } from '../../src/lazy-schema.js';

/** Juspay's base URLs per environment (from the CRED pay and payv3 documents). */
export const JUSPAY_BASE_URLS = {
  sandbox: 'https://sandbox.juspay.in',
  production: 'https://api.juspay.in',
} as const;

/** The default `version` header: new enough for the full order object with a client auth token (2018-07-01). */
export const JUSPAY_DEFAULT_VERSION = '2023-01-01';

export const juspayOptionsSchema = lazySchema(() =>
  z
    .strictObject({
      ...commonOptionsSchema,
      apiKey: secretSchema('apiKey'),
      merchantId: headerValueSchema('merchantId'),
      version: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date in YYYY-MM-DD form', abort: true })
        .refine((v) => !Number.isNaN(Date.parse(v)), 'must be a real date')
        .optional(),
      variant: z.enum(['standard', 'cred']).optional(),
    })
    .refine(environmentRefinement, environmentMessage),
);

/** Options of `juspay()`. */
export type JuspayOptions = z.input<typeof juspayOptionsSchema>;

/** Juspay's options once checked. */
export type JuspayConfig = z.output<typeof juspayOptionsSchema>;
