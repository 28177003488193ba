import { z } from 'zod';
import { currencyExponent } from './currencies.js';
import { onFirstUse } from './lazy-schema.js';
import { withoutReservedKeys } from './record-keys.js';

/** Payment methods payroute can ask a provider to offer, named the same for every provider. */
export const paymentMethods = ['credit_card', 'debit_card', 'upi', 'netbanking', 'wallet'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

// One instance per rule, shared by every field with that rule: zod schemas are immutable.
const line = onFirstUse(() => text(255));
const optionalLine = onFirstUse(() => line().optional());
const optionalShortText = onFirstUse(() => text(32).optional());

/** A postal address, used for the customer's (billing) address and Juspay's shipping address. */
export const addressSchema = onFirstUse(() =>
  z.strictObject({
    firstName: optionalLine(),
    lastName: optionalLine(),
    line1: line(),
    line2: optionalLine(),
    line3: optionalLine(),
    city: optionalLine(),
    state: optionalLine(),
    /** Country name or code as the customer gave it. */
    country: optionalLine(),
    /** ISO 3166-1 alpha-2 code, such as `IN`. */
    countryCode: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as IN').optional(),
    postalCode: optionalShortText(),
    phone: optionalShortText(),
  }),
);

const customerSchema = onFirstUse(() =>
  z.strictObject({
    id: text(128).optional(),
    email: z.email('must be an email address').max(254).optional(),
    phone: z.string().regex(/^\+?[0-9]{6,15}$/, 'must be 6 to 15 digits, optionally after a +').optional(),
    firstName: optionalLine(),
    lastName: optionalLine(),
    address: addressSchema().optional(),
  }),
);

/** An ISO 4217 currency code payroute knows the minor unit of. */
export const currencySchema = onFirstUse(() =>
  z.string().refine((c) => currencyExponent(c) !== undefined, 'must be an ISO 4217 currency code such as INR'),
);

// A NaN cannot carry why toMinorUnits made it, so the message names what can and where the reason is.
const NAN_AMOUNT =
  'is NaN, which toMinorUnits returns for text it cannot convert exactly (more decimal places than the currency has, not a plain decimal such as 100.15, or too large); parseMinorUnits(text, currency) returns the reason';

/**
 * The zod schema of the canonical, provider-neutral order. Its fields are getters, built on the
 * schema's first use.
 */
export const orderSchema = z.strictObject({
  get orderId() {
    return z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, hyphens or underscores');
  },
  get amount() {
    return z
      .number({ error: (issue) => (Number.isNaN(issue.input) ? NAN_AMOUNT : 'must be a number of minor units (use toMinorUnits)') })
      .refine(Number.isSafeInteger, 'must be a whole number of minor units (use toMinorUnits for decimals)')
      .refine((n) => n > 0, 'must be greater than zero');
  },
  get currency() {
    return currencySchema();
  },
  get customer() {
    return customerSchema().optional();
  },
  get returnUrl() {
    return z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional();
  },
  get description() {
    return text(1024).optional();
  },
  get paymentMethods() {
    return z
      .array(z.enum(paymentMethods))
      .min(1, 'must name at least one method, or be left out')
      .refine((m) => new Set(m).size === m.length, 'must not repeat a method')
      .optional();
  },
  get expiresInMinutes() {
    return z.number().int('must be a whole number').min(1).max(525_600).optional();
  },
  get metadata() {
    return withoutReservedKeys(
      z.record(z.string().regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'keys must be 1 to 64 letters, digits or _ : . -'), z.string().max(500)),
    ).optional();
  },
  get providerOptions() {
    return z.record(z.string(), z.unknown()).optional();
  },
});

type Schema = z.input<typeof orderSchema>;

/**
 * A provider-neutral order. `amount` is an integer in the currency's minor unit (paise for INR, yen for
 * JPY, fils for KWD); `providerOptions` carries what only one provider has, under its name.
 */
export type Order = Omit<Schema, 'providerOptions'> & {
  readonly providerOptions?: Readonly<Record<string, unknown>> | undefined;
};
export type Customer = NonNullable<Schema['customer']>;
export type Address = NonNullable<Customer['address']>;

/** The order after validation: trimmed, with every constraint checked. */
export type ValidOrder = z.output<typeof orderSchema>;
