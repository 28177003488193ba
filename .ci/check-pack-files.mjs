#!/usr/bin/env node
// The packed tarball holds only what a user needs (dist/, package.json, README.md, LICENSE) and every
// file package.json points to. Run after the build: `npm run check:package` does.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
  cwd: new URL('..', import.meta.url),
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [pack] = JSON.parse(output);
const files = new Set(pack.files.map((file) => file.path));

const allowed = (path) => path === 'package.json' || path === 'LICENSE' || path === 'README.md' || path.startsWith('dist/');
const unexpected = [...files].filter((path) => !allowed(path));

const targets = new Set();
const collect = (value) => {
  if (typeof value === 'string') targets.add(value.replace(/^\.\//, ''));
  else if (value && typeof value === 'object') Object.values(value).forEach(collect);
};
collect(pkg.exports);
for (const field of ['main', 'module', 'types', 'bin']) collect(pkg[field]);
const missing = [...targets].filter((path) => !files.has(path));

const problems = [
  ...unexpected.map((path) => `not for users, yet packed: ${path}`),
  ...missing.map((path) => `package.json points to ${path}, which is not packed (did the build run?)`),
  ...(files.has('LICENSE') ? [] : ['LICENSE is not packed']),
];
if (problems.length > 0) {
  console.error(`check-pack-files: ${pack.filename}\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-pack-files: ${pack.filename} holds ${files.size} files, ${(pack.size / 1024).toFixed(1)} kB packed: only dist/, package.json, README.md, LICENSE, and every file package.json points to.`);
