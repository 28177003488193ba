import { describe, expect, it } from 'vitest';
import { DEFAULT_FALLBACK_ON, type GatewayErrorKind } from '../../src/index.js';
import { failure, fakeGateway, order } from './fakes.js';

const noRetries = { retry: { maxAttempts: 1 } };

describe('fallback', () => {
  it('creates the order at the first provider when it succeeds, with no attempts', async () => {
    const { gateway, tried } = fakeGateway();
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session.provider).toBe('a');
    expect(session.attempts).toEqual([]);
    expect(tried()).toEqual(['a']);
  });

  it.each<GatewayErrorKind>(['network', 'timeout', 'provider_unavailable', 'rate_limited', 'authentication'])(
    'falls back on %s by default and reports the failed attempt',
    async (kind) => {
      const { gateway, script, tried } = fakeGateway(noRetries);
      script('a', failure(kind));
      const session = (await gateway.createOrder(order))._unsafeUnwrap();
      expect(session.provider).toBe('b');
      expect(tried()).toEqual(['a', 'b']);
      expect(session.attempts).toHaveLength(1);
      expect(session.attempts[0]).toMatchObject({ provider: 'a', error: { kind, provider: 'a' } });
      expect(session.attempts[0]?.durationMs).toBeGreaterThanOrEqual(0);
    },
  );

  it.each<GatewayErrorKind>(['invalid_request', 'duplicate_order', 'unexpected_response'])(
    'never falls back on %s by default: the error is returned with its attempt',
    async (kind) => {
      const { gateway, script, tried } = fakeGateway(noRetries);
      script('a', failure(kind));
      const error = (await gateway.createOrder(order))._unsafeUnwrapErr();
      expect(error.kind).toBe(kind);
      expect(error.provider).toBe('a');
      expect(error.attempts).toEqual([expect.objectContaining({ provider: 'a' })]);
      expect(tried()).toEqual(['a']);
    },
  );

  it('never falls back on a validation error the provider returns on the wire', async () => {
    const { gateway, script, tried } = fakeGateway(noRetries);
    script('a', failure('validation'));
    expect((await gateway.createOrder(order))._unsafeUnwrapErr().kind).toBe('validation');
    expect(tried()).toEqual(['a']);
  });

  it('falls back only on the kinds `fallback.on` names', async () => {
    const { gateway, script, tried } = fakeGateway({ ...noRetries, fallback: { on: ['unexpected_response'] } });
    script('a', failure('unexpected_response'));
    expect((await gateway.createOrder(order))._unsafeUnwrap().provider).toBe('b');

    script('a', failure('network'));
    const error = (await gateway.createOrder({ ...order, orderId: 'ord_2' }))._unsafeUnwrapErr();
    expect(error.kind).toBe('network');
    expect(tried()).toEqual(['a', 'b', 'a']);
  });

  it('lists the default fallback kinds', () => {
    expect(DEFAULT_FALLBACK_ON).toEqual(['network', 'timeout', 'provider_unavailable', 'rate_limited', 'authentication']);
  });

  it('returns all_providers_failed with every attempt when every provider fails', async () => {
    const { gateway, script, scriptLookups } = fakeGateway(noRetries);
    script('a', failure('provider_unavailable'));
    script('b', failure('network'));
    script('c', failure('timeout'));
    // c cannot be asked whether its timed-out try created the order.
    scriptLookups('c', failure('network'));
    const error = (await gateway.createOrder(order))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'all_providers_failed', provider: 'payroute', retryable: true, orderMayExist: true });
    expect(error.attempts?.map((a) => [a.provider, a.error.kind])).toEqual([
      ['a', 'provider_unavailable'],
      ['b', 'network'],
      ['c', 'timeout'],
    ]);
    expect(error.message).toBe('every provider failed: a: provider_unavailable (HTTP 503); b: network; c: timeout');
  });

  it('stops at a provider that rejects the order after a fallback, keeping the earlier attempts', async () => {
    const { gateway, script, tried } = fakeGateway(noRetries);
    script('a', failure('provider_unavailable'));
    script('b', failure('invalid_request'));
    const error = (await gateway.createOrder(order))._unsafeUnwrapErr();
    expect(error.kind).toBe('invalid_request');
    expect(error.attempts?.map((a) => a.provider)).toEqual(['a', 'b']);
    expect(tried()).toEqual(['a', 'b']);
  });

  it('lists failed attempts before the success in the session', async () => {
    const { gateway, script } = fakeGateway(noRetries);
    script('a', failure('provider_unavailable'));
    script('b', failure('network'));
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session.provider).toBe('c');
    expect(session.attempts.map((a) => a.provider)).toEqual(['a', 'b']);
  });

  it('tries the per-call providers list instead of the strategy, in its order', async () => {
    const { gateway, script, tried } = fakeGateway(noRetries);
    script('c', failure('network'));
    const session = (await gateway.createOrder(order, { providers: ['c', 'b'] }))._unsafeUnwrap();
    expect(session.provider).toBe('b');
    expect(tried()).toEqual(['c', 'b']);
  });

  it('rejects a per-call list naming an unknown provider, before any try', async () => {
    const { gateway, tried } = fakeGateway();
    const error = (await gateway.createOrder(order, { providers: ['a', 'nope'] }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'validation', provider: 'payroute', fields: [{ path: 'options.providers' }] });
    expect(error.message).toContain('nope');
    expect((await gateway.createOrder(order, { providers: [] }))._unsafeUnwrapErr().kind).toBe('validation');
    expect(tried()).toEqual([]);
  });
});
