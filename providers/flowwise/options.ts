import { z } from 'zod';
import { lazySchema } from '../../src/lazy-schema.js';
import { withoutReservedKeys } from '../../src/record-keys.js';

/** What only Flowwise takes, under `order.providerOptions.flowwise`. */
export const flowwiseOrderOptionsSchema = lazySchema(() =>
  z.strictObject({
    /** Extra `order_tags`; they win over the order's own `metadata` on the same key. */
    orderTags: withoutReservedKeys(z.record(z.string().min(1), z.string())).optional(),
    /** `customer_details.customer_address` as one line; by default it is built from `customer.address`. */
    customerAddress: z.string().min(1).optional(),
  }),
);

/** What only Flowwise takes, under `order.providerOptions.flowwise`. */
export type FlowwiseOrderOptions = z.input<typeof flowwiseOrderOptionsSchema>;
