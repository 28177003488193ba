import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Attempt,
  createGateway,
  deriveOrderId,
  DEFAULT_FALLBACK_ON,
  type FallbackEvent,
  type Gateway,
  type GatewayConfig,
  type GatewayError,
  type GatewayHooks,
  type GatewaySession,
  type Order,
  type ReconcileEvent,
  type SkipEvent,
} from '../../providers/entries/index.js';
import { startSandbox, type Sandbox, type SandboxFaults } from '../../providers/entries/sandbox.js';

/*
 * A real gateway whose providers are the sandbox's servers, over loopback HTTP: each fault on the
 * primary, and what the gateway makes of it. Magic values fault only Juspay (the other servers have
 * them off), so a magic order id breaks the primary and leaves the backups working.
 */

const TIMEOUT_MS = 300;
/** Longer than the adapters' timeout, so a slow answer is a timeout. */
const SLOW_MS = 600;
const RETURN_URL = 'https://shop.example.com/return';
const PRIORITY: GatewayConfig['routing'] = { strategy: 'priority', order: ['juspay_main', 'flowwise_backup'] };
const FAST_RETRY: GatewayConfig['retry'] = { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10, deadlineMs: 10_000 };

let sandbox: Sandbox;
let serial = 0;

beforeAll(async () => {
  sandbox = await startSandbox({
    juspay: { magicValues: { latencyMs: SLOW_MS, retryAfterSeconds: 1 } },
    flowwise: { magicValues: false },
    'commerce-engine': { magicValues: false },
  });
});
afterAll(() => sandbox.close());
afterEach(() => {
  sandbox.juspay.clearFaults();
  sandbox.flowwise.clearFaults();
  sandbox['commerce-engine'].clearFaults();
});

/** A new order id; a magic prefix first faults the primary. */
const nextId = (prefix = 'GW') => `${prefix}g${++serial}`;

/** An order the shop's system holds: seeded on every server, so Commerce Engine can create it too. */
function placed(orderId: string, overrides: Partial<Order> = {}): Order {
  const order: Order = { orderId, amount: 10_015, currency: 'INR', returnUrl: RETURN_URL, ...overrides };
  for (const server of [sandbox.juspay, sandbox.flowwise, sandbox['commerce-engine']]) server.seedOrder(order)._unsafeUnwrap();
  return order;
}

function gatewayOver(config: Partial<GatewayConfig> = {}, hooks: GatewayHooks = {}, timeoutMs = TIMEOUT_MS): Gateway {
  // `config` may replace any section, so the whole is a plain `GatewayConfig`, checked at run time.
  const full: GatewayConfig = {
    providers: {
      juspay_main: { type: 'juspay', ...sandbox.juspay.adapterOptions, timeoutMs },
      flowwise_backup: { type: 'flowwise', ...sandbox.flowwise.adapterOptions, timeoutMs },
      ce_store: { type: 'commerce-engine', ...sandbox['commerce-engine'].adapterOptions, timeoutMs },
    },
    routing: PRIORITY,
    retry: FAST_RETRY,
    ...config,
  };
  return createGateway(full, { hooks });
}

interface FallbackCase {
  readonly title: string;
  /** Order id prefix that asks the primary for the fault, on create-order and look-up alike. */
  readonly magic: string;
  /** The same fault, configured on the primary. */
  readonly faults: SandboxFaults;
  /** The primary's tries: 1 when nothing can exist there (moved on at once), 2 when it may (retried there first). */
  readonly tries: 1 | 2;
  readonly error: Partial<GatewayError> & { readonly orderMayExist: boolean };
  /** Whether the primary kept the order; left out where that depends on timing. */
  readonly keptAtPrimary?: boolean;
}

const fallbackCases: readonly FallbackCase[] = [
  { title: '503', magic: 'F503', faults: { failure: { kind: 'status', status: 503 } }, tries: 1, error: { kind: 'provider_unavailable', httpStatus: 503, orderMayExist: false }, keptAtPrimary: false },
  { title: '500', magic: 'F500', faults: { failure: { kind: 'status', status: 500 } }, tries: 2, error: { kind: 'provider_unavailable', httpStatus: 500, orderMayExist: true }, keptAtPrimary: false },
  { title: '429 with Retry-After', magic: 'F429', faults: { failure: { kind: 'rate_limit', retryAfterSeconds: 1 } }, tries: 1, error: { kind: 'rate_limited', httpStatus: 429, retryAfterMs: 1000, orderMayExist: false }, keptAtPrimary: false },
  { title: 'connection reset', magic: 'FRST', faults: { failure: { kind: 'reset' } }, tries: 2, error: { kind: 'network', providerCode: 'ECONNRESET', orderMayExist: true }, keptAtPrimary: true },
  { title: 'hang past the timeout', magic: 'FHNG', faults: { failure: { kind: 'hang' } }, tries: 2, error: { kind: 'timeout', orderMayExist: true }, keptAtPrimary: true },
  { title: 'HTML error page', magic: 'FHTM', faults: { failure: { kind: 'html' } }, tries: 2, error: { kind: 'provider_unavailable', httpStatus: 502, orderMayExist: true }, keptAtPrimary: false },
  // The primary creates the order when its wait ends, after the gateway gave up: when is a matter of timing.
  { title: 'latency past the timeout', magic: 'FSLW', faults: { latencyMs: SLOW_MS }, tries: 2, error: { kind: 'timeout', orderMayExist: true } },
];

const tryKinds = (session: { attempts: readonly Attempt[] }) => session.attempts.map((a) => [a.provider, a.error.kind, a.reconciliation]);

describe.each(fallbackCases.filter((c) => !c.error.orderMayExist))('primary fault that creates nothing: $title', (fault) => {
  async function expectCreatedAtBackup(orderId: string) {
    const fallbacks: FallbackEvent[] = [];
    const reconciles: ReconcileEvent[] = [];
    const result = await gatewayOver({}, { onFallback: (e) => fallbacks.push(e), onReconcile: (e) => reconciles.push(e) }).createOrder(placed(orderId));
    const session = result._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'flowwise_backup', orderId, status: 'created', duplicateRisk: [] });
    expect(sandbox.flowwise.orders.get(orderId)?.providerOrderId).toBe(session.providerOrderId);
    expect(tryKinds(session)).toEqual([['juspay_main', fault.error.kind, undefined]]);
    expect(session.attempts[0]?.error).toMatchObject(fault.error);
    expect(fallbacks).toEqual([expect.objectContaining({ provider: 'juspay_main', next: 'flowwise_backup', errorKind: fault.error.kind, orderMayExist: false })]);
    // Nothing can exist at the primary: no look-up.
    expect(reconciles).toEqual([]);
    expect(sandbox.juspay.orders.get(orderId)).toBeUndefined();
  }

  it('by magic value: created at the backup, the primary try listed', async () => {
    await expectCreatedAtBackup(nextId(fault.magic));
  });

  it('by configuration: created at the backup, the primary try listed', async () => {
    sandbox.juspay.setFaults(fault.faults)._unsafeUnwrap();
    await expectCreatedAtBackup(nextId());
  });
});

describe.each(fallbackCases.filter((c) => c.error.orderMayExist))('primary fault after which the order may exist: $title', (fault) => {
  it.skipIf(fault.keptAtPrimary === undefined)('its look-up working: the primary\'s order if it made one, else the backup, never both', async () => {
    sandbox.juspay.setFaults({ ...fault.faults, operations: ['createOrder'] })._unsafeUnwrap();
    const reconciles: ReconcileEvent[] = [];
    const orderId = nextId();
    const session = (await gatewayOver({}, { onReconcile: (e) => reconciles.push(e) }).createOrder(placed(orderId)))._unsafeUnwrap();
    if (fault.keptAtPrimary) {
      expect(session).toMatchObject({ provider: 'juspay_main', orderId, reconciled: true, duplicateRisk: [] });
      expect(session.providerOrderId).toBe(sandbox.juspay.orders.get(orderId)?.providerOrderId);
      expect(session.checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      expect(tryKinds(session)).toEqual([['juspay_main', fault.error.kind, 'found']]);
      expect(reconciles).toEqual([expect.objectContaining({ provider: 'juspay_main', orderId, sentOrderId: orderId, outcome: 'found', after: fault.error.kind, status: 'created' })]);
      expect(sandbox.flowwise.orders.get(orderId)).toBeUndefined();
    } else {
      expect(session).toMatchObject({ provider: 'flowwise_backup', orderId, duplicateRisk: [] });
      expect(session.reconciled).toBeUndefined();
      expect(tryKinds(session)).toEqual([
        ['juspay_main', fault.error.kind, 'not_found'],
        ['juspay_main', fault.error.kind, 'not_found'],
      ]);
      expect(sandbox.juspay.orders.get(orderId)).toBeUndefined();
    }
  });

  it('its look-up failing too (magic value): fails closed by default, nothing sent to the backup', async () => {
    const orderId = nextId(fault.magic);
    const error = (await gatewayOver().createOrder(placed(orderId)))._unsafeUnwrapErr();
    expect(error).toMatchObject({ ...fault.error, provider: 'juspay_main', orderMayExist: true, retryable: true });
    expect(error.message).toContain('could not be asked');
    expect(error.attempts?.map((a) => [a.provider, a.error.kind, a.reconciliation])).toEqual([
      ['juspay_main', fault.error.kind, 'lookup_failed'],
      ['juspay_main', fault.error.kind, 'lookup_failed'],
    ]);
    expect(sandbox.flowwise.orders.get(orderId)).toBeUndefined();
  });

  it("its look-up failing too, with ambiguous: 'fallback': created at the backup, the primary named in duplicateRisk", async () => {
    const fallbacks: FallbackEvent[] = [];
    const orderId = nextId(fault.magic);
    const session = (await gatewayOver({ ambiguous: 'fallback' }, { onFallback: (e) => fallbacks.push(e) }).createOrder(placed(orderId)))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'flowwise_backup', orderId, duplicateRisk: ['juspay_main'] });
    expect(sandbox.flowwise.orders.get(orderId)?.providerOrderId).toBe(session.providerOrderId);
    expect(fallbacks).toEqual([expect.objectContaining({ provider: 'juspay_main', next: 'flowwise_backup', errorKind: fault.error.kind, orderMayExist: true })]);
    if (fault.keptAtPrimary !== undefined) expect(sandbox.juspay.orders.get(orderId) !== undefined).toBe(fault.keptAtPrimary);
  });
});

describe('primary faults the gateway rightly does not fall back on', () => {
  it.each([
    ['by magic value', 'FJSN', undefined],
    ['by configuration', 'GW', { failure: { kind: 'malformed_json' } }],
  ] as const)('malformed JSON on a 200 (%s): unexpected_response, the order may exist, nothing sent to the backup', async (_how, prefix, faults) => {
    if (faults) sandbox.juspay.setFaults(faults)._unsafeUnwrap();
    const orderId = nextId(prefix);
    const error = (await gatewayOver().createOrder(placed(orderId)))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'unexpected_response', provider: 'juspay_main', httpStatus: 200, orderMayExist: true });
    expect(error.attempts?.map((a) => [a.provider, a.error.kind])).toEqual([['juspay_main', 'unexpected_response']]);
    expect(sandbox.juspay.orders.get(orderId)).toBeDefined();
    expect(sandbox.flowwise.orders.get(orderId)).toBeUndefined();
  });

  it('malformed JSON, its look-up malformed too, falls back when fallback.on names unexpected_response and ambiguous allows it, naming the primary in duplicateRisk', async () => {
    const orderId = nextId('FJSN');
    const gateway = gatewayOver({ fallback: { on: [...DEFAULT_FALLBACK_ON, 'unexpected_response'] }, ambiguous: 'fallback' });
    const session = (await gateway.createOrder(placed(orderId)))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'flowwise_backup', duplicateRisk: ['juspay_main'] });
    expect(session.attempts.map((a) => [a.provider, a.error.kind, a.error.orderMayExist, a.reconciliation])).toEqual([
      ['juspay_main', 'unexpected_response', true, 'lookup_failed'],
    ]);
  });

  it('created, then the connection reset (look-ups faulted too, until the first failure): the look-up finds the order, which is the session; nothing at the backup', async () => {
    sandbox.juspay.setFaults({ failure: { kind: 'reset' } })._unsafeUnwrap();
    const gateway = gatewayOver({}, clearFaultsAfterAFailure(sandbox.juspay));
    const orderId = nextId();
    const session = (await gateway.createOrder(placed(orderId)))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'juspay_main', reconciled: true, duplicateRisk: [] });
    expect(session.providerOrderId).toBe(sandbox.juspay.orders.get(orderId)?.providerOrderId);
    expect(tryKinds(session)).toEqual([['juspay_main', 'network', 'found']]);
    expect(sandbox.flowwise.orders.get(orderId)).toBeUndefined();
  });

  // Through a second gateway with a ledger of its own, as after the first one's record expired: the provider's duplicate_order path.
  it('the same order sent again where no ledger knows it: the existing checkout, replayed, not a duplicate_order', async () => {
    const order = placed(nextId());
    const first = (await gatewayOver().createOrder(order))._unsafeUnwrap();
    const again = (await gatewayOver().createOrder(order))._unsafeUnwrap();
    expect(again).toMatchObject({ provider: 'juspay_main', orderId: order.orderId, providerOrderId: first.providerOrderId, replayed: true, checkoutUrl: first.checkoutUrl });
    expect(tryKinds(again)).toEqual([['juspay_main', 'duplicate_order', 'found']]);
    expect(first.replayed).toBeUndefined();
  });

  it('the same order id sent again for another amount, where no ledger knows it: duplicate_order saying the id was reused for a different order', async () => {
    const order = placed(nextId());
    (await gatewayOver().createOrder(order))._unsafeUnwrap();
    const error = (await gatewayOver().createOrder({ ...order, amount: 20_000 }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'duplicate_order', provider: 'juspay_main', retryable: false });
    expect(error.message).toContain('was reused for a different order');
    expect(error.message).toContain('100.15 INR, not 200.00 INR');
    expect(sandbox.flowwise.orders.get(order.orderId)).toBeUndefined();
  });

  it('an order id spent at the primary (its order cancelled, final), where no ledger knows it: an error saying so, and no order created at the backup', async () => {
    const order = placed(nextId());
    (await gatewayOver().createOrder(order))._unsafeUnwrap();
    sandbox.juspay.setOrderStatus(order.orderId, 'cancelled')._unsafeUnwrap();
    const error = (await gatewayOver().createOrder(order))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'duplicate_order', provider: 'juspay_main' });
    expect(error.message).toContain('is spent at juspay_main');
    expect(error.attempts?.map((a) => a.reconciliation)).toEqual(['spent']);
    expect(sandbox.flowwise.orders.get(order.orderId)).toBeUndefined();
  });
});

describe('other outcomes over the sandbox', () => {
  it('latency under the timeout: created at the primary, late, with no failed tries', async () => {
    sandbox.juspay.setFaults({ latencyMs: 100 })._unsafeUnwrap();
    const session = (await gatewayOver().createOrder(placed(nextId())))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'juspay_main', attempts: [], skipped: [] });
  });

  it('Commerce Engine as primary: a reset, then a retry that gets the same Juspay order back (one per store order)', async () => {
    sandbox['commerce-engine'].setFaults({ failure: { kind: 'reset' } })._unsafeUnwrap();
    const gateway = gatewayOver(
      { routing: { strategy: 'priority', order: ['ce_store', 'flowwise_backup'] } },
      clearFaultsAfterAFailure(sandbox['commerce-engine']),
    );
    const orderId = nextId();
    const session = (await gateway.createOrder(placed(orderId)))._unsafeUnwrap();
    expect(session.provider).toBe('ce_store');
    expect(session.providerOrderId).toBe(sandbox['commerce-engine'].orders.get(orderId)?.providerOrderId);
    expect(session.attempts.map((a) => [a.provider, a.error.kind, a.error.orderMayExist])).toEqual([['ce_store', 'network', true]]);
    expect(sandbox.flowwise.orders.get(orderId)).toBeUndefined();
  });

  it('Juspay and Flowwise both down: Commerce Engine, third in line, creates it from the store order', async () => {
    sandbox.flowwise.setFaults({ failure: { kind: 'status', status: 503 } })._unsafeUnwrap();
    const gateway = gatewayOver({ routing: { strategy: 'priority', order: ['juspay_main', 'flowwise_backup', 'ce_store'] } });
    const orderId = nextId('F503');
    const session = (await gateway.createOrder(placed(orderId, { amount: 49_900 })))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'ce_store', clientAuthToken: expect.stringMatching(/^tkn_/) as string });
    expect(session.attempts.map((a) => [a.provider, a.error.kind])).toEqual([
      ['juspay_main', 'provider_unavailable'],
      ['flowwise_backup', 'provider_unavailable'],
    ]);
  });

  it('every provider failing: all_providers_failed with every try', async () => {
    sandbox.flowwise.setFaults({ failure: { kind: 'status', status: 503 } })._unsafeUnwrap();
    const error = (await gatewayOver().createOrder(placed(nextId('F503'))))._unsafeUnwrapErr();
    expect(error.kind).toBe('all_providers_failed');
    // The last provider is retried: there is nowhere else to go.
    expect(error.attempts?.map((a) => [a.provider, a.error.kind])).toEqual([
      ['juspay_main', 'provider_unavailable'],
      ['flowwise_backup', 'provider_unavailable'],
      ['flowwise_backup', 'provider_unavailable'],
    ]);
  });

  it('weighted: orders split over both providers, each created where the session says; a repeated id goes back to the same one', async () => {
    const gateway = gatewayOver({ routing: { strategy: 'weighted', weights: { juspay_main: 1, flowwise_backup: 1 } } });
    const sessions: GatewaySession[] = [];
    for (let i = 0; i < 20; i++) sessions.push((await gateway.createOrder(placed(nextId('W'))))._unsafeUnwrap());
    const at = (name: string) => sessions.filter((s) => s.provider === name);
    expect(at('juspay_main').length).toBeGreaterThan(0);
    expect(at('flowwise_backup').length).toBeGreaterThan(0);
    for (const s of at('juspay_main')) expect(sandbox.juspay.orders.get(s.orderId)?.providerOrderId).toBe(s.providerOrderId);
    for (const s of at('flowwise_backup')) expect(sandbox.flowwise.orders.get(s.orderId)?.providerOrderId).toBe(s.providerOrderId);
    // Sticky: the same order id is drawn to the same provider, whose duplicate answer is looked up: the same checkout, no second order elsewhere.
    for (const s of [at('juspay_main')[0]!, at('flowwise_backup')[0]!]) {
      const again = (await gateway.createOrder(placed(s.orderId)))._unsafeUnwrap();
      expect(again).toMatchObject({ provider: s.provider, providerOrderId: s.providerOrderId, replayed: true });
    }
  });

  it('rules: each order goes where its rule says, over HTTP', async () => {
    const gateway = gatewayOver({
      routing: {
        strategy: 'rules',
        rules: [
          { when: { currency: 'USD' }, use: ['flowwise_backup'] },
          { when: { metadata: { channel: 'store' } }, use: ['ce_store', 'juspay_main'] },
        ],
        default: ['juspay_main', 'flowwise_backup'],
      },
    });
    const usd = (await gateway.createOrder(placed(nextId(), { currency: 'USD', amount: 2_500 })))._unsafeUnwrap();
    const store = (await gateway.createOrder(placed(nextId(), { metadata: { channel: 'store' } })))._unsafeUnwrap();
    const other = (await gateway.createOrder(placed(nextId())))._unsafeUnwrap();
    expect([usd.provider, store.provider, other.provider]).toEqual(['flowwise_backup', 'ce_store', 'juspay_main']);
    expect(sandbox.flowwise.orders.get(usd.orderId)?.request.order_amount).toBe(25);
    expect(sandbox['commerce-engine'].orders.get(store.orderId)).toBeDefined();
    expect(sandbox.juspay.orders.get(other.orderId)).toBeDefined();
  });

  it('health() reports an open circuit, and the next order skips the provider without a request', async () => {
    const gateway = gatewayOver({ circuitBreaker: { policy: 'consecutive', failures: 2, halfOpenAfterMs: 60_000 } });
    sandbox.juspay.setFaults({ failure: { kind: 'status', status: 503 } })._unsafeUnwrap();
    for (let i = 0; i < 2; i++) expect((await gateway.createOrder(placed(nextId())))._unsafeUnwrap().provider).toBe('flowwise_backup');
    expect(gateway.health()).toEqual([
      { provider: 'juspay_main', type: 'juspay', circuit: 'open' },
      { provider: 'flowwise_backup', type: 'flowwise', circuit: 'closed' },
      { provider: 'ce_store', type: 'commerce-engine', circuit: 'closed' },
    ]);
    // Juspay works again, but its circuit is open: had a request been sent, Juspay would have created the order.
    sandbox.juspay.clearFaults();
    const orderId = nextId();
    const session = (await gateway.createOrder(placed(orderId)))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'flowwise_backup', attempts: [], skipped: [{ provider: 'juspay_main', reason: 'circuit_open' }] });
    expect(sandbox.juspay.orders.get(orderId)).toBeUndefined();
  });

  it('an abort mid-flight ends the order at once: aborted, the order may exist, no fallback', async () => {
    // A long adapter timeout, so only the abort can end the hanging request.
    const gateway = gatewayOver({}, {}, 10_000);
    const orderId = nextId('FHNG');
    const controller = new AbortController();
    const pending = gateway.createOrder(placed(orderId), { signal: controller.signal });
    await waitFor(() => sandbox.juspay.orders.get(orderId) !== undefined);
    controller.abort();
    const error = (await pending)._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'aborted', orderMayExist: true });
    expect(sandbox.flowwise.orders.get(orderId)).toBeUndefined();
  });
});

describe('order ids longer than a provider takes', () => {
  const uuid = () => randomUUID();
  const deriving = (hooks: GatewayHooks = {}) =>
    gatewayOver({ providers: { juspay_main: { type: 'juspay', ...sandbox.juspay.adapterOptions, timeoutMs: TIMEOUT_MS, orderIds: 'derive' }, flowwise_backup: { type: 'flowwise', ...sandbox.flowwise.adapterOptions, timeoutMs: TIMEOUT_MS } } }, hooks);

  it("without orderIds: 'derive', a 36-character UUID skips Juspay, visibly: in the session and through onSkip", async () => {
    const skips: SkipEvent[] = [];
    const orderId = uuid();
    const session = (await gatewayOver({}, { onSkip: (e) => skips.push(e) }).createOrder(placed(orderId)))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'flowwise_backup', sentOrderId: orderId });
    expect(session.skipped).toEqual([{ provider: 'juspay_main', reason: 'ineligible', message: 'orderId: Juspay takes at most 20 characters' }]);
    expect(skips).toEqual([{ provider: 'juspay_main', orderId, reason: 'ineligible' }]);
  });

  it("with orderIds: 'derive', Juspay gets a stable 16-character id for create and look-up, reported as sentOrderId", async () => {
    const orderId = uuid();
    const order = placed(orderId);
    const first = (await deriving().createOrder(order))._unsafeUnwrap();
    expect(first).toMatchObject({ provider: 'juspay_main', orderId, sentOrderId: deriveOrderId(orderId) });
    expect(first.sentOrderId).toMatch(/^[a-z2-7]{16}$/);
    expect(sandbox.juspay.orders.get(first.sentOrderId)?.providerOrderId).toBe(first.providerOrderId);
    expect(sandbox.juspay.orders.get(orderId)).toBeUndefined();
    // Another gateway (another process, say) sends the same order: the same derived id, so the same checkout.
    const again = (await deriving().createOrder(order))._unsafeUnwrap();
    expect(again).toMatchObject({ orderId, sentOrderId: first.sentOrderId, providerOrderId: first.providerOrderId, replayed: true });
    const found = (await deriving().getOrder(orderId))._unsafeUnwrap();
    expect(found).toMatchObject({ provider: 'juspay_main', orderId, providerOrderId: first.providerOrderId, amount: 10_015, currency: 'INR' });
  });

  it("with orderIds: 'derive', a reset after Juspay created the order is reconciled by the derived id", async () => {
    sandbox.juspay.setFaults({ failure: { kind: 'reset' }, operations: ['createOrder'] })._unsafeUnwrap();
    const reconciles: ReconcileEvent[] = [];
    const orderId = uuid();
    const session = (await deriving({ onReconcile: (e) => reconciles.push(e) }).createOrder(placed(orderId)))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'juspay_main', orderId, sentOrderId: deriveOrderId(orderId), reconciled: true });
    expect(reconciles).toEqual([expect.objectContaining({ orderId, sentOrderId: deriveOrderId(orderId), outcome: 'found' })]);
    expect(sandbox.flowwise.orders.get(orderId)).toBeUndefined();
  });
});

describe('gateway.getOrder', () => {
  it('asks each provider in configuration order and returns the first that holds the order', async () => {
    const order = placed(nextId());
    (await gatewayOver().createOrder(order, { providers: ['flowwise_backup'] }))._unsafeUnwrap();
    const found = (await gatewayOver().getOrder(order.orderId))._unsafeUnwrap();
    expect(found).toMatchObject({ provider: 'flowwise_backup', orderId: order.orderId, status: 'created' });
  });

  it('asks only the provider named; not_found when it does not hold the order', async () => {
    const order = placed(nextId());
    (await gatewayOver().createOrder(order, { providers: ['flowwise_backup'] }))._unsafeUnwrap();
    const error = (await gatewayOver().getOrder(order.orderId, { provider: 'juspay_main' }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'not_found', provider: 'juspay_main' });
  });

  it('not_found naming every provider asked when none holds it; validation for an unknown provider name', async () => {
    const gateway = gatewayOver();
    const missing = (await gateway.getOrder(nextId()))._unsafeUnwrapErr();
    expect(missing).toMatchObject({ kind: 'not_found', provider: 'payroute' });
    expect(missing.message).toContain('none of juspay_main, flowwise_backup, ce_store holds order');
    const unknown = (await gateway.getOrder('ord1', { provider: 'nope' }))._unsafeUnwrapErr();
    expect(unknown).toMatchObject({ kind: 'validation', fields: [{ path: 'options.provider', message: expect.stringContaining('"nope"') as string }] });
  });
});

/** Hooks that clear a server's faults once a try failed there, so only the first try is faulted. */
function clearFaultsAfterAFailure(server: { clearFaults(): void }): GatewayHooks {
  return {
    onAttempt: (event) => {
      if (event.outcome === 'failed') server.clearFaults();
    },
  };
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
