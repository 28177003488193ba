#!/usr/bin/env node
// `npm test` runs this first (pretest): the package tests load dist/, and a fresh clone has none, since
// the package has no install-time build (`prepare`) that would make its users' installs run a script.
// Builds when dist/ is missing or older than any source file; with --if-missing (pretypecheck: the
// examples import the package by name, so from dist/) only when it is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inputs = ['src', 'providers', 'package.json', 'tsup.config.ts', 'tsconfig.json'];
const outputs = ['dist/index.js', 'dist/index.cjs'];

const newest = (path) => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
};

const built = outputs.every((file) => existsSync(join(root, file)));
const outdated = () =>
  Math.max(...inputs.map((path) => newest(join(root, path)))) > Math.min(...outputs.map((file) => statSync(join(root, file)).mtimeMs));
if (!built || (!process.argv.includes('--if-missing') && outdated())) {
  console.log(built ? 'dist/ is older than the sources: building' : 'dist/ is missing: building');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
