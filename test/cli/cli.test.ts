import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInProviders } from '../../providers/index.js';
import { flowwise } from '../../providers/flowwise/index.js';
import { juspay } from '../../providers/juspay/index.js';
import { EXIT, run } from '../../src/cli/run.js';
import { startSandbox, type Sandbox } from '../../providers/entries/sandbox.js';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], env: Record<string, string> = {}): Promise<Ran> {
  const out: string[] = [];
  const errors: string[] = [];
  const code = await run(argv, {
    stdout: (text) => out.push(text),
    stderr: (text) => errors.push(text),
    env,
    interrupted: () => Promise.resolve(),
  }, builtInProviders);
  return { code, stdout: out.join('\n'), stderr: errors.join('\n') };
}

describe('payroute command line', () => {
  it.each([[[]], [['--help']], [['help']]])('prints the main help for %j', async (argv) => {
    const { code, stdout } = await cli(argv);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('Usage: payroute <command>');
    expect(stdout).toContain('create-order');
  });

  it.each(['create-order', 'get-order', 'demo', 'sandbox'])('prints help for %s', async (command) => {
    for (const argv of [[command, '--help'], ['help', command]]) {
      const { code, stdout } = await cli(argv);
      expect(code).toBe(EXIT.ok);
      expect(stdout).toContain(`Usage: payroute ${command}`);
    }
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['create-order'], '--amount is required'],
    [['create-order', '--amount', '1.005'], '--amount: "1.005" has 3 decimal places; INR takes 2'],
    [['create-order', '--amount', '10', '--currency', 'ABC'], '--currency: "ABC" is not an ISO 4217 currency code payroute knows, such as INR'],
    [['create-order', '--amount', '-5'], '--amount: "-5" is negative: an amount is a plain decimal such as 100.15, without a sign'],
    [['create-order', '--amount', '--currency', 'INR'], '--amount needs a value; "--currency" starts with a dash, so it is read as an option (write --amount=--currency if it is the value)'],
    [['create-order', '--amount', '10', '--bogus'], "Unknown option '--bogus'"],
    [['sandbox', '--port', 'http'], '--port must be a port number'],
    [['get-order'], '--order-id is required'],
    [['get-order', '--order-id', 'ord1', '--status', 'shipped'], '--status must be one of pending, paid, failed'],
    [['get-order', '--order-id', 'ord1', '--status', 'expired'], '--status: Juspay has no expired order status'],
    [['get-order', '--order-id', 'ord1', '--provider', 'stripe'], '--provider must be one of juspay, flowwise, commerce-engine'],
    [['get-order', '--order-id', 'ord1', '--amount', '1.005'], '--amount: "1.005" has 3 decimal places; INR takes 2'],
  ])('refuses %j with exit code 2 and says why', async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain(message);
    expect(stderr).toContain('payroute --help');
  });

  it.each([
    [['create-order', '--amount', '10', '--currency', 'XYZ', '--json'], '--currency'],
    [['create-order', '--amount', '-5', '--json'], '--amount'],
    [['create-order', '--json'], '--amount'],
    [['create-order', '--amount', '10', '--json', '--bogus'], '--bogus'],
  ])('with --json, refuses %j as JSON on stdout naming %s, exit code 2', async (argv, option) => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toBe('');
    const printed = JSON.parse(stdout);
    expect(printed).toEqual({ ok: false, error: { kind: 'usage', option, message: expect.stringContaining(option) } });
  });

  it('never shows a parser\'s raw text', async () => {
    const { stderr } = await cli(['create-order', '--amount', '-5']);
    expect(stderr).not.toMatch(/ambiguous|Did you forget/);
  });

  it('creates an order at the offline sandbox by default', async () => {
    const { code, stdout } = await cli(['create-order', '--amount', '100.15', '--order-id', 'ord1001', '--email', 'a@example.com']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/created at:\s+juspay/);
    expect(stdout).toMatch(/order id:\s+ord1001/);
    expect(stdout).toMatch(/checkout url:\s+http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('prints JSON with --json and honours --provider', async () => {
    const { code, stdout } = await cli(['create-order', '--amount', '2299.5', '--provider', 'flowwise', '--json']);
    expect(code).toBe(EXIT.ok);
    const printed = JSON.parse(stdout);
    expect(printed).toMatchObject({ ok: true, session: { provider: 'flowwise', status: 'created', providerStatus: 'ACTIVE' } });
    expect(printed.session.raw.order_amount).toBeUndefined();
  });

  it('creates a Commerce Engine order offline, the sandbox store holding it first', async () => {
    const argv = ['create-order', '--amount', '100.15', '--provider', 'commerce-engine', '--return-url', 'https://shop.example.com/r', '--json'];
    const { code, stdout } = await cli(argv);
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, session: { provider: 'commerce-engine', raw: { success: true } } });
  });

  it('exits 2 with each provider\'s reason when no provider can take the order', async () => {
    const { code, stderr } = await cli(['create-order', '--amount', '1.005', '--currency', 'KWD', '--provider', 'juspay']);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('failed:');
    expect(stderr).toContain('validation');
  });

  it('exits 1 when the provider refuses', async () => {
    const { code, stderr } = await cli(['create-order', '--amount', '10', '--order-id', 'F503demo', '--provider', 'juspay']);
    expect(code).toBe(EXIT.failed);
    expect(stderr).toContain('provider_unavailable');
  });

  it('runs the demo: an order created, then a fallback', async () => {
    const { code, stdout } = await cli(['demo']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/created at:\s+juspay/);
    expect(stdout).toMatch(/created at:\s+flowwise/);
    expect(stdout).toContain('juspay: provider_unavailable');
  });

  it('looks an order up offline: it creates the demo order first, moves it, and says so on stderr', async () => {
    const { code, stdout, stderr } = await cli(['get-order', '--order-id', 'ord2001', '--status', 'paid']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/found at:\s+juspay/);
    expect(stdout).toMatch(/status:\s+paid \(CHARGED\)/);
    expect(stdout).toMatch(/final:\s+yes/);
    expect(stdout).toMatch(/amount:\s+100\.15 INR/);
    expect(stderr).toContain('created order ord2001 (100.15 INR) at juspay and moved it to paid');
  });

  it('looks a Commerce Engine order up offline as JSON, amounts in minor units', async () => {
    const argv = ['get-order', '--order-id', 'ORD-2002', '--provider', 'commerce-engine', '--amount', '42.50', '--status', 'paid', '--json'];
    const { code, stdout } = await cli(argv);
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, order: { provider: 'commerce-engine', status: 'paid', amount: 4250, amountPaid: 4250, currency: 'INR' } });
  });

  it('prints the sandbox URLs and credentials, and stops when interrupted', async () => {
    const { code, stdout } = await cli(['sandbox']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/juspay\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toContain('sandbox_key');
  });
});

describe('payroute with a configuration', () => {
  let sandbox: Sandbox;
  let dir: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    dir = mkdtempSync(join(tmpdir(), 'payroute-cli-'));
  });
  afterAll(() => sandbox.close());

  const writeConfig = (config: object) => {
    const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(config));
    return file;
  };

  it('talks to the providers a config file names, secrets from the environment', async () => {
    const { apiKey, merchantId, baseUrl } = sandbox.juspay.adapterOptions;
    const file = writeConfig({
      providers: { main: { type: 'juspay', apiKey: { $env: 'JUSPAY_KEY' }, merchantId, baseUrl } },
      routing: { strategy: 'priority', order: ['main'] },
    });
    const { code, stdout } = await cli(['create-order', '--amount', '5', '--config', file], { JUSPAY_KEY: apiKey });
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/created at:\s+main/);
  });

  it('reads PAYROUTE_CONFIG from the environment', async () => {
    const { clientId, clientSecret, baseUrl } = sandbox.flowwise.adapterOptions;
    const config = { providers: { fw: { type: 'flowwise', clientId, clientSecret, baseUrl } }, routing: { strategy: 'priority', order: ['fw'] } };
    const { code, stdout } = await cli(['create-order', '--amount', '5', '--json'], { PAYROUTE_CONFIG: JSON.stringify(config) });
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(stdout).session.provider).toBe('fw');
  });

  it('shows the providers skipped as ineligible in the text output', async () => {
    const { apiKey, merchantId, baseUrl } = sandbox.juspay.adapterOptions;
    const config = {
      providers: {
        usd_only: { type: 'juspay', apiKey, merchantId, baseUrl, currencies: ['USD'] },
        main: { type: 'juspay', apiKey, merchantId, baseUrl },
      },
      routing: { strategy: 'priority', order: ['usd_only', 'main'] },
    };
    const { code, stdout } = await cli(['create-order', '--amount', '5'], { PAYROUTE_CONFIG: JSON.stringify(config) });
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/created at:\s+main/);
    expect(stdout).toContain('skipped:\n  - usd_only: ineligible (currency: INR is not among the currencies configured for usd_only)');
  });

  it('labels a config error about the whole configuration as such, not as the order', async () => {
    const { code, stderr } = await cli(['create-order', '--amount', '5'], { PAYROUTE_CONFIG: '{not json' });
    expect(code).toBe(EXIT.configuration);
    expect(stderr).toContain('  - (configuration): PAYROUTE_CONFIG is not valid JSON');
    expect(stderr).not.toContain('(order)');
  });

  it('with --json, prints a config error as JSON on stdout, exit code 3', async () => {
    const { code, stdout, stderr } = await cli(['create-order', '--amount', '5', '--json', '--config', join(dir, 'missing.json')]);
    expect(code).toBe(EXIT.configuration);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: { kind: 'configuration' } });
  });

  it('get-order asks each configured provider in turn and reports where the order is', async () => {
    const file = writeConfig({
      providers: {
        main: { type: 'juspay', ...sandbox.juspay.adapterOptions },
        backup: { type: 'flowwise', ...sandbox.flowwise.adapterOptions },
      },
      routing: { strategy: 'priority', order: ['main', 'backup'] },
    });
    expect((await flowwise(sandbox.flowwise.adapterOptions).createOrder({ orderId: 'cfg3001', amount: 500, currency: 'INR' })).isOk()).toBe(true);
    const found = await cli(['get-order', '--order-id', 'cfg3001', '--config', file, '--json']);
    expect(found.code).toBe(EXIT.ok);
    expect(JSON.parse(found.stdout).order).toMatchObject({ provider: 'backup', orderId: 'cfg3001', status: 'created' });
    const missing = await cli(['get-order', '--order-id', 'cfg3002', '--config', file]);
    expect(missing.code).toBe(EXIT.failed);
    expect(missing.stderr).toMatch(/failed:\s+not_found at payroute/);
    expect(missing.stderr).toContain('none of main, backup holds order "cfg3002"');
    const one = await cli(['get-order', '--order-id', 'cfg3001', '--provider', 'main', '--config', file]);
    expect(one.code).toBe(EXIT.failed);
    expect(one.stderr).toMatch(/failed:\s+not_found at main/);
    // Flowwise's answer has no amount to check; Juspay's has.
    expect((await cli(['get-order', '--order-id', 'cfg3001', '--amount', '6', '--config', file])).code).toBe(EXIT.ok);
    expect((await juspay(sandbox.juspay.adapterOptions).createOrder({ orderId: 'cfg3003', amount: 500, currency: 'INR' })).isOk()).toBe(true);
    const wrongAmount = await cli(['get-order', '--order-id', 'cfg3003', '--amount', '6', '--config', file]);
    expect(wrongAmount.code).toBe(EXIT.failed);
    expect(wrongAmount.stderr).toContain('an order for 5.00 INR, not the expected 6.00');
  });

  it('get-order refuses --status and an unknown --provider with a config', async () => {
    const file = writeConfig({ providers: { main: { type: 'juspay', ...sandbox.juspay.adapterOptions } }, routing: { strategy: 'priority', order: ['main'] } });
    expect((await cli(['get-order', '--order-id', 'x1', '--status', 'paid', '--config', file])).code).toBe(EXIT.usage);
    const unknown = await cli(['get-order', '--order-id', 'x1', '--provider', 'nope', '--config', file]);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toContain('no provider "nope" is configured (configured: main)');
  });

  it('exits 3 naming the bad path of a bad config, without its secret', async () => {
    const file = writeConfig({
      providers: { main: { type: 'juspay', apiKey: 'top_secret_key_123', merchantId: '', environment: 'sandbox' } },
      routing: { strategy: 'priority', order: ['main'] },
    });
    const { code, stderr } = await cli(['create-order', '--amount', '5', '--config', file]);
    expect(code).toBe(EXIT.configuration);
    expect(stderr).toContain('providers.main.merchantId');
    expect(stderr).not.toContain('top_secret_key_123');
  });
});

it('runs as a process with exit codes a shell can use', () => {
  const ran = spawnSync(process.execPath, ['--import', 'tsx', 'providers/entries/cli.ts', 'create-order', '--amount', 'ten'], { encoding: 'utf8' });
  expect(ran.status).toBe(EXIT.usage);
  expect(ran.stderr).toContain('payroute: --amount: "ten" is not a plain decimal amount');
  expect(spawnSync(process.execPath, ['--import', 'tsx', 'providers/entries/cli.ts', '--version'], { encoding: 'utf8' }).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
});
