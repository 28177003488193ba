import { z } from 'zod';
import { lazySchema } from '../../src/lazy-schema.js';
import { juspayOrderSchema } from '../juspay/wire.js';

/** The JSON body of `POST /api/v1/{store_id}/storefront/payments/juspay/create-order`; Commerce Engine's own SDK types mark `return_url` optional. */
export interface CommerceEngineOrderRequest {
  order_number: string;
  return_url?: string;
}

/** `{message, success, content: {data}}`, where `data` is the full Juspay order. */
export const commerceEngineEnvelopeSchema = lazySchema(() =>
  z.looseObject({
    message: z.string().optional(),
    success: z.boolean(),
    content: z.looseObject({ data: juspayOrderSchema }).optional(),
  }),
);

/** Commerce Engine's answer, kept whole as the session's `raw`. */
export type CommerceEngineEnvelope = z.infer<typeof commerceEngineEnvelopeSchema>;

/**
 * What a refusal carries: `{message, success, code}` (`code` documented on 400, 401 and 404), sometimes an
 * `error` of any type (the SDK's error type says so). A field of another type is read as absent, so one odd
 * field does not hide the others.
 */
export const commerceEngineErrorSchema = lazySchema(() =>
  z.looseObject({
    message: z.string().optional().catch(undefined),
    success: z.boolean().optional().catch(undefined),
    code: z.union([z.string(), z.number()]).optional().catch(undefined),
    error: z
      .union([z.string(), z.looseObject({ message: z.string().optional().catch(undefined), code: z.string().optional().catch(undefined) })])
      .optional()
      .catch(undefined),
  }),
);

/** `GET /orders/{order_number}/payment-status`: the envelope around the store order's payment summary (every field required). */
export const commerceEnginePaymentStatusSchema = lazySchema(() =>
  z.looseObject({
    message: z.string().optional(),
    success: z.boolean(),
    content: z
      .looseObject({
        status: z.string().min(1),
        amount_paid: z.number(),
        amount_unpaid: z.number(),
        is_retry_available: z.boolean(),
      })
      .optional(),
  }),
);

/** Commerce Engine's payment status answer, kept whole as the `raw` of its `getOrder`. */
export type CommerceEnginePaymentStatus = z.infer<typeof commerceEnginePaymentStatusSchema>;
