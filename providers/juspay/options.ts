import { z } from 'zod';
import { lazySchema, onFirstUse } from '../../src/lazy-schema.js';
import { addressSchema } from '../../src/order.js';
import { withoutReservedKeys } from '../../src/record-keys.js';

const udfText = onFirstUse(() => z.string().max(255, 'must be at most 255 characters'));
// Juspay strips special characters from udf1..udf5; rejecting them beats a silently changed value.
const plainUdf = onFirstUse(() =>
  udfText().regex(/^[A-Za-z0-9 ]*$/, 'Juspay strips special characters from udf1..udf5: use udf6..udf10 for free text'),
);

/** Unix epoch seconds, or a `Date`. */
const epochSeconds = onFirstUse(() => z.union([z.date().transform((d) => Math.floor(d.getTime() / 1000)), z.number().int().min(0)]));

export const mandateFrequencies = [
  'ONETIME', 'DAILY', 'WEEKLY', 'FORTNIGHTLY', 'MONTHLY', 'BIMONTHLY', 'QUARTERLY', 'HALFYEARLY', 'YEARLY', 'ASPRESENTED',
] as const;

/** The `rule_value` range each frequency takes; frequencies not listed take none. */
const RULE_VALUE_RANGE: Partial<Record<(typeof mandateFrequencies)[number], readonly [number, number]>> = {
  WEEKLY: [1, 7],
  FORTNIGHTLY: [1, 16],
  MONTHLY: [1, 31],
  BIMONTHLY: [1, 31],
  QUARTERLY: [1, 31],
  HALFYEARLY: [1, 31],
  YEARLY: [1, 31],
};

const mandateSchema = lazySchema(() =>
  z
    .strictObject({
      /** `options.create_mandate`: REQUIRED shows only mandate-capable instruments; OPTIONAL lets the customer choose. */
      mode: z.enum(['REQUIRED', 'OPTIONAL']),
      /** `mandate.max_amount`, in minor units of the order's currency. */
      maxAmount: z.number().refine(Number.isSafeInteger, 'must be a whole number of minor units').refine((n) => n > 0, 'must be greater than zero').optional(),
      startDate: epochSeconds().optional(),
      endDate: epochSeconds().optional(),
      frequency: z.enum(mandateFrequencies).optional(),
      ruleValue: z.number().int().optional(),
      amountRule: z.enum(['FIXED', 'VARIABLE']).optional(),
      revokableByCustomer: z.boolean().optional(),
      blockFunds: z.boolean().optional(),
    })
    .superRefine((m, ctx) => {
      if (m.amountRule === 'VARIABLE' && m.maxAmount === undefined) {
        ctx.addIssue({ code: 'custom', path: ['maxAmount'], message: 'is required when amountRule is VARIABLE' });
      }
      if (m.startDate !== undefined && m.endDate !== undefined && m.endDate <= m.startDate) {
        ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must be after startDate' });
      }
      if (m.frequency === undefined) {
        if (m.ruleValue !== undefined) ctx.addIssue({ code: 'custom', path: ['ruleValue'], message: 'needs a frequency' });
        return;
      }
      const range = RULE_VALUE_RANGE[m.frequency];
      if (range && m.ruleValue === undefined) {
        ctx.addIssue({ code: 'custom', path: ['ruleValue'], message: `is required for ${m.frequency} (${range[0]} to ${range[1]})` });
      } else if (range && m.ruleValue !== undefined && (m.ruleValue < range[0] || m.ruleValue > range[1])) {
        ctx.addIssue({ code: 'custom', path: ['ruleValue'], message: `must be ${range[0]} to ${range[1]} for ${m.frequency}` });
      } else if (!range && m.ruleValue !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['ruleValue'], message: `is not taken for ${m.frequency}` });
      }
      const oneTime = m.frequency === 'ONETIME';
      if (m.blockFunds !== undefined && m.blockFunds !== oneTime) {
        ctx.addIssue({ code: 'custom', path: ['blockFunds'], message: oneTime ? 'must be true for ONETIME' : 'must be false for recurring mandates' });
      }
      if (!oneTime && m.revokableByCustomer === false) {
        ctx.addIssue({ code: 'custom', path: ['revokableByCustomer'], message: 'must be true for recurring mandates' });
      }
    }),
);

/** What only Juspay takes, under `order.providerOptions.juspay`. */
export const juspayOrderOptionsSchema = lazySchema(() =>
  z.strictObject({
    /** `product_id`. */
    productId: z.string().min(1).optional(),
    /** `gateway_id`: force a backend gateway. */
    gatewayId: z.string().min(1).optional(),
    /** `udf1`..`udf10`; udf1..udf5 take letters, digits and spaces only. */
    udf: z
      .strictObject({
        udf1: plainUdf().optional(), udf2: plainUdf().optional(), udf3: plainUdf().optional(), udf4: plainUdf().optional(), udf5: plainUdf().optional(),
        udf6: udfText().optional(), udf7: udfText().optional(), udf8: udfText().optional(), udf9: udfText().optional(), udf10: udfText().optional(),
      })
      .optional(),
    /** Extra `metadata.<KEY>` fields; they win over the order's own `metadata` on the same key. */
    metadata: withoutReservedKeys(z.record(z.string().min(1), z.string())).optional(),
    /** `metadata.<GATEWAY>:gateway_reference_id`, for merchants with several lines of business: `{ PAYU: 'BUS' }`. */
    gatewayReferenceIds: z.record(z.string().regex(/^[A-Z0-9_]+$/, 'gateway names are upper case, such as PAYU'), z.string().min(1)).optional(),
    /** `metadata.CRED:offers_applied`: whether the customer already applied an offer on the merchant's page. */
    credOffersApplied: z.boolean().optional(),
    /** `options.get_client_auth_token`: return the full order with `juspay.client_auth_token`. */
    getClientAuthToken: z.boolean().optional(),
    /** `shipping_address_*`; the billing address comes from `customer.address`. */
    shippingAddress: addressSchema().optional(),
    /** `basket`: the cart lines, sent as a JSON string. */
    basket: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))).optional(),
    /** `options.create_mandate` and the `mandate.*` fields. */
    mandate: mandateSchema.optional(),
  }),
);

/** What only Juspay takes, under `order.providerOptions.juspay`. */
export type JuspayOrderOptions = z.input<typeof juspayOrderOptionsSchema>;
