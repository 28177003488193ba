import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Only `payroute/sandbox` may load the OpenAPI validator (openapi-backend, ajv and its formats): the root
 * and provider entries must stay as light as they are. Checked on the sources (always) and on the
 * build (when dist/ exists, as it does in CI, which builds before testing).
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SANDBOX_ONLY = ['openapi-backend', 'ajv', 'ajv-formats'];
// Runtime imports and re-exports; `import type` and `export type` are erased and do not count.
const IMPORT = /(?:^|[;\s])(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s*)?['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/g;

/** Every module a file loads, following relative imports: the files reached and the packages named. */
function importGraph(entry: string, resolveRelative: (from: string, specifier: string) => string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('.')) visit(resolveRelative(file, specifier));
      else packages.add(specifier.replace(/^node:/, ''));
    }
  };
  visit(entry);
  return { files: [...files].map((f) => f.slice(ROOT.length + 1)), packages: [...packages] };
}

const sourceFile = (from: string, specifier: string) => join(dirname(from), specifier.replace(/\.js$/, '.ts'));
const builtFile = (from: string, specifier: string) => join(dirname(from), specifier);

describe('the sandbox stays out of the other entries', () => {
  it.each(['src/index.ts', 'providers/index.ts', 'providers/juspay/index.ts', 'providers/flowwise/index.ts', 'providers/commerce-engine/index.ts'])('%s (sources)', (entry) => {
    const graph = importGraph(join(ROOT, entry), sourceFile);
    expect(graph.packages.filter((p) => SANDBOX_ONLY.includes(p))).toEqual([]);
    expect(graph.files.filter((f) => f.includes('sandbox') || f.endsWith('openapi.ts'))).toEqual([]);
  });

  it('the sandbox entry does load the validator (the check above can see it)', () => {
    expect(importGraph(join(ROOT, 'src/sandbox/index.ts'), sourceFile).packages).toContain('openapi-backend');
  });

  const built = ['index', 'juspay', 'flowwise', 'commerce-engine'].flatMap((name) => [`dist/${name}.js`, `dist/${name}.cjs`]);
  it.skipIf(!existsSync(join(ROOT, 'dist/sandbox.js'))).each(built)('%s (build)', (entry) => {
    const graph = importGraph(join(ROOT, entry), builtFile);
    expect(graph.packages.filter((p) => SANDBOX_ONLY.includes(p))).toEqual([]);
    expect(importGraph(join(ROOT, 'dist/sandbox.js'), builtFile).packages).toContain('openapi-backend');
  });
});
