import { z } from 'zod';
import { juspayOrderSchema } from '../juspay/wire.js';

/** The JSON body of `POST /api/v1/{store_id}/storefront/payments/juspay/create-order`. */
export interface CommerceEngineOrderRequest {
  order_number: string;
  return_url: string;
}

/** `{message, success, content: {data}}`, where `data` is the full Juspay order. */
export const commerceEngineEnvelopeSchema = z.looseObject({
  message: z.string().optional(),
  success: z.boolean(),
  content: z.looseObject({ data: juspayOrderSchema }).optional(),
});

/** Commerce Engine's answer, kept whole as the session's `raw`. */
export type CommerceEngineEnvelope = z.infer<typeof commerceEngineEnvelopeSchema>;

/** What a refusal carries: at least a message, sometimes a code. */
export const commerceEngineErrorSchema = z.looseObject({
  message: z.string().optional(),
  success: z.boolean().optional(),
  code: z.union([z.string(), z.number()]).optional(),
  error: z.union([z.string(), z.looseObject({ message: z.string().optional(), code: z.string().optional() })]).optional(),
});

/** `GET /orders/{order_number}/payment-status`: the envelope around the store order's payment summary (every field required). */
export const commerceEnginePaymentStatusSchema = z.looseObject({
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
});

/** Commerce Engine's payment status answer, kept whole as the `raw` of its `getOrder`. */
export type CommerceEnginePaymentStatus = z.infer<typeof commerceEnginePaymentStatusSchema>;
