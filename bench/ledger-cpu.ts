/*
 * What the memory ledger costs the gateway (issue 12, item 7): `npm run bench:ledger`. Not part of `npm test`.
 *
 * Two gateways with one Juspay entry at the loopback provider (bench/http/server.ts, its own process):
 * one with `memoryLedger()` (the default), one with a ledger that keeps nothing (bench/noop-ledger.ts).
 * Each order has a new order id (a repeated one is a replay, which sends nothing). Interleaved rounds
 * (bench/http/runner.ts); client CPU per order from `process.cpuUsage`. Replaces the `ledger-cpu`
 * section of bench/results.md (see bench/sections.ts) and prints it.
 *
 * Environment (optional): LEDGER_BENCH_ROUNDS (60), LEDGER_BENCH_BATCH (200), LEDGER_RESULTS (a file; `-` for none).
 */
import { fileURLToPath } from 'node:url';
import { createGateway, memoryLedger, type OrderLedger } from '../providers/entries/index.js';
import { credentials, order } from './fixtures.js';
import { compare, pairedRatio, type Contender } from './http/runner.js';
import { startProviderServer } from './http/server.js';
import { noopLedger } from './noop-ledger.js';
import { publishSection } from './sections.js';

const ROUNDS = Number(process.env.LEDGER_BENCH_ROUNDS ?? 60);
const BATCH = Number(process.env.LEDGER_BENCH_BATCH ?? 200);
const RESULTS = process.env.LEDGER_RESULTS ?? fileURLToPath(new URL('./results.md', import.meta.url));

let serial = 0;
/** A new order id of the fixture's length for every order. */
const nextOrder = () => ({ ...order, orderId: `bench_${String(++serial).padStart(12, '0')}` });

function contender(id: string, label: string, baseUrl: string, ledger: OrderLedger): Contender {
  const gateway = createGateway({ providers: { juspay: { type: 'juspay', ...credentials.juspay, baseUrl } }, routing: { strategy: 'priority', order: ['juspay'] } }, { ledger });
  return {
    id,
    label,
    send: async () => {
      const result = await gateway.createOrder(nextOrder());
      if (result.isErr()) throw new Error(`${result.error.kind}: ${result.error.message}`);
      if (result.value.replayed) throw new Error('replayed: the order id was not new');
    },
  };
}

const server = await startProviderServer(undefined);
try {
  const contenders = [contender('memory', '`memoryLedger()` (the default)', server.httpUrl, memoryLedger()), contender('none', 'a ledger that keeps nothing (baseline)', server.httpUrl, noopLedger())];
  const measured = await compare(contenders, { concurrency: 16, batch: BATCH, rounds: ROUNDS, warmup: 1_000 });
  const none = measured.get('none')!;
  const memory = measured.get('memory')!;
  const added = pairedRatio(memory, none) - 1;
  const row = (label: string, d: typeof none) =>
    `| ${label} | ${d.cpuUsPerOrder.toFixed(1)} | ${d.medianUs.toFixed(0)} | ${d.p99Us.toFixed(0)} | ${d.ordersPerSecond.toFixed(0)} | ${d.errors} |`;
  const section = [
    '## The memory ledger\'s cost to the gateway (`npm run bench:ledger`)',
    '',
    `Written by \`npm run bench:ledger\` on ${new Date().toISOString().slice(0, 10)}. One Juspay entry at the loopback provider (its own process), ${ROUNDS} interleaved rounds of ${BATCH} orders per gateway, 16 at a time, a new order id each. Client CPU is user + system of this process per order; the share added is the median, over the rounds, of the two gateways' ratio in that round (their batches run back to back).`,
    '',
    '| gateway | client CPU per order (µs) | p50 (µs) | p99 (µs) | orders/s | errors |',
    '|---|---:|---:|---:|---:|---:|',
    row(contenders[0]!.label, memory),
    row(contenders[1]!.label, none),
    '',
    `The memory ledger adds **${(added * 100).toFixed(1)}%** client CPU per order (the budget is 5%): a claim carrying the first attempt and a completion, both in this process's memory.`,
  ].join('\n');
  await publishSection(RESULTS, 'ledger-cpu', section);
} finally {
  server.close();
}
