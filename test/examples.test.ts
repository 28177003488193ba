import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The examples import `payroute/...` as a user does, which resolves to this package's own dist/.
const built = existsSync(new URL('../dist/index.js', import.meta.url));

function runExample(file: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 30_000 });
}

describe.runIf(built)('examples', () => {
  it('adapter.ts creates an order at the sandbox', () => {
    const ran = runExample('examples/adapter.ts');
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/^created ord1001 at juspay: pay at http:\/\/127\.0\.0\.1:\d+\/merchant\/pay\/ord_\w+ \(token \w+\)/);
  });

  it('custom-provider/run.ts routes a provider of your own with retries, a fallback and its breaker', () => {
    const ran = runExample('examples/custom-provider/run.ts');
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toContain('acme_1 created at acme_backup; failed tries: acme_primary provider_unavailable, acme_primary provider_unavailable');
    expect(ran.stdout).toContain('acme_2 created at acme_backup; failed tries: none; skipped: acme_primary (circuit_open)');
  });

  it('docs/architecture.md shows the provider of examples/custom-provider/acme-pay.ts as it is', () => {
    const doc = readFileSync('docs/architecture.md', 'utf8');
    expect(doc).toContain(readFileSync('examples/custom-provider/acme-pay.ts', 'utf8').trim());
  });

  it('gateway-failover.ts falls back from a failing Juspay to Flowwise', () => {
    const ran = runExample('examples/gateway-failover.ts');
    expect(ran.status).toBe(0);
    expect(ran.stdout).toContain('attempt juspay_main ord1002: failed');
    expect(ran.stdout).toContain('fallback juspay_main -> flowwise_backup after provider_unavailable');
    expect(ran.stdout).toContain('created at flowwise_backup after 1 failed attempt(s)');
  });
});

it.skipIf(built)('examples need the build: run npm run build first', () => {
  expect.fail('dist/ is missing: the examples import the built package (npm run build)');
});
