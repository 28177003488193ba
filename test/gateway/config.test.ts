import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveReferences } from '../../src/gateway/load-config.js';
import { createGateway, loadGatewayConfig, PayrouteConfigError, type GatewayConfig } from '../../providers/entries/index.js';
import { fakePsps } from './fakes.js';

const SECRET = 'jp_live_SUPERSECRET_9f8e';
const FW_SECRET = 'fw_secret_TOPSECRET_77';

const valid: GatewayConfig = {
  providers: {
    juspay_main: { type: 'juspay', apiKey: SECRET, merchantId: 'acme', environment: 'production', currencies: ['INR'] },
    juspay_second: { type: 'juspay', apiKey: `${SECRET}_2`, merchantId: 'acme_two', environment: 'production' },
    flowwise_backup: { type: 'flowwise', clientId: 'fw_id', clientSecret: FW_SECRET, environment: 'production' },
  },
  routing: { strategy: 'priority', order: ['juspay_main', 'juspay_second', 'flowwise_backup'] },
};

/** The field issues `createGateway` throws for a configuration. */
function issuesOf(config: unknown): Array<{ path: string; message: string }> {
  try {
    createGateway(config as GatewayConfig);
  } catch (thrown) {
    expect(PayrouteConfigError.is(thrown)).toBe(true);
    const error = thrown as PayrouteConfigError;
    for (const secret of [SECRET, FW_SECRET]) expect(error.message).not.toContain(secret);
    return [...error.fields];
  }
  throw new Error('createGateway accepted the configuration');
}

const paths = (config: unknown) => issuesOf(config).map((f) => f.path);

describe('createGateway configuration', () => {
  it('builds every provider, several accounts of one provider included, named by their keys', () => {
    const gateway = createGateway(valid);
    expect(gateway.health()).toEqual([
      { provider: 'juspay_main', type: 'juspay', circuit: 'closed' },
      { provider: 'juspay_second', type: 'juspay', circuit: 'closed' },
      { provider: 'flowwise_backup', type: 'flowwise', circuit: 'closed' },
    ]);
  });

  it("names the bad adapter options under the entry's path, never their values", () => {
    const issues = issuesOf({
      ...valid,
      providers: { ...valid.providers, juspay_main: { type: 'juspay', apiKey: '   ', merchantId: 'acme', environment: 'production' } },
    });
    expect(issues).toEqual([{ path: 'providers.juspay_main.apiKey', message: 'apiKey must not be empty' }]);
  });

  it('lists mistakes of every section in one error', () => {
    expect(
      paths({
        providers: {
          juspay_main: { type: 'juspay', merchantId: 'acme' },
          flowwise_backup: { type: 'flowwise', clientId: 'id', clientSecret: FW_SECRET, environment: 'staging' },
        },
        routing: { strategy: 'priority', order: ['juspay_main', 'nowhere'] },
        retry: { maxAttempts: 0 },
      }),
    ).toEqual(['retry.maxAttempts', 'routing.order.1', 'providers.juspay_main.apiKey', 'providers.flowwise_backup.environment']);
  });

  it('rejects an unknown adapter type, naming the known ones', () => {
    const issues = issuesOf({ providers: { x: { type: 'stripe' } }, routing: { strategy: 'priority', order: ['x'] } });
    expect(issues).toEqual([{ path: 'providers.x.type', message: 'no adapter is registered for type "stripe" (known: juspay, flowwise, commerce-engine)' }]);
  });

  it('rejects routing that names no configured provider, for every strategy', () => {
    const providers = { a: { type: 'fake' } };
    const fakes = fakePsps().providers;
    const check = (routing: unknown) => {
      try {
        createGateway({ providers, routing } as GatewayConfig, { providers: fakes });
        return [];
      } catch (thrown) {
        return (thrown as PayrouteConfigError).fields.map((f) => `${f.path}: ${f.message}`);
      }
    };
    expect(check({ strategy: 'weighted', weights: { a: 1, z: 1 } })).toEqual(['routing.weights.z: "z" is not a key of providers']);
    expect(check({ strategy: 'rules', rules: [{ when: {}, use: ['y'] }], default: ['z'] })).toEqual([
      'routing.rules.0.use.0: "y" is not a key of providers',
      'routing.default.0: "z" is not a key of providers',
    ]);
    expect(check({ strategy: 'weighted', weights: { a: 0 } })).toEqual(['routing.weights: at least one weight must be greater than zero']);
    expect(check({ strategy: 'priority', order: ['a', 'a'] })).toEqual(['routing.order: must not name a provider twice']);
    expect(check({ strategy: 'random' })).toEqual([`routing.strategy: Invalid discriminator value. Expected 'priority' | 'weighted' | 'rules'`]);
  });

  it('checks rule conditions, fallback kinds, retry and breaker settings', () => {
    const base = { providers: { a: { type: 'juspay', apiKey: SECRET, merchantId: 'm', environment: 'sandbox' } } };
    expect(
      paths({
        ...base,
        routing: {
          strategy: 'rules',
          rules: [{ when: { currency: 'XYZ', amount: { min: 10, max: 5 }, paymentMethod: 'cash' }, use: ['a'] }],
          default: ['a'],
        },
        fallback: { on: ['duplicate_order'] },
        retry: { initialDelayMs: 5_000, maxDelayMs: 1_000 },
        circuitBreaker: { policy: 'sampling', failureRate: 1.5 },
      }),
    ).toEqual([
      'routing.rules.0.when.currency',
      'routing.rules.0.when.amount',
      'routing.rules.0.when.paymentMethod',
      'fallback.on.0',
      'retry.initialDelayMs',
      'circuitBreaker.failureRate',
    ]);
  });

  it('rejects bad provider keys, a name option, and an empty providers section', () => {
    expect(paths({ providers: {}, routing: { strategy: 'priority', order: ['a'] } })).toEqual(['providers', 'routing.order.0']);
    const issues = issuesOf({
      providers: { 'bad key!': { type: 'flowwise', clientId: 'i', clientSecret: FW_SECRET, environment: 'sandbox' }, ok: { ...valid.providers.flowwise_backup, name: 'other' } },
      routing: { strategy: 'priority', order: ['ok'] },
    });
    expect(issues.map((f) => f.path)).toContain('providers.bad key!');
    expect(issues).toContainEqual({ path: 'providers.ok.name', message: 'is the entry key: remove it' });
  });

  it('routes a registered custom adapter like a built-in one', async () => {
    const psps = fakePsps();
    const gateway = createGateway({ providers: { mine: { type: 'fake' } }, routing: { strategy: 'priority', order: ['mine'] } }, { providers: psps.providers });
    expect((await gateway.createOrder({ orderId: 'o1', amount: 100, currency: 'INR' }))._unsafeUnwrap().provider).toBe('mine');
  });

  it('rejects a custom adapter that ignores its name, and names (never quotes) what a factory throws', () => {
    const unused = () => {
      throw new Error('unused');
    };
    const stubborn = Object.assign(
      () => ({ name: 'always_me', type: 'x', capabilities: { operations: [], dedupesOrderId: true }, validate: unused, prepareOrder: unused, createOrder: unused }),
      { type: 'stubborn' },
    );
    const throwing = Object.assign(
      () => {
        throw new Error(`cannot connect with ${SECRET}`);
      },
      { type: 'throwing' },
    );
    const config = { providers: { s: { type: 'stubborn' }, t: { type: 'throwing' } }, routing: { strategy: 'priority', order: ['s', 't'] } } as const;
    try {
      createGateway(config, { providers: [stubborn, throwing] });
      expect.unreachable();
    } catch (thrown) {
      const error = thrown as PayrouteConfigError;
      expect(error.fields).toEqual([
        { path: 'providers.s', message: 'the "stubborn" adapter ignored its name option (it named itself "always_me")' },
        { path: 'providers.t', message: 'the adapter factory threw Error' },
      ]);
      expect(error.message).not.toContain(SECRET);
    }
  });
});

describe('loadGatewayConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'payroute-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const fileConfig = {
    providers: {
      juspay_main: { type: 'juspay', apiKey: { $env: 'JUSPAY_API_KEY' }, merchantId: 'acme', environment: 'production' },
      flowwise_backup: { type: 'flowwise', clientId: { $env: 'FW_ID' }, clientSecret: { $env: 'FW_SECRET' }, environment: 'production' },
    },
    routing: { strategy: 'priority', order: ['juspay_main', 'flowwise_backup'] },
  };
  const secrets = { JUSPAY_API_KEY: SECRET, FW_ID: 'fw_id', FW_SECRET };

  it('reads a JSON file and resolves $env references from the environment', () => {
    const config = loadGatewayConfig({ file: write('ok.json', fileConfig), env: secrets })._unsafeUnwrap();
    expect(config.providers['juspay_main']).toMatchObject({ apiKey: SECRET });
    expect(createGateway(config).health()).toHaveLength(2);
  });

  it('reads the file PAYROUTE_CONFIG_FILE names', () => {
    const env = { ...secrets, PAYROUTE_CONFIG_FILE: write('env-file.json', fileConfig) };
    expect(loadGatewayConfig({ env })._unsafeUnwrap().routing).toEqual(fileConfig.routing);
  });

  it('reads the configuration from PAYROUTE_CONFIG', () => {
    const env = { ...secrets, PAYROUTE_CONFIG: JSON.stringify(fileConfig) };
    expect(Object.keys(loadGatewayConfig({ env })._unsafeUnwrap().providers)).toEqual(['juspay_main', 'flowwise_backup']);
  });

  it('names every unset variable by path', () => {
    const error = loadGatewayConfig({ env: { PAYROUTE_CONFIG: JSON.stringify(fileConfig), FW_ID: 'x' } })._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'configuration', provider: 'payroute', retryable: false });
    expect(error.fields).toEqual([
      { path: 'providers.juspay_main.apiKey', message: 'environment variable JUSPAY_API_KEY is not set' },
      { path: 'providers.flowwise_backup.clientSecret', message: 'environment variable FW_SECRET is not set' },
    ]);
    expect(error.message).toContain('in PAYROUTE_CONFIG: providers.juspay_main.apiKey: environment variable JUSPAY_API_KEY is not set');
  });

  // One file for test and production: the sandbox's base URL only where it is set, production's environment otherwise.
  const perEnvironment = {
    providers: {
      juspay_main: {
        type: 'juspay',
        apiKey: { $env: 'JUSPAY_API_KEY' },
        merchantId: { $env: 'JUSPAY_MERCHANT', default: 'acme' },
        environment: { $env: 'JUSPAY_ENVIRONMENT', default: 'production' },
        baseUrl: { $env: 'JUSPAY_BASE_URL', optional: true },
      },
    },
    routing: { strategy: 'priority', order: ['juspay_main'] },
  };

  it('uses a default when the variable is not set, and the variable when it is', () => {
    const production = loadGatewayConfig({ env: { JUSPAY_API_KEY: SECRET, PAYROUTE_CONFIG: JSON.stringify(perEnvironment) } })._unsafeUnwrap();
    expect(production.providers['juspay_main']).toEqual({ type: 'juspay', apiKey: SECRET, merchantId: 'acme', environment: 'production' });
    const test = loadGatewayConfig({
      env: { JUSPAY_API_KEY: SECRET, JUSPAY_MERCHANT: 'acme_test', JUSPAY_ENVIRONMENT: 'sandbox', JUSPAY_BASE_URL: 'http://127.0.0.1:4010', PAYROUTE_CONFIG: JSON.stringify(perEnvironment) },
    })._unsafeUnwrap();
    expect(test.providers['juspay_main']).toEqual({ type: 'juspay', apiKey: SECRET, merchantId: 'acme_test', environment: 'sandbox', baseUrl: 'http://127.0.0.1:4010' });
  });

  it('leaves out the key of an optional reference whose variable is not set', () => {
    const config = loadGatewayConfig({ env: { JUSPAY_API_KEY: SECRET, PAYROUTE_CONFIG: JSON.stringify(perEnvironment) } })._unsafeUnwrap();
    expect(Object.keys(config.providers['juspay_main'] ?? {})).not.toContain('baseUrl');
    expect(resolveReferences({ list: ['a', { $env: 'UNSET', optional: true }, 'b'] }, {})._unsafeUnwrap()).toEqual({ list: ['a', 'b'] });
  });

  it('names the path and the variable of a malformed reference, never a value', () => {
    const reference = (value: Record<string, unknown>) => resolveReferences({ providers: { p: { baseUrl: value } } }, { SET: SECRET })._unsafeUnwrapErr();
    expect(reference({ $env: 'SET', defualt: 'x' })).toEqual([
      { path: 'providers.p.baseUrl', message: '$env takes only "default" or "optional" beside it, not "defualt"' },
    ]);
    expect(reference({ $env: 'SET', default: 4010 })).toEqual([{ path: 'providers.p.baseUrl', message: 'default must be a string, as environment variables are' }]);
    expect(reference({ $env: 'SET', optional: 'yes' })).toEqual([{ path: 'providers.p.baseUrl', message: 'optional must be true or false' }]);
    expect(reference({ $env: 'SET', default: FW_SECRET, optional: true })).toEqual([{ path: 'providers.p.baseUrl', message: 'give default or optional, not both' }]);
    expect(reference({ $env: '', default: FW_SECRET })).toEqual([{ path: 'providers.p.baseUrl', message: '$env must name an environment variable' }]);
    expect(JSON.stringify(reference({ $env: 'UNSET' }))).toBe('[{"path":"providers.p.baseUrl","message":"environment variable UNSET is not set"}]');
  });

  it('resolves a reference to the variable when set, else to its default, else leaves it out (property)', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), fc.boolean(), (value, fallback, optional) => {
        const reference = fallback === null ? { $env: 'V', ...(optional ? { optional } : {}) } : { $env: 'V', default: fallback };
        const resolved = resolveReferences({ key: reference }, value === null ? {} : { V: value });
        if (value !== null) expect(resolved._unsafeUnwrap()).toEqual({ key: value });
        else if (fallback !== null) expect(resolved._unsafeUnwrap()).toEqual({ key: fallback });
        else if (optional) expect(resolved._unsafeUnwrap()).toEqual({});
        else expect(resolved._unsafeUnwrapErr()).toEqual([{ path: 'key', message: 'environment variable V is not set' }]);
      }),
    );
  });

  it('validates as createGateway does, adapter options included, without quoting secrets', () => {
    const bad = { ...fileConfig, providers: { ...fileConfig.providers, juspay_main: { type: 'juspay', apiKey: SECRET, merchantId: '' } } };
    const error = loadGatewayConfig({ file: write('bad.json', bad), env: secrets })._unsafeUnwrapErr();
    expect(error.fields?.map((f) => f.path)).toEqual(['providers.juspay_main.merchantId', 'providers.juspay_main.environment']);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it('says where the JSON breaks without quoting it', () => {
    const error = loadGatewayConfig({ env: { PAYROUTE_CONFIG: `{"apiKey": ${SECRET}}` } })._unsafeUnwrapErr();
    expect(error.kind).toBe('configuration');
    expect(error.message).toMatch(/^invalid gateway configuration in PAYROUTE_CONFIG: PAYROUTE_CONFIG is not valid JSON/);
    expect(error.message).not.toContain('SUPERSECRET');
  });

  it('reports a missing file, a missing configuration, and two sources at once', () => {
    expect(loadGatewayConfig({ file: join(dir, 'absent.json'), env: {} })._unsafeUnwrapErr().message).toContain('(ENOENT)');
    expect(loadGatewayConfig({ env: {} })._unsafeUnwrapErr().message).toBe(
      'no configuration: pass { file }, or set PAYROUTE_CONFIG_FILE or PAYROUTE_CONFIG',
    );
    expect(loadGatewayConfig({ env: { PAYROUTE_CONFIG: '{}', PAYROUTE_CONFIG_FILE: 'x.json' } })._unsafeUnwrapErr().message).toBe(
      'set PAYROUTE_CONFIG_FILE or PAYROUTE_CONFIG, not both',
    );
  });

  it('accepts custom adapter types when given the same adapters', () => {
    const env = { PAYROUTE_CONFIG: JSON.stringify({ providers: { a: { type: 'fake' } }, routing: { strategy: 'priority', order: ['a'] } }) };
    expect(loadGatewayConfig({ env })._unsafeUnwrapErr().fields?.[0]?.path).toBe('providers.a.type');
    expect(loadGatewayConfig({ env, providers: fakePsps().providers }).isOk()).toBe(true);
  });
});
