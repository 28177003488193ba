/**
 * The package as users get it: `npm pack` of the build, unpacked into a temporary project, then loaded
 * by fresh node processes (not through vitest's module system) with `require()` and `import()` for every
 * subpath in package.json `exports`, so a new subpath is covered without touching this file.
 *
 * Needs the build (`.ci/run` builds before `npm test`). Without `dist/` the suite is skipped with the
 * reason in its name, except under CI, where a missing build fails it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBuild, installPacked, ROOT, type PackageJson, type PackedProject } from './packed-project.js';

const built = hasBuild('test/package/packed.test.ts');

/** `./juspay` -> `payroute/juspay`, `.` -> `payroute`. */
const specifier = (name: string, subpath: string) => (subpath === '.' ? name : `${name}/${subpath.slice(2)}`);
/** The adapter factory a provider subpath exports: `./juspay` -> `juspay`, `./commerce-engine` -> `commerceEngine`. */
const factoryName = (subpath: string) => subpath.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
/** A subpath is a provider's when `providers/<name>/` holds its adapter; others (a sandbox, tools) only need a function. */
const isProvider = (subpath: string) => existsSync(join(ROOT, 'providers', subpath.slice(2), 'index.ts'));

let packed: PackedProject | undefined;
let project = '';
let pkg: PackageJson;

function node(file: string, args: readonly string[] = []): string {
  const run = spawnSync(process.execPath, [file, ...args], { cwd: project, encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`node ${file} failed (${run.status}):\n${run.stderr}`);
  return run.stdout;
}

describe.skipIf(!built)(built ? 'the packed package' : 'the packed package (SKIPPED: dist/ is missing, run `npm run build` first)', () => {
  beforeAll(() => {
    packed = installPacked('payroute-packed-');
    ({ dir: project, pkg } = packed);

    const load = (how: 'require' | 'import') => `
      const subpaths = JSON.parse(process.argv[2]);
      const exported = {};
      for (const spec of subpaths) {
        const mod = ${how === 'require' ? 'require(spec)' : 'await import(spec)'};
        exported[spec] = Object.fromEntries(Object.entries(mod).filter(([k]) => k !== 'default').map(([k, v]) => [k, typeof v]));
      }
      console.log(JSON.stringify(exported));
    `;
    writeFileSync(join(project, 'load.cjs'), load('require'));
    writeFileSync(join(project, 'load.mjs'), load('import'));
    // An error made by one build, checked by the other: the brand check must see it either way.
    writeFileSync(
      join(project, 'dual.mjs'),
      `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const cjs = { core: require('payroute'), juspay: require('payroute/juspay') };
      const esm = { core: await import('payroute'), juspay: await import('payroute/juspay') };
      const order = { orderId: 'dual_1', amount: 10_000, currency: 'INR' };
      const options = { apiKey: 'key_dual_0001', merchantId: 'dual', baseUrl: 'http://127.0.0.1:1', timeoutMs: 5000 };
      const invalid = await cjs.juspay.juspay(options).createOrder({ ...order, amount: -1 });
      const refused = await cjs.juspay.juspay(options).createOrder(order);
      const fromEsm = await esm.juspay.juspay(options).createOrder({ ...order, currency: 'XYZ' });
      let configError;
      try { cjs.juspay.juspay({ merchantId: 'dual', environment: 'sandbox' }); } catch (e) { configError = e; }
      console.log(JSON.stringify({
        sameClassesAcrossBuilds: cjs.core.PayrouteConfigError === esm.core.PayrouteConfigError,
        invalid: invalid.isErr() && { kind: invalid.error.kind, esm: esm.core.isGatewayError(invalid.error), cjs: cjs.core.isGatewayError(invalid.error) },
        refused: refused.isErr() && { kind: refused.error.kind, esm: esm.core.isGatewayError(refused.error) },
        fromEsm: fromEsm.isErr() && { kind: fromEsm.error.kind, cjs: cjs.core.isGatewayError(fromEsm.error) },
        lookalike: esm.core.isGatewayError({ ...invalid.error }) || esm.core.isGatewayError({ kind: 'validation' }),
        configError: { esm: esm.core.PayrouteConfigError.is(configError), cjs: cjs.core.PayrouteConfigError.is(configError), instanceofEsm: configError instanceof esm.core.PayrouteConfigError },
      }));
      `,
    );
  }, 120_000);

  afterAll(() => {
    packed?.remove();
  });

  const subpaths = () => Object.keys(pkg.exports).filter((subpath) => subpath !== './package.json');

  it('loads every subpath with require() and import(), with the same exports in both builds', () => {
    const specs = subpaths().map((subpath) => specifier(pkg.name, subpath));
    const required = JSON.parse(node('load.cjs', [JSON.stringify(specs)])) as Record<string, Record<string, string>>;
    const imported = JSON.parse(node('load.mjs', [JSON.stringify(specs)])) as Record<string, Record<string, string>>;
    for (const spec of specs) {
      expect(Object.keys(required[spec] ?? {}).length, `${spec} exports nothing`).toBeGreaterThan(0);
      expect(imported[spec], `${spec}: import() and require() differ`).toEqual(required[spec]);
    }
  });

  it('exposes the core API at the root, each provider factory at its subpath, a function at every other, in both builds', () => {
    const specs = subpaths().map((subpath) => specifier(pkg.name, subpath));
    for (const loader of ['load.cjs', 'load.mjs']) {
      const exported = JSON.parse(node(loader, [JSON.stringify(specs)])) as Record<string, Record<string, string>>;
      expect(exported[pkg.name], loader).toMatchObject({ isGatewayError: 'function', toMinorUnits: 'function', orderSchema: 'object', VERSION: 'string' });
      for (const subpath of subpaths().filter((s) => s !== '.')) {
        const spec = specifier(pkg.name, subpath);
        if (isProvider(subpath)) {
          const factory = factoryName(subpath);
          expect(exported[spec]?.[factory], `${loader}: ${spec} should export its factory ${factory}()`).toBe('function');
        } else {
          expect(Object.values(exported[spec] ?? {}), `${loader}: ${spec} should export a function`).toContain('function');
        }
      }
    }
    const version = spawnSync(process.execPath, ['-e', `console.log(require('${pkg.name}').VERSION)`], { cwd: project, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it('loads payroute/sandbox without its optional peers, and starting it names the packages to install', () => {
    // The packed project links only the runtime dependencies: openapi-backend and ajv-formats are not there.
    for (const loader of ['require', 'import'] as const) {
      const load = loader === 'require' ? "Promise.resolve(require('payroute/sandbox'))" : "import('payroute/sandbox')";
      const script = `${load}.then((m) => m.startSandbox()).then(() => console.log('started'), (e) => console.log(e.message))`;
      const ran = spawnSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8', timeout: 30_000 });
      expect(ran.stdout.trim(), loader).toBe(
        "payroute's sandbox validates requests with openapi-backend and ajv-formats, which are not installed: npm install --save-dev openapi-backend@~5.20.1 ajv-formats@^3.0.1",
      );
    }
  });

  it('creates orders through the gateway without @opentelemetry/api, an optional peer, in both builds', () => {
    // A provider of the caller's own, answering at once: the gateway's whole path, with no network.
    const stub = `Object.assign((o) => ({ name: o.name, type: 'stub', capabilities: { operations: ['createOrder'], dedupesOrderId: true },
      validate: () => m.ok(undefined), prepareOrder: (order) => m.ok({ send: () => m.okAsync({ provider: o.name, orderId: order.orderId, providerOrderId: 'p1',
      status: 'created', providerStatus: 'OPEN', checkoutUrl: 'https://pay.example/1', links: {}, raw: {} }) }), createOrder: () => m.errAsync({}) }), { type: 'stub' })`;
    const run = `const g = m.createGateway({ providers: { s: { type: 'stub' } }, routing: { strategy: 'priority', order: ['s'] } }, { providers: [${stub}] });
      let peer = 'absent'; try { require.resolve('@opentelemetry/api'); peer = 'present'; } catch {}
      g.createOrder({ orderId: 'A1', amount: 100, currency: 'INR' }).then((r) => console.log(peer, r.isOk() && r.value.providerType))`;
    for (const loader of ['require', 'import'] as const) {
      const script =
        loader === 'require'
          ? `const m = require('payroute'); ${run}`
          : `import('payroute').then((m) => { const require = (0, eval)('require'); ${run} })`;
      const ran = spawnSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8', timeout: 30_000 });
      expect(ran.stdout.trim(), `${loader}: ${ran.stderr}`).toBe('absent stub');
    }
  });

  it('recognises an error made by the CommonJS build with the ESM build, and the other way round', () => {
    const result = JSON.parse(node('dual.mjs')) as Record<string, unknown>;
    expect(result).toEqual({
      sameClassesAcrossBuilds: false, // two copies: the reason the brand checks exist
      invalid: { kind: 'validation', esm: true, cjs: true },
      refused: { kind: 'network', esm: true },
      fromEsm: { kind: 'validation', cjs: true },
      lookalike: false,
      configError: { esm: true, cjs: true, instanceofEsm: false },
    });
  });
});
