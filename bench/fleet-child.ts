/*
 * One instance of the fleet soak (bench/fleet.ts): `node --import tsx bench/fleet-child.ts <settings JSON>`.
 * A gateway (juspay_main → flowwise_backup at the parent's sandbox) with the ledger the settings name:
 * `redis` (counting its round trips), `memory` or `none` (bench/noop-ledger.ts). It prints `ready`, waits
 * for one line on stdin, creates the orders (`concurrency` at a time) and prints one JSON line (`FleetReport`), then
 * closes its Redis client and exits by itself: a handle left open would keep it running.
 */
import { createInterface } from 'node:readline';
import { createClient } from 'redis';
import { createGateway, memoryLedger, type OrderLedger } from '../providers/entries/index.js';
import { redisLedger, type RedisScriptClient } from '../src/ledger/redis/index.js';
import { noopLedger } from './noop-ledger.js';

export interface FleetSettings {
  readonly ledger: 'redis' | 'memory' | 'none';
  readonly redisUrl: string | undefined;
  readonly prefix: string;
  readonly juspay: { readonly apiKey: string; readonly merchantId: string; readonly baseUrl: string };
  readonly flowwise: { readonly clientId: string; readonly clientSecret: string; readonly baseUrl: string };
  readonly orderIds: readonly string[];
  /** Orders in flight at once in each process. */
  readonly concurrency: number;
}

export interface FleetReport {
  /** Per order id, in the order given: its checkout URL, or the error kind. */
  readonly outcomes: ReadonlyArray<{ readonly url: string; readonly provider: string } | { readonly kind: string }>;
  readonly latenciesMs: readonly number[];
  readonly cpuUs: number;
  readonly redisCalls: number;
  readonly unhandledRejections: number;
  /** What was still open once the gateway's work and the Redis client were done. */
  readonly openHandles: readonly string[];
}

let unhandledRejections = 0;
process.on('unhandledRejection', () => unhandledRejections++);

const settings = JSON.parse(process.argv[2] ?? '{}') as FleetSettings;
let redisCalls = 0;
const client = settings.ledger === 'redis' ? createClient({ url: settings.redisUrl ?? '', socket: { reconnectStrategy: () => 50 } }).on('error', () => {}) : undefined;
if (client) await client.connect();
const counted: RedisScriptClient | undefined = client && {
  evalSha: (sha1, options) => (redisCalls++, client.evalSha(sha1, options)),
  eval: (script, options) => (redisCalls++, client.eval(script, options)),
};
// 2,000 orders started at once keep the event loop busy for a while: a 1 s ledger timeout would measure that lag.
const ledger: OrderLedger = counted ? redisLedger({ client: counted, prefix: settings.prefix, ttlSeconds: 600, timeoutMs: 5_000 }) : settings.ledger === 'memory' ? memoryLedger() : noopLedger();

const gateway = createGateway(
  {
    providers: {
      juspay_main: { type: 'juspay', ...settings.juspay, timeoutMs: 5_000 },
      flowwise_backup: { type: 'flowwise', ...settings.flowwise, timeoutMs: 5_000 },
    },
    routing: { strategy: 'priority', order: ['juspay_main', 'flowwise_backup'] },
    retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 50, deadlineMs: 30_000 },
    // The soak's concern is the ledger: a breaker opened by the resets would only add skips.
    circuitBreaker: { policy: 'consecutive', failures: 1_000_000 },
  },
  { ledger },
);

console.log('ready');
await new Promise((resolve) => createInterface({ input: process.stdin }).once('line', resolve));
process.stdin.destroy();
const cpu = process.cpuUsage();
const latenciesMs: number[] = [];
const outcomes: FleetReport['outcomes'][number][] = [];
let next = 0;
// CONCURRENCY orders in flight at a time, in the same order in every process, so their calls meet.
const worker = async () => {
  for (let i = next++; i < settings.orderIds.length; i = next++) {
    const orderId = settings.orderIds[i]!;
    const started = performance.now();
    const result = await gateway.createOrder({ orderId, amount: 10_000 + i, currency: 'INR', returnUrl: 'https://shop.example.com/return' });
    latenciesMs.push(performance.now() - started);
    outcomes[i] = result.isOk() ? { url: result.value.checkoutUrl, provider: result.value.provider } : { kind: result.error.kind };
  }
};
await Promise.all(Array.from({ length: settings.concurrency }, worker));
const used = process.cpuUsage(cpu);
await client?.close();
// Sockets close on the next turns of the loop; give them a moment before looking.
await new Promise((resolve) => setTimeout(resolve, 200));
const openHandles = process.getActiveResourcesInfo().filter((name) => name !== 'TTYWrap' && name !== 'PipeWrap' && name !== 'Timeout');
const report: FleetReport = { outcomes, latenciesMs, cpuUs: used.user + used.system, redisCalls, unhandledRejections, openHandles };
process.stdout.write(`${JSON.stringify(report)}\n`);
