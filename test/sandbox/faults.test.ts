import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PayrouteError } from '../../src/errors.js';
import type { Order } from '../../src/order.js';
import type { PaymentProvider } from '../../src/port.js';
import { commerceEngine } from '../../providers/commerce-engine/index.js';
import { flowwise } from '../../providers/flowwise/index.js';
import { juspay } from '../../providers/juspay/index.js';
import { seededRandom, startSandbox, type Sandbox, type SandboxFailure } from '../../providers/entries/sandbox.js';
import { order } from './helpers.js';

const TIMEOUT_MS = 400;
const MAGIC_LATENCY_MS = 150;

interface ProviderCase {
  readonly name: 'juspay' | 'flowwise' | 'commerce-engine';
  adapter(sandbox: Sandbox, timeoutMs?: number): PaymentProvider;
}

const providers: readonly ProviderCase[] = [
  { name: 'juspay', adapter: (s, timeoutMs = TIMEOUT_MS) => juspay({ ...s.juspay.adapterOptions, timeoutMs }) },
  { name: 'flowwise', adapter: (s, timeoutMs = TIMEOUT_MS) => flowwise({ ...s.flowwise.adapterOptions, timeoutMs }) },
  { name: 'commerce-engine', adapter: (s, timeoutMs = TIMEOUT_MS) => commerceEngine({ ...s['commerce-engine'].adapterOptions, timeoutMs }) },
];

interface FaultCase {
  readonly title: string;
  /** Order id prefix that asks for the fault. */
  readonly magic: string;
  /** The same fault, configured. */
  readonly failure: SandboxFailure;
  /** Whether the sandbox keeps the order (the fault hit after processing). */
  readonly created: boolean;
  readonly error: Partial<PayrouteError>;
}

const faultCases: readonly FaultCase[] = [
  { title: '503', magic: 'F503', failure: { kind: 'status', status: 503 }, created: false, error: { kind: 'provider_unavailable', httpStatus: 503, retryable: true, providerMessage: expect.stringMatching(/unavailable/i) as string } },
  { title: '500', magic: 'F500', failure: { kind: 'status', status: 500 }, created: false, error: { kind: 'provider_unavailable', httpStatus: 500, retryable: true, orderMayExist: true } },
  { title: '429 with Retry-After', magic: 'F429', failure: { kind: 'rate_limit', retryAfterSeconds: 2 }, created: false, error: { kind: 'rate_limited', httpStatus: 429, retryable: true, retryAfterMs: 2000 } },
  { title: 'connection reset', magic: 'FRST', failure: { kind: 'reset' }, created: true, error: { kind: 'network', providerCode: 'ECONNRESET', retryable: true, orderMayExist: true } },
  { title: 'headers that never come', magic: 'FHNG', failure: { kind: 'hang' }, created: true, error: { kind: 'timeout', retryable: true, orderMayExist: true } },
  { title: 'HTML page', magic: 'FHTM', failure: { kind: 'html' }, created: false, error: { kind: 'provider_unavailable', httpStatus: 502, message: expect.stringContaining('an HTML page instead of JSON') as string } },
  { title: 'malformed JSON on 200', magic: 'FJSN', failure: { kind: 'malformed_json' }, created: true, error: { kind: 'unexpected_response', httpStatus: 200, orderMayExist: true } },
];

describe.each(providers)('$name sandbox faults', (provider) => {
  let sandbox: Sandbox;
  let serial = 0;
  const nextId = (prefix: string) => `${prefix}x${++serial}`;
  /** An order the shop's system holds (so Commerce Engine, which prices its own orders, has it too). */
  const placed = (orderId: string): Order => {
    const placedOrder = order(orderId, { returnUrl: 'https://shop.example.com/return' });
    sandbox[provider.name].seedOrder(placedOrder)._unsafeUnwrap();
    return placedOrder;
  };
  beforeAll(async () => {
    sandbox = await startSandbox({ [provider.name]: { magicValues: { latencyMs: MAGIC_LATENCY_MS, retryAfterSeconds: 2 } } });
  });
  afterAll(() => sandbox.close());
  afterEach(() => sandbox[provider.name].clearFaults());

  describe.each(faultCases)('$title', (fault) => {
    it('by magic value in the order id', async () => {
      const orderId = nextId(fault.magic);
      const result = await provider.adapter(sandbox).createOrder(placed(orderId));
      expect(result._unsafeUnwrapErr()).toMatchObject(fault.error);
      expect(sandbox[provider.name].orders.get(orderId) !== undefined).toBe(fault.created);
    });

    it('by configuration', async () => {
      sandbox[provider.name].setFaults({ failure: fault.failure })._unsafeUnwrap();
      const orderId = nextId('C');
      const result = await provider.adapter(sandbox).createOrder(placed(orderId));
      expect(result._unsafeUnwrapErr()).toMatchObject(fault.error);
      expect(sandbox[provider.name].orders.get(orderId) !== undefined).toBe(fault.created);
    });
  });

  it('latency by magic value: the order is created, late', async () => {
    const started = performance.now();
    const result = await provider.adapter(sandbox).createOrder(placed(nextId('FSLW')));
    expect(result.isOk()).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(MAGIC_LATENCY_MS - 5);
  });

  it('latency by configuration; past the adapter timeout it is a timeout', async () => {
    sandbox[provider.name].setFaults({ latencyMs: 100 })._unsafeUnwrap();
    const started = performance.now();
    expect((await provider.adapter(sandbox).createOrder(placed(nextId('L')))).isOk()).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    const late = await provider.adapter(sandbox, 50).createOrder(placed(nextId('L')));
    expect(late._unsafeUnwrapErr()).toMatchObject({ kind: 'timeout' });
  });

  it('an HTML page with status 200 is an unexpected_response', async () => {
    sandbox[provider.name].setFaults({ failure: { kind: 'html', status: 200 } })._unsafeUnwrap();
    const result = await provider.adapter(sandbox).createOrder(placed(nextId('H')));
    expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'unexpected_response', httpStatus: 200 });
  });

  it('fails, then recovers when the faults are cleared', async () => {
    const server = sandbox[provider.name];
    server.setFaults({ failure: { kind: 'status', status: 503 } })._unsafeUnwrap();
    expect((await provider.adapter(sandbox).createOrder(placed(nextId('R')))).isErr()).toBe(true);
    server.clearFaults();
    expect((await provider.adapter(sandbox).createOrder(placed(nextId('R')))).isOk()).toBe(true);
  });

  it('refuses invalid faults and keeps the ones it had', async () => {
    const server = sandbox[provider.name];
    server.setFaults({ failure: { kind: 'status', status: 503 } })._unsafeUnwrap();
    const refused = server.setFaults({ rate: 2, failure: { kind: 'status', status: 42 } });
    expect(refused._unsafeUnwrapErr().fields.map((f) => f.path).sort()).toEqual(['failure.status', 'rate']);
    expect((await provider.adapter(sandbox).createOrder(placed(nextId('V')))).isErr()).toBe(true);
  });
});

describe('sandbox fault options', () => {
  it('faults the fraction of requests given by rate, repeatably with a seeded random', async () => {
    const sandbox = await startSandbox({ juspay: { random: seededRandom(7), faults: { rate: 0.5, failure: { kind: 'status', status: 503 } } } });
    try {
      const provider = juspay(sandbox.juspay.adapterOptions);
      const outcomes: boolean[] = [];
      for (let i = 0; i < 20; i++) outcomes.push((await provider.createOrder(order(`RATE${i}`))).isErr());
      const draw = seededRandom(7);
      expect(outcomes).toEqual(Array.from({ length: 20 }, () => draw() < 0.5));
      expect(outcomes.filter(Boolean).length).toBeGreaterThan(0);
      expect(outcomes.filter(Boolean).length).toBeLessThan(20);
    } finally {
      await sandbox.close();
    }
  });

  it('ignores magic values when magicValues is false', async () => {
    const sandbox = await startSandbox({ flowwise: { magicValues: false } });
    try {
      expect((await flowwise(sandbox.flowwise.adapterOptions).createOrder(order('FRST1'))).isOk()).toBe(true);
    } finally {
      await sandbox.close();
    }
  });

  it('close() ends hanging and delayed requests at once, so nothing keeps the process alive', async () => {
    const sandbox = await startSandbox({ juspay: { faults: { latencyMs: 60_000 } } });
    const delayed = juspay({ ...sandbox.juspay.adapterOptions, timeoutMs: 60_000 }).createOrder(order('SLOW1'));
    const hung = flowwise({ ...sandbox.flowwise.adapterOptions, timeoutMs: 60_000 }).createOrder(order('FHNG1'));
    await waitFor(() => sandbox.flowwise.orders.get('FHNG1') !== undefined);
    const started = performance.now();
    await sandbox.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect((await delayed)._unsafeUnwrapErr().kind).toBe('network');
    expect((await hung)._unsafeUnwrapErr().kind).toBe('network');
  });

  it('many concurrent delayed requests raise no "possible memory leak" warning', async () => {
    // Each delayed request listens on the server's stop signal while it waits; Node warns at the eleventh listener.
    const warnings = vi.spyOn(process, 'emitWarning');
    const sandbox = await startSandbox({ juspay: { faults: { latencyMs: 100 } } });
    try {
      const provider = juspay(sandbox.juspay.adapterOptions);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => provider.createOrder(order(`LATE${i}`))));
      expect(results.filter((r) => r.isOk())).toHaveLength(20);
      expect(warnings.mock.calls.map(([warning]) => String(warning))).not.toContainEqual(expect.stringMatching(/memory leak/));
    } finally {
      await sandbox.close();
    }
  });

  it('a process with hanging and delayed requests exits once the sandbox is closed', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const script = join(mkdtempSync(join(tmpdir(), 'payroute-sandbox-')), 'hang.mts');
    writeFileSync(
      script,
      `import { startSandbox } from ${JSON.stringify(join(root, 'providers/entries/sandbox.ts'))};
      const sandbox = await startSandbox({ juspay: { faults: { latencyMs: 60_000 } } });
      const hanging = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"order_id":"FHNG1"}' };
      fetch(sandbox.flowwise.url + '/orders', hanging).catch(() => {});
      fetch(sandbox.juspay.url + '/orders', { method: 'POST', body: 'order_id=X' }).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sandbox.close();
      console.log('closed');`,
    );
    const started = performance.now();
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: root, timeout: 15_000 });
    expect(stdout.trim()).toBe('closed');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('startSandbox', () => {
  it('rejects when a port is taken, closing what it started', async () => {
    const first = await startSandbox();
    try {
      const port = Number(new URL(first.flowwise.url).port);
      await expect(startSandbox({ flowwise: { port } })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });

  it('rejects invalid options, naming them', async () => {
    await expect(startSandbox({ juspay: { port: -1 } })).rejects.toMatchObject({ name: 'PayrouteConfigError', fields: [{ path: 'port' }] });
    // @ts-expect-error -- an unknown option
    await expect(startSandbox({ flowwise: { colour: 'red' } })).rejects.toMatchObject({ name: 'PayrouteConfigError' });
    // @ts-expect-error -- a misspelt provider
    await expect(startSandbox({ juspey: {} })).rejects.toMatchObject({ name: 'PayrouteConfigError' });
    await expect(startSandbox({ host: '' })).rejects.toMatchObject({ name: 'PayrouteConfigError', fields: [{ path: 'host' }] });
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
