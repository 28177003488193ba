import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commerceEngine } from '../../providers/commerce-engine/index.js';
import { flowwise } from '../../providers/flowwise/index.js';
import { juspay } from '../../providers/juspay/index.js';
import { hasIpHost } from '../../src/config.js';
import { PayrouteConfigError } from '../../src/errors.js';
import { VERSION } from '../../src/version.js';

const KEY = 'key_12345678';
const SECRET = 'secret_12345678';

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
    expect(thrownBy(() => flowwise({ clientId: 'a', clientSecret: SECRET })).fields).toEqual([
      { path: 'environment', message: 'give environment ("sandbox" or "production") or a baseUrl' },
    ]);
  });

  it.each([
    ['http://api.example.com', 'must use https unless the host is loopback'],
    ['https://user:pass@api.example.com', 'must not contain credentials, a query or a fragment'],
    ['https://api.example.com/?a=1', 'must not contain credentials, a query or a fragment'],
    ['not-a-url', 'must be an absolute http(s) URL'],
    ['http://127.evil.example', 'must use https unless the host is loopback'],
    ['http://127.0.0.1.nip.io:8080', 'must use https unless the host is loopback'],
    ['http://10.0.0.1', 'must use https unless the host is loopback'],
  ])('refuse base URL %s', (baseUrl, message) => {
    expect(thrownBy(() => juspay({ apiKey: KEY, merchantId: 'm', baseUrl })).fields).toContainEqual({ path: 'baseUrl', message });
  });

  it.each(['http://localhost:8080', 'http://127.0.0.1:1', 'http://127.1.2.3/base', 'http://[::1]:4010'])('accept plain http on loopback: %s', (baseUrl) => {
    expect(juspay({ apiKey: KEY, merchantId: 'm', baseUrl }).name).toBe('juspay');
    expect(flowwise({ clientId: 'a', clientSecret: SECRET, baseUrl }).type).toBe('flowwise');
  });

  // WHATWG parsing would drop the tab or newline and encode the space: refuse the text before it does.
  it.each(['https://api.example.com/\tx', 'https://api.\nexample.com', 'https://api.example.com/a b', ' https://api.example.com', 'https://api.example.com/\u0000'])(
    'refuse base URL %j holding whitespace or control characters, without quoting it',
    (baseUrl) => {
      for (const build of [
        () => juspay({ apiKey: KEY, merchantId: 'm', baseUrl }),
        () => flowwise({ clientId: 'a', clientSecret: SECRET, baseUrl }),
        () => commerceEngine({ storeId: 's', accessToken: SECRET, baseUrl }),
      ]) {
        const error = thrownBy(build);
        expect(error.fields).toEqual([{ path: 'baseUrl', message: 'must not contain whitespace or control characters' }]);
        expect(error.message).not.toContain('example');
      }
    },
  );

  it('refuse unknown options', () => {
    expect(thrownBy(() => juspay({ apiKey: KEY, merchantId: 'm', environment: 'sandbox', apikey: 'x' } as never)).fields[0]?.message).toContain('apikey');
  });

  it('name the instance for results and errors', async () => {
    const provider = juspay({ apiKey: KEY, merchantId: 'm', environment: 'sandbox', name: 'juspay_main' });
    expect(provider.name).toBe('juspay_main');
    expect(provider.validate({ orderId: 'x', amount: -1, currency: 'INR' })._unsafeUnwrapErr().provider).toBe('juspay_main');
  });
});

describe('options that become headers', () => {
  const build = {
    apiKey: (value: string) => juspay({ apiKey: value, merchantId: 'acme', environment: 'sandbox' }),
    merchantId: (value: string) => juspay({ apiKey: KEY, merchantId: value, environment: 'sandbox' }),
    clientId: (value: string) => flowwise({ clientId: value, clientSecret: SECRET, environment: 'sandbox' }),
    clientSecret: (value: string) => flowwise({ clientId: 'fw_id', clientSecret: value, environment: 'sandbox' }),
    accessToken: (value: string) => commerceEngine({ storeId: 'store_1', accessToken: value, environment: 'sandbox' }),
  };
  const options = Object.keys(build) as Array<keyof typeof build>;

  it.each(['\r\n', '\n', '\r', '\u0000', '\t', '\u007f', '\u0085', '€', '😀', '\u2028'])(
    'refuse a value holding %j at construction, naming the option but not its value',
    (bad) => {
      for (const option of options) {
        for (const value of [`value_${bad}_12345678`, `value_12345678${bad}`]) {
          const error = thrownBy(() => build[option](value));
          expect(error.fields).toEqual([{ path: option, message: expect.stringContaining('printable Latin-1') }]);
          expect(error.message).not.toContain('value_');
        }
      }
    },
  );

  it('take printable Latin-1, é included', () => {
    for (const option of options) expect(build[option](`clé_é_12345678 ~`).name).toBeTruthy();
  });

  it.each(['apiKey', 'clientSecret', 'accessToken'] as const)('refuse a %s shorter than 8 characters', (option) => {
    expect(thrownBy(() => build[option]('1234567')).fields).toEqual([
      { path: option, message: `${option} must be at least 8 characters: shorter values cannot be redacted from errors` },
    ]);
    expect(build[option]('12345678').name).toBeTruthy();
  });

  it('take ids of any length: they are not secrets', () => {
    expect(build.merchantId('m').name).toBe('juspay');
    expect(build.clientId('i').name).toBe('flowwise');
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
