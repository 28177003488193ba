/*
 * Reconciliation measurement (issue 11, item 8): `npm run bench:reconcile`. Not part of `npm test`.
 *
 * 200 concurrent orders through a gateway (juspay_main, then flowwise_backup) at the offline sandbox
 * over loopback HTTP. The primary records each order, then resets the connection of 30% of them (the
 * sandbox's `reset` fault, drawn from a seeded random source); the backup is healthy. For each setup it
 * counts, per order id: an order at both providers; an error although an order exists; then sends every
 * failed order once more, as a caller would, and counts again. Replaces its own section of
 * bench/results.md (see bench/sections.ts) and prints it.
 *
 * Environment (optional): RECONCILE_ORDERS (200), RECONCILE_SEED (20241111), RECONCILE_RESULTS (a file
 * instead of bench/results.md; `-` for none).
 */
import { fileURLToPath } from 'node:url';
import type { Result } from 'neverthrow';
import { juspay, type JuspayOptions } from '../providers/juspay/index.js';
import { createGateway, type AmbiguousPolicy, type GatewaySession, type PaymentProvider, type RoutingError } from '../providers/entries/index.js';
import { seededRandom, startSandbox, type SandboxFaults } from '../providers/entries/sandbox.js';
import { publishSection } from './sections.js';

const ORDERS = Number(process.env.RECONCILE_ORDERS ?? 200);
const SEED = Number(process.env.RECONCILE_SEED ?? 20241111);
const RESULTS = process.env.RECONCILE_RESULTS ?? fileURLToPath(new URL('./results.md', import.meta.url));
const RESET_RATE = 0.3;

interface Setup {
  readonly title: string;
  /** Which of the primary's operations get the resets. */
  readonly faults: SandboxFaults;
  readonly ambiguous: AmbiguousPolicy;
  /** The primary as it was before reconciliation: no `getOrder`, so the gateway cannot ask it. */
  readonly blind?: boolean;
}

const setups: readonly Setup[] = [
  { title: 'before: the primary cannot be asked (no getOrder)', faults: { operations: ['createOrder'] }, ambiguous: 'fail', blind: true },
  { title: "primary's look-ups work (default ambiguous: 'fail')", faults: { operations: ['createOrder'] }, ambiguous: 'fail' },
  { title: "primary's look-ups reset 30% too, default ambiguous: 'fail'", faults: {}, ambiguous: 'fail' },
  { title: "primary's look-ups reset 30% too, ambiguous: 'fallback'", faults: {}, ambiguous: 'fallback' },
];

interface Counts {
  readonly sessions: number;
  readonly reconciled: number;
  readonly withDuplicateRisk: number;
  readonly errors: number;
  readonly atBoth: number;
  readonly errorsWithAnOrder: number;
  readonly errorKinds: string;
}

async function measure(setup: Setup, runIndex: number): Promise<{ first: Counts; resent: Counts }> {
  const sandbox = await startSandbox({
    juspay: { magicValues: false, random: seededRandom(SEED + runIndex), faults: { failure: { kind: 'reset' }, rate: RESET_RATE, ...setup.faults } },
    flowwise: { magicValues: false },
    'commerce-engine': { magicValues: false },
  });
  try {
    const blind = Object.assign(
      (options: JuspayOptions): PaymentProvider => {
        const { getOrder: _lookUp, ...provider } = juspay(options);
        return { ...provider, type: 'juspay-blind', capabilities: { ...provider.capabilities, operations: ['createOrder'] } };
      },
      { type: 'juspay-blind' },
    );
    const gateway = createGateway(
      {
        providers: {
          juspay_main: { type: setup.blind ? 'juspay-blind' : 'juspay', ...sandbox.juspay.adapterOptions, timeoutMs: 2_000 },
          flowwise_backup: { type: 'flowwise', ...sandbox.flowwise.adapterOptions, timeoutMs: 2_000 },
        },
        routing: { strategy: 'priority', order: ['juspay_main', 'flowwise_backup'] },
        retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 50, deadlineMs: 20_000 },
        ambiguous: setup.ambiguous,
      },
      { providers: [blind], random: seededRandom(SEED) },
    );
    const orders = Array.from({ length: ORDERS }, (_, i) => ({ orderId: `rc${runIndex}x${i}`, amount: 10_015 + i, currency: 'INR', returnUrl: 'https://shop.example.com/return' }));
    const results = await Promise.all(orders.map((order) => gateway.createOrder(order)));
    const first = count(results, orders, sandbox);
    // A caller sends each failed order once more, by the same order id.
    const again = await Promise.all(orders.map((order, i) => (results[i]?.isErr() ? gateway.createOrder(order) : Promise.resolve(results[i]!))));
    return { first, resent: count(again, orders, sandbox) };
  } finally {
    await sandbox.close();
  }
}

function count(results: ReadonlyArray<Result<GatewaySession, RoutingError>>, orders: ReadonlyArray<{ orderId: string }>, sandbox: Awaited<ReturnType<typeof startSandbox>>): Counts {
  let sessions = 0;
  let reconciled = 0;
  let withDuplicateRisk = 0;
  let atBoth = 0;
  let errorsWithAnOrder = 0;
  const kinds = new Map<string, number>();
  results.forEach((result, i) => {
    const orderId = orders[i]!.orderId;
    const atPrimary = sandbox.juspay.orders.get(orderId) !== undefined;
    const atBackup = sandbox.flowwise.orders.get(orderId) !== undefined;
    if (atPrimary && atBackup) atBoth++;
    if (result.isOk()) {
      sessions++;
      if (result.value.reconciled || result.value.replayed) reconciled++;
      if (result.value.duplicateRisk.length > 0) withDuplicateRisk++;
      return;
    }
    kinds.set(result.error.kind, (kinds.get(result.error.kind) ?? 0) + 1);
    if (atPrimary || atBackup) errorsWithAnOrder++;
  });
  const errorKinds = [...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ') || '–';
  return { sessions, reconciled, withDuplicateRisk, errors: results.length - sessions, atBoth, errorsWithAnOrder, errorKinds };
}

const row = (title: string, c: Counts) =>
  `| ${title} | ${c.sessions} | ${c.reconciled} | ${c.withDuplicateRisk} | ${c.errors} (${c.errorKinds}) | **${c.atBoth}** | **${c.errorsWithAnOrder}** |`;

const lines: string[] = [];
for (const [i, setup] of setups.entries()) {
  const { first, resent } = await measure(setup, i);
  lines.push(row(setup.title, first), row(`↳ after sending each failed order once more`, resent));
  process.stderr.write(`${setup.title}: done\n`);
}

const section = [
  '## Reconciliation under connection resets (`npm run bench:reconcile`)',
  '',
  `Written by \`npm run bench:reconcile\` on ${new Date().toISOString().slice(0, 10)}. ${ORDERS} concurrent orders, gateway juspay_main → flowwise_backup over the loopback sandbox; the primary records each order, then resets ${RESET_RATE * 100}% of connections (seed ${SEED}); the backup is healthy. Counts are order ids. See docs/routing.md, "Failover and reconciliation".`,
  '',
  '| setup | sessions | of them reconciled or replayed | of them with duplicateRisk | errors | order at both providers | error although an order exists |',
  '|---|---:|---:|---:|---|---:|---:|',
  ...lines,
].join('\n');

await publishSection(RESULTS, 'reconcile', section);
