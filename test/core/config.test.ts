import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowwise } from '../../providers/flowwise/index.js';
import { juspay } from '../../providers/juspay/index.js';
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
