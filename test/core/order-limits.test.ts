import { describe, expect, it } from 'vitest';
import { commerceEngine } from '../../providers/commerce-engine/index.js';
import { flowwise } from '../../providers/flowwise/index.js';
import { juspay } from '../../providers/juspay/index.js';
import type { Order, PaymentProvider } from '../../providers/entries/index.js';
import { basicOrder, FLOWWISE_ID, FLOWWISE_SECRET, JUSPAY_KEY } from '../fixtures.js';
import { useNock } from '../setup-nock.js';

// No interceptor is declared: any request sent fails the test.
useNock();

const jp = juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox' });
const fw = flowwise({ clientId: FLOWWISE_ID, clientSecret: FLOWWISE_SECRET, environment: 'sandbox' });
const ce = commerceEngine({ storeId: 'store_01', accessToken: 'ce_access_TOKEN_5566778899', environment: 'sandbox' });
const adapters: ReadonlyArray<[string, PaymentProvider]> = [['juspay', jp], ['flowwise', fw], ['commerce-engine', ce]];

/** An order whose JSON arrived from outside, as a service would receive it. */
const fromJson = (json: string): Order => JSON.parse(json) as Order;
const base = JSON.stringify(basicOrder).slice(0, -1);

describe.each(adapters)('%s: metadata keys that name Object.prototype', (_name, provider) => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s, naming it, instead of dropping it', async (key) => {
    const order = fromJson(`${base},"metadata":{"${key}":"x","note":"kept"}}`);
    for (const result of [provider.validate(order), await provider.createOrder(order)]) {
      expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'validation', fields: [{ path: `metadata.${key}` }] });
    }
  });
});

describe('provider options keyed by the caller', () => {
  it.each([
    ['juspay', jp, 'juspay', 'metadata'],
    ['flowwise', fw, 'flowwise', 'orderTags'],
  ] as const)('%s refuses a __proto__ key, naming it', (_name, provider, option, field) => {
    const order = fromJson(`${base},"providerOptions":{"${option}":{"${field}":{"__proto__":"x"}}}}`);
    expect(provider.validate(order)._unsafeUnwrapErr()).toMatchObject({
      kind: 'validation',
      fields: [{ path: `providerOptions.${option}.${field}.__proto__` }],
    });
  });
});

describe('a request body larger than a provider accepts (1 MiB)', () => {
  const bigMetadata = Object.fromEntries(Array.from({ length: 2_200 }, (_, i) => [`key_${i}`, 'v'.repeat(500)]));

  it.each([
    ['juspay', jp],
    ['flowwise', fw],
  ] as const)('%s refuses it before any request, naming the largest field', async (_name, provider) => {
    const order: Order = { ...basicOrder, metadata: bigMetadata };
    for (const result of [provider.validate(order), await provider.createOrder(order)]) {
      const error = result._unsafeUnwrapErr();
      expect(error).toMatchObject({ kind: 'validation', fields: [{ path: 'metadata' }] });
      expect(error.message).toMatch(/request body would be \d+ bytes, over the 1048576 bytes/);
    }
  });

  it('names the provider option that makes it too large', () => {
    const order: Order = { ...basicOrder, providerOptions: { juspay: { metadata: bigMetadata } } };
    expect(jp.validate(order)._unsafeUnwrapErr().fields).toEqual([{ path: 'providerOptions.juspay.metadata', message: expect.stringMatching(/too large/) }]);
  });

  it('counts bytes, not characters', () => {
    // 400,000 characters of three UTF-8 bytes each: 1.2 MB on the wire.
    const wide = Object.fromEntries(Array.from({ length: 800 }, (_, i) => [`key_${i}`, '€'.repeat(500)]));
    expect(fw.validate({ ...basicOrder, metadata: wide })._unsafeUnwrapErr().fields?.[0]?.path).toBe('metadata');
  });
});
