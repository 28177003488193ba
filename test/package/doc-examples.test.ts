/**
 * Every TypeScript example of README.md and docs/ compiles against the packed package, as a user's
 * project compiles it: `import ... from 'payroute/...'` resolved through package.json `exports` to the
 * published `dist/*.d.ts`, under strict settings (NodeNext, strict, exactOptionalPropertyTypes,
 * noUncheckedIndexedAccess). All blocks go through one tsc run. The convention for doc code blocks
 * is docs/writing-docs.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docExamples, toDocDiagnostic, type DocExample } from './doc-examples.js';
import { hasBuild, installPacked, ROOT, type PackedProject } from './packed-project.js';

const built = hasBuild('test/package/doc-examples.test.ts');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const docs = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))].map((path) => relative(ROOT, path));
const examples = docs.flatMap((doc) => docExamples(doc, readFileSync(join(ROOT, doc), 'utf8')));
const checked = examples.filter((example) => example.checked);

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    moduleDetection: 'force',
    lib: ['ES2023'],
    types: ['node'],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['examples/*.ts'],
};

let packed: PackedProject | undefined;

describe.skipIf(!built)('the TypeScript examples of the docs', () => {
  beforeAll(() => {
    // @types/node and vitest: what a user's project has for the examples that use process or test with vitest.
    packed = installPacked('payroute-doc-examples-', ['@types/node', 'vitest', 'redis']);
  }, 120_000);

  afterAll(() => packed?.remove());

  it('finds the examples, and checks all but a few', () => {
    expect(checked.length).toBeGreaterThan(20);
    expect(examples.length - checked.length, examples.filter((e) => !e.checked).map((e) => e.where).join(', ')).toBeLessThanOrEqual(2);
  });

  it('compiles every checked example against the packed package', () => {
    const project = packed?.dir ?? '';
    mkdirSync(join(project, 'examples'));
    const byFile = new Map<string, DocExample>();
    for (const example of checked) {
      const file = `examples/${example.where.replace(/[^A-Za-z0-9]+/g, '_')}.ts`;
      writeFileSync(join(project, file), example.source);
      byFile.set(file, example);
    }
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.', '--pretty', 'false'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const diagnostics = tsc.stdout.split('\n').filter(Boolean).map((line) => toDocDiagnostic(line, byFile));
    expect(diagnostics.join('\n')).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);
});
