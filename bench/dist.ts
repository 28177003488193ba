/**
 * Loads the BUILT package (`dist/`), which is what users run, typed by its sources. The import is
 * dynamic so that type-checking the bench does not need a build.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const distUrl = (entry: string) => new URL(`../dist/${entry}.js`, import.meta.url);

export interface Payroute {
  readonly core: typeof import('../src/index.js');
  readonly juspay: typeof import('../providers/juspay/index.js')['juspay'];
  readonly flowwise: typeof import('../providers/flowwise/index.js')['flowwise'];
}

export async function loadPayroute(): Promise<Payroute> {
  if (!existsSync(distUrl('index'))) throw new Error('dist/ is missing: run `npm run build` first (`npm run bench` does)');
  const [core, juspayModule, flowwiseModule] = await Promise.all([
    import(distUrl('index').href) as Promise<typeof import('../src/index.js')>,
    import(distUrl('juspay').href) as Promise<typeof import('../providers/juspay/index.js')>,
    import(distUrl('flowwise').href) as Promise<typeof import('../providers/flowwise/index.js')>,
  ]);
  return { core, juspay: juspayModule.juspay, flowwise: flowwiseModule.flowwise };
}
