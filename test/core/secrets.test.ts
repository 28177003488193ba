import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowwise } from '../../providers/flowwise/index.js';
import { juspay } from '../../providers/juspay/index.js';
import type { PayrouteError } from '../../src/errors.js';
import { basicOrder, FLOWWISE_ID, FLOWWISE_SECRET, JUSPAY_KEY } from '../fixtures.js';
import { startLoopback, type LoopbackServer } from '../loopback.js';

const base64 = (text: string) => Buffer.from(text).toString('base64');
const JUSPAY_BASIC = base64(`${JUSPAY_KEY}:`);
const SECRETS = [JUSPAY_KEY, JUSPAY_BASIC, base64(JUSPAY_KEY), FLOWWISE_SECRET, base64(FLOWWISE_SECRET), base64(`${FLOWWISE_SECRET}:`)];

/** Every way a user might print an error. */
function renderings(value: unknown): string[] {
  return [String((value as { message?: unknown }).message), JSON.stringify(value), inspect(value, { depth: Infinity, showHidden: true }), String(value)];
}

function expectNoSecret(value: unknown): void {
  for (const text of renderings(value)) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

// A hostile provider: it echoes the credentials it received in every error it sends.
let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopback((req, _body, res) => {
    const basic = (req.headers.authorization ?? '').replace('Basic ', '');
    const key = Buffer.from(basic, 'base64').toString().replace(/:$/, '');
    const secret = String(req.headers['x-client-secret'] ?? '');
    // Every form a careless server might log back: raw, base64 with and without the colon, the header.
    const echoed = [req.headers.authorization ?? '', key, base64(key), secret, base64(secret), base64(`${secret}:`)].join(' ');
    const mode = req.url ?? '';
    if (mode.includes('hang')) return;
    if (mode.includes('reset')) return req.socket.destroy();
    if (mode.includes('html')) {
      res.writeHead(500, { 'Content-Type': 'text/html' });
      return res.end(`<html>${echoed}</html>`);
    }
    const status = mode.includes('401') ? 401 : 400;
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'error',
        error_code: `code ${echoed}`,
        error_message: `bad key ${echoed}`,
        error_info: { fields: [{ field_name: 'key', reason: echoed }] },
        message: `bad key ${echoed}`,
        code: `code ${echoed}`,
        type: 'authentication_error',
      }),
    );
  });
});
afterAll(() => server.close());

const adapters = (path: string) => [
  juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', baseUrl: `${server.url}/${path}`, timeoutMs: 200 }),
  flowwise({ clientId: FLOWWISE_ID, clientSecret: FLOWWISE_SECRET, baseUrl: `${server.url}/${path}`, timeoutMs: 200 }),
];

describe('credentials never leave payroute', () => {
  it.each(['400', '401', 'html', 'hang', 'reset'])('are absent from every rendering of the error when the provider answers %s', async (mode) => {
    for (const provider of adapters(mode)) {
      const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
      expectNoSecret(error);
      if (mode === '400' || mode === '401') expect(error.providerMessage).toContain('[REDACTED]');
    }
  });

  it('are absent from validation errors and from the adapter object itself', async () => {
    for (const provider of adapters('400')) {
      expectNoSecret((await provider.createOrder({ ...basicOrder, amount: -1 }))._unsafeUnwrapErr());
      expectNoSecret(provider);
    }
  });

  it('are absent from configuration errors', () => {
    const thrown: unknown[] = [];
    for (const build of [
      () => juspay({ apiKey: JUSPAY_KEY, merchantId: '', environment: 'sandbox' }),
      () => juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', baseUrl: `http://${JUSPAY_KEY}@example.com` }),
      () => flowwise({ clientId: FLOWWISE_ID, clientSecret: FLOWWISE_SECRET, environment: 'staging' as 'sandbox' }),
    ]) {
      try {
        build();
      } catch (error) {
        thrown.push(error);
      }
    }
    expect(thrown).toHaveLength(3);
    for (const error of thrown) expectNoSecret(error);
  });

  it('are absent when the caller aborts mid-flight', async () => {
    const controller = new AbortController();
    const [provider] = adapters('hang');
    const pending = provider!.createOrder(basicOrder, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error: PayrouteError = (await pending)._unsafeUnwrapErr();
    expect(error.kind).toBe('aborted');
    expectNoSecret(error);
  });
});
