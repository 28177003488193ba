import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      juspay: 'providers/juspay/index.ts',
      flowwise: 'providers/flowwise/index.ts',
      'commerce-engine': 'providers/commerce-engine/index.ts',
      sandbox: 'src/sandbox/index.ts',
      redis: 'src/ledger/redis/index.ts',
    },
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
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
