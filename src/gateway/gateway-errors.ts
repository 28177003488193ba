import { payrouteError, type FieldIssue, type PayrouteError } from '../errors.js';
import type { Attempt, RoutingError, SkippedProvider } from './routing-error.js';

/** The `provider` of the gateway's own errors. */
export const ROUTER = 'payroute';

/** What the gateway has done for one order so far. */
export interface History {
  readonly attempts: readonly Attempt[];
  readonly skipped: readonly SkippedProvider[];
}

// A try whose look-up found no order created none.
const mayExist = (history: History) => history.attempts.some((a) => a.error.orderMayExist === true && a.reconciliation !== 'not_found');

/** An error with the order's attempts and skipped providers attached. */
export function withHistory(error: PayrouteError, history: History): RoutingError {
  return payrouteError<RoutingError>({
    ...error,
    orderMayExist: mayExist(history) ? true : error.orderMayExist,
    attempts: history.attempts.length > 0 ? history.attempts : undefined,
    skipped: history.skipped.length > 0 ? history.skipped : undefined,
  });
}

/** Every provider of the order's list failed or was skipped: `attempts` and `skipped` always there, empty or not. */
export function allProvidersFailed(history: History): RoutingError<'all_providers_failed'> & Required<History> {
  const tried = history.attempts.map((a) => `${a.provider}: ${a.error.kind}${a.error.httpStatus ? ` (HTTP ${a.error.httpStatus})` : ''}`);
  const skipped = history.skipped.map((s) => `${s.provider}: skipped (${s.reason})`);
  return payrouteError<RoutingError<'all_providers_failed'> & Required<History>>({
    kind: 'all_providers_failed',
    provider: ROUTER,
    retryable: history.attempts.some((a) => a.error.retryable) || history.skipped.some((s) => s.reason === 'circuit_open'),
    message: `every provider failed: ${[...tried, ...skipped].join('; ')}`,
    orderMayExist: mayExist(history) ? true : undefined,
    attempts: history.attempts,
    skipped: history.skipped,
  });
}

/** No provider of the order's list can take it; each one's reasons are in `fields`, prefixed by its name. */
export function noEligibleProvider(reasons: ReadonlyArray<{ provider: string; issues: readonly FieldIssue[] }>, history: History): RoutingError {
  const fields = reasons.flatMap(({ provider, issues }) => issues.map((f) => ({ path: f.path, message: `${provider}: ${f.message}` })));
  return withHistory(
    payrouteError({
      kind: 'validation',
      provider: ROUTER,
      retryable: false,
      message: `no provider can take this order: ${fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ')}`,
      fields,
    }),
    history,
  );
}

/** The per-call `providers` list names providers that are not configured. */
export function unknownProviders(names: readonly string[], known: readonly string[]): PayrouteError {
  const message = names.length === 0 ? 'must name at least one provider' : `names unknown providers ${names.join(', ')} (configured: ${known.join(', ')})`;
  return payrouteError({
    kind: 'validation',
    provider: ROUTER,
    retryable: false,
    message: `options.providers ${message}`,
    fields: [{ path: 'options.providers', message }],
  });
}

/**
 * A `duplicate_order` on a retry after a try that timed out or lost its connection: that first try
 * most probably created the order, so say so, and point at looking it up rather than creating it again.
 */
export function duplicateAfterAmbiguousTry(error: PayrouteError): PayrouteError {
  return payrouteError({
    ...error,
    orderMayExist: true,
    message:
      `${error.provider} already has this order id: the earlier try that got no clear answer probably created it. ` +
      `Look the order up at ${error.provider} instead of creating it again (${error.message})`,
  });
}

/**
 * A failure after which the order may exist at its provider, whose look-up failed too, under
 * `ambiguous: 'fail'`: the order ends here rather than risk a second payable order elsewhere. Sending
 * the same order again later is safe: the gateway then finds the order, or creates it.
 */
export function unresolvedAmbiguity(error: PayrouteError, lookupError: PayrouteError | undefined): PayrouteError {
  const lookup = lookupError ? ` (${lookupError.kind}${lookupError.httpStatus ? `, HTTP ${lookupError.httpStatus}` : ''})` : '';
  return payrouteError({
    ...error,
    orderMayExist: true,
    retryable: true,
    message:
      `${error.provider} may have created the order and could not be asked whether it did: its look-up failed too${lookup}. ` +
      `Not falling back, so that no second payable order is created elsewhere; send the same order again later (${error.message})`,
  });
}

/** A failure at a provider whose look-up found the order but gave no link to pay it: no fallback, the order is there. */
export function heldWithoutLink(error: PayrouteError): PayrouteError {
  return payrouteError({
    ...error,
    orderMayExist: true,
    message:
      `${error.provider} holds this order (its look-up found it) but gave no checkout link; not falling back, since the order exists there. ` +
      `Send the same order again later, or look it up with getOrder (${error.message})`,
  });
}

/**
 * A try the gateway stopped waiting for at the deadline or the caller's abort, as the transport reports
 * an abort mid-flight: the request went out, so the order may exist.
 */
export function leftInFlight(provider: string): PayrouteError {
  return payrouteError({
    kind: 'aborted',
    provider,
    retryable: false,
    orderMayExist: true,
    message: `the order was stopped while waiting for ${provider}`,
  });
}

/** A try cut short because the order's time budget ran out. */
export function deadlineReached(aborted: PayrouteError, deadlineMs: number): PayrouteError {
  return payrouteError({
    kind: 'timeout',
    provider: aborted.provider,
    retryable: false,
    orderMayExist: aborted.orderMayExist,
    message: `the order's deadline of ${deadlineMs} ms passed while waiting for ${aborted.provider}`,
  });
}

/** The order stopped between tries: the caller aborted or the time budget ran out. */
export function stopped(callerAborted: boolean, deadlineMs: number, history: History): RoutingError {
  return withHistory(
    payrouteError({
      kind: callerAborted ? 'aborted' : 'timeout',
      provider: ROUTER,
      retryable: false,
      message: callerAborted ? 'the caller aborted the order' : `the order's deadline of ${deadlineMs} ms passed`,
    }),
    history,
  );
}
