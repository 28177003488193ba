/**
 * The layers, checked on what the compiler and Node resolve (never on a regular expression over text):
 * `src/` never imports `providers/`; the root and provider entries load no sandbox or CLI code, in the
 * sources and in the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInProviders } from '../../providers/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const options = ts.parseJsonConfigFileContent(ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, ROOT).options;

interface Import {
  /** The file or package it resolves to, relative to the repository. */
  readonly target: string;
  /** `import type` and `export type`: erased, loads nothing. */
  readonly typeOnly: boolean;
  /** `import()`: loads only when called. */
  readonly dynamic: boolean;
}

/** Every import, re-export and dynamic import of a file, resolved as the compiler resolves them. */
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean, dynamic: boolean) => {
    if (!specifier || !ts.isStringLiteral(specifier)) return;
    const resolved = ts.resolveModuleName(specifier.text, file, options, ts.sys).resolvedModule;
    const target = resolved && !resolved.isExternalLibraryImport ? relative(ROOT, resolved.resolvedFileName) : specifier.text.replace(/^node:/, '');
    found.push({ target, typeOnly, dynamic });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const allTypes = clause?.isTypeOnly === true || (clause !== undefined && !clause.name && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly));
      add(node.moduleSpecifier, allTypes, false);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly, false);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const filesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));

/** The files and packages an entry loads when imported: its static runtime imports, followed. */
function loadedBy(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const { target, typeOnly, dynamic } of importsOf(join(ROOT, file))) {
      if (typeOnly || dynamic) continue;
      if (target.endsWith('.ts')) visit(target);
      else packages.add(target);
    }
  };
  visit(entry);
  return { files: [...files], packages: [...packages] };
}

const SANDBOX_PACKAGES = ['openapi-backend', 'ajv', 'ajv-formats'];
const isSandboxOrCli = (file: string) => /^src\/(sandbox|cli)\/|^providers\/[^/]+\/sandbox\/|^providers\/entries\/(sandbox|cli)\.ts$/.test(file);
const libraryEntries = ['providers/entries/index.ts', ...builtInProviders.map((p) => `providers/${p.type}/index.ts`)];

describe('src/ is provider-neutral', () => {
  it.each(filesUnder('src'))('%s imports nothing from providers/', (file) => {
    const intoProviders = importsOf(join(ROOT, file)).filter(({ target }) => target.startsWith('providers/'));
    expect(intoProviders).toEqual([]);
  });

  it('the check sees imports into providers/ (the entries have them)', () => {
    expect(importsOf(join(ROOT, 'providers/entries/index.ts')).map((i) => i.target)).toContain('providers/index.ts');
  });
});

describe('the root and provider entries load no sandbox or CLI code (sources)', () => {
  it.each(libraryEntries)('%s', (entry) => {
    const { files, packages } = loadedBy(entry);
    expect(files.filter(isSandboxOrCli)).toEqual([]);
    expect(packages.filter((p) => SANDBOX_PACKAGES.includes(p))).toEqual([]);
  });

  it('a provider reaches its sandbox only through a dynamic import (the check above can see it)', () => {
    const dynamic = importsOf(join(ROOT, 'providers/juspay/index.ts')).filter((i) => i.dynamic);
    expect(dynamic.map((i) => i.target)).toEqual(['providers/juspay/sandbox/index.ts']);
    expect(loadedBy('providers/juspay/sandbox/index.ts').files).toContain('src/sandbox/provider-kit.ts');
  });
});

// The build, loaded by fresh node processes: require.cache for CommonJS, a load hook for ESM.
const built = existsSync(join(ROOT, 'dist/index.js')) && existsSync(join(ROOT, 'dist/sandbox.js'));
describe.skipIf(!built)('the root and provider entries load no sandbox or CLI code (build)', () => {
  const work = mkdtempSync(join(tmpdir(), 'payroute-layers-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const log = join(work, 'loaded.txt');
  writeFileSync(
    join(work, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
     export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }`,
  );
  writeFileSync(join(work, 'register.mjs'), `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(join(work, 'hooks.mjs')).href)});`);

  /** Files of the build and packages that loading `file` loads. */
  const loaded = (file: string): string[] => {
    rmSync(log, { force: true });
    const cjs = file.endsWith('.cjs');
    const script = cjs
      ? `require(${JSON.stringify(file)}); console.log(JSON.stringify(Object.keys(require.cache)))`
      : `await import(${JSON.stringify(pathToFileURL(file).href)}); console.log('[]')`;
    const args = cjs ? ['-e', script] : ['--import', pathToFileURL(join(work, 'register.mjs')).href, '--input-type=module', '-e', script];
    const ran = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    expect(ran.status, ran.stderr).toBe(0);
    const urls = cjs ? (JSON.parse(ran.stdout) as string[]) : readFileSync(log, 'utf8').trim().split('\n').map((url) => (url.startsWith('file:') ? new URL(url).pathname : url));
    return urls.map((path) => relative(ROOT, path));
  };
  // What only sandbox or CLI code holds.
  const markers = ['payroute sandbox failed unexpectedly', 'createRequestValidator', 'Usage: payroute'];
  const holdsSandboxOrCli = (file: string) => file.startsWith('dist/') && markers.some((marker) => readFileSync(join(ROOT, file), 'utf8').includes(marker));

  const entries = ['index', ...builtInProviders.map((p) => p.type)].flatMap((name) => [`dist/${name}.js`, `dist/${name}.cjs`]);
  it.each(entries)('%s', (entry) => {
    const files = loaded(join(ROOT, entry));
    expect(files).toContain(entry);
    expect(files.filter((f) => SANDBOX_PACKAGES.some((p) => f.includes(`node_modules/${p}/`)))).toEqual([]);
    expect(files.filter(holdsSandboxOrCli)).toEqual([]);
  });

  it('the sandbox entry does load its code when it starts (the check above can see it)', () => {
    const files = loaded(join(ROOT, 'dist/sandbox.cjs'));
    expect(files.filter(holdsSandboxOrCli).length).toBeGreaterThan(0);
  });
});

describe('the one list of built-in providers', () => {
  it('names every provider folder once, and each has its subpath export', () => {
    const folders = readdirSync(join(ROOT, 'providers'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'entries')
      .map((entry) => entry.name);
    expect(builtInProviders.map((p) => p.type).sort()).toEqual(folders.sort());
    const { exports } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    for (const { type } of builtInProviders) expect(Object.keys(exports), type).toContain(`./${type}`);
  });
});
