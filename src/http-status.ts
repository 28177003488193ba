import type { GatewayErrorKind } from './errors.js';

export interface StatusClass {
  readonly kind: GatewayErrorKind;
  readonly retryable: boolean;
  readonly orderMayExist: boolean;
}

/** What an HTTP status says about a create-order call, before the provider's own code refines it. */
export function classifyStatus(status: number): StatusClass {
  if (status === 401 || status === 403) return { kind: 'authentication', retryable: false, orderMayExist: false };
  if (status === 408) return { kind: 'timeout', retryable: true, orderMayExist: true };
  if (status === 409) return { kind: 'duplicate_order', retryable: false, orderMayExist: true };
  if (status === 429) return { kind: 'rate_limited', retryable: true, orderMayExist: false };
  if (status >= 400 && status < 500) return { kind: 'invalid_request', retryable: false, orderMayExist: false };
  if (status >= 500 && status < 600) return { kind: 'provider_unavailable', retryable: true, orderMayExist: status !== 503 };
  return { kind: 'unexpected_response', retryable: false, orderMayExist: true };
}

/** `Retry-After` (seconds or an HTTP date) in milliseconds, or `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
