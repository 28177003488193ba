import { err, ok, type Result } from 'neverthrow';
import type { FieldIssue, PayrouteError, PayrouteErrorKind } from '../errors.js';
import { copyCallOptions, readOptions, type OptionCheck, type OptionReader } from '../call-options.js';
import type { Order } from '../order.js';
import { parseOrder } from '../parse-order.js';
import type { CreateOrderOptions, OrderSession, PreparedOrder } from '../port.js';
import { CIRCUIT_OPEN, type ProviderBreaker } from './breaker.js';
import { startDeadline, type Deadline } from './deadline.js';
import { eligibility } from './eligibility.js';
import { emit, type GatewayHooks } from './events.js';
import {
  allProvidersFailed,
  deadlineReached,
  duplicateAfterAmbiguousTry,
  leftInFlight,
  noEligibleProvider,
  ROUTER,
  stopped,
  unknownProviders,
  withHistory,
} from './gateway-errors.js';
import type { GatewayProvider } from './registry.js';
import { OUTRUN, raceDeadline } from './race-deadline.js';
import { createBackoff, moveOn, shouldRetry, type RetrySettings } from './retry-policy.js';
import type { Attempt, RoutingError, SkippedProvider } from './routing-error.js';
import type { Strategy } from './strategies.js';

/** Per-call options of the gateway's `createOrder`. */
export interface GatewayCreateOrderOptions extends CreateOrderOptions {
  /** Try these providers, in this order, instead of the routing strategy's choice. */
  readonly providers?: readonly string[];
}

/** A created order, as a provider returns it, plus what the gateway did before it was created. */
export type GatewaySession = OrderSession & {
  /** Failed tries before the one that created the order (empty when the first try did). */
  readonly attempts: readonly Attempt[];
  /** Providers of the order's list that were passed over. */
  readonly skipped: readonly SkippedProvider[];
};

/** A provider with its circuit breaker. */
export interface RoutedProvider extends GatewayProvider {
  readonly breaker: ProviderBreaker;
}

/** Everything routing needs, built once per gateway. */
export interface Router {
  readonly providers: ReadonlyMap<string, RoutedProvider>;
  readonly strategy: Strategy;
  readonly retry: RetrySettings;
  readonly fallbackOn: ReadonlySet<PayrouteErrorKind>;
  readonly hooks: GatewayHooks;
  readonly random: () => number;
}

/** One order on its way through its providers. */
interface OrderRun {
  readonly router: Router;
  readonly order: Order;
  readonly deadline: Deadline;
  readonly attempts: Attempt[];
  readonly skipped: SkippedProvider[];
}

/** A provider that can take the order, and the order prepared for it. */
interface Candidate {
  readonly entry: RoutedProvider;
  readonly prepared: PreparedOrder;
}

type ProviderOutcome =
  | { readonly kind: 'created'; readonly session: OrderSession }
  | { readonly kind: 'skipped' }
  | {
      readonly kind: 'failed';
      readonly error: PayrouteError;
      readonly next: 'fallback' | 'stop';
      readonly durationMs: number;
      readonly orderMayExist: boolean;
    };

/** Creates one order at the first provider of its list that can take it, with retries and fallbacks. */
export async function routeOrder(router: Router, order: Order, rawOptions: unknown): Promise<Result<GatewaySession, RoutingError>> {
  const read = readOptions(ROUTER, rawOptions, copyGatewayOptions);
  if (read.isErr()) return err(read.error);
  const options = read.value;
  const parsed = parseOrder(ROUTER, order);
  if (parsed.isErr()) return err(parsed.error);
  const { names, listed } = listProviders(router, options.providers ?? router.strategy(parsed.value));
  if (names.length === 0 || listed.length < names.length) {
    return err(unknownProviders(names.filter((name) => !router.providers.has(name)), [...router.providers.keys()]));
  }

  const tryOptions: CreateOrderOptions = options.routingId === undefined ? {} : { routingId: options.routingId };
  const skipped: SkippedProvider[] = [];
  const ineligible: Array<{ provider: string; issues: readonly FieldIssue[] }> = [];
  const eligible: Candidate[] = [];
  for (const entry of listed) {
    const checked = eligibility(entry, parsed.value, tryOptions);
    if (checked.isOk()) {
      eligible.push({ entry, prepared: checked.value });
      continue;
    }
    const issues = checked.error;
    ineligible.push({ provider: entry.name, issues });
    recordSkip(router, skipped, order.orderId, {
      provider: entry.name,
      reason: 'ineligible',
      message: issues.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; '),
    });
  }
  if (eligible.length === 0) return err(noEligibleProvider(ineligible, { attempts: [], skipped }));

  const deadline = startDeadline(router.retry.deadlineMs, options.signal);
  try {
    const run: OrderRun = { router, order, deadline, attempts: [], skipped };
    return await tryInTurn(run, eligible);
  } finally {
    deadline.clear();
  }
}

function copyGatewayOptions(reader: OptionReader): GatewayCreateOrderOptions {
  const options = copyCallOptions(reader);
  const providers = reader.read('providers', providerNames);
  return providers === undefined ? options : { ...options, providers };
}

// A copy, so a list the caller changes while the order runs changes nothing.
const providerNames: OptionCheck<readonly string[]> = (value) =>
  Array.isArray(value) && value.every((name) => typeof name === 'string') ? ok([...(value as string[])]) : err('must be an array of provider names');

/** The order's provider names without repeats, and those the gateway has (a plain loop: `[...new Set()]` and `flatMap` cost more). */
function listProviders(router: Router, chosen: readonly string[]): { names: string[]; listed: RoutedProvider[] } {
  const names: string[] = [];
  const listed: RoutedProvider[] = [];
  for (const name of chosen) {
    if (names.includes(name)) continue;
    names.push(name);
    const entry = router.providers.get(name);
    if (entry) listed.push(entry);
  }
  return { names, listed };
}

async function tryInTurn(run: OrderRun, eligible: readonly Candidate[]): Promise<Result<GatewaySession, RoutingError>> {
  let leaving: { provider: string; outcome: Extract<ProviderOutcome, { kind: 'failed' }> } | undefined;
  for (const [i, candidate] of eligible.entries()) {
    const { entry } = candidate;
    const halt = haltError(run);
    if (halt) return err(halt);
    if (leaving) {
      const { provider, outcome } = leaving;
      emit(run.router.hooks.onFallback, {
        provider,
        next: entry.name,
        orderId: run.order.orderId,
        durationMs: outcome.durationMs,
        errorKind: outcome.error.kind,
        orderMayExist: outcome.orderMayExist,
      });
      leaving = undefined;
    }
    const outcome = await tryProvider(run, candidate, i < eligible.length - 1);
    if (outcome.kind === 'created') return ok({ ...outcome.session, attempts: run.attempts, skipped: run.skipped });
    if (outcome.kind === 'failed') {
      if (outcome.next === 'stop') return err(haltError(run) ?? withHistory(outcome.error, run));
      leaving = { provider: entry.name, outcome };
    }
  }
  return err(haltError(run) ?? allProvidersFailed(run));
}

/** Tries one provider, retrying it as the retry policy allows. */
async function tryProvider(run: OrderRun, candidate: Candidate, hasNext: boolean): Promise<ProviderOutcome> {
  const { router, deadline } = run;
  const { entry } = candidate;
  const nextBackoff = createBackoff(router.retry, router.random);
  const started = Date.now();
  let last: PayrouteError | undefined;
  let orderMayExist = false;
  const give = (error: PayrouteError, next = moveOn(error, router.fallbackOn)): ProviderOutcome => ({
    kind: 'failed',
    error,
    next,
    durationMs: Date.now() - started,
    orderMayExist,
  });

  for (let attempt = 1; ; attempt++) {
    const tryStarted = Date.now();
    const result = await entry.breaker.run(run.order.orderId, () => tryOnce(run, candidate, attempt));
    const durationMs = Date.now() - tryStarted;
    if (result === CIRCUIT_OPEN) {
      // The circuit opened between two tries (other orders' failures): move on with this provider's last error.
      if (last) return give(last);
      recordSkip(router, run.skipped, run.order.orderId, {
        provider: entry.name,
        reason: 'circuit_open',
        message: `the circuit breaker of ${entry.name} is ${entry.breaker.status().replace('_', '-')}`,
      });
      return { kind: 'skipped' };
    }
    const event = { provider: entry.name, orderId: run.order.orderId, attempt, durationMs };
    if (result.isOk()) {
      emit(router.hooks.onAttempt, { ...event, outcome: 'created' });
      return { kind: 'created', session: result.value };
    }

    const error: PayrouteError = result.error.kind === 'duplicate_order' && orderMayExist ? duplicateAfterAmbiguousTry(result.error) : result.error;
    orderMayExist ||= error.orderMayExist === true;
    last = error;
    run.attempts.push({ provider: entry.name, durationMs, error });
    emit(router.hooks.onAttempt, {
      ...event,
      outcome: 'failed',
      errorKind: error.kind,
      ...(error.httpStatus !== undefined && { httpStatus: error.httpStatus }),
      ...(error.orderMayExist !== undefined && { orderMayExist: error.orderMayExist }),
    });

    const retry = { triesLeft: attempt < router.retry.maxAttempts, hasNext, fallbackOn: router.fallbackOn, dedupesOrderId: entry.provider.capabilities.dedupesOrderId };
    if (!shouldRetry(error, retry)) {
      return give(error);
    }
    // Retry-After is honoured as asked, but a wait that would outlast the deadline is not begun.
    const wait = error.retryAfterMs ?? nextBackoff();
    if (wait >= deadline.remainingMs()) return give(error);
    await deadline.wait(wait);
    if (deadline.aborted) return give(error, 'stop');
  }
}

/**
 * One try, with an abort caused by the order's own deadline reported as the timeout it is. Every
 * provider's try ends at the deadline whether it heeds the abort or not; a late answer is reported.
 */
async function tryOnce(run: OrderRun, candidate: Candidate, attempt: number): Promise<Result<OrderSession, PayrouteError>> {
  const { deadline } = run;
  const provider = candidate.entry.name;
  const started = Date.now();
  const raced = await raceDeadline(provider, candidate.prepared, deadline, (late) => reportLateAnswer(run, provider, attempt, started, late));
  const result = raced === OUTRUN ? err(leftInFlight(provider)) : raced;
  return result.mapErr((error) =>
    error.kind === 'aborted' && !deadline.callerAborted() && deadline.expired() ? deadlineReached(error, run.router.retry.deadlineMs) : error,
  );
}

function reportLateAnswer(run: OrderRun, provider: string, attempt: number, started: number, late: Result<OrderSession, PayrouteError>): void {
  // An adapter that ends its try at the abort only confirms it: that is no answer.
  if (late.isErr() && late.error.kind === 'aborted') return;
  const event = { provider, orderId: run.order.orderId, attempt, durationMs: Date.now() - started };
  emit(
    run.router.hooks.onLateAnswer,
    late.isOk()
      ? { ...event, outcome: 'created', createdOrder: true, providerOrderId: late.value.providerOrderId }
      : {
          ...event,
          outcome: 'failed',
          createdOrder: false,
          errorKind: late.error.kind,
          ...(late.error.orderMayExist !== undefined && { orderMayExist: late.error.orderMayExist }),
        },
  );
}

/** The error that ends the order when the caller aborted or the deadline passed; nothing otherwise. */
function haltError(run: OrderRun): RoutingError | undefined {
  const { deadline } = run;
  if (!deadline.callerAborted() && !deadline.expired()) return undefined;
  return stopped(deadline.callerAborted(), run.router.retry.deadlineMs, run);
}

function recordSkip(router: Router, skipped: SkippedProvider[], orderId: string, skip: SkippedProvider): void {
  skipped.push(skip);
  emit(router.hooks.onSkip, { provider: skip.provider, orderId, reason: skip.reason });
}
