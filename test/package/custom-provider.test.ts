/**
 * A provider written outside providers/ (examples/custom-provider/), importing only the packed package's
 * public exports, type-checked against its published types and run through the gateway: a retry at a
 * failing provider, a fallback, and its circuit breaker opening.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBuild, installPacked, ROOT, type PackedProject } from './packed-project.js';

const built = hasBuild('test/package/custom-provider.test.ts');
let packed: PackedProject | undefined;

describe.skipIf(!built)('a provider of your own, from the packed package', () => {
  beforeAll(() => {
    packed = installPacked('payroute-custom-provider-', ['@types/node']);
    cpSync(join(ROOT, 'examples', 'custom-provider'), join(packed.dir, 'custom-provider'), { recursive: true });
    writeFileSync(
      join(packed.dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023'], types: ['node'], strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: true, noEmit: true },
        include: ['custom-provider/*.ts'],
      }),
    );
  }, 120_000);
  afterAll(() => packed?.remove());

  it('imports nothing but the public entry points', () => {
    const sources = ['acme-pay.ts', 'run.ts'].map((file) => readFileSync(join(ROOT, 'examples', 'custom-provider', file), 'utf8')).join('\n');
    const payroute = [...sources.matchAll(/from '(payroute[^']*)'/g)].map((m) => m[1]);
    expect(new Set(payroute)).toEqual(new Set(['payroute']));
  });

  it('type-checks against the published types', () => {
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--pretty', 'false'], { cwd: packed?.dir, encoding: 'utf8', timeout: 120_000 });
    expect(tsc.stdout).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('is retried, falls back and opens its circuit through the gateway', () => {
    const tsx = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const ran = spawnSync(process.execPath, ['--import', tsx, 'custom-provider/run.ts'], { cwd: packed?.dir, encoding: 'utf8', timeout: 30_000 });
    expect(ran.stderr).toBe('');
    expect(ran.stdout.trim().split('\n')).toEqual([
      'acme_1 created at acme_backup; failed tries: acme_primary provider_unavailable, acme_primary provider_unavailable; skipped: none',
      'acme_2 created at acme_backup; failed tries: none; skipped: acme_primary (circuit_open)',
      'acme_primary: open; acme_backup: closed',
    ]);
  });
});
