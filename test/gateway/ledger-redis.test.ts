import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type GatewayOptions, type LedgerErrorEvent, type Order } from '../../providers/entries/index.js';
import { startSandbox, type Sandbox } from '../../providers/entries/sandbox.js';
import { redisLedger } from '../../src/ledger/redis/index.js';
import { until } from '../ledger/contract.js';
import { redisServerInstalled, startRedisServer, type RedisServer } from '../ledger/redis-server.js';
import { gatewayConfig, outcomeOf, type ChildSettings, type Outcome } from './ledger-redis-setup.js';

/*
 * Gateways in two processes (this one and a child, test/gateway/ledger-child.ts) sharing one Redis
 * ledger and one sandbox: what a fleet of checkout instances relies on.
 */

const CHILD = fileURLToPath(new URL('./ledger-child.ts', import.meta.url));
const newClient = (url: string) => createClient({ url, socket: { reconnectStrategy: () => 50 } }).on('error', () => {});
type Client = ReturnType<typeof newClient>;

let server: RedisServer;
let sandbox: Sandbox;
const clients: Client[] = [];
const children = new Set<ChildProcess>();
let serial = 0;

const nextId = () => `RL${++serial}x${randomUUID().slice(0, 6)}`;
const order = (orderId: string, amount = 10_015): Order => ({ orderId, amount, currency: 'INR', returnUrl: 'https://shop.example.com/return' });

function settings(prefix: string, deadlineMs = 10_000, redisUrl = server.url): ChildSettings {
  return { redisUrl, prefix, juspay: { ...sandbox.juspay.adapterOptions }, flowwise: { ...sandbox.flowwise.adapterOptions }, deadlineMs };
}

async function connect(url: string): Promise<Client> {
  const client = newClient(url);
  clients.push(client);
  await client.connect();
  return client;
}

async function gatewayAt(child: ChildSettings, options: GatewayOptions & { timeoutMs?: number } = {}): Promise<Gateway> {
  const client = await connect(child.redisUrl);
  const { timeoutMs = 2_000, ...rest } = options;
  return createGateway(gatewayConfig(child), { ledger: redisLedger({ client, prefix: child.prefix, ttlSeconds: 60, timeoutMs }), ...rest });
}

/** A child gateway process: `send` gives it orders to create at once and resolves with its outcomes. */
async function startChild(child: ChildSettings) {
  const process = spawn(globalThis.process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(child)], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.add(process);
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let buffered = '';
  process.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    }
  });
  const nextLine = () => new Promise<string>((resolve) => (lines.length > 0 ? resolve(lines.shift()!) : waiting.push(resolve)));
  expect(await nextLine()).toBe('ready');
  return {
    process,
    send: (orders: readonly Order[]) => {
      process.stdin!.write(`${JSON.stringify(orders)}\n`);
      return nextLine().then((line) => JSON.parse(line) as Outcome[]);
    },
    stop: async () => {
      if (process.exitCode === null && process.signalCode === null) {
        const exited = new Promise((resolve) => process.once('exit', resolve));
        process.kill('SIGKILL');
        await exited;
      }
      children.delete(process);
    },
  };
}

const holders = (orderId: string) => (['juspay', 'flowwise'] as const).filter((server) => sandbox[server].orders.get(orderId) !== undefined);
const prefix = () => `gw:${randomUUID().slice(0, 8)}:`;

describe.skipIf(!redisServerInstalled)(redisServerInstalled ? 'gateways in two processes over one Redis ledger' : 'gateways over Redis (SKIPPED: redis-server is not installed)', () => {
  beforeAll(async () => {
    server = await startRedisServer();
    sandbox = await startSandbox({ juspay: { magicValues: false }, flowwise: { magicValues: false }, 'commerce-engine': { magicValues: false } });
  });
  afterEach(() => sandbox.juspay.clearFaults());
  afterAll(async () => {
    await Promise.all([...children].map((child) => (child.kill('SIGKILL'), new Promise((resolve) => child.once('exit', resolve)))));
    await Promise.all(clients.map((c) => (c.isOpen ? c.close() : undefined)));
    await sandbox?.close();
    await server?.stop();
  });

  it('the same orders sent to both processes at once, the primary resetting 30% after recording: one order per id at one provider, the same checkout URL in both', async () => {
    const keys = settings(prefix());
    const child = await startChild(keys);
    const gateway = await gatewayAt(keys);
    sandbox.juspay.setFaults({ failure: { kind: 'reset' }, rate: 0.3, operations: ['createOrder'] })._unsafeUnwrap();
    const orders = Array.from({ length: 40 }, () => order(nextId()));
    const [theirs, ours] = await Promise.all([child.send(orders), Promise.all(orders.map((o) => gateway.createOrder(o))).then((rs) => rs.map((r, i) => outcomeOf(orders[i]!.orderId, r)))]);
    for (const [i, { orderId }] of orders.entries()) {
      expect(holders(orderId)).toHaveLength(1);
      const [a, b] = [ours[i]!, theirs[i]!];
      expect('checkoutUrl' in a && 'checkoutUrl' in b && a.checkoutUrl === b.checkoutUrl).toBe(true);
    }
    // Each order was created by one of the two; the other waited for it (or looked it up) and replayed it.
    expect(orders.every((_, i) => [ours[i], theirs[i]].filter((o) => o && 'replayed' in o && o.replayed).length >= 1)).toBe(true);
    await child.stop();
  });

  it('an order created by the other process: replayed here without a request; a different order under its id: duplicate_order', async () => {
    const keys = settings(prefix());
    const child = await startChild(keys);
    const placed = order(nextId());
    const [created] = await child.send([placed]);
    await child.stop();
    const requests = sandbox.juspay.orders.list().length;
    const gateway = await gatewayAt(keys);
    const again = (await gateway.createOrder(placed))._unsafeUnwrap();
    expect(created).toMatchObject({ checkoutUrl: again.checkoutUrl, replayed: false });
    expect(again).toMatchObject({ provider: 'juspay_main', replayed: true });
    expect(sandbox.juspay.orders.list()).toHaveLength(requests);
    const reused = (await gateway.createOrder({ ...placed, amount: 20_000 }))._unsafeUnwrapErr();
    expect(reused).toMatchObject({ kind: 'duplicate_order', provider: 'payroute' });
    expect(reused.message).toContain('was reused for a different order');
  });

  it('an order the other process is creating: this one waits for it and returns the same checkout', async () => {
    const keys = settings(prefix());
    const child = await startChild(keys);
    const gateway = await gatewayAt(keys);
    sandbox.juspay.setFaults({ latencyMs: 300, operations: ['createOrder'] })._unsafeUnwrap();
    const placed = order(nextId());
    const theirs = child.send([placed]);
    // The child holds the order once the primary has it (its answer is 300 ms late).
    await until(async () => holders(placed.orderId), (held) => held.length > 0);
    const ours = outcomeOf(placed.orderId, await gateway.createOrder(placed));
    const [their] = await theirs;
    expect(ours).toMatchObject({ checkoutUrl: (their as { checkoutUrl: string }).checkoutUrl, replayed: true });
    expect(holders(placed.orderId)).toEqual(['juspay']);
    await child.stop();
  });

  it('an owner killed mid-order (SIGKILL while the primary hangs): its lease ends, and the next call finds its order rather than creating another', async () => {
    const keys = settings(prefix(), 2_000);
    const child = await startChild(keys);
    sandbox.juspay.setFaults({ failure: { kind: 'hang' }, operations: ['createOrder'] })._unsafeUnwrap();
    const placed = order(nextId());
    void child.send([placed]);
    await until(async () => holders(placed.orderId), (held) => held.length > 0);
    await child.stop();
    sandbox.juspay.clearFaults();
    const gateway = await gatewayAt(settings(keys.prefix));
    const session = (await gateway.createOrder(placed))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'juspay_main', reconciled: true, replayed: true });
    expect(session.providerOrderId).toBe(sandbox.juspay.orders.get(placed.orderId)?.providerOrderId);
    expect(holders(placed.orderId)).toEqual(['juspay']);
  });

  it("Redis stopped mid-run: ledger_unavailable with nothing sent by default; with onLedgerError: 'proceed', created and flagged unprotected", async () => {
    const own = await startRedisServer();
    try {
      const keys = settings(prefix(), 10_000, own.url);
      const events: LedgerErrorEvent[] = [];
      const failing = await gatewayAt(keys, { timeoutMs: 200, hooks: { onLedgerError: (e) => events.push(e) } });
      const proceeding = await gatewayAt(keys, { timeoutMs: 200, onLedgerError: 'proceed' });
      expect((await failing.createOrder(order(nextId()))).isOk()).toBe(true);
      await own.stop();
      const refused = order(nextId());
      expect((await failing.createOrder(refused))._unsafeUnwrapErr()).toMatchObject({ kind: 'ledger_unavailable', retryable: true });
      expect(holders(refused.orderId)).toEqual([]);
      expect(events).toEqual([{ orderId: refused.orderId, operation: 'claim', reason: 'ledger_unavailable', action: 'refused' }]);
      const unprotected = order(nextId());
      expect((await proceeding.createOrder(unprotected))._unsafeUnwrap()).toMatchObject({ provider: 'juspay_main', unprotected: true });
      expect(holders(unprotected.orderId)).toEqual(['juspay']);
    } finally {
      await own.stop();
      await Promise.all(clients.map((c) => (c.isOpen ? c.destroy() : undefined)));
    }
  });
});
