import { err, ok, type Result } from 'neverthrow';
import type { z } from 'zod';
import { hasIpHost } from '../../src/config.js';
import { currencyExponent } from '../../src/currencies.js';
import type { FieldIssue } from '../../src/errors.js';
import { toProviderDecimal } from '../../src/money.js';
import type { Address, ValidOrder } from '../../src/order.js';
import { toFieldIssues } from '../../src/validation.js';
import { juspayOrderOptionsSchema } from './options.js';
import type { JuspayOrderRequest } from './wire.js';

export type JuspayVariant = 'standard' | 'cred';

/** `order_id` must be shorter than 21 characters, or than 18 in the CRED pay variant. */
export const JUSPAY_MAX_ORDER_ID = { standard: 20, cred: 17 } as const;

const OPTIONS_PATH = 'providerOptions.juspay';

/**
 * The canonical order as Juspay's flat form fields, or every field Juspay would reject. Pure: the same
 * order always gives the same fields in the same order, which the nock tests pin byte for byte.
 */
export function toJuspayRequest(
  order: ValidOrder,
  variant: JuspayVariant,
  routingId?: string,
): Result<JuspayOrderRequest, FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const fields: Array<readonly [string, string]> = [];
  const put = (name: string, value: string | number | boolean | undefined) => {
    if (value !== undefined) fields.push([name, String(value)]);
  };
  const amount = (minor: number, path: string) =>
    toProviderDecimal(minor, order.currency, { maxDecimals: 2, trimZeros: false }).match(
      (text) => text,
      (e) => void issues.push({ path, message: e.message }),
    );

  const extra = juspayOptions(order, issues);

  const maxId = JUSPAY_MAX_ORDER_ID[variant];
  if (order.orderId.length > maxId) {
    issues.push({ path: 'orderId', message: `Juspay${variant === 'cred' ? ' CRED pay' : ''} takes at most ${maxId} characters` });
  }
  if (variant === 'cred' && routingId === undefined) {
    issues.push({ path: 'routingId', message: 'Juspay CRED pay requires x-routing-id: pass { routingId } to createOrder' });
  }
  issues.push(...routingIdIssues(routingId));
  const oneMajorUnit = 10 ** (currencyExponent(order.currency) ?? 0);
  if (order.amount < oneMajorUnit) issues.push({ path: 'amount', message: `Juspay's minimum is 1 ${order.currency}` });
  if (order.returnUrl !== undefined) issues.push(...returnUrlIssues(order.returnUrl));

  put('order_id', order.orderId);
  put('amount', amount(order.amount, 'amount'));
  put('currency', order.currency);
  const customer = order.customer;
  put('customer_id', customer?.id);
  put('customer_email', customer?.email);
  put('customer_phone', customer?.phone);
  put('first_name', customer?.firstName);
  put('last_name', customer?.lastName);
  put('return_url', order.returnUrl);
  put('description', order.description);
  put('product_id', extra.productId);
  put('gateway_id', extra.gatewayId);
  if (extra.udf) for (let i = 1; i <= 10; i++) put(`udf${i}`, extra.udf[`udf${i}` as keyof typeof extra.udf]);
  putAddress(put, 'billing_address', customer?.address);
  putAddress(put, 'shipping_address', extra.shippingAddress);
  if (extra.basket !== undefined) put('basket', JSON.stringify(extra.basket));

  const metadata = new Map(Object.entries(order.metadata ?? {}));
  for (const [gateway, reference] of Object.entries(extra.gatewayReferenceIds ?? {})) {
    metadata.set(`${gateway}:gateway_reference_id`, reference);
  }
  if (extra.credOffersApplied !== undefined) metadata.set('CRED:offers_applied', String(extra.credOffersApplied));
  for (const [key, value] of Object.entries(extra.metadata ?? {})) metadata.set(key, value);
  for (const [key, value] of metadata) put(`metadata.${key}`, value);

  if (extra.getClientAuthToken) put('options.get_client_auth_token', true);
  const mandate = extra.mandate;
  if (mandate) {
    put('options.create_mandate', mandate.mode);
    if (mandate.maxAmount !== undefined) put('mandate.max_amount', amount(mandate.maxAmount, `${OPTIONS_PATH}.mandate.maxAmount`));
    put('mandate.start_date', mandate.startDate);
    put('mandate.end_date', mandate.endDate);
    put('mandate.frequency', mandate.frequency);
    put('mandate.rule_value', mandate.ruleValue);
    put('mandate.amount_rule', mandate.amountRule);
    put('mandate.revokable_by_customer', mandate.revokableByCustomer);
    put('mandate.block_funds', mandate.blockFunds);
  }
  return issues.length > 0 ? err(issues) : ok(fields);
}

/** `x-routing-id` goes into a header: 1 to 128 visible ASCII characters, or none. */
export function routingIdIssues(routingId: string | undefined): FieldIssue[] {
  return routingId === undefined || /^[\x21-\x7e]{1,128}$/.test(routingId)
    ? []
    : [{ path: 'routingId', message: 'must be 1 to 128 visible ASCII characters' }];
}

/**
 * The order's Juspay options, parsed; their issues are added to `issues`. Most orders have none
 * (undefined or null), which reads as `{}` and always parses to `{}`: skipping that parse saves a zod
 * run per order.
 */
function juspayOptions(order: ValidOrder, issues: FieldIssue[]): z.output<typeof juspayOrderOptionsSchema> {
  const given = order.providerOptions?.['juspay'];
  if (given === undefined || given === null) return {};
  const options = juspayOrderOptionsSchema.safeParse(given);
  if (!options.success) issues.push(...toFieldIssues(options.error, OPTIONS_PATH));
  return options.success ? options.data : {};
}

/** Juspay's `return_url` rules: no query string, no fragment, no IP address host. */
function returnUrlIssues(returnUrl: string): FieldIssue[] {
  const url = new URL(returnUrl);
  const problems = [
    url.search ? 'must not have a query string' : '',
    url.hash ? 'must not have a # fragment' : '',
    hasIpHost(url) ? 'must not use an IP address as host' : '',
  ].filter(Boolean);
  return problems.map((message) => ({ path: 'returnUrl', message: `Juspay: ${message}` }));
}

const ADDRESS_FIELDS: ReadonlyArray<readonly [keyof Address, string]> = [
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['line1', 'line1'],
  ['line2', 'line2'],
  ['line3', 'line3'],
  ['city', 'city'],
  ['state', 'state'],
  ['country', 'country'],
  ['postalCode', 'postal_code'],
  ['phone', 'phone'],
  ['countryCode', 'country_code_iso'],
];

function putAddress(put: (name: string, value: string | undefined) => void, prefix: string, address: Address | undefined) {
  if (!address) return;
  for (const [from, to] of ADDRESS_FIELDS) put(`${prefix}_${to}`, address[from]);
}

/** Form fields as `application/x-www-form-urlencoded` text. */
export function encodeForm(fields: JuspayOrderRequest): string {
  return new URLSearchParams(fields as Array<[string, string]>).toString();
}
