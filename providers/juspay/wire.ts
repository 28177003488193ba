import { z } from 'zod';
import { lazySchema, onFirstUse } from '../../src/lazy-schema.js';

/** The form fields of `POST /orders`, flat with dotted keys, in the order they are sent. */
export type JuspayOrderRequest = ReadonlyArray<readonly [field: string, value: string]>;

const optionalText = onFirstUse(() => z.string().optional());

/**
 * A Juspay order as `POST /orders` returns it: the short form (`status`, `status_id`, `id`, `order_id`,
 * `payment_links`) or the full order object when a client auth token was asked for. Unknown fields are kept.
 */
export const juspayOrderSchema = lazySchema(() =>
  z.looseObject({
    id: z.string().min(1),
    order_id: z.string().min(1),
    status: z.string().min(1),
    // Commerce Engine's copy of the order sends status_id as a string.
    status_id: z.union([z.number(), z.string()]).optional(),
    payment_links: z.looseObject({
      web: z.string().min(1),
      mobile: optionalText(),
      iframe: optionalText(),
    }),
    juspay: z
      .looseObject({
        client_auth_token: z.string().min(1),
        client_auth_token_expiry: optionalText(),
      })
      .optional(),
    merchant_id: optionalText(),
    amount: z.union([z.number(), z.string()]).optional(),
    currency: optionalText(),
    date_created: optionalText(),
    customer_id: optionalText(),
    customer_email: optionalText(),
    customer_phone: optionalText(),
    product_id: optionalText(),
    return_url: optionalText(),
    refunded: z.boolean().optional(),
    amount_refunded: z.union([z.number(), z.string()]).optional(),
  }),
);

/** A Juspay order as the create-order response carries it. */
export type JuspayOrder = z.infer<typeof juspayOrderSchema>;

/** Juspay's error bodies, old and new: `{status, error_code, error_message, error_info?}`. */
export const juspayErrorSchema = lazySchema(() =>
  z.looseObject({
    status: optionalText(),
    error_code: optionalText(),
    error_message: optionalText(),
    error_info: z
      .looseObject({
        user_message: optionalText(),
        developer_message: optionalText(),
        code: optionalText(),
        category: optionalText(),
        fields: z.array(z.looseObject({ field_name: z.string(), reason: z.string() })).optional(),
      })
      .optional(),
  }),
);

export type JuspayErrorBody = z.infer<typeof juspayErrorSchema>;

const nullableText = onFirstUse(() => z.string().nullish());
const money = onFirstUse(() => z.union([z.number(), z.string()]));

/**
 * Juspay's answer to `GET /orders/{order_id}`: the order object (juspay-order-status.md §3). Only the
 * fields a checkout reads are declared, none strictly: Juspay adds keys over time, and fields a sample
 * shows as `null` may be `null`. Unknown fields are kept.
 */
export const juspayOrderStatusSchema = lazySchema(() =>
  z.looseObject({
    order_id: z.string().min(1),
    status: z.string().min(1),
    id: optionalText(),
    status_id: z.union([z.number(), z.string()]).optional(),
    merchant_id: optionalText(),
    amount: money().optional(),
    effective_amount: money().optional(),
    currency: optionalText(),
    amount_refunded: money().optional(),
    refunded: z.boolean().optional(),
    date_created: optionalText(),
    customer_id: nullableText(),
    customer_email: nullableText(),
    customer_phone: nullableText(),
    return_url: nullableText(),
    product_id: nullableText(),
    payment_links: z.looseObject({ web: optionalText(), mobile: optionalText(), iframe: optionalText() }).optional(),
    txn_id: optionalText(),
    txn_uuid: optionalText(),
    payment_method_type: nullableText(),
    payment_method: nullableText(),
    bank_error_code: nullableText(),
    bank_error_message: nullableText(),
    txn_detail: z
      .looseObject({
        txn_id: optionalText(),
        status: optionalText(),
        txn_amount: money().optional(),
        currency: optionalText(),
        error_code: nullableText(),
        error_message: nullableText(),
        created: optionalText(),
      })
      .optional(),
    refunds: z.array(z.looseObject({})).optional(),
  }),
);

/** A Juspay order as its Order Status API returns it: the `raw` of Juspay's `getOrder`. */
export type JuspayOrderStatus = z.infer<typeof juspayOrderStatusSchema>;

/** Juspay's "no such order" body (400 today, also seen in a 200): `{status: "NOT_FOUND", status_id: 40, order_id, error_info?}`. */
export const juspayNotFoundSchema = lazySchema(() =>
  z.looseObject({
    status: optionalText(),
    status_id: z.union([z.number(), z.string()]).optional(),
    error_info: z.looseObject({ user_message: optionalText(), code: optionalText() }).optional(),
  }),
);
