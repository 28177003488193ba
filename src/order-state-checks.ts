import { isLoopbackUrl } from './loopback.js';
import { toMajorUnits } from './money.js';
import type { ExpectedAmount, OrderState } from './order-state.js';

/** What a looked-up order must agree with. */
export interface StateExpectation {
  /** The order id that was asked for. */
  readonly orderId: string;
  /** Whether the provider treats order ids without regard to case (Juspay does). */
  readonly orderIdsIgnoreCase: boolean;
  readonly expected?: ExpectedAmount | undefined;
  /** The base URL the answer came from: plain `http` links pass only when it is loopback (the sandbox, tests). */
  readonly baseUrl: string;
}

/**
 * Why a provider's answer about an order cannot be trusted, or `undefined` when it can: an order id
 * other than the one asked for, an amount or currency other than the expected one (where both are
 * known), or a checkout link that is not https. The same rules as for a create answer.
 */
export function orderStateMismatch(state: OrderState, expectation: StateExpectation): string | undefined {
  const same = expectation.orderIdsIgnoreCase
    ? state.orderId.toLowerCase() === expectation.orderId.toLowerCase()
    : state.orderId === expectation.orderId;
  if (!same) return `the order "${state.orderId}" instead of "${expectation.orderId}"`;
  const expected = expectation.expected;
  if (expected && state.currency !== undefined && state.currency !== expected.currency) {
    return `an order in ${state.currency}, not the expected ${expected.currency}`;
  }
  if (expected && state.amount !== undefined && state.amount !== expected.amount) {
    const major = (minor: number) => toMajorUnits(minor, expected.currency).unwrapOr(`${minor} minor units`);
    return `an order for ${major(state.amount)} ${expected.currency}, not the expected ${major(expected.amount)}`;
  }
  const httpAllowed = isLoopbackUrl(new URL(expectation.baseUrl));
  const links = [state.checkoutUrl, state.links.web, state.links.mobile, state.links.iframe];
  const bad = links.find((link) => link !== undefined && !isSafeLink(link, httpAllowed));
  return bad === undefined ? undefined : `a checkout link that is not https (${bad})`;
}

function isSafeLink(link: string, httpAllowed: boolean): boolean {
  if (!URL.canParse(link)) return false;
  const { protocol } = new URL(link);
  return protocol === 'https:' || (httpAllowed && protocol === 'http:');
}
