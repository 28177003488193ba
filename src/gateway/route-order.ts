import { err, ok, type Result } from 'neverthrow';
import type { FieldIssue, PayrouteError, PayrouteErrorKind } from '../errors.js';
import { copyCallOptions, readOptions, type OptionCheck, type OptionReader } from '../call-options.js';
import type { Order } from '../order.js';
import { parseOrder } from '../parse-order.js';
import type { CreateOrderOptions, OrderSession, PreparedOrder } from '../port.js';
import { CIRCUIT_OPEN, type ProviderBreaker } from './breaker.js';
import { startDeadline, type Deadline } from './deadline.js';
import type { AmbiguousPolicy } from './config-schema.js';
import { eligibility } from './eligibility.js';
import { emit, type GatewayHooks } from './events.js';
import {
  allProvidersFailed,
  heldWithoutLink,
  deadlineReached,
  duplicateAfterAmbiguousTry,
  leftInFlight,
  noEligibleProvider,
  ROUTER,
  stopped,
  unknownProviders,
  unresolvedAmbiguity,
  withHistory,
} from './gateway-errors.js';
import { extend } from '../extend.js';
import { deriveOrderId } from './provider-order-id.js';
import { canLookUp, endsOrder, reconcileReported, type Reconciled } from './reconcile.js';
import type { GatewayProvider } from './registry.js';
import { OUTRUN, raceDeadline } from './race-deadline.js';
import { createBackoff, moveOn, shouldRetry, type RetrySettings } from './retry-policy.js';
import type { Attempt, RoutingError, SkippedProvider } from './routing-error.js';
import type { Strategy } from './strategies.js';

/** Per-call options of the gateway's `createOrder`. */
export interface GatewayCreateOrderOptions<Name extends string = string> extends CreateOrderOptions {
  /** Try these providers (entry keys), in this order, instead of the routing strategy's choice. */
  readonly providers?: readonly Name[];
}

/**
 * A created order, as a provider returns it, plus what the gateway did before it was created. A gateway
 * of typed entries returns a union of these, one per entry, so `provider` or `providerType` narrows `raw`.
 */
export type GatewaySession<Raw = unknown, Type extends string = string, Name extends string = string> = OrderSession<Raw> & {
  /** The entry key of the provider that created the order. */
  readonly provider: Name;
  /** The entry's `type`: which provider created the order (`juspay`, `flowwise`, ...). */
  readonly providerType: Type;
  /** Failed tries before the one that created the order (empty when the first try did). */
  readonly attempts: readonly Attempt[];
  /** Providers of the order's list that were passed over. */
  readonly skipped: readonly SkippedProvider[];
  /**
   * The order id the provider holds the order under: `orderId` itself, or the id derived from it for a
   * provider entry with `orderIds: 'derive'`. Look the order up at the provider directly by this one.
   */
  readonly sentOrderId: string;
  /**
   * Providers the gateway fell back from although the order may exist there (a failure that may have
   * created it, and no look-up that said it did not): if the customer pays at two, refund one. Empty
   * when no second payable order can exist.
   */
  readonly duplicateRisk: readonly string[];
  /** Set when a try that failed had in fact created the order, found by looking it up: this is that order. */
  readonly reconciled?: true;
  /**
   * Set when an earlier call created this order: the ledger's stored session, the provider answering
   * `duplicate_order` for the same amount and currency, or a look-up at a provider an earlier call tried.
   */
  readonly replayed?: true;
  /**
   * Set when this call could not use the order ledger (it was unavailable, with `onLedgerError:
   * 'proceed'`, or failed to record the created session): no guarantee of one checkout per order id.
   */
  readonly unprotected?: true;
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
  /** Whether to fall back when an order may exist at a provider whose look-up failed. */
  readonly ambiguous: AmbiguousPolicy;
}

/** One order on its way through its providers. */
interface OrderRun {
  readonly router: Router;
  readonly order: Order;
  readonly deadline: Deadline;
  readonly attempts: Attempt[];
  readonly skipped: SkippedProvider[];
  readonly duplicateRisk: string[];
  readonly routingId: string | undefined;
  readonly guard: SendGuard | undefined;
}

/** A provider that can take the order, and the order prepared for it. */
export interface Candidate {
  readonly entry: RoutedProvider;
  /** The order id this provider is sent and asked for: the merchant's, or the one derived from it. */
  readonly sentOrderId: string;
  readonly prepared: PreparedOrder;
}

/**
 * What a provider's failed tries leave behind about the order there, least to most certain:
 * `unasked`, it may exist and the provider cannot look orders up; `unknown`, it may exist and the
 * look-up failed; `exists`, the look-up found it but gave no link to pay it.
 */
type Residue = 'none' | 'unasked' | 'unknown' | 'exists';
const RESIDUES: readonly Residue[] = ['none', 'unasked', 'unknown', 'exists'];
const moreCertain = (a: Residue, b: Residue): Residue => (RESIDUES.indexOf(a) >= RESIDUES.indexOf(b) ? a : b);

type ProviderOutcome =
  | { readonly kind: 'created'; readonly session: OrderSession; readonly via: 'created' | 'reconciled' | 'replayed' }
  | { readonly kind: 'skipped' }
  | {
      readonly kind: 'failed';
      readonly error: PayrouteError;
      readonly next: 'fallback' | 'stop';
      readonly durationMs: number;
      readonly residue: Residue;
      /** The last look-up's own failure, when one failed. */
      readonly lookupError: PayrouteError | undefined;
    };

/** An order checked and its providers chosen, before anything is sent: computing it is pure. */
export interface PlannedOrder {
  readonly order: Order;
  readonly options: GatewayCreateOrderOptions;
  /** The providers that can take the order, in the order they are tried. */
  readonly eligible: readonly Candidate[];
  readonly skipped: SkippedProvider[];
}

/**
 * Checked before each provider's first try, so the ledger records the provider before the request is
 * sent; an error stops the order there. `beforeProvider` is skipped for `recorded`, whose attempt the
 * claim already carried.
 */
export interface SendGuard {
  readonly recorded?: string;
  beforeProvider(provider: string): Promise<PayrouteError | undefined>;
}

/** How a planned order is routed: its deadline, its guard, and the providers it may already be at. */
export interface RouteContext {
  readonly deadline: Deadline;
  readonly guard?: SendGuard;
  /** Providers the order may already be at, from earlier calls (the ledger's attempts): the session's `duplicateRisk` starts with them. */
  readonly duplicateRisk?: readonly string[];
}

/** Creates one order at the first provider of its list that can take it, with retries and fallbacks. */
export async function routeOrder(router: Router, order: Order, rawOptions: unknown): Promise<Result<GatewaySession, RoutingError>> {
  const planned = planOrder(router, order, rawOptions);
  if (planned.isErr()) return err(planned.error);
  const deadline = startDeadline(router.retry.deadlineMs, planned.value.options.signal);
  try {
    return await routePlanned(router, planned.value, { deadline });
  } finally {
    deadline.clear();
  }
}

/** Reads the options, checks the order and picks its eligible providers; sends nothing. */
export function planOrder(router: Router, order: Order, rawOptions: unknown): Result<PlannedOrder, RoutingError> {
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
    const sentOrderId = sentOrderIdAt(entry, order.orderId);
    const sent = sentOrderId === order.orderId ? parsed.value : { ...parsed.value, orderId: sentOrderId };
    const checked = eligibility(entry, sent, tryOptions);
    if (checked.isOk()) {
      eligible.push({ entry, sentOrderId, prepared: checked.value });
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
  return ok({ order, options, eligible, skipped });
}

/** The order id a provider entry is sent: the merchant's, or the one derived from it. */
export function sentOrderIdAt(entry: GatewayProvider, orderId: string): string {
  return entry.derivesOrderIds ? deriveOrderId(orderId) : orderId;
}

/** Routes a planned order through its eligible providers within `context.deadline` (which the caller clears). */
export function routePlanned(router: Router, planned: PlannedOrder, context: RouteContext): Promise<Result<GatewaySession, RoutingError>> {
  const { order, options, skipped } = planned;
  const run: OrderRun = {
    router,
    order,
    deadline: context.deadline,
    attempts: [],
    skipped,
    duplicateRisk: [...(context.duplicateRisk ?? [])],
    routingId: options.routingId,
    guard: context.guard,
  };
  return tryInTurn(run, planned.eligible);
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
  for (let i = 0; i < eligible.length; i++) {
    const candidate = eligible[i] as Candidate;
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
        orderMayExist: outcome.residue !== 'none',
      });
      leaving = undefined;
    }
    const blocked = run.guard && run.guard.recorded !== entry.name ? await run.guard.beforeProvider(entry.name) : undefined;
    if (blocked) return err(haltError(run) ?? withHistory(blocked, run));
    const hasNext = i < eligible.length - 1;
    const outcome = await tryProvider(run, candidate, hasNext);
    if (outcome.kind === 'created') return ok(routedSession(run, candidate, outcome));
    if (outcome.kind === 'failed') {
      const end = outcome.next === 'stop' ? outcome.error : hasNext ? heldBack(run.router, outcome) : undefined;
      if (end) return err(haltError(run) ?? withHistory(end, run));
      if (outcome.residue !== 'none' && !run.duplicateRisk.includes(entry.name)) run.duplicateRisk.push(entry.name);
      leaving = { provider: entry.name, outcome };
    }
  }
  return err(haltError(run) ?? allProvidersFailed(run));
}

/** The session as the gateway returns it: the merchant's order id, and how the gateway came by it. */
function routedSession(run: OrderRun, candidate: Candidate, outcome: Extract<ProviderOutcome, { kind: 'created' }>): GatewaySession {
  const session: { -readonly [K in keyof GatewaySession]: GatewaySession[K] } = extend(outcome.session, {
    providerType: candidate.entry.type,
    orderId: run.order.orderId,
    sentOrderId: candidate.sentOrderId,
    attempts: run.attempts,
    skipped: run.skipped,
    duplicateRisk: run.duplicateRisk.length === 0 ? run.duplicateRisk : run.duplicateRisk.filter((provider) => provider !== candidate.entry.name),
  });
  if (outcome.via === 'reconciled') session.reconciled = true;
  if (outcome.via === 'replayed') session.replayed = true;
  return session;
}

/**
 * The error that keeps the order from falling back although its last failure would: the order is at
 * this provider (found without a link), or may be and could not be asked, with `ambiguous: 'fail'`.
 */
function heldBack(router: Router, outcome: Extract<ProviderOutcome, { kind: 'failed' }>): PayrouteError | undefined {
  if (outcome.residue === 'exists') return heldWithoutLink(outcome.error);
  if (outcome.residue === 'unknown' && router.ambiguous === 'fail') return unresolvedAmbiguity(outcome.error, outcome.lookupError);
  return undefined;
}

/** Tries one provider, retrying it as the retry policy allows. */
async function tryProvider(run: OrderRun, candidate: Candidate, hasNext: boolean): Promise<ProviderOutcome> {
  const { router, deadline } = run;
  const { entry } = candidate;
  const nextBackoff = createBackoff(router.retry, router.random);
  const started = Date.now();
  let last: PayrouteError | undefined;
  // Whether an earlier try here may have created the order: a later duplicate_order is then most probably ours.
  let earlierMayExist = false;
  let residue: Residue = 'none';
  let lookupError: PayrouteError | undefined;
  const give = (error: PayrouteError, next = moveOn(error, router.fallbackOn)): ProviderOutcome => ({
    kind: 'failed',
    error,
    next,
    durationMs: Date.now() - started,
    residue,
    lookupError,
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
    const { onAttempt } = router.hooks;
    if (result.isOk()) {
      // The event is built only when a hook listens: the happy path's allocations showed in the benchmark.
      if (onAttempt) emit(onAttempt, { provider: entry.name, orderId: run.order.orderId, attempt, durationMs, outcome: 'created' });
      return { kind: 'created', session: result.value, via: 'created' };
    }

    const duplicate = result.error.kind === 'duplicate_order';
    const error: PayrouteError = duplicate && earlierMayExist ? duplicateAfterAmbiguousTry(result.error) : result.error;
    last = error;
    emit(onAttempt, {
      provider: entry.name,
      orderId: run.order.orderId,
      attempt,
      durationMs,
      outcome: 'failed',
      errorKind: error.kind,
      ...(error.httpStatus !== undefined && { httpStatus: error.httpStatus }),
      ...(error.orderMayExist !== undefined && { orderMayExist: error.orderMayExist }),
    });
    const reconciled = await reconcileTry(run, candidate, error);
    run.attempts.push({ provider: entry.name, durationMs, error, ...(reconciled && { reconciliation: reconciled.outcome }) });
    if (reconciled?.outcome === 'found') {
      return { kind: 'created', session: reconciled.session, via: duplicate && !earlierMayExist ? 'replayed' : 'reconciled' };
    }
    if (reconciled && endsOrder(reconciled)) return give(reconciled.error, 'stop');
    earlierMayExist ||= error.orderMayExist === true;
    residue = residueAfter(residue, error, reconciled);
    if (reconciled?.outcome === 'lookup_failed') lookupError = reconciled.error;

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
 * Looks the order up after a try that may have created it (or met `duplicate_order`), when the
 * provider can look orders up and the order's time is not over; nothing otherwise.
 */
async function reconcileTry(run: OrderRun, candidate: Candidate, error: PayrouteError): Promise<Reconciled | undefined> {
  const { entry, sentOrderId } = candidate;
  const ambiguous = error.kind === 'duplicate_order' || error.orderMayExist === true;
  if (!ambiguous || !canLookUp(entry.provider) || run.deadline.aborted) return undefined;
  return reconcileReported(run.router.hooks, { name: entry.name, provider: entry.provider, sentOrderId }, run.order, run.deadline, run.routingId, error.kind);
}

/** What is known of the order at a provider after one more failed try and its look-up, if there was one. */
function residueAfter(before: Residue, error: PayrouteError, reconciled: Reconciled | undefined): Residue {
  if (!reconciled) return error.orderMayExist === true ? moreCertain(before, 'unasked') : before;
  switch (reconciled.outcome) {
    // Asked after every earlier try here ended: none of them created it.
    case 'not_found':
      return 'none';
    case 'no_checkout_link':
      return 'exists';
    default:
      return moreCertain(before, 'unknown');
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
  const raced = await raceDeadline(provider, (signal) => candidate.prepared.send(signal), deadline, (late) => reportLateAnswer(run, provider, attempt, started, late));
  if (raced !== OUTRUN && raced.isOk()) return raced;
  const error = raced === OUTRUN ? leftInFlight(provider) : raced.error;
  return err(error.kind === 'aborted' && !deadline.callerAborted() && deadline.expired() ? deadlineReached(error, run.router.retry.deadlineMs) : error);
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
