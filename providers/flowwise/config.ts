import { z } from 'zod';
import { commonOptionsSchema, environmentMessage, environmentRefinement, headerValueSchema, secretSchema } from '../../src/config.js';
import { lazySchema } from '../../src/lazy-schema.js';

/** Flowwise's base URLs per environment (the `servers` of its OpenAPI document). */
export const FLOWWISE_BASE_URLS = {
  sandbox: 'https://sandbox.flowwise.com/router',
  production: 'https://app.flowwise.com/router',
} as const;

export const flowwiseOptionsSchema = lazySchema(() =>
  z
    .strictObject({
      ...commonOptionsSchema,
      clientId: headerValueSchema('clientId'),
      clientSecret: secretSchema('clientSecret'),
    })
    .refine(environmentRefinement, environmentMessage),
);

/** Options of `flowwise()`. */
export type FlowwiseOptions = z.input<typeof flowwiseOptionsSchema>;

/** Flowwise's options once checked. */
export type FlowwiseConfig = z.output<typeof flowwiseOptionsSchema>;
