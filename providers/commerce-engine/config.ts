import { z } from 'zod';
import { commonOptionsSchema, environmentMessage, environmentRefinement, secretSchema } from '../../src/config.js';
import { lazySchema } from '../../src/lazy-schema.js';

/** Commerce Engine's API hosts: `sandbox` is its staging environment. */
export const COMMERCE_ENGINE_BASE_URLS = {
  sandbox: 'https://staging.api.commercengine.io',
  production: 'https://prod.api.commercengine.io',
} as const;

/** A store id, the `{store_id}` of the path. */
export const storeIdSchema = lazySchema(() => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, hyphens or underscores'));

export const commerceEngineOptionsSchema = lazySchema(() =>
  z
    .strictObject({
      ...commonOptionsSchema,
      storeId: storeIdSchema,
      accessToken: secretSchema('accessToken'),
    })
    .refine(environmentRefinement, environmentMessage),
);

/** Options of `commerceEngine()`. */
export type CommerceEngineOptions = z.input<typeof commerceEngineOptionsSchema>;

/** Commerce Engine's options once checked. */
export type CommerceEngineConfig = z.output<typeof commerceEngineOptionsSchema>;
