/*
 * OpenTelemetry's cost (issue 13, item 4): `npm run bench:telemetry`. Not part of `npm test`.
 *
 * Client CPU (user + system, `process.cpuUsage`) per order of `createOrder` through the gateway, over
 * a provider of its own that answers at once (no I/O: the gateway's own work alone), in three child
 * processes of the built package: turned off (`telemetry: false`, the reference), `@opentelemetry/api` absent (its import refused by a resolve hook, as
 * when it is not installed), present with no SDK (its no-op tracer and meter), and present with the
 * SDK recording into memory. Each child runs WARMUP orders, then ORDERS, in ROUNDS rounds; the median
 * round is reported. Replaces its own section of bench/results.md (see bench/sections.ts).
 *
 * Environment (optional): TELEMETRY_ORDERS (20000), TELEMETRY_RESULTS (a file instead of
 * bench/results.md; `-` for none).
 */
import { spawnSync } from 'node:child_process';
import { register } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { publishSection } from './sections.js';

const ORDERS = Number(process.env.TELEMETRY_ORDERS ?? 20_000);
const WARMUP = 2_000;
const ROUNDS = 5;
const RESULTS = process.env.TELEMETRY_RESULTS ?? fileURLToPath(new URL('./results.md', import.meta.url));

type Mode = 'off' | 'absent' | 'noop' | 'sdk';
const MODES: ReadonlyArray<{ mode: Mode; title: string }> = [
  { mode: 'off', title: 'installed, `telemetry: false` (no telemetry code on the path: the reference)' },
  { mode: 'absent', title: '`@opentelemetry/api` not installed' },
  { mode: 'noop', title: 'installed, no SDK registered (no-op tracer and meter)' },
  { mode: 'sdk', title: 'installed, SDK tracer and meter recording in memory' },
];

// A resolve hook that answers for `@opentelemetry/api` as Node does for a package that is not there.
const HIDE_API = `data:text/javascript,${encodeURIComponent(`export async function resolve(specifier, context, next) {
  if (specifier === '@opentelemetry/api') throw Object.assign(new Error('not installed'), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(specifier, context);
}`)}`;

async function child(mode: Mode): Promise<void> {
  if (mode === 'absent') register(HIDE_API);
  if (mode === 'sdk') {
    const { trace, metrics } = await import('@opentelemetry/api');
    const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
    const { MeterProvider, InMemoryMetricExporter, PeriodicExportingMetricReader, AggregationTemporality } = await import('@opentelemetry/sdk-metrics');
    const spans = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
    const reader = new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.DELTA), exportIntervalMillis: 3_600_000 });
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    // Kept small: the exporter's memory is not what is measured.
    setInterval(() => spans.reset(), 100).unref();
  }
  const m = await import('../dist/index.js');
  const stub = Object.assign(
    (options: { name: string }) => ({
      name: options.name,
      type: 'stub',
      capabilities: { operations: ['createOrder' as const], dedupesOrderId: true },
      validate: () => m.ok(undefined),
      prepareOrder: (order: { orderId: string }) =>
        m.ok({
          send: () =>
            m.okAsync({ provider: options.name, orderId: order.orderId, providerOrderId: 'p1', status: 'created' as const, providerStatus: 'OPEN', checkoutUrl: 'https://pay.example/1', links: {}, raw: {} }),
        }),
      createOrder: () => m.errAsync(m.payrouteError({ kind: 'internal', provider: options.name, retryable: false, message: 'unused' })),
    }),
    { type: 'stub' },
  );
  const gateway = m.createGateway(
    { providers: { main: { type: 'stub' } }, routing: { strategy: 'priority', order: ['main'] } },
    { providers: [stub], ...(mode === 'off' && { telemetry: false as const }) },
  );
  // payroute imports the API in the background, over the event loop, which a loop of settled promises
  // never yields to: let it settle first, as it has long before a service's first order.
  await sleep(200);
  const run = async (count: number, round: number) => {
    for (let i = 0; i < count; i++) {
      const result = await gateway.createOrder({ orderId: `r${round}o${i}`, amount: 10_000, currency: 'INR' });
      if (result.isErr()) throw new Error(result.error.message);
    }
  };
  await run(WARMUP, -1);
  const perOrder: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const before = process.cpuUsage();
    await run(ORDERS, round);
    const used = process.cpuUsage(before);
    perOrder.push((used.user + used.system) / ORDERS);
  }
  perOrder.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ median: perOrder[Math.floor(ROUNDS / 2)], min: perOrder[0], max: perOrder.at(-1) }));
}

async function main(): Promise<void> {
  const measured = MODES.map(({ mode, title }) => {
    const ran = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), mode], { encoding: 'utf8', env: process.env });
    if (ran.status !== 0) throw new Error(`${mode}: ${ran.stderr}`);
    return { title, ...(JSON.parse(ran.stdout) as { median: number; min: number; max: number }) };
  });
  const reference = measured[0]?.median ?? 1;
  const us = (n: number) => n.toFixed(1);
  const section = [
    '## OpenTelemetry cost (`npm run bench:telemetry`)',
    '',
    `Written by \`npm run bench:telemetry\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}). Client CPU (user + system) per \`createOrder\` through the gateway, over a provider that answers at once (no I/O), ${ORDERS} orders a round after ${WARMUP} of warm-up, median of ${ROUNDS} rounds (min–max in brackets). See docs/service.md, "Tracing".`,
    '',
    '| @opentelemetry/api | CPU per order, µs | vs `telemetry: false` |',
    '|---|---:|---:|',
    ...measured.map((row) => `| ${row.title} | ${us(row.median)} (${us(row.min)}–${us(row.max)}) | ${row === measured[0] ? '—' : `${row.median >= reference ? '+' : ''}${(((row.median - reference) / reference) * 100).toFixed(0)}%`} |`),
  ].join('\n');
  await publishSection(RESULTS, 'telemetry', section);
}

const mode = process.argv[2] as Mode | undefined;
await (mode ? child(mode) : main());
