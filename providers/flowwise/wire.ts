import { z } from 'zod';
import { lazySchema, onFirstUse } from '../../src/lazy-schema.js';

/** Flowwise's payment method codes (`payment_methods` is a comma-separated list of them). */
export type FlowwisePaymentMethod = 'cc' | 'dc' | 'upi' | 'nb' | 'wallet';

/** The JSON body of `POST /orders` (`CreateOrderRequest` in Flowwise's OpenAPI document). */
export interface FlowwiseOrderRequest {
  order_id: string;
  /** Major units, as a JSON number: 2299.5 for INR 2,299.50. */
  order_amount: number;
  order_currency: string;
  customer_details: {
    customer_id?: string;
    customer_email?: string;
    customer_phone?: string;
    customer_address?: string;
  };
  payment_methods?: string;
  expiry_time_in_minutes?: number;
  order_note?: string;
  order_tags?: Record<string, string>;
  return_base_url?: string;
}

const optionalText = onFirstUse(() => z.string().optional());

/** `CreateOrderResponse`; `checkout_url` and `order_hash` are what make an order usable, so they are required. */
export const flowwiseOrderSchema = lazySchema(() =>
  z.looseObject({
    order_id: z.string().min(1),
    checkout_url: z.string().min(1),
    order_hash: z.string().min(1),
    order_status: z.string().min(1),
    project_id: optionalText(),
    customer_email: optionalText(),
    customer_id: optionalText(),
    order_currency: optionalText(),
    payment_methods: optionalText(),
    order_note: optionalText(),
    order_expiry_time: optionalText(),
    added_on: optionalText(),
  }),
);

/** A Flowwise order as `POST /orders` returns it. */
export type FlowwiseOrder = z.infer<typeof flowwiseOrderSchema>;

/** `ErrorResponse`: `{message, code, type}`. */
export const flowwiseErrorSchema = lazySchema(() =>
  z.looseObject({
    message: z.string(),
    code: z.string(),
    type: z.string(),
  }),
);

export type FlowwiseErrorBody = z.infer<typeof flowwiseErrorSchema>;
