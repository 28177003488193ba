/**
 * Turns the measurements into `bench/results.md`: one table (figure, payroute, baseline, ratio,
 * machine) that the docs quote, then the details behind it. Rows that were not measured are left out
 * and the reason is listed; no figure is ever filled in by hand.
 */
import os from 'node:os';
import type { ImportTiming } from './cold-import.js';
import type { GroupResult } from './http/groups.js';
import { pairedRatio, type Distribution } from './http/runner.js';
import type { HeapCurve } from './memory.js';
import type { MicroPair } from './micro.js';

export interface Measurements {
  readonly date: Date;
  readonly quick: boolean;
  readonly groups: readonly GroupResult[];
  readonly micro: readonly MicroPair[] | undefined;
  readonly imports: readonly ImportTiming[] | undefined;
  readonly heap: { readonly payroute: HeapCurve; readonly axios: HeapCurve } | undefined;
  /** What was not measured, and why. */
  readonly skipped: readonly string[];
}

export function machine(): { short: string; long: string } {
  const cpus = os.cpus();
  const model = (cpus[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  const memory = `${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  return {
    short: `${cpus.length}× ${model}, Node ${process.versions.node}`,
    long: `${cpus.length} vCPU ${model}, ${memory} RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}`,
  };
}

interface Row {
  readonly figure: string;
  readonly payroute: string;
  readonly baseline: string;
  readonly ratio: string;
}

const us = (value: number) => (value >= 100 ? `${Math.round(value)} µs` : `${value.toFixed(1)} µs`);
const ms = (value: number) => `${value.toFixed(1)} ms`;
const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const ratio = (a: number, b: number) => (Number.isFinite(a / b) && b !== 0 ? (a / b).toFixed(2) : '–');

type Figure = 'median' | 'p99' | 'throughput';

interface HttpRowSpec {
  readonly group: GroupResult['group'];
  /** The payroute contender: the adapter alone (`payroute`, the default) or through the gateway (`gateway`). */
  readonly mine?: 'payroute' | 'gateway';
  readonly provider: string;
  readonly baseline: string;
  readonly vs: string;
  readonly figures: readonly Figure[];
}

/** Which groups give which rows, against which contender. */
const HTTP_ROWS: readonly HttpRowSpec[] = [
  { group: 'juspay', provider: 'Juspay', baseline: 'axios', vs: 'bare axios', figures: ['median', 'p99', 'throughput'] },
  { group: 'flowwise', provider: 'Flowwise', baseline: 'axios', vs: 'bare axios', figures: ['median', 'p99', 'throughput'] },
  { group: 'juspay', mine: 'gateway', provider: 'Gateway (one Juspay entry)', baseline: 'axios', vs: 'bare axios', figures: ['median', 'p99', 'throughput'] },
  { group: 'flowwise', mine: 'gateway', provider: 'Gateway (one Flowwise entry)', baseline: 'axios', vs: 'bare axios', figures: ['median', 'p99', 'throughput'] },
  { group: 'juspay-sdk', provider: 'Juspay (HTTPS)', baseline: 'sdk', vs: 'expresscheckout-nodejs', figures: ['median', 'p99', 'throughput'] },
  { group: 'cashfree-sdk', provider: 'Flowwise/Cashfree', baseline: 'sdk', vs: 'cashfree-pg', figures: ['median', 'p99', 'throughput'] },
  { group: 'juspay', provider: 'Juspay', baseline: 'axios-tuned', vs: "axios tuned like payroute's", figures: ['median', 'throughput'] },
  { group: 'flowwise', provider: 'Flowwise', baseline: 'axios-tuned', vs: "axios tuned like payroute's", figures: ['median', 'throughput'] },
  { group: 'juspay', mine: 'gateway', provider: 'Gateway (one Juspay entry)', baseline: 'payroute', vs: 'the Juspay adapter alone', figures: ['median', 'throughput'] },
  { group: 'flowwise', mine: 'gateway', provider: 'Gateway (one Flowwise entry)', baseline: 'payroute', vs: 'the Flowwise adapter alone', figures: ['median', 'throughput'] },
];

function httpRows(groups: readonly GroupResult[]): Row[] {
  const rows: Row[] = [];
  for (const spec of HTTP_ROWS) {
    const group = groups.find((g) => g.group === spec.group);
    if (!group?.contenders.some((c) => c.id === spec.baseline)) continue;
    for (const run of group.runs) {
      const mine = run.results[spec.mine ?? 'payroute'];
      const theirs = run.results[spec.baseline];
      if (!mine || !theirs || mine.errors > 0 || theirs.errors > 0) continue;
      const prefix = `${spec.provider} createOrder vs ${spec.vs}, concurrency ${run.plan.concurrency}`;
      const all: Record<Figure, Row> = {
        median: { figure: `${prefix}: median latency`, payroute: us(mine.medianUs), baseline: us(theirs.medianUs), ratio: ratio(mine.medianUs, theirs.medianUs) },
        p99: { figure: `${prefix}: p99 latency`, payroute: us(mine.p99Us), baseline: us(theirs.p99Us), ratio: ratio(mine.p99Us, theirs.p99Us) },
        throughput: {
          figure: `${prefix}: orders per second (keep-alive)`,
          payroute: perSecond(mine.ordersPerSecond),
          baseline: perSecond(theirs.ordersPerSecond),
          ratio: ratio(mine.ordersPerSecond, theirs.ordersPerSecond),
        },
      };
      rows.push(...spec.figures.map((figure) => all[figure]));
    }
  }
  return rows;
}

function microRows(pairs: readonly MicroPair[]): Row[] {
  return pairs.map((pair) => ({
    figure: `${pair.figure} (baseline: ${pair.baseline.label})`,
    payroute: us(pair.payroute.medianUs),
    baseline: us(pair.baseline.medianUs),
    ratio: ratio(pair.payroute.medianUs, pair.baseline.medianUs),
  }));
}

function importRows(imports: readonly ImportTiming[]): Row[] {
  const byId = new Map(imports.map((i) => [i.id, i]));
  const pairs: ReadonlyArray<readonly [string, string, string]> = [
    ['payroute-cjs', 'axios-cjs', 'Cold import of payroute + payroute/juspay, require() (baseline: axios alone)'],
    ['payroute-cjs', 'deps-cjs', "Cold import of payroute + payroute/juspay, require() (baseline: its runtime dependencies alone)"],
    ['payroute-esm', 'axios-esm', 'Cold import of payroute + payroute/juspay, import() (baseline: axios alone)'],
    ['payroute-cjs', 'juspay-sdk-cjs', 'Cold import, require(): payroute + payroute/juspay vs expresscheckout-nodejs'],
    ['payroute-cjs', 'cashfree-sdk-cjs', 'Cold import, require(): payroute + payroute/juspay vs cashfree-pg'],
  ];
  return pairs.flatMap(([mine, theirs, figure]) => {
    const a = byId.get(mine);
    const b = byId.get(theirs);
    return a && b ? [{ figure, payroute: ms(a.medianMs), baseline: ms(b.medianMs), ratio: ratio(a.medianMs, b.medianMs) }] : [];
  });
}

/** Heap growth per order between the first and the last checkpoint, by least squares over all of them. */
export function growthPerOrder(curve: HeapCurve): number {
  const n = curve.points.length;
  if (n < 2) return Number.NaN;
  const mx = curve.points.reduce((s, p) => s + p.orders, 0) / n;
  const my = curve.points.reduce((s, p) => s + p.heapUsed, 0) / n;
  const sxy = curve.points.reduce((s, p) => s + (p.orders - mx) * (p.heapUsed - my), 0);
  const sxx = curve.points.reduce((s, p) => s + (p.orders - mx) ** 2, 0);
  return sxy / sxx;
}

function heapRows(heap: NonNullable<Measurements['heap']>): Row[] {
  const { payroute, axios } = heap;
  const first = (c: HeapCurve) => c.points[0];
  const last = (c: HeapCurve) => c.points.at(-1);
  const p0 = first(payroute);
  const a0 = first(axios);
  const p1 = last(payroute);
  const a1 = last(axios);
  if (!p0 || !a0 || !p1 || !a1 || payroute.errors > 0 || axios.errors > 0) return [];
  const bytes = (b: number) => `${b >= 0 ? '+' : ''}${b.toFixed(1)} B`;
  return [
    { figure: `Heap used after ${p0.orders.toLocaleString('en-US')} Juspay orders, after GC (baseline: bare axios)`, payroute: mib(p0.heapUsed), baseline: mib(a0.heapUsed), ratio: ratio(p0.heapUsed, a0.heapUsed) },
    { figure: `Heap used after ${p1.orders.toLocaleString('en-US')} Juspay orders, after GC (baseline: bare axios)`, payroute: mib(p1.heapUsed), baseline: mib(a1.heapUsed), ratio: ratio(p1.heapUsed, a1.heapUsed) },
    { figure: 'Heap growth per order, fitted over every checkpoint (baseline: bare axios)', payroute: bytes(growthPerOrder(payroute)), baseline: bytes(growthPerOrder(axios)), ratio: '–' },
  ];
}

function table(rows: readonly Row[], machineShort: string): string {
  const lines = ['| figure | payroute | baseline | ratio | machine |', '|---|---:|---:|---:|---|'];
  for (const row of rows) lines.push(`| ${row.figure} | ${row.payroute} | ${row.baseline} | ${row.ratio} | ${machineShort} |`);
  return lines.join('\n');
}

function distributionTable(group: GroupResult): string {
  const lines = [
    '| contender | concurrency | requests | median | p99 | mean | orders/s | client CPU per order | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const run of group.runs) {
    for (const contender of group.contenders) {
      const d: Distribution | undefined = run.results[contender.id];
      if (!d) continue;
      lines.push(
        `| ${contender.label} | ${run.plan.concurrency} | ${d.samples.toLocaleString('en-US')} | ${us(d.medianUs)} | ${us(d.p99Us)} | ${us(d.meanUs)} | ${perSecond(d.ordersPerSecond)} | ${us(d.cpuUsPerOrder)} | ${d.errors}${d.firstError ? ` (${d.firstError})` : ''} |`,
      );
    }
  }
  return lines.join('\n');
}

/** What payroute's own code adds to the cold import of its runtime dependencies (target: at most 20%). */
function importTarget(imports: readonly ImportTiming[] | undefined): string[] {
  const mine = imports?.find((i) => i.id === 'payroute-cjs');
  const deps = imports?.find((i) => i.id === 'deps-cjs');
  if (!mine || !deps) return [];
  const r = mine.medianMs / deps.medianMs;
  return [`- Cold import, require(): payroute + payroute/juspay take ${r.toFixed(2)}× its runtime dependencies alone (${ms(mine.medianMs)} against ${ms(deps.medianMs)}; target: at most 1.20×): ${r <= 1.2 ? 'met' : 'NOT met'}.`];
}

function targets(groups: readonly GroupResult[]): string[] {
  const lines: string[] = [];
  for (const group of groups) {
    for (const run of group.runs) {
      const mine = run.results['payroute'];
      if (!mine) continue;
      const at = `${group.title.split(':')[0]}, concurrency ${run.plan.concurrency}`;
      const axios = run.results['axios'];
      if (axios && (group.group === 'juspay' || group.group === 'flowwise')) {
        const r = mine.medianUs / axios.medianUs;
        lines.push(`- ${at}: payroute's median is ${(Math.abs(r - 1) * 100).toFixed(1)}% ${r >= 1 ? 'above' : 'below'} bare axios' (target: at most 5% above): ${r <= 1.05 ? 'met' : 'NOT met'}.`);
      }
      const gateway = run.results['gateway'];
      if (axios && gateway) {
        const r = gateway.medianUs / axios.medianUs;
        lines.push(`- ${at}, through the gateway: the median is ${(Math.abs(r - 1) * 100).toFixed(1)}% ${r >= 1 ? 'above' : 'below'} bare axios' (target: at most 5% above): ${r <= 1.05 ? 'met' : 'NOT met'}; ${ratio(gateway.medianUs, mine.medianUs)}× the adapter's alone.`);
      }
      const tuned = run.results['axios-tuned'];
      if (tuned) {
        const r = mine.medianUs / tuned.medianUs;
        lines.push(`- ${at}: against axios tuned like payroute's own instance, payroute's median is ${(Math.abs(r - 1) * 100).toFixed(1)}% ${r >= 1 ? 'above' : 'below'} (no target: this is what validation, mapping and the deadline cost).`);
      }
      if (tuned) {
        // Client CPU per order is steadier than latency on a shared machine: the targets of docs/performance.md.
        const cpu = (of: Distribution, target: number, what: string) => {
          const r = pairedRatio(of, tuned);
          return `- ${at}: ${what}'s client CPU per order is ${r.toFixed(2)}× axios tuned like payroute's instance (target: at most ${target.toFixed(2)}×): ${r <= target ? 'met' : 'NOT met'}.`;
        };
        lines.push(cpu(mine, 1.05, 'the adapter alone'));
        if (gateway) lines.push(cpu(gateway, 1.1, 'the gateway'));
      }
      const sdk = run.results['sdk'];
      if (sdk) {
        const faster = mine.medianUs < sdk.medianUs && mine.ordersPerSecond > sdk.ordersPerSecond;
        const label = group.contenders.find((c) => c.id === 'sdk')?.label.split(' ')[0] ?? 'the SDK';
        lines.push(`- ${at}: payroute vs ${label}: median ${ratio(mine.medianUs, sdk.medianUs)}×, orders/s ${ratio(mine.ordersPerSecond, sdk.ordersPerSecond)}× (target: beat it): ${faster ? 'met' : 'NOT met'}.`);
      }
    }
  }
  return lines;
}

export function renderResults(m: Measurements): string {
  const host = machine();
  const rows = [
    ...httpRows(m.groups),
    ...(m.micro ? microRows(m.micro) : []),
    ...(m.imports ? importRows(m.imports) : []),
    ...(m.heap ? heapRows(m.heap) : []),
  ];
  const out: string[] = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${m.date.toISOString().slice(0, 10)}${m.quick ? ' in **quick mode (small samples: not for quoting)**' : ''}; do not edit by hand. How each figure is measured: [docs/performance.md](../docs/performance.md).`,
    '',
    `Machine: ${host.long}. The loopback provider runs in a process of its own; each comparison runs in a fresh process, its contenders interleaved round by round.`,
    '',
    'Ratio is payroute ÷ baseline: below 1 is better for latency, time and memory, above 1 is better for orders per second.',
    '',
    table(rows, host.short),
    '',
  ];
  const goals = [...targets(m.groups), ...importTarget(m.imports)];
  if (goals.length > 0) out.push('## Against the targets', '', ...goals, '');
  const notes = [
    ...m.skipped.map((s) => `- Not measured: ${s}`),
    ...m.groups.flatMap((g) => (g.sdkSkipped ? [`- ${g.title}: the SDK was left out: ${g.sdkSkipped}`] : [])),
    ...m.groups.flatMap((g) => {
      const bytes = g.contenders.map((c) => `${c.label} ${c.bodyBytes} B`).join(', ');
      return [`- ${g.title}: request bodies: ${bytes}${g.bodyNote ? ` (${g.bodyNote})` : ' (identical)'}.`];
    }),
  ];
  if (notes.length > 0) out.push('## Notes', '', ...notes, '');
  if (m.groups.length > 0) {
    out.push('## Latency distributions', '');
    for (const group of m.groups) out.push(`### ${group.title}`, '', distributionTable(group), '');
  }
  if (m.micro) {
    out.push(
      '## CPU per order (tinybench; the table above quotes the median)',
      '',
      '| figure | payroute | median | mean ± rme | baseline | median | mean ± rme |',
      '|---|---|---:|---:|---|---:|---:|',
    );
    for (const p of m.micro) {
      const cell = (s: MicroPair['payroute']) => `${us(s.medianUs)} | ${us(s.meanUs)} ± ${s.rme.toFixed(1)}%`;
      out.push(`| ${p.figure} | ${p.payroute.label} | ${cell(p.payroute)} | ${p.baseline.label} | ${cell(p.baseline)} |`);
    }
    out.push('');
  }
  if (m.imports) {
    out.push('## Cold imports (median of fresh processes)', '', '| modules | median |', '|---|---:|');
    for (const i of m.imports) out.push(`| ${i.label} | ${ms(i.medianMs)} (${i.runs} runs) |`);
    out.push('');
  }
  if (m.heap) {
    out.push('## Heap after GC, by orders sent', '', '| orders | payroute | bare axios |', '|---:|---:|---:|');
    m.heap.payroute.points.forEach((p, i) => {
      const a = m.heap?.axios.points[i];
      out.push(`| ${p.orders.toLocaleString('en-US')} | ${mib(p.heapUsed)} | ${a ? mib(a.heapUsed) : '–'} |`);
    });
    out.push('');
  }
  return out.join('\n');
}
