import type { PayrouteErrorKind } from '../errors.js';
import type { SkippedProvider } from './routing-error.js';

// Events carry names, ids, kinds, statuses and durations only: never a credential, a provider's
// message, or customer or card data, so a service can log every field as it is.

/** One try at one provider finished. */
export interface AttemptEvent {
  readonly provider: string;
  readonly orderId: string;
  /** 1 for the first try at this provider, 2 for its first retry, ... */
  readonly attempt: number;
  readonly durationMs: number;
  readonly outcome: 'created' | 'failed';
  readonly errorKind?: PayrouteErrorKind;
  readonly httpStatus?: number;
  /** The failed try may have created the order at this provider. */
  readonly orderMayExist?: boolean;
}

/** A provider in the order's list was passed over without a try. */
export interface SkipEvent {
  readonly provider: string;
  readonly orderId: string;
  readonly reason: SkippedProvider['reason'];
}

/** The gateway gave up on one provider and moves the order to the next in its list. */
export interface FallbackEvent {
  /** The provider given up on. */
  readonly provider: string;
  /** The next provider in the list (it may still be skipped). */
  readonly next: string;
  readonly orderId: string;
  /** Time spent at `provider`, every try and wait included. */
  readonly durationMs: number;
  /** The kind of the last failure at `provider`. */
  readonly errorKind: PayrouteErrorKind;
  /** The order may exist at `provider` too: if both are paid for, one must be refunded. */
  readonly orderMayExist: boolean;
}

/** The state of a provider's circuit breaker. */
export type CircuitStatus = 'closed' | 'open' | 'half_open' | 'isolated';

/** A provider's circuit breaker changed state. */
export interface CircuitChangeEvent {
  readonly provider: string;
  readonly from: CircuitStatus;
  readonly to: CircuitStatus;
  /** The order whose try caused the change. */
  readonly orderId?: string;
  /** The failure that opened the circuit. */
  readonly errorKind?: PayrouteErrorKind;
}

/** Observability hooks. A hook that throws is ignored: it never changes an order's outcome. */
export interface GatewayHooks {
  readonly onAttempt?: (event: AttemptEvent) => void;
  readonly onSkip?: (event: SkipEvent) => void;
  readonly onFallback?: (event: FallbackEvent) => void;
  readonly onCircuitChange?: (event: CircuitChangeEvent) => void;
}

/** Calls a hook, if there is one, shielding the order from whatever it throws. */
export function emit<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return;
  try {
    hook(event);
  } catch {
    // A logger's failure must not fail a payment.
  }
}
