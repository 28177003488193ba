import type { FieldIssue } from '../errors.js';
import { toMajorUnits } from '../money.js';
import type { ValidOrder } from '../order.js';
import type { DeclaredCapabilities } from './definition.js';

/** What the order breaks of the limits a provider declares, in the provider's name (`Juspay takes at most 20 characters`). */
export function limitIssues(order: ValidOrder, capabilities: DeclaredCapabilities, displayName: string): readonly FieldIssue[] {
  const { maxOrderIdLength, amount } = capabilities;
  const longId = maxOrderIdLength !== undefined && order.orderId.length > maxOrderIdLength;
  const below = amount?.min !== undefined && order.amount < amount.min;
  const above = amount?.max !== undefined && order.amount > amount.max;
  // Most orders break none: no array, no closure.
  if (!longId && !below && !above) return NONE;
  const major = (minor: number) => `${toMajorUnits(minor, order.currency).unwrapOr(String(minor))} ${order.currency}`;
  const issues: FieldIssue[] = [];
  if (longId) issues.push({ path: 'orderId', message: `${displayName} takes at most ${maxOrderIdLength} characters` });
  if (below) issues.push({ path: 'amount', message: `${displayName}'s minimum is ${major(amount.min ?? 0)}` });
  if (above) issues.push({ path: 'amount', message: `${displayName}'s maximum is ${major(amount.max ?? 0)}` });
  return issues;
}

const NONE: readonly FieldIssue[] = [];
