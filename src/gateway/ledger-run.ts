import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import type { PayrouteError } from '../errors.js';
import { providersThatMayHold } from '../ledger/attempts.js';
import { orderFingerprint } from '../ledger/fingerprint.js';
import { restoreSession, storeSession } from '../ledger/session.js';
import type { Fence, LedgerError, LedgerSession, LedgerOperation, LedgerRecord, OrderLedger, StoredSession } from '../ledger/types.js';
import type { Order } from '../order.js';
import { startDeadline, type Deadline } from './deadline.js';
import { emit, type LedgerErrorEvent } from './events.js';
import { stopped, withHistory } from './gateway-errors.js';
import { earlierTryHeld, earlierTryUnresolved, fromLedgerError, inProgress, reusedForDifferentOrder, takenOver } from './ledger-errors.js';
import { canLookUp, reconcileReported } from './reconcile.js';
import { planOrder, routePlanned, sentOrderIdAt, type GatewaySession, type PlannedOrder, type Router, type SendGuard } from './route-order.js';
import type { Attempt, RoutingError } from './routing-error.js';

/** What the gateway does when its ledger fails: `fail` (the default) sends nothing more; `proceed` goes on without the guarantee. */
export type LedgerErrorPolicy = 'fail' | 'proceed';

/** The gateway's ledger and what to do when it fails. */
export interface LedgerSetup {
  readonly ledger: OrderLedger;
  readonly onLedgerError: LedgerErrorPolicy;
}

/**
 * Added to the call's deadline for its lease: the completion after the routing, bounded by the
 * ledger's own timeout (1 s by default). An owner that dies loses the order this long after its deadline.
 */
export const LEASE_MARGIN_MS = 2_000;
// Polls of an order another call holds: soon at first (most orders take a few hundred ms), then at most 5 a second.
const FIRST_POLL_MS = 10;
const LONGEST_POLL_MS = 200;

/** One `createOrder` call going through the ledger. */
interface LedgerCall {
  readonly router: Router;
  readonly setup: LedgerSetup;
  readonly planned: PlannedOrder;
  readonly order: Order;
  readonly deadline: Deadline;
  readonly fingerprint: string;
  readonly owner: string;
  /** Whether a ledger failure made this call go on without the guarantee. */
  unprotected: boolean;
}

type Routed = Result<GatewaySession, RoutingError>;
const CLAIM_AGAIN = Symbol('claim again');

/**
 * Creates the order at most once across every gateway sharing the ledger: claims the order id (with
 * its first provider as the first attempt), then routes it, recording each further provider before it
 * is sent; or returns the outcome of the call that holds or held it.
 */
export async function createOrderOnce(router: Router, setup: LedgerSetup, order: Order, rawOptions: unknown): Promise<Routed> {
  const planned = planOrder(router, order, rawOptions);
  if (planned.isErr()) return err(planned.error);
  const deadline = startDeadline(router.retry.deadlineMs, planned.value.options.signal);
  const call: LedgerCall = { router, setup, planned: planned.value, order, deadline, fingerprint: orderFingerprint(order), owner: randomUUID(), unprotected: false };
  try {
    return await claimAndRoute(call);
  } finally {
    deadline.clear();
  }
}

async function claimAndRoute(call: LedgerCall): Promise<Routed> {
  const { ledger } = call.setup;
  const { orderId } = call.order;
  const first = call.planned.eligible[0]?.entry.name ?? '';
  const poll = { pauseMs: FIRST_POLL_MS };
  const leaseMs = call.router.retry.deadlineMs + LEASE_MARGIN_MS;
  for (;;) {
    const claim = await ledger.claim(orderId, { fingerprint: call.fingerprint, owner: call.owner, leaseMs, attempt: { provider: first, mayExist: true } });
    if (claim.isErr()) {
      if (claim.error.kind !== 'ledger_unavailable' || call.setup.onLedgerError === 'fail') return refuse(call, 'claim', claim.error);
      report(call, 'claim', 'ledger_unavailable', 'proceeded');
      call.unprotected = true;
      return flagged(call, await routePlanned(call.router, call.planned, { deadline: call.deadline }));
    }
    const { state, record } = claim.value;
    if (state === 'fingerprint_mismatch') return err(reusedForDifferentOrder(orderId));
    if (state === 'completed') return ok(replayed(record.session, orderId, call.router));
    if (state === 'claimed') return own(call, record, first);
    const settled = await waitForOutcome(call, poll);
    if (settled !== CLAIM_AGAIN) return settled;
  }
}

/**
 * Waits, polling `read`, for the call that holds the order: its session, or its failure. Claims again
 * when the record is gone or its lease ran out (an owner that died); `in_progress` at the deadline.
 */
async function waitForOutcome(call: LedgerCall, poll: { pauseMs: number }): Promise<Routed | typeof CLAIM_AGAIN> {
  const { deadline } = call;
  for (;;) {
    await deadline.wait(Math.min(poll.pauseMs, deadline.remainingMs()));
    if (deadline.aborted) {
      const deadlineMs = call.router.retry.deadlineMs;
      return err(deadline.callerAborted() ? stopped(true, deadlineMs, { attempts: [], skipped: call.planned.skipped }) : inProgress(call.order.orderId, deadlineMs));
    }
    poll.pauseMs = Math.min(poll.pauseMs * 2, LONGEST_POLL_MS);
    const read = await call.setup.ledger.read(call.order.orderId);
    // A failed read is polled again: nothing is sent while another call may hold the order.
    if (read.isErr()) continue;
    const record = read.value;
    if (!record) return CLAIM_AGAIN;
    if (record.fingerprint !== call.fingerprint) return err(reusedForDifferentOrder(call.order.orderId));
    if (record.state === 'completed' && record.session) return ok(replayed(record.session, call.order.orderId, call.router));
    if (record.state === 'released' && record.outcome) return err(record.outcome);
    if (record.state !== 'in_flight' || Date.parse(record.leaseExpiresAt) <= Date.now()) return CLAIM_AGAIN;
  }
}

/** The order is this call's: reconcile what earlier owners left, route it, and record how it ended. */
async function own(call: LedgerCall, record: LedgerRecord, first: string): Promise<Routed> {
  const fence: Fence = { owner: call.owner, version: record.version };
  // The claim appended this call's first attempt: the earlier ones are the previous owners'.
  const earlier = providersThatMayHold({ attempts: record.attempts.slice(0, -1) });
  const recorded = new Set([first]);
  // Most claims are new orders: nothing earlier to ask, and no await for it.
  const found = earlier.length === 0 ? NOTHING_EARLIER : await reconcileEarlier(call, earlier);
  if (found.kind === 'found') return complete(call, fence, found.session);
  if (found.kind === 'stop') return release(call, fence, withHistory(found.error, { attempts: [], skipped: call.planned.skipped }), found.clear, earlier, recorded);

  const guard: SendGuard = {
    recorded: first,
    beforeProvider: async (provider) => {
      const recordedAttempt = await call.setup.ledger.recordAttempt(call.order.orderId, { ...fence, provider, mayExist: true });
      if (recordedAttempt.isOk() && recordedAttempt.value.state === 'accepted') {
        recorded.add(provider);
        return undefined;
      }
      if (recordedAttempt.isOk()) {
        report(call, 'recordAttempt', 'stale_owner', 'refused');
        return takenOver(call.order.orderId);
      }
      if (call.setup.onLedgerError === 'fail') {
        report(call, 'recordAttempt', 'ledger_unavailable', 'refused');
        return fromLedgerError(recordedAttempt.error);
      }
      report(call, 'recordAttempt', 'ledger_unavailable', 'proceeded');
      call.unprotected = true;
      return undefined;
    },
  };
  const routed = await routePlanned(call.router, call.planned, { deadline: call.deadline, guard, duplicateRisk: found.duplicateRisk });
  if (routed.isOk()) return complete(call, fence, routed.value);
  return release(call, fence, routed.error, found.clear, earlier, recorded);
}

type Earlier =
  | { readonly kind: 'found'; readonly session: GatewaySession }
  | { readonly kind: 'stop'; readonly error: PayrouteError; readonly clear: readonly string[] }
  /** Route on: `duplicateRisk` could not be asked (or their look-up failed, with `ambiguous: 'fallback'`); `clear` hold nothing. */
  | { readonly kind: 'route'; readonly duplicateRisk: readonly string[]; readonly clear: readonly string[] };

const NOTHING_EARLIER: Earlier = { kind: 'route', duplicateRisk: [], clear: [] };

/**
 * Looks the order up, before it is routed anywhere, at each provider an earlier owner (another instance,
 * or one that died) may have created it at: whatever the circuit breakers say, since a provider whose
 * circuit is open may still hold it.
 */
async function reconcileEarlier(call: LedgerCall, providers: readonly string[]): Promise<Earlier> {
  const { router, order, deadline, planned } = call;
  const duplicateRisk: string[] = [];
  const clear: string[] = [];
  for (const name of providers) {
    const entry = router.providers.get(name);
    if (!entry || !canLookUp(entry.provider)) {
      duplicateRisk.push(name);
      continue;
    }
    const sentOrderId = sentOrderIdAt(entry, order.orderId);
    const reconciled = await reconcileReported(router.hooks, { name, provider: entry.provider, sentOrderId }, order, deadline, planned.options.routingId, 'in_progress');
    switch (reconciled.outcome) {
      case 'found': {
        const session: GatewaySession = { ...reconciled.session, providerType: entry.type, orderId: order.orderId, sentOrderId, attempts: [], skipped: planned.skipped, duplicateRisk, reconciled: true, replayed: true };
        return { kind: 'found', session };
      }
      case 'not_found':
        clear.push(name);
        break;
      case 'lookup_failed':
        if (router.ambiguous === 'fail') return { kind: 'stop', error: earlierTryUnresolved(name, order.orderId, reconciled.error), clear };
        duplicateRisk.push(name);
        break;
      case 'no_checkout_link':
        return { kind: 'stop', error: earlierTryHeld(name, order.orderId), clear };
      default:
        return { kind: 'stop', error: reconciled.error, clear };
    }
  }
  return { kind: 'route', duplicateRisk, clear };
}

/** Stores the session; when that fails the session is still returned (the order exists), flagged `unprotected`. */
async function complete(call: LedgerCall, fence: Fence, session: GatewaySession): Promise<Routed> {
  const completed = await call.setup.ledger.complete(call.order.orderId, { owner: fence.owner, version: fence.version, session: storeSession(session) });
  if (completed.isErr() || completed.value.state !== 'accepted') {
    report(call, 'complete', completed.isErr() ? 'ledger_unavailable' : 'stale_owner', 'unrecorded');
    call.unprotected = true;
  }
  return flagged(call, ok(session));
}

/**
 * Gives the order up after a failure, so a later call may try again: first marks every provider this
 * call learnt holds nothing (never sent to, or looked up and not found), so the next owner asks only
 * those that may hold it. The failure is returned whether the ledger took this or not.
 */
async function release(
  call: LedgerCall,
  fence: Fence,
  error: RoutingError,
  clear: readonly string[],
  earlier: readonly string[],
  recorded: ReadonlySet<string>,
): Promise<Routed> {
  const { ledger } = call.setup;
  const { orderId } = call.order;
  const holding = providersLeftHolding(error.attempts ?? [], earlier.filter((name) => !clear.includes(name)));
  for (const provider of [...new Set([...earlier, ...recorded])]) {
    if (holding.has(provider)) continue;
    const marked = await ledger.recordAttempt(orderId, { ...fence, provider, mayExist: false });
    if (marked.isErr() || marked.value.state !== 'accepted') return unrecorded(call, 'recordAttempt', marked, error);
  }
  const released = await ledger.release(orderId, { ...fence, outcome: error });
  if (released.isErr() || released.value.state !== 'accepted') return unrecorded(call, 'release', released, error);
  return err(error);
}

function unrecorded(call: LedgerCall, operation: LedgerOperation, answer: Result<unknown, LedgerError>, error: RoutingError): Routed {
  report(call, operation, answer.isErr() ? 'ledger_unavailable' : 'stale_owner', 'unrecorded');
  return err(error);
}

/**
 * The providers that may hold the order after this call's tries (the same judgement as the routing's):
 * a look-up that found nothing clears a provider, a failure that may have created the order or a
 * look-up that could not say marks it; `earlier` are those the previous owners left unresolved.
 */
function providersLeftHolding(attempts: readonly Attempt[], earlier: readonly string[]): Set<string> {
  const holding = new Set(earlier);
  for (const { provider, error, reconciliation } of attempts) {
    if (reconciliation === 'not_found') holding.delete(provider);
    else if (reconciliation !== undefined || error.orderMayExist === true) holding.add(provider);
  }
  return holding;
}

/** A stored session returned to a later call: the order an earlier call created. */
function replayed(stored: StoredSession, orderId: string, router: Router): GatewaySession {
  // A session stored by another ledger writer may lack the gateway's own fields.
  const { unprotected: _unprotected, ...session } = restoreSession(stored) as Partial<GatewaySession> & LedgerSession;
  const providerType = session.providerType ?? router.providers.get(session.provider)?.type ?? session.provider;
  return { sentOrderId: orderId, attempts: [], skipped: [], duplicateRisk: [], ...session, providerType, replayed: true };
}

function flagged(call: LedgerCall, routed: Routed): Routed {
  return call.unprotected && routed.isOk() ? ok({ ...routed.value, unprotected: true }) : routed;
}

function refuse(call: LedgerCall, operation: LedgerOperation, error: LedgerError): Routed {
  if (error.kind === 'ledger_unavailable') report(call, operation, 'ledger_unavailable', 'refused');
  return err(fromLedgerError(error));
}

function report(call: LedgerCall, operation: LedgerOperation, reason: LedgerErrorEvent['reason'], action: LedgerErrorEvent['action']): void {
  emit(call.router.hooks.onLedgerError, { orderId: call.order.orderId, operation, reason, action });
}

/** The providers to ask first for an order: where the ledger says its session is, or those that may hold it. */
export async function providersNamedFor(ledger: OrderLedger, orderId: string): Promise<string[]> {
  const read = await ledger.read(orderId);
  if (read.isErr() || !read.value) return [];
  const record = read.value;
  return record.session ? [record.session.provider] : providersThatMayHold(record);
}
