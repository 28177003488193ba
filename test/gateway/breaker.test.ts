import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CircuitChangeEvent, GatewayConfig } from '../../providers/entries/index.js';
import { failure, fakeGateway, order } from './fakes.js';

const consecutive: Partial<GatewayConfig> = {
  providers: { a: { type: 'fake' }, b: { type: 'fake' } },
  routing: { strategy: 'priority', order: ['a', 'b'] },
  retry: { maxAttempts: 1 },
  circuitBreaker: { policy: 'consecutive', failures: 3, halfOpenAfterMs: 1_000 },
};

function gatewayWithEvents(config: Partial<GatewayConfig> = consecutive) {
  const changes: CircuitChangeEvent[] = [];
  const fakes = fakeGateway(config, { hooks: { onCircuitChange: (event) => changes.push(event) } });
  return { ...fakes, changes, circuitOf: (name: string) => fakes.gateway.health().find((h) => h.provider === name)?.circuit };
}

const orderNo = (n: number) => ({ ...order, orderId: `ord_${n}` });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('circuit breaker', () => {
  it('opens after consecutive failures, then skips the provider without trying it', async () => {
    const { gateway, script, changes, circuitOf, tried } = gatewayWithEvents();
    script('a', failure('provider_unavailable'), failure('timeout', { retryable: false }), failure('network'));
    for (const n of [1, 2]) await gateway.createOrder(orderNo(n));
    expect(circuitOf('a')).toBe('closed');
    await gateway.createOrder(orderNo(3));
    expect(circuitOf('a')).toBe('open');
    expect(changes).toEqual([{ provider: 'a', from: 'closed', to: 'open', orderId: 'ord_3', errorKind: 'network' }]);

    const session = (await gateway.createOrder(orderNo(4)))._unsafeUnwrap();
    expect(session.provider).toBe('b');
    expect(session.attempts).toEqual([]);
    expect(session.skipped).toEqual([{ provider: 'a', reason: 'circuit_open', message: 'the circuit breaker of a is open' }]);
    expect(tried()).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'b']);
  });

  it('lets one probe through after halfOpenAfterMs and closes on its success', async () => {
    const { gateway, script, changes, circuitOf, tried } = gatewayWithEvents();
    script('a', failure('provider_unavailable'), failure('provider_unavailable'), failure('provider_unavailable'));
    for (const n of [1, 2, 3]) await gateway.createOrder(orderNo(n));
    await vi.advanceTimersByTimeAsync(999);
    await gateway.createOrder(orderNo(4));
    expect(tried().slice(-1)).toEqual(['b']);
    await vi.advanceTimersByTimeAsync(1);
    const session = (await gateway.createOrder(orderNo(5)))._unsafeUnwrap();
    expect(session.provider).toBe('a');
    expect(circuitOf('a')).toBe('closed');
    expect(changes.map((c) => [c.from, c.to, c.orderId])).toEqual([
      ['closed', 'open', 'ord_3'],
      ['open', 'half_open', 'ord_5'],
      ['half_open', 'closed', 'ord_5'],
    ]);
  });

  it('opens again when the probe fails', async () => {
    const { gateway, script, changes, circuitOf } = gatewayWithEvents();
    script('a', ...Array.from({ length: 4 }, () => failure('provider_unavailable')));
    for (const n of [1, 2, 3]) await gateway.createOrder(orderNo(n));
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await gateway.createOrder(orderNo(4)))._unsafeUnwrap().provider).toBe('b');
    expect(circuitOf('a')).toBe('open');
    expect(changes.slice(-2).map((c) => [c.from, c.to, c.orderId, c.errorKind])).toEqual([
      ['open', 'half_open', 'ord_4', undefined],
      ['half_open', 'open', 'ord_4', 'provider_unavailable'],
    ]);
  });

  it('skips the provider for other orders while a probe is in flight', async () => {
    const { gateway, script, circuitOf } = gatewayWithEvents();
    script('a', failure('provider_unavailable'), failure('provider_unavailable'), failure('provider_unavailable'), 'hang');
    for (const n of [1, 2, 3]) await gateway.createOrder(orderNo(n));
    await vi.advanceTimersByTimeAsync(1_000);
    void gateway.createOrder(orderNo(4));
    await vi.advanceTimersByTimeAsync(0);
    expect(circuitOf('a')).toBe('half_open');
    const session = (await gateway.createOrder(orderNo(5)))._unsafeUnwrap();
    expect(session.provider).toBe('b');
    expect(session.skipped).toEqual([{ provider: 'a', reason: 'circuit_open', message: 'the circuit breaker of a is half-open' }]);
  });

  it("is not opened by the caller's own mistakes", async () => {
    const { gateway, script, circuitOf } = gatewayWithEvents();
    script('a', ...Array.from({ length: 5 }, () => failure('invalid_request')));
    for (const n of [1, 2, 3, 4, 5]) await gateway.createOrder(orderNo(n));
    expect(circuitOf('a')).toBe('closed');
  });

  it('reports all_providers_failed with the skips when every circuit is open', async () => {
    const { gateway, script } = gatewayWithEvents({
      ...consecutive,
      providers: { a: { type: 'fake' } },
      routing: { strategy: 'priority', order: ['a'] },
    });
    script('a', failure('provider_unavailable'), failure('provider_unavailable'), failure('provider_unavailable'));
    for (const n of [1, 2, 3]) await gateway.createOrder(orderNo(n));
    const error = (await gateway.createOrder(orderNo(4)))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'all_providers_failed', retryable: true, message: 'every provider failed: a: skipped (circuit_open)' });
    expect(error.attempts).toEqual([]);
    expect(error.skipped).toEqual([{ provider: 'a', reason: 'circuit_open', message: 'the circuit breaker of a is open' }]);
  });

  it('opens on a sampled failure rate with the sampling policy', async () => {
    const { gateway, script, circuitOf } = gatewayWithEvents({
      ...consecutive,
      circuitBreaker: { policy: 'sampling', failureRate: 0.5, windowMs: 5_000, minimumRps: 1 },
    });
    // 5 s at 1 try a second: 5 tries at least before it judges; it opens when more than half failed.
    const failed = failure('provider_unavailable');
    script('a', 'created', failed, 'created', failed, 'created', failed, failed);
    for (const n of [1, 2, 3, 4, 5, 6]) await gateway.createOrder(orderNo(n));
    expect(circuitOf('a')).toBe('closed');
    await gateway.createOrder(orderNo(7));
    expect(circuitOf('a')).toBe('open');
  });
});
