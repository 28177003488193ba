import { EventEmitter, getEventListeners, getMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackoff, DEFAULT_RETRY } from '../../src/gateway/retry-policy.js';
import type { GatewayConfig, CreateOrderError, GatewaySession } from '../../providers/entries/index.js';
import type { Result } from 'neverthrow';
import { failure, fakeGateway, order } from './fakes.js';

const single: Partial<GatewayConfig> = {
  providers: { a: { type: 'fake' } },
  routing: { strategy: 'priority', order: ['a'] },
};

/** Starts an order and lets the test look at its result once it is settled. */
function start(promise: PromiseLike<Result<GatewaySession, CreateOrderError>>) {
  const state: { result?: Result<GatewaySession, CreateOrderError> } = {};
  void Promise.resolve(promise).then((result) => (state.result = result));
  return state;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('backoff', () => {
  it('draws each wait uniformly below a doubling bound, capped at maxDelayMs (full jitter)', () => {
    const settings = { ...DEFAULT_RETRY, initialDelayMs: 100, maxDelayMs: 1_000 };
    const top = createBackoff(settings, () => 0.9999);
    expect(Array.from({ length: 6 }, top)).toEqual([99, 199, 399, 799, 999, 999]);
    const bottom = createBackoff(settings, () => 0);
    expect(Array.from({ length: 3 }, bottom)).toEqual([0, 0, 0]);
  });
});

describe('retries', () => {
  it('retries the last provider after the backoff waits, then reports every attempt', async () => {
    const { gateway, script, calls } = fakeGateway({ ...single, retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 1_000 } });
    script('a', failure('provider_unavailable'), failure('provider_unavailable'), failure('provider_unavailable'));
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(49); // random 0.5 of a 100 ms bound
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(99); // random 0.5 of a 200 ms bound
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(3);
    const error = state.result?._unsafeUnwrapErr();
    expect(error?.kind).toBe('all_providers_failed');
    expect(error?.attempts?.map((a) => a.provider)).toEqual(['a', 'a', 'a']);
  });

  it('honours Retry-After instead of the backoff', async () => {
    const { gateway, script, calls } = fakeGateway(single);
    script('a', failure('rate_limited', { retryAfterMs: 3_000 }));
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(state.result?._unsafeUnwrap().attempts).toHaveLength(1);
  });

  it('does not begin a Retry-After wait that would outlast the deadline', async () => {
    const { gateway, script, calls } = fakeGateway({ ...single, retry: { deadlineMs: 5_000 } });
    script('a', failure('provider_unavailable', { retryAfterMs: 60_000 }));
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    expect(state.result?._unsafeUnwrapErr().kind).toBe('all_providers_failed');
  });

  it('retries an ambiguous failure (the order may exist) at the same provider before falling back', async () => {
    const { gateway, script, tried } = fakeGateway({ retry: { maxAttempts: 3 } });
    script('a', failure('timeout'), failure('network', { providerCode: 'ECONNRESET', orderMayExist: true }), failure('timeout'));
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(tried()).toEqual(['a', 'a', 'a', 'b']);
    const session = state.result?._unsafeUnwrap();
    expect(session?.provider).toBe('b');
    expect(session?.attempts.every((a) => a.error.orderMayExist)).toBe(true);
  });

  it('never retries an ambiguous failure at a provider that does not dedupe order ids: a retry could create a second order', async () => {
    const { gateway, script, tried } = fakeGateway({
      providers: { a: { type: 'fake', dedupesOrderId: false }, b: { type: 'fake' } },
      routing: { strategy: 'priority', order: ['a', 'b'] },
      retry: { maxAttempts: 3 },
    });
    script('a', failure('timeout'));
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(tried()).toEqual(['a', 'b']);
    expect(state.result?._unsafeUnwrap().attempts.map((a) => a.error.kind)).toEqual(['timeout']);
  });

  it('falls back at once, with no wait, on a failure that certainly created nothing', async () => {
    const { gateway, script, tried } = fakeGateway();
    script('a', failure('provider_unavailable'));
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(0);
    expect(tried()).toEqual(['a', 'b']);
    expect(state.result?._unsafeUnwrap().provider).toBe('b');
  });

  it('retries a failure `fallback.on` leaves out at the same provider when it is retryable', async () => {
    const { gateway, script, tried } = fakeGateway({ fallback: { on: ['timeout'] } });
    script('a', failure('provider_unavailable'));
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(100);
    expect(tried()).toEqual(['a', 'a']);
    expect(state.result?._unsafeUnwrap().provider).toBe('a');
  });

  it.each(['validation', 'invalid_request', 'duplicate_order', 'authentication', 'aborted'] as const)(
    'never retries %s, even flagged retryable',
    async (kind) => {
      const { gateway, script, calls } = fakeGateway({ ...single, retry: { maxAttempts: 5 } });
      script('a', failure(kind, { retryable: true }));
      const state = start(gateway.createOrder(order));
      await vi.advanceTimersByTimeAsync(10_000);
      expect(calls).toHaveLength(1);
      expect(state.result?.isErr()).toBe(true);
    },
  );

  it('never retries a failure its adapter marks not retryable', async () => {
    const { gateway, script, calls } = fakeGateway({ ...single, retry: { maxAttempts: 5 } });
    script('a', failure('unexpected_response'));
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(1);
    expect(state.result?._unsafeUnwrapErr().kind).toBe('unexpected_response');
  });

  it('says the first try probably created the order when a retry after a timeout meets duplicate_order', async () => {
    const { gateway, script, tried } = fakeGateway();
    script('a', failure('timeout'), failure('duplicate_order', { message: 'order already exists' }));
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(tried()).toEqual(['a', 'a']);
    const error = state.result?._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'duplicate_order', provider: 'a', orderMayExist: true });
    expect(error?.message).toMatch(/^a already has this order id: the earlier try that got no clear answer probably created it\. Look the order up at a/);
    expect(error?.attempts?.[1]?.error.message).toBe(error?.message);
  });

  it('reports a duplicate without an earlier ambiguous try as a plain duplicate', async () => {
    const { gateway, script } = fakeGateway();
    script('a', failure('duplicate_order', { message: 'order already exists' }));
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(0);
    expect(state.result?._unsafeUnwrapErr().message).toBe('order already exists');
  });
});

describe('deadline and abort', () => {
  it('ends a try in flight when the deadline passes, and tries nothing after it', async () => {
    const { gateway, script, tried } = fakeGateway({ retry: { deadlineMs: 2_000 } });
    script('a', 'hang');
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(state.result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    const error = state.result?._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'timeout', provider: 'payroute', orderMayExist: true, message: "the order's deadline of 2000 ms passed" });
    expect(error?.attempts?.[0]?.error).toMatchObject({ kind: 'timeout', provider: 'a', orderMayExist: true });
    expect(tried()).toEqual(['a']);
  });

  it('stops a backoff wait at once when the caller aborts', async () => {
    const { gateway, script, calls } = fakeGateway({ ...single, retry: { initialDelayMs: 10_000, maxDelayMs: 10_000 } });
    script('a', failure('provider_unavailable'));
    const controller = new AbortController();
    const state = start(gateway.createOrder(order, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    expect(state.result).toBeUndefined();
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    const error = state.result?._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'aborted', provider: 'payroute', message: 'the caller aborted the order' });
    expect(error?.attempts).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });

  it('stops a try in flight at once when the caller aborts, saying the order may exist', async () => {
    const { gateway, script, tried } = fakeGateway();
    script('a', 'hang');
    const controller = new AbortController();
    const state = start(gateway.createOrder(order, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.result?._unsafeUnwrapErr()).toMatchObject({ kind: 'aborted', orderMayExist: true });
    expect(tried()).toEqual(['a']);
  });

  describe('one signal shared by many orders in flight (a service-wide shutdown signal)', () => {
    const memoryLeakWarnings = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map(([warning]) => String(warning)).filter((w) => /memory leak/.test(w));
    const orders = (n: number) => Array.from({ length: n }, (_, i) => ({ ...order, orderId: `ord_shared_${i}` }));

    it('raises no "possible memory leak" warning and leaves no listener on it once the orders end', async () => {
      const warnings = vi.spyOn(process, 'emitWarning');
      const { gateway } = fakeGateway(single);
      const shutdown = new AbortController();
      const results = await Promise.all(orders(20).map((o) => gateway.createOrder(o, { signal: shutdown.signal })));
      expect(results.filter((r) => r.isOk())).toHaveLength(20);
      expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
      expect(memoryLeakWarnings(warnings)).toEqual([]);
    });

    it('still stops every one of them when it aborts', async () => {
      const warnings = vi.spyOn(process, 'emitWarning');
      const { gateway, script } = fakeGateway(single);
      script('a', ...orders(20).map(() => 'hang' as const));
      const shutdown = new AbortController();
      const states = orders(20).map((o) => start(gateway.createOrder(o, { signal: shutdown.signal })));
      await vi.advanceTimersByTimeAsync(10);
      // One listener for every order in flight on it: none of them raises the signal's listener limit.
      expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(1);
      expect(getMaxListeners(shutdown.signal)).toBe(EventEmitter.defaultMaxListeners);
      shutdown.abort();
      await vi.advanceTimersByTimeAsync(0);
      expect(states.map((state) => state.result?._unsafeUnwrapErr().kind)).toEqual(orders(20).map(() => 'aborted'));
      expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
      expect(memoryLeakWarnings(warnings)).toEqual([]);
    });
  });

  it('tries nothing when the signal is already aborted', async () => {
    const { gateway, tried } = fakeGateway();
    const error = (await gateway.createOrder(order, { signal: AbortSignal.abort() }))._unsafeUnwrapErr();
    expect(error.kind).toBe('aborted');
    expect(error.attempts).toBeUndefined();
    expect(tried()).toEqual([]);
  });
});
