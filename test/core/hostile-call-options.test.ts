import { describe, expect, it } from 'vitest';
import { commerceEngine } from '../../providers/commerce-engine/index.js';
import { flowwise } from '../../providers/flowwise/index.js';
import { juspay } from '../../providers/juspay/index.js';
import type { CreateOrderOptions, PaymentProvider } from '../../providers/entries/index.js';
import { basicOrder, FLOWWISE_ID, FLOWWISE_SECRET, JUSPAY_KEY } from '../fixtures.js';
import { useNock } from '../setup-nock.js';

// No interceptor is declared: any request sent fails the test.
useNock();

const adapters: ReadonlyArray<[string, PaymentProvider]> = [
  ['juspay', juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox' })],
  ['flowwise', flowwise({ clientId: FLOWWISE_ID, clientSecret: FLOWWISE_SECRET, environment: 'sandbox' })],
  ['commerce-engine', commerceEngine({ storeId: 'store_01', accessToken: 'ce_access_TOKEN_5566778899', environment: 'sandbox' })],
];

const throwingEverywhere = new Proxy(
  {},
  {
    get: () => {
      throw new Error('x');
    },
    has: () => {
      throw new Error('x');
    },
    ownKeys: () => {
      throw new Error('x');
    },
    getOwnPropertyDescriptor: () => {
      throw new Error('x');
    },
  },
);

/** Options a caller may pass through an untyped boundary, and the field each one must be reported under. */
const badOptions: ReadonlyArray<[string, unknown, string]> = [
  ['a signal getter that throws', { get signal() { throw new Error('x'); } }, 'options.signal'],
  ['a routingId getter that throws', { get routingId() { throw new Error('x'); } }, 'options.routingId'],
  ['a Proxy that throws on every get', throwingEverywhere, 'options.signal'],
  ['a string as signal', { signal: 'abort' }, 'options.signal'],
  ['{} as signal', { signal: {} }, 'options.signal'],
  ['{ aborted: false } as signal', { signal: { aborted: false } }, 'options.signal'],
  ['a number as routingId', { routingId: 7 }, 'options.routingId'],
  ['a string as options', 'fast', 'options'],
];

/** Calls `run` and fails the test if it throws or its promise rejects. */
async function settles<T>(run: () => T | PromiseLike<T>): Promise<T> {
  let value: T;
  try {
    value = await run();
  } catch (thrown) {
    throw new Error(`threw or rejected: ${String(thrown)}`);
  }
  return value;
}

describe.each(adapters)('%s with hostile call options', (_name, provider) => {
  it('treats null options as none', async () => {
    const none = null as unknown as CreateOrderOptions;
    expect((await settles(() => provider.validate(basicOrder, none))).isOk()).toBe(true);
    // The network is off here: the order goes as far as the request.
    expect((await settles(() => provider.createOrder(basicOrder, none)))._unsafeUnwrapErr().kind).toBe('network');
  });

  it.each(badOptions)('answers %s with a validation error naming the field, before any request', async (_case, options, path) => {
    const bad = options as CreateOrderOptions;
    const validated = await settles(() => provider.validate(basicOrder, bad));
    const created = await settles(() => provider.createOrder(basicOrder, bad));
    for (const result of [validated, created]) {
      expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'validation', retryable: false, fields: [{ path }] });
    }
  });

  it('answers an order that throws on every read with a validation error, never a throw', async () => {
    const order = throwingEverywhere as typeof basicOrder;
    const validated = await settles(() => provider.validate(order));
    const created = await settles(() => provider.createOrder(order));
    for (const result of [validated, created]) expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'validation', fields: [{ path: '' }] });
  });
});
