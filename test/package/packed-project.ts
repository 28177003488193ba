/**
 * The package as users get it: `npm pack` of the build, unpacked into a temporary project the way npm
 * lays it out, without the network: the tarball as node_modules/payroute, its dependencies (and any
 * extra modules a test asks for) linked from this repository's node_modules.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Whether dist/ holds both builds. Under CI a missing build is an error, elsewhere a warning naming `file`. */
export function hasBuild(file: string): boolean {
  const built = existsSync(join(ROOT, 'dist', 'index.js')) && existsSync(join(ROOT, 'dist', 'index.cjs'));
  if (!built && process.env['CI']) throw new Error('dist/ is missing: build before running the tests (.ci/run does)');
  if (!built) console.warn(`${file}: SKIPPED, dist/ is missing: run \`npm run build\` first`);
  return built;
}

export interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly exports: Readonly<Record<string, unknown>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly scripts?: Readonly<Record<string, string>>;
}

export interface PackedProject {
  /** The consumer project's directory (its package.json is `{ "type": "module" }`). */
  readonly dir: string;
  /** The packed package.json. */
  readonly pkg: PackageJson;
  remove(): void;
}

/** `npm pack` of this repository into `dir`; returns the tarball's path. */
export function packInto(dir: string): string {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as Array<{ filename: string }>;
  return join(dir, packed[0]?.filename ?? '');
}

/** Packs this repository into a fresh consumer project; `extraModules` are linked next to the dependencies. */
export function installPacked(prefix: string, extraModules: readonly string[] = []): PackedProject {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const tarball = packInto(dir);

  const modules = join(dir, 'node_modules');
  const target = join(modules, 'payroute');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  const pkg = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as PackageJson;
  for (const dependency of [...Object.keys(pkg.dependencies ?? {}), ...extraModules]) {
    const link = join(modules, dependency);
    mkdirSync(join(link, '..'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', dependency), link, 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  return { dir, pkg, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
