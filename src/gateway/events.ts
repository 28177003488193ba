import type { PayrouteErrorKind } from '../errors.js';
import { isThenable } from '../thenable.js';
import type { LedgerOperation } from '../ledger/types.js';
import type { OrderStatus } from '../port.js';
import type { ReconcileOutcome, SkippedProvider } from './routing-error.js';

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
  /**
   * The order may exist at `provider` too (a failure that may have created it, and no look-up that said
   * it did not): if both are paid for, one must be refunded. Such a provider is in the session's `duplicateRisk`.
   */
  readonly orderMayExist: boolean;
}

/**
 * The gateway looked the order up at a provider after a try there may have created it (or answered
 * `duplicate_order`), to learn whether it did before retrying, falling back or answering.
 */
export interface ReconcileEvent {
  readonly provider: string;
  /** The merchant's order id. */
  readonly orderId: string;
  /** The id the provider was asked for: `orderId`, or the one derived from it (`orderIds: 'derive'`). */
  readonly sentOrderId: string;
  /** What the look-up found; see `ReconcileOutcome`. */
  readonly outcome: ReconcileOutcome;
  /** The failure that made the gateway ask (`duplicate_order`, `timeout`, `network`, ...). */
  readonly after: PayrouteErrorKind;
  /** The found order's status, when the look-up found one. */
  readonly status?: OrderStatus;
  /** The look-up's own failure, for `lookup_failed`. */
  readonly errorKind?: PayrouteErrorKind;
  readonly durationMs: number;
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

/**
 * A provider answered a try after the order's deadline (or the caller's abort) had already ended it:
 * the answer was dropped, and the order's result still says the try timed out. `createdOrder` is the
 * one an operator must act on: the provider holds an order the caller was told may exist.
 */
export interface LateAnswerEvent {
  readonly provider: string;
  readonly orderId: string;
  /** The try the answer belongs to (1 for the first at this provider). */
  readonly attempt: number;
  /** From the start of the try to the late answer. */
  readonly durationMs: number;
  readonly outcome: 'created' | 'failed';
  /** The provider created the order (`outcome: 'created'`). */
  readonly createdOrder: boolean;
  /** The provider's order id, when it created the order. */
  readonly providerOrderId?: string;
  readonly errorKind?: PayrouteErrorKind;
  /** The failed answer says the order may exist all the same. */
  readonly orderMayExist?: boolean;
}

/**
 * A ledger call failed, or was refused because another call took the order over (`stale_owner`), and
 * what the gateway did about it: `refused`, the call ended with `ledger_unavailable` or `in_progress`
 * and sent nothing more; `proceeded`, it went on without the guarantee (`onLedgerError: 'proceed'`),
 * flagging its session `unprotected`; `unrecorded`, the order's outcome was returned but not recorded
 * (a session so returned is flagged `unprotected`: a later call may not find it in the ledger).
 */
export interface LedgerErrorEvent {
  readonly orderId: string;
  readonly operation: LedgerOperation;
  readonly reason: 'ledger_unavailable' | 'stale_owner';
  readonly action: 'refused' | 'proceeded' | 'unrecorded';
}

/**
 * Observability hooks; each may be an `async` function. A hook that throws, or returns a promise that
 * rejects, is ignored, and a promise it returns is not waited for: a hook never changes or delays an
 * order's outcome.
 */
export interface GatewayHooks {
  readonly onAttempt?: (event: AttemptEvent) => void;
  readonly onSkip?: (event: SkipEvent) => void;
  readonly onFallback?: (event: FallbackEvent) => void;
  readonly onCircuitChange?: (event: CircuitChangeEvent) => void;
  readonly onLateAnswer?: (event: LateAnswerEvent) => void;
  readonly onReconcile?: (event: ReconcileEvent) => void;
  readonly onLedgerError?: (event: LedgerErrorEvent) => void;
}

/** Calls a hook, if there is one, shielding the order from whatever it throws or rejects with. */
export function emit<E>(hook: ((event: E) => unknown) | undefined, event: E): void {
  if (!hook) return;
  try {
    const returned = hook(event);
    // A logger's failure must not fail a payment, nor end the process as an unhandled rejection.
    if (isThenable(returned)) returned.then(undefined, ignore);
  } catch {
    // As above, for a hook that throws.
  }
}

const ignore = () => undefined;
