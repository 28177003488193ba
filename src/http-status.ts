import { errorPolicy } from './error-policy.js';
import type { PayrouteErrorKind } from './errors.js';

export interface StatusClass {
  readonly kind: PayrouteErrorKind;
  readonly retryable: boolean;
  readonly orderMayExist: boolean;
}

const statusClass = (kind: PayrouteErrorKind, orderMayExist: boolean): StatusClass => ({ kind, retryable: errorPolicy[kind].retryable === true, orderMayExist });

/** What an HTTP status says about a create-order call, before the provider's own code refines it. */
export function classifyStatus(status: number): StatusClass {
  if (status === 401 || status === 403) return statusClass('authentication', false);
  if (status === 408) return statusClass('timeout', true);
  if (status === 409) return statusClass('duplicate_order', true);
  if (status === 429) return statusClass('rate_limited', false);
  if (status >= 400 && status < 500) return statusClass('invalid_request', false);
  if (status >= 500 && status < 600) return statusClass('provider_unavailable', status !== 503);
  return statusClass('unexpected_response', true);
}

/** `Retry-After` (seconds or an HTTP date) in milliseconds, or `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
