import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    juspay: 'providers/juspay/index.ts',
    flowwise: 'providers/flowwise/index.ts',
    'commerce-engine': 'providers/commerce-engine/index.ts',
    sandbox: 'src/sandbox/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: true,
  sourcemap: false,
  treeshake: true,
});
