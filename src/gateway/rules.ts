import type { ValidOrder } from '../order.js';
import type { ParsedRule } from './config-schema.js';

type Condition = ParsedRule['when'];

/** Whether every condition of a rule holds for the order; a rule without conditions matches every order. */
export function matchesRule(when: Condition, order: ValidOrder): boolean {
  const { currency, amount, paymentMethod, customerId, metadata } = when;
  if (currency && !currency.includes(order.currency)) return false;
  if (amount && ((amount.min !== undefined && order.amount < amount.min) || (amount.max !== undefined && order.amount > amount.max))) {
    return false;
  }
  if (paymentMethod && !order.paymentMethods?.some((method) => paymentMethod.includes(method))) return false;
  if (customerId && (order.customer?.id === undefined || !customerId.includes(order.customer.id))) return false;
  if (metadata) {
    for (const [key, values] of Object.entries(metadata)) {
      const value = order.metadata?.[key];
      if (value === undefined || !values.includes(value)) return false;
    }
  }
  return true;
}
