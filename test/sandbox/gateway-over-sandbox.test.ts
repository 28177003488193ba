import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createGateway,
  DEFAULT_FALLBACK_ON,
  type FallbackEvent,
  type Gateway,
  type GatewayConfig,
  type GatewayError,
  type GatewayHooks,
  type GatewaySession,
  type Order,
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
  return createGateway(
    {
      providers: {
        juspay_main: { type: 'juspay', ...sandbox.juspay.adapterOptions, timeoutMs },
        flowwise_backup: { type: 'flowwise', ...sandbox.flowwise.adapterOptions, timeoutMs },
        ce_store: { type: 'commerce-engine', ...sandbox['commerce-engine'].adapterOptions, timeoutMs },
      },
      routing: PRIORITY,
      retry: FAST_RETRY,
      ...config,
    },
    { hooks },
  );
}

interface FallbackCase {
  readonly title: string;
  /** Order id prefix that asks the primary for the fault. */
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

describe.each(fallbackCases)('primary fault: $title', (fault) => {
  async function expectCreatedAtBackup(orderId: string) {
    const fallbacks: FallbackEvent[] = [];
    const result = await gatewayOver({}, { onFallback: (e) => fallbacks.push(e) }).createOrder(placed(orderId));
    const session = result._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'flowwise_backup', orderId, status: 'created' });
    expect(sandbox.flowwise.orders.get(orderId)?.providerOrderId).toBe(session.providerOrderId);
    expect(session.attempts.map((a) => [a.provider, a.error.kind])).toEqual(Array.from({ length: fault.tries }, () => ['juspay_main', fault.error.kind]));
    for (const attempt of session.attempts) expect(attempt.error).toMatchObject(fault.error);
    expect(fallbacks).toEqual([
      expect.objectContaining({ provider: 'juspay_main', next: 'flowwise_backup', errorKind: fault.error.kind, orderMayExist: fault.error.orderMayExist }),
    ]);
    if (fault.keptAtPrimary !== undefined) expect(sandbox.juspay.orders.get(orderId) !== undefined).toBe(fault.keptAtPrimary);
  }

  it('by magic value: created at the backup, the primary tries listed', async () => {
    await expectCreatedAtBackup(nextId(fault.magic));
  });

  it('by configuration: created at the backup, the primary tries listed', async () => {
    sandbox.juspay.setFaults(fault.faults)._unsafeUnwrap();
    await expectCreatedAtBackup(nextId());
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

  it('malformed JSON falls back when fallback.on names unexpected_response, reporting the order may exist at the primary', async () => {
    const orderId = nextId('FJSN');
    const gateway = gatewayOver({ fallback: { on: [...DEFAULT_FALLBACK_ON, 'unexpected_response'] } });
    const session = (await gateway.createOrder(placed(orderId)))._unsafeUnwrap();
    expect(session.provider).toBe('flowwise_backup');
    expect(session.attempts.map((a) => [a.provider, a.error.kind, a.error.orderMayExist])).toEqual([['juspay_main', 'unexpected_response', true]]);
  });

  it('a reset, then a retry that meets duplicate_order: stops, saying the first try probably created the order', async () => {
    sandbox.juspay.setFaults({ failure: { kind: 'reset' } })._unsafeUnwrap();
    // Only the first try is reset: the retry reaches Juspay, which already has the order.
    const gateway = gatewayOver({}, clearFaultsAfterAFailure(sandbox.juspay));
    const orderId = nextId();
    const error = (await gateway.createOrder(placed(orderId)))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'duplicate_order', provider: 'juspay_main', orderMayExist: true });
    expect(error.message).toContain('probably created it');
    expect(error.attempts?.map((a) => [a.provider, a.error.kind])).toEqual([
      ['juspay_main', 'network'],
      ['juspay_main', 'duplicate_order'],
    ]);
    expect(sandbox.juspay.orders.get(orderId)).toBeDefined();
    expect(sandbox.flowwise.orders.get(orderId)).toBeUndefined();
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
    // Sticky: the same order id is drawn to the same provider, which reports the duplicate; no second order elsewhere.
    for (const s of [at('juspay_main')[0]!, at('flowwise_backup')[0]!]) {
      const again = (await gateway.createOrder(placed(s.orderId)))._unsafeUnwrapErr();
      expect(again).toMatchObject({ kind: 'duplicate_order', provider: s.provider });
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
