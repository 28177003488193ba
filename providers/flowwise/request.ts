import { err, ok, type Result } from 'neverthrow';
import type { z } from 'zod';
import type { FieldIssue } from '../../src/errors.js';
import { toProviderDecimal } from '../../src/money.js';
import type { Address, PaymentMethod, ValidOrder } from '../../src/order.js';
import { toFieldIssues } from '../../src/validation.js';
import { flowwiseOrderOptionsSchema } from './options.js';
import type { FlowwiseOrderRequest, FlowwisePaymentMethod } from './wire.js';

const METHOD_CODES: Readonly<Record<PaymentMethod, FlowwisePaymentMethod>> = {
  credit_card: 'cc',
  debit_card: 'dc',
  upi: 'upi',
  netbanking: 'nb',
  wallet: 'wallet',
};

/**
 * `order_amount` as a JSON number that prints exactly the order's decimal amount; amounts a double
 * cannot carry exactly (more than 15 significant digits) are refused rather than rounded.
 */
export function toFlowwiseAmount(minor: number, currency: string): Result<number, string> {
  return toProviderDecimal(minor, currency, { maxDecimals: 4, trimZeros: true })
    .mapErr((e) => e.message)
    .andThen((text) => {
      const value = Number(text);
      return String(value) === text ? ok(value) : err(`${text} ${currency} cannot be sent exactly as a JSON number`);
    });
}

/** The canonical order as Flowwise's JSON request, or every field Flowwise would not take. */
export function toFlowwiseRequest(order: ValidOrder): Result<FlowwiseOrderRequest, FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const extra = flowwiseOptions(order, issues);
  const amount = toFlowwiseAmount(order.amount, order.currency);
  if (amount.isErr()) issues.push({ path: 'amount', message: amount.error });
  if (issues.length > 0 || amount.isErr()) return err(issues);

  const customer = order.customer;
  const address = extra.customerAddress ?? (customer?.address && formatAddress(customer.address));
  const tags = { ...order.metadata, ...extra.orderTags };
  const request: FlowwiseOrderRequest = {
    order_id: order.orderId,
    order_amount: amount.value,
    order_currency: order.currency,
    customer_details: {
      ...(customer?.id !== undefined && { customer_id: customer.id }),
      ...(customer?.email !== undefined && { customer_email: customer.email }),
      ...(customer?.phone !== undefined && { customer_phone: customer.phone }),
      ...(address !== undefined && { customer_address: address }),
    },
  };
  if (order.paymentMethods) request.payment_methods = order.paymentMethods.map((m) => METHOD_CODES[m]).join(',');
  if (order.expiresInMinutes !== undefined) request.expiry_time_in_minutes = order.expiresInMinutes;
  if (order.description !== undefined) request.order_note = order.description;
  if (Object.keys(tags).length > 0) request.order_tags = tags;
  if (order.returnUrl !== undefined) request.return_base_url = order.returnUrl;
  return ok(request);
}

/**
 * The order's Flowwise options, parsed; their issues are added to `issues`. Most orders have none
 * (undefined or null), which reads as `{}` and always parses to `{}`: skipping that parse saves a zod
 * run per order.
 */
function flowwiseOptions(order: ValidOrder, issues: FieldIssue[]): z.output<typeof flowwiseOrderOptionsSchema> {
  const given = order.providerOptions?.['flowwise'];
  if (given === undefined || given === null) return {};
  const options = flowwiseOrderOptionsSchema.safeParse(given);
  if (!options.success) issues.push(...toFieldIssues(options.error, 'providerOptions.flowwise'));
  return options.success ? options.data : {};
}

/** One line, as Flowwise's `customer_address` takes it: "123 Connaught Place, New Delhi, Delhi 110001, India". */
export function formatAddress(address: Address): string {
  const cityLine = [address.city, [address.state, address.postalCode].filter(Boolean).join(' ')].filter(Boolean);
  return [address.line1, address.line2, address.line3, ...cityLine, address.country].filter(Boolean).join(', ');
}
