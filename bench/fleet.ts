/*
 * Fleet soak (issue 12, item 6): `npm run soak:fleet`. Not part of `npm test`.
 *
 * FLEET_PROCESSES (2) gateway processes (bench/fleet-child.ts) get the same FLEET_ORDERS (2,000) order
 * ids at once. The sandbox (this process) is their Juspay primary, which answers 503 to 30% of
 * create-order requests (FLEET_FAULT=reset: records each order, then resets 30% of connections),
 * seeded, and their healthy Flowwise backup. Run once per ledger: Redis
 * (a redis-server started here, test/ledger/redis-server.ts), each process's own memory ledger, and
 * none (a ledger that keeps nothing, bench/noop-ledger.ts). With Redis it checks that every order id
 * has exactly one payable checkout across both providers, that every process returned the same
 * checkout URL for it, and that no process had an unhandled rejection or a socket left open; for all
 * three it reports the cost per order. Exits 1 when a Redis check fails. Replaces the `fleet-503` (or `fleet-reset`) section
 * of bench/results.md (see bench/sections.ts) and prints it.
 *
 * Environment (optional): FLEET_PROCESSES, FLEET_ORDERS, FLEET_CONCURRENCY (100 in flight per process), FLEET_FAULT (503 or reset), FLEET_SEED (20241212), FLEET_RESULTS (a file; `-` for none).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { seededRandom, startSandbox, type Sandbox } from '../providers/entries/sandbox.js';
import { redisServerInstalled, startRedisServer } from '../test/ledger/redis-server.js';
import type { FleetReport, FleetSettings } from './fleet-child.js';
import { percentile } from './http/runner.js';
import { publishSection } from './sections.js';

const PROCESSES = Number(process.env.FLEET_PROCESSES ?? 2);
const ORDERS = Number(process.env.FLEET_ORDERS ?? 2_000);
const SEED = Number(process.env.FLEET_SEED ?? 20241212);
const CONCURRENCY = Number(process.env.FLEET_CONCURRENCY ?? 100);
const RESULTS = process.env.FLEET_RESULTS ?? fileURLToPath(new URL('./results.md', import.meta.url));
const FAULT_RATE = 0.3;
/**
 * `503` (the default): the primary answers 503 to 30% of requests, nothing created for them, so an
 * instance whose request failed falls back while another's request created the order: the fleet's
 * duplicate. `reset`: it records each order, then resets 30% of connections (reconciliation's case).
 */
const FAULT = process.env.FLEET_FAULT ?? '503';
if (FAULT !== '503' && FAULT !== 'reset') throw new Error(`FLEET_FAULT must be 503 or reset, got "${FAULT}"`);
const failure = FAULT === 'reset' ? ({ kind: 'reset' } as const) : ({ kind: 'status', status: 503 } as const);
const CHILD = fileURLToPath(new URL('./fleet-child.ts', import.meta.url));

/** A fleet process: `ready` once its gateway is built; `go()` sends it its orders; `report` when it has exited. */
function startProcess(settings: FleetSettings) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(settings)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const report = exited.then((code) => {
    const line = output.split('\n')[1];
    if (code !== 0 || !line) throw new Error(`a fleet process exited with ${code}`);
    return JSON.parse(line) as FleetReport;
  });
  return { ready: waitFor(() => output.startsWith('ready\n')), go: () => child.stdin.write('go\n'), report };
}

async function waitFor(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
}

interface Measured {
  readonly ledger: FleetSettings['ledger'];
  readonly reports: readonly FleetReport[];
  readonly atBoth: number;
  readonly differentUrls: number;
  readonly errors: string;
  readonly wallMs: number;
}

async function measure(ledger: FleetSettings['ledger'], run: number, redisUrl: string | undefined): Promise<Measured> {
  const sandbox: Sandbox = await startSandbox({
    juspay: { magicValues: false, random: seededRandom(SEED + run), faults: { failure, rate: FAULT_RATE, operations: ['createOrder'] } },
    flowwise: { magicValues: false },
    'commerce-engine': { magicValues: false },
  });
  try {
    const orderIds = Array.from({ length: ORDERS }, (_, i) => `fl${run}x${i}`);
    const settings: FleetSettings = { ledger, redisUrl, prefix: `fleet:${run}:`, juspay: { ...sandbox.juspay.adapterOptions }, flowwise: { ...sandbox.flowwise.adapterOptions }, orderIds, concurrency: CONCURRENCY };
    const fleet = Array.from({ length: PROCESSES }, () => startProcess(settings));
    // Every process is ready (its gateway built, Redis connected) before any gets its orders.
    await Promise.all(fleet.map((p) => p.ready));
    const started = performance.now();
    fleet.forEach((p) => p.go());
    const reports = await Promise.all(fleet.map((p) => p.report));
    const wallMs = performance.now() - started;
    let atBoth = 0;
    let differentUrls = 0;
    let errors = 0;
    const kinds = new Map<string, number>();
    orderIds.forEach((orderId, i) => {
      if (sandbox.juspay.orders.get(orderId) && sandbox.flowwise.orders.get(orderId)) atBoth++;
      const outcomes = reports.map((r) => r.outcomes[i]!);
      for (const o of outcomes) if ('kind' in o) (errors++, kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1));
      const urls = new Set(outcomes.map((o) => ('url' in o ? o.url : `error ${o.kind}`)));
      if (urls.size > 1) differentUrls++;
    });
    return { ledger, reports, atBoth, differentUrls, errors: `${errors}${errors > 0 ? ` (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`, wallMs };
  } finally {
    await sandbox.close();
  }
}

const redis = redisServerInstalled ? await startRedisServer() : undefined;
if (!redis) process.stderr.write('redis-server is not installed: the Redis run is skipped\n');
const runs: Measured[] = [];
try {
  for (const [i, ledger] of (['redis', 'memory', 'none'] as const).entries()) {
    if (ledger === 'redis' && !redis) continue;
    runs.push(await measure(ledger, i, redis?.url));
    process.stderr.write(`${ledger}: done\n`);
  }
} finally {
  await redis?.stop();
}

const problems: string[] = [];
const rows = runs.map((m) => {
  const latencies = Float64Array.from(m.reports.flatMap((r) => r.latenciesMs)).sort();
  const sent = ORDERS * m.reports.length;
  const cpu = m.reports.reduce((sum, r) => sum + r.cpuUs, 0) / sent;
  const trips = m.reports.reduce((sum, r) => sum + r.redisCalls, 0) / sent;
  const rejections = m.reports.reduce((sum, r) => sum + r.unhandledRejections, 0);
  const open = m.reports.flatMap((r) => r.openHandles);
  if (m.ledger === 'redis') {
    if (m.atBoth > 0) problems.push(`${m.atBoth} order ids have a checkout at both providers`);
    if (m.differentUrls > 0) problems.push(`${m.differentUrls} order ids got different results in different processes`);
  }
  if (rejections > 0) problems.push(`${m.ledger}: ${rejections} unhandled rejections`);
  if (open.length > 0) problems.push(`${m.ledger}: left open: ${[...new Set(open)].join(', ')}`);
  return `| ${m.ledger === 'redis' ? '`redisLedger()` (one Redis)' : m.ledger === 'memory' ? '`memoryLedger()` (one per process)' : 'none (keeps nothing)'} | **${m.atBoth}** | **${m.differentUrls}** | ${m.errors} | ${m.ledger === 'redis' ? trips.toFixed(2) : '–'} | ${percentile(latencies, 0.5).toFixed(0)} | ${percentile(latencies, 0.99).toFixed(0)} | ${cpu.toFixed(0)} | ${rejections} | ${open.length} |`;
});

const section = [
  `## Fleet soak: one checkout per order across processes (\`npm run soak:fleet\`, ${FAULT === 'reset' ? 'resets' : '503s'})`,
  '',
  `Written by \`npm run soak:fleet\` on ${new Date().toISOString().slice(0, 10)}. ${PROCESSES} gateway processes get the same ${ORDERS} order ids at once, each sending them in the same order, ${CONCURRENCY} in flight at a time; juspay_main (the loopback sandbox) ${FAULT === 'reset' ? 'records each order, then resets' : 'answers 503 to'} ${FAULT_RATE * 100}% of ${FAULT === 'reset' ? 'connections' : 'create-order requests, creating nothing for them'} (seed ${SEED}, \`FLEET_FAULT=${FAULT}\`); flowwise_backup is healthy. Latency is per \`createOrder\` call in each process (a call that waited for another process's order included); CPU is each process's user + system time over the orders it was sent. Counts are order ids.`,
  '',
  '| ledger | order at both providers | processes disagreeing | errors (of calls) | Redis round trips per call | p50 (ms) | p99 (ms) | client CPU per call (µs) | unhandled rejections | handles left open |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows,
  '',
  problems.length === 0 ? 'Every check passed.' : `**Failed checks:** ${problems.join('; ')}.`,
].join('\n');

await publishSection(RESULTS, `fleet-${FAULT}`, section);
process.exitCode = problems.some((p) => !p.startsWith('memory') && !p.startsWith('none')) ? 1 : 0;
