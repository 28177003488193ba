/**
 * What `npm install payroute` adds to an empty project: payroute and its runtime dependencies' own trees,
 * nothing more (the sandbox's validator and the Redis client are optional peers, installed by whoever
 * uses them). Installs the packed tarball from the npm registry (through the npm cache).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasBuild, ROOT } from './packed-project.js';

interface Lock {
  readonly packages: Readonly<Record<string, { readonly dependencies?: Readonly<Record<string, string>>; readonly optionalDependencies?: Readonly<Record<string, string>> }>>;
}

/** The names of `roots` and everything they depend on, as this repository's lock file resolves them. */
function closure(lock: Lock, roots: readonly string[]): Set<string> {
  const names = new Set<string>();
  const visit = (name: string) => {
    if (names.has(name)) return;
    names.add(name);
    const entry = lock.packages[`node_modules/${name}`];
    for (const dependency of Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies })) visit(dependency);
  };
  roots.forEach(visit);
  return names;
}

const built = hasBuild('test/package/install-footprint.test.ts');
const project = mkdtempSync(join(tmpdir(), 'payroute-install-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe.skipIf(!built)('npm install payroute', () => {
  it('adds nothing beyond payroute and its runtime dependencies', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Array<{ filename: string }>;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'empty', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', join(project, pack?.filename ?? '')], { cwd: project, stdio: 'ignore', timeout: 170_000 });

    const installed = Object.keys((JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as Lock).packages)
      .filter((path) => path.startsWith('node_modules/'))
      .map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const expected = closure(JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lock, Object.keys(pkg.dependencies));
    expect(new Set(installed.filter((name) => name !== 'payroute'))).toEqual(expected);
    // Not vacuous: the runtime dependencies are these (proxy-from-env is already in axios' tree), and no optional peer came along.
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['axios', 'cockatiel', 'neverthrow', 'proxy-from-env', 'zod']);
    for (const peer of ['openapi-backend', 'ajv', 'ajv-formats', 'redis']) expect(installed).not.toContain(peer);
    console.log(`npm install payroute: ${installed.length} packages (payroute and ${expected.size} of its runtime dependencies' trees)`);
  }, 180_000);
});
