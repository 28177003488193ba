import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowwise } from '../../providers/flowwise/index.js';
import { juspay } from '../../providers/juspay/index.js';
import { hasIpHost } from '../../src/config.js';
import { PayrouteConfigError } from '../../src/errors.js';
import { VERSION } from '../../src/version.js';

function thrownBy(build: () => unknown): PayrouteConfigError {
  try {
    build();
  } catch (error) {
    if (PayrouteConfigError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a PayrouteConfigError');
}

describe('adapter options', () => {
  it('throw at construction naming every bad field', () => {
    const error = thrownBy(() => juspay({ apiKey: ' ', merchantId: '', version: '23-01-01', timeoutMs: 0, environment: 'sandbox' }));
    expect(error.fields.map((f) => f.path).sort()).toEqual(['apiKey', 'merchantId', 'timeoutMs', 'version']);
    expect(error.message).toMatch(/^juspay: invalid configuration: /);
  });

  it('need an environment or a base URL', () => {
    expect(thrownBy(() => flowwise({ clientId: 'a', clientSecret: 'b' })).fields).toEqual([
      { path: 'environment', message: 'give environment ("sandbox" or "production") or a baseUrl' },
    ]);
  });

  it.each([
    ['http://api.example.com', 'must use https unless the host is loopback'],
    ['https://user:pass@api.example.com', 'must not contain credentials, a query or a fragment'],
    ['https://api.example.com/?a=1', 'must not contain credentials, a query or a fragment'],
    ['not a url', 'must be an absolute http(s) URL'],
  ])('refuse base URL %s', (baseUrl, message) => {
    expect(thrownBy(() => juspay({ apiKey: 'k', merchantId: 'm', baseUrl })).fields).toContainEqual({ path: 'baseUrl', message });
  });

  it('accept plain http on loopback and refuse unknown options', () => {
    expect(juspay({ apiKey: 'k', merchantId: 'm', baseUrl: 'http://localhost:8080' }).name).toBe('juspay');
    expect(flowwise({ clientId: 'a', clientSecret: 'b', baseUrl: 'http://127.0.0.1:1' }).type).toBe('flowwise');
    expect(thrownBy(() => juspay({ apiKey: 'k', merchantId: 'm', environment: 'sandbox', apikey: 'x' } as never)).fields[0]?.message).toContain('apikey');
  });

  it('name the instance for results and errors', async () => {
    const provider = juspay({ apiKey: 'k', merchantId: 'm', environment: 'sandbox', name: 'juspay_main' });
    expect(provider.name).toBe('juspay_main');
    expect(provider.validate({ orderId: 'x', amount: -1, currency: 'INR' })._unsafeUnwrapErr().provider).toBe('juspay_main');
  });
});

it('reports the version in package.json in its user agent', () => {
  expect(VERSION).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
});

describe('hasIpHost', () => {
  // It skips isIP for hosts that cannot be addresses; the answer must be isIP's for every parsed URL.
  const hosts = fc.oneof(
    fc.ipV4(),
    fc.ipV4Extended(),
    fc.ipV6().map((ip) => `[${ip}]`),
    fc.domain(),
    fc.stringMatching(/^[0-9.]{1,12}$/),
    fc.constantFrom('0x7f.1', '127.1', '4294967295', '1e3', 'localhost', '127.0.0.1.', 'xn--nxasmq6b', '[::ffff:1.2.3.4]'),
  );
  it("agrees with node's isIP on the host of any URL that parses", () => {
    fc.assert(
      fc.property(hosts, fc.constantFrom('https', 'http', 'foo'), (host, scheme) => {
        let url: URL;
        try {
          url = new URL(`${scheme}://${host}/return`);
        } catch {
          return;
        }
        expect(hasIpHost(url)).toBe(isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0);
      }),
      { numRuns: 3000 },
    );
  });
});
