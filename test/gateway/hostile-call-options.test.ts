import { describe, expect, it } from 'vitest';
import type { GatewayCreateOrderOptions, Order } from '../../providers/entries/index.js';
import { fakeGateway, order } from './fakes.js';

const throwing = () => {
  throw new Error('x');
};
const throwingEverywhere = new Proxy({}, { get: throwing, has: throwing, ownKeys: throwing, getOwnPropertyDescriptor: throwing });

const badOptions: ReadonlyArray<[string, unknown, string]> = [
  ['a signal getter that throws', { get signal() { return throwing(); } }, 'options.signal'],
  ['a providers getter that throws', { get providers() { return throwing(); } }, 'options.providers'],
  ['a Proxy that throws on every get', throwingEverywhere, 'options.signal'],
  ['a string as signal', { signal: 'abort' }, 'options.signal'],
  ['{ aborted: false } as signal', { signal: { aborted: false } }, 'options.signal'],
  ['a string as providers', { providers: 'a' }, 'options.providers'],
  ['a number among providers', { providers: ['a', 1] }, 'options.providers'],
  ['a providers list that throws when read', { providers: new Proxy(['a'], { get: throwing }) }, 'options.providers'],
  ['a number as options', 42, 'options'],
];

describe('the gateway with hostile call options', () => {
  it('treats null options as none', async () => {
    const { gateway } = fakeGateway();
    const result = await gateway.createOrder(order, null as unknown as GatewayCreateOrderOptions);
    expect(result._unsafeUnwrap().provider).toBe('a');
  });

  it.each(badOptions)('answers %s with a validation error naming the field, and tries nothing', async (_case, options, path) => {
    const { gateway, tried } = fakeGateway();
    const result = await gateway.createOrder(order, options as GatewayCreateOrderOptions);
    expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'validation', provider: 'payroute', fields: [{ path }] });
    expect(tried()).toEqual([]);
  });

  it('answers an order that throws on every read with a validation error', async () => {
    const { gateway, tried } = fakeGateway();
    const result = await gateway.createOrder(throwingEverywhere as Order);
    expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'validation', provider: 'payroute', fields: [{ path: '' }] });
    expect(tried()).toEqual([]);
  });
});
