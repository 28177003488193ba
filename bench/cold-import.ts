/**
 * Cold import time: a fresh `node` (no tsx, no cache) times its own `require`/`import` of the built
 * package with `process.hrtime.bigint()`, so node's start-up is left out. The variants are
 * interleaved run by run, after one unmeasured run each to warm the file cache; the median is kept.
 */
import { spawnSync } from 'node:child_process';
import { ROOT } from './dist.js';
import { percentile } from './http/runner.js';

export interface ImportVariant {
  readonly id: string;
  readonly label: string;
  readonly module: 'commonjs' | 'module';
  /** Statements loading the modules, run from the repository root. */
  readonly load: string;
}

export const importVariants: readonly ImportVariant[] = [
  { id: 'payroute-cjs', label: 'payroute + payroute/juspay, require()', module: 'commonjs', load: "require('./dist/index.cjs'); require('./dist/juspay.cjs');" },
  { id: 'payroute-esm', label: 'payroute + payroute/juspay, import()', module: 'module', load: "await import('./dist/index.js'); await import('./dist/juspay.js');" },
  { id: 'axios-cjs', label: 'axios, require()', module: 'commonjs', load: "require('axios');" },
  {
    id: 'deps-cjs',
    label: "payroute's runtime dependencies (axios, zod, neverthrow, cockatiel), require()",
    module: 'commonjs',
    load: "require('axios'); require('zod'); require('neverthrow'); require('cockatiel');",
  },
  { id: 'axios-esm', label: 'axios, import()', module: 'module', load: "await import('axios');" },
  { id: 'juspay-sdk-cjs', label: 'expresscheckout-nodejs, require()', module: 'commonjs', load: "require('expresscheckout-nodejs');" },
  { id: 'cashfree-sdk-cjs', label: 'cashfree-pg, require()', module: 'commonjs', load: "require('cashfree-pg');" },
];

export interface ImportTiming {
  readonly id: string;
  readonly label: string;
  readonly runs: number;
  readonly medianMs: number;
}

function timeOnce(variant: ImportVariant): number {
  const script = `const t0 = process.hrtime.bigint(); ${variant.load} process.stdout.write(String(process.hrtime.bigint() - t0));`;
  const run = spawnSync(process.execPath, ['--input-type', variant.module, '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${variant.label} failed: ${run.stderr.trim().split('\n').slice(0, 3).join(' ')}`);
  return Number(run.stdout) / 1e6;
}

export function measureColdImports(runs: number): ImportTiming[] {
  for (const variant of importVariants) timeOnce(variant);
  const samples = importVariants.map((): number[] => []);
  for (let i = 0; i < runs; i++) importVariants.forEach((variant, k) => samples[k]?.push(timeOnce(variant)));
  return importVariants.map((variant, k) => {
    const sorted = Float64Array.from(samples[k] ?? []).sort();
    return { id: variant.id, label: variant.label, runs, medianMs: percentile(sorted, 0.5) };
  });
}
