/**
 * `npm run bench`: builds, then measures the built package against bare axios and the official SDKs
 * and writes `bench/results.md`. A benchmark, not a test: it reports and never asserts timings.
 *
 *   npm run bench                     everything (a few minutes), writes bench/results.md
 *   npm run bench -- --quick          small samples, prints the table, writes nothing
 *   npm run bench -- --only=http,micro,import,memory,ledger --groups=juspay,flowwise
 *
 * `ledger` is `npm run bench:ledger` (what the memory ledger adds to the gateway), run last in a process of its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureColdImports, type ImportTiming } from './cold-import.js';
import { loadPayroute } from './dist.js';
import { groups, runGroupInChild, type GroupName, type GroupResult } from './http/groups.js';
import { startProviderServer } from './http/server.js';
import { measureHeapInChild } from './memory.js';
import { measureMicro, type MicroPair } from './micro.js';
import { renderResults, type Measurements } from './report.js';
import { makeCertificate } from './tls.js';
import { keepSections } from './sections.js';

const SECTIONS = ['http', 'micro', 'import', 'memory', 'ledger'] as const;
type Section = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = new Set<Section>(
  onlyArg ? (onlyArg.slice('--only='.length).split(',').filter((s): s is Section => (SECTIONS as readonly string[]).includes(s))) : SECTIONS,
);

const groupsArg = args.find((a) => a.startsWith('--groups='));
const selectedGroups = (Object.keys(groups) as GroupName[]).filter(
  (name) => !groupsArg || groupsArg.slice('--groups='.length).split(',').includes(name),
);

const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);

async function main(): Promise<void> {
  const payroute = await loadPayroute();
  const skipped: string[] = [];
  const groupResults: GroupResult[] = [];
  let heap: Measurements['heap'];
  const temp = mkdtempSync(join(tmpdir(), 'payroute-bench-'));

  try {
    if (only.has('http') || only.has('memory')) {
      const certificate = only.has('http') ? makeCertificate(temp) : { skipped: 'not needed' };
      if ('skipped' in certificate && only.has('http')) skipped.push(`the HTTPS comparison (Juspay's SDK): ${certificate.skipped}`);
      const server = await startProviderServer('files' in certificate ? certificate.files : undefined);
      try {
        if (only.has('http')) {
          if (server.httpsSkipped && 'files' in certificate) skipped.push(`the HTTPS comparison (Juspay's SDK): ${server.httpsSkipped}`);
          for (const name of selectedGroups) {
            const group = groups[name];
            if (group.listener === 'https' && server.httpsUrl === undefined) continue;
            log(`${group.title}…`);
            const env: Record<string, string> = 'files' in certificate ? { NODE_EXTRA_CA_CERTS: certificate.files.cert } : {};
            groupResults.push(await runGroupInChild(name, { http: server.httpUrl, https: server.httpsUrl }, quick, env));
          }
        }
        if (only.has('memory')) {
          const plan = quick ? { total: 20_000, every: 5_000, concurrency: 64 } : { total: 100_000, every: 10_000, concurrency: 64 };
          log(`heap over ${plan.total.toLocaleString('en-US')} orders, payroute…`);
          const mine = await measureHeapInChild('payroute', server.httpUrl, plan);
          log(`heap over ${plan.total.toLocaleString('en-US')} orders, bare axios…`);
          const theirs = await measureHeapInChild('axios', server.httpUrl, plan);
          heap = { payroute: mine, axios: theirs };
        }
      } finally {
        server.close();
      }
    }

    let micro: MicroPair[] | undefined;
    if (only.has('micro')) {
      log('CPU per order (tinybench)…');
      micro = await measureMicro(payroute, quick);
    }

    let imports: ImportTiming[] | undefined;
    if (only.has('import')) {
      log('cold imports…');
      imports = measureColdImports(quick ? 5 : 21);
    }

    const markdown = renderResults({ date: new Date(), quick, groups: groupResults, micro, imports, heap, skipped });
    process.stdout.write(`${markdown}\n`);
    const file = fileURLToPath(new URL('./results.md', import.meta.url));
    const writes = !quick && only.size === SECTIONS.length && !groupsArg;
    if (writes) {
      writeFileSync(file, keepSections(markdown, existsSync(file) ? readFileSync(file, 'utf8') : ''));
      log('wrote bench/results.md');
    } else {
      log('quick or partial run: bench/results.md left as it was');
    }
    if (only.has('ledger')) {
      log("the memory ledger's cost to the gateway…");
      const env = { ...process.env, LEDGER_RESULTS: writes ? file : '-', ...(quick && { LEDGER_BENCH_ROUNDS: '4', LEDGER_BENCH_BATCH: '200' }) };
      const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./ledger-cpu.ts', import.meta.url))], { env, stdio: 'inherit' });
      if (run.status !== 0) throw new Error(`bench/ledger-cpu.ts failed (exit ${run.status})`);
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

await main();
