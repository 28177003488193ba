import { describe, expect, it } from 'vitest';
import type { AttemptEvent, FallbackEvent, GatewayHooks, ReconcileEvent, SkipEvent } from '../../src/index.js';
import { failure, fakeGateway, order } from './fakes.js';

function recorder() {
  const events: Array<[string, AttemptEvent | FallbackEvent | SkipEvent | ReconcileEvent]> = [];
  const hooks: GatewayHooks = {
    onAttempt: (event) => events.push(['attempt', event]),
    onFallback: (event) => events.push(['fallback', event]),
    onSkip: (event) => events.push(['skip', event]),
    onReconcile: (event) => events.push(['reconcile', event]),
  };
  return { events, hooks };
}

describe('hooks', () => {
  it('reports every try, skip, look-up and fallback of an order, in order', async () => {
    const { events, hooks } = recorder();
    const { gateway, script } = fakeGateway(
      { providers: { a: { type: 'fake' }, b: { type: 'fake', currencies: ['USD'] }, c: { type: 'fake' } }, retry: { maxAttempts: 1 } },
      { hooks },
    );
    script('a', failure('timeout'));
    await gateway.createOrder(order);
    expect(events).toEqual([
      ['skip', { provider: 'b', orderId: 'ord_1', reason: 'ineligible' }],
      ['attempt', { provider: 'a', orderId: 'ord_1', attempt: 1, durationMs: expect.any(Number), outcome: 'failed', errorKind: 'timeout', orderMayExist: true }],
      ['reconcile', { provider: 'a', orderId: 'ord_1', sentOrderId: 'ord_1', outcome: 'not_found', after: 'timeout', durationMs: expect.any(Number) }],
      // The look-up found nothing at a: no order can exist there.
      ['fallback', { provider: 'a', next: 'c', orderId: 'ord_1', durationMs: expect.any(Number), errorKind: 'timeout', orderMayExist: false }],
      ['attempt', { provider: 'c', orderId: 'ord_1', attempt: 1, durationMs: expect.any(Number), outcome: 'created' }],
    ]);
  });

  it('numbers the retries at one provider and carries the HTTP status', async () => {
    const { events, hooks } = recorder();
    const { gateway, script } = fakeGateway({ retry: { maxAttempts: 2, initialDelayMs: 0, maxDelayMs: 0 } }, { hooks });
    script('a', failure('provider_unavailable', { httpStatus: 500, orderMayExist: true }));
    await gateway.createOrder(order);
    expect(events.map(([type, e]) => [type, e.provider, 'attempt' in e ? e.attempt : undefined, 'httpStatus' in e ? e.httpStatus : undefined])).toEqual([
      ['attempt', 'a', 1, 500],
      ['reconcile', 'a', undefined, undefined],
      ['attempt', 'a', 2, undefined],
    ]);
  });

  it('ignores a hook that throws: the order goes on as if nothing happened', async () => {
    const boom = () => {
      throw new Error('logger down');
    };
    const { gateway, script } = fakeGateway({ retry: { maxAttempts: 1 } }, { hooks: { onAttempt: boom, onFallback: boom, onSkip: boom, onCircuitChange: boom } });
    script('a', failure('network'));
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session.provider).toBe('b');
  });

  it('catches an async hook that rejects, as it ignores one that throws: no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const rejecting = async () => {
        throw new Error('logger down');
      };
      const { gateway, script } = fakeGateway(
        { retry: { maxAttempts: 1 } },
        { hooks: { onAttempt: rejecting, onFallback: rejecting, onSkip: rejecting, onCircuitChange: rejecting } },
      );
      script('a', failure('network'));
      expect((await gateway.createOrder(order))._unsafeUnwrap().provider).toBe('b');
      // Node reports an unhandled rejection once the microtasks of the turn have run.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });

  it('does not wait for a hook whose promise never settles', async () => {
    const never = () => new Promise<void>(() => undefined);
    const { gateway } = fakeGateway({}, { hooks: { onAttempt: never } });
    expect((await gateway.createOrder(order)).isOk()).toBe(true);
  });
});
