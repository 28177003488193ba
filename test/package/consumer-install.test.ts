/**
 * The package as a user's install sees it: a CommonJS app under `moduleResolution: node` (node10, still
 * NestJS's default, which cannot see `exports` subpaths), the published package.json's scripts, and a
 * real `npm install` of the tarball from the registry (what lands in the user's node_modules).
 *
 * Needs the build; the install test needs the npm registry (CI has it: `npm ci` needs it too).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBuild, installPacked, packInto, ROOT, type PackedProject } from './packed-project.js';

const built = hasBuild('test/package/consumer-install.test.ts');

const INSTALL_TIME_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];

describe.skipIf(!built)('a CommonJS app with moduleResolution node (node10)', () => {
  let packed: PackedProject | undefined;
  afterAll(() => packed?.remove());

  it('compiles against every subpath of the packed package', () => {
    packed = installPacked('payroute-node10-', ['@types/node', 'redis']);
    const { dir, pkg } = packed;
    const specifiers = Object.keys(pkg.exports)
      .filter((subpath) => subpath !== './package.json')
      .map((subpath) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`));
    const app = [
      `import { toMinorUnits } from '${pkg.name}';`,
      `import { juspay } from '${pkg.name}/juspay';`,
      ...specifiers.map((spec, i) => `import * as subpath${i} from '${spec}';`),
      `const amount: number = toMinorUnits('100.15', 'INR');`,
      `const provider = juspay({ apiKey: 'key_node10_0001', merchantId: 'acme', environment: 'sandbox' });`,
      `export const used = [amount, provider.createOrder, ${specifiers.map((_, i) => `subpath${i}`).join(', ')}];`,
      '',
    ].join('\n');
    writeFileSync(join(dir, 'app.ts'), app);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        // What `nest new` writes (module commonjs, node10 resolution, skipLibCheck), made strict.
        compilerOptions: { module: 'commonjs', moduleResolution: 'node', target: 'es2021', esModuleInterop: true, skipLibCheck: true, strict: true, noEmit: true, types: ['node'] },
        files: ['app.ts'],
      }),
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'nest-style-consumer', private: true }));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--pretty', 'false'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(tsc.stdout).toBe('');
    expect(tsc.status).toBe(0);
  }, 180_000);
});

describe.skipIf(!built)('installing the tarball with npm', () => {
  let dir = '';
  let install: ReturnType<typeof spawnSync> | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'payroute-npm-install-'));
    const tarball = packInto(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', tarball], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes a package.json without install-time scripts', () => {
    const pkg = JSON.parse(readFileSync(join(dir, 'node_modules', 'payroute', 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    expect(Object.keys(pkg.scripts ?? {}).filter((name) => INSTALL_TIME_SCRIPTS.includes(name))).toEqual([]);
  });

  it('installs without warnings about install scripts', () => {
    expect(install?.status, String(install?.stderr)).toBe(0);
    expect(String(install?.stderr)).not.toMatch(/install.?script/i);
  });

  it('pulls no native binary and no platform-restricted package into node_modules', () => {
    const found: string[] = [];
    const visit = (path: string): void => {
      for (const name of readdirSync(path)) {
        const child = join(path, name);
        const stat = statSync(child);
        if (stat.isDirectory()) visit(child);
        else if (name.endsWith('.node')) found.push(`native binary ${child.slice(dir.length)}`);
        else if (name === 'package.json') {
          const manifest = parseManifest(readFileSync(child, 'utf8'));
          if (manifest?.os || manifest?.cpu) found.push(`platform-restricted ${manifest.name ?? child.slice(dir.length)}`);
        }
      }
    };
    visit(join(dir, 'node_modules'));
    expect(found).toEqual([]);
  });
});

/** A package.json's platform fields; undefined for the odd test fixture that is not JSON. */
function parseManifest(text: string): { name?: string; os?: unknown; cpu?: unknown } | undefined {
  try {
    return JSON.parse(text) as { name?: string; os?: unknown; cpu?: unknown };
  } catch {
    return undefined;
  }
}
