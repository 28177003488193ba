/**
 * Heap after many orders: a child process started with `--expose-gc` sends orders to the loopback
 * provider at concurrency 64, forcing garbage collection and reading `heapUsed` at every checkpoint.
 * A flat line (no growth per order) means nothing is kept per order.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadPayroute } from './dist.js';
import { axiosJuspay, payrouteJuspay } from './http/contenders.js';

export interface HeapCurve {
  readonly contender: 'payroute' | 'axios';
  /** Orders sent so far, and heap used after a full GC at that point, in bytes. */
  readonly points: ReadonlyArray<{ readonly orders: number; readonly heapUsed: number }>;
  readonly errors: number;
}

export interface MemoryPlan {
  readonly total: number;
  readonly every: number;
  readonly concurrency: number;
}

async function fullGc(): Promise<void> {
  if (!globalThis.gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function measure(contender: HeapCurve['contender'], baseUrl: string, plan: MemoryPlan): Promise<HeapCurve> {
  const client = contender === 'payroute' ? payrouteJuspay(await loadPayroute(), baseUrl) : axiosJuspay(baseUrl);
  const points: Array<{ orders: number; heapUsed: number }> = [];
  let sent = 0;
  let errors = 0;
  while (sent < plan.total) {
    const target = sent + plan.every;
    const worker = async () => {
      while (sent < target) {
        sent++;
        await client.send().catch(() => void errors++);
      }
    };
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
    await fullGc();
    points.push({ orders: sent, heapUsed: process.memoryUsage().heapUsed });
  }
  return { contender, points, errors };
}

/** Runs the measurement in a fresh child process with `--expose-gc`. */
export function measureHeapInChild(contender: HeapCurve['contender'], baseUrl: string, plan: MemoryPlan): Promise<HeapCurve> {
  const child = fork(fileURLToPath(import.meta.url), [contender, baseUrl, JSON.stringify(plan)], {
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let curve: HeapCurve | undefined;
    child.on('message', (message) => (curve = message as HeapCurve));
    child.on('error', reject);
    child.on('close', (code) => (curve ? resolve(curve) : reject(new Error(`memory run (${contender}) exited with code ${code}`))));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [contender, baseUrl, plan] = process.argv.slice(2);
  const curve = await measure(contender === 'axios' ? 'axios' : 'payroute', baseUrl ?? '', JSON.parse(plan ?? '{}') as MemoryPlan);
  process.send?.(curve, () => process.exit(0));
}
