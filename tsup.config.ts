import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Every provider folder is its own subpath (`payroute/juspay`); `providers/entries/` composes the others.
const providerEntries = Object.fromEntries(
  readdirSync('providers', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'entries' && existsSync(`providers/${entry.name}/index.ts`))
    .map((entry) => [entry.name, `providers/${entry.name}/index.ts`]),
);

export default defineConfig([
  {
    entry: { index: 'providers/entries/index.ts', ...providerEntries, sandbox: 'providers/entries/sandbox.ts', redis: 'src/ledger/redis/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    platform: 'node',
    splitting: true,
    sourcemap: false,
    treeshake: true,
  },
  {
    // The `payroute` command: ESM only, no types, its own file so the library entries stay free of it.
    entry: { cli: 'providers/entries/cli.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
