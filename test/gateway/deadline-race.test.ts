import { ok, type Result } from 'neverthrow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGateway, type Gateway, type GatewayConfig, type CreateOrderError, type GatewaySession, type LateAnswerEvent, type PaymentProvider } from '../../providers/entries/index.js';
import { deafReply, failure, fakeGateway, order } from './fakes.js';

const single: Partial<GatewayConfig> = {
  providers: { a: { type: 'fake' } },
  routing: { strategy: 'priority', order: ['a'] },
  retry: { maxAttempts: 1, deadlineMs: 2_000 },
};

/** Starts an order and lets the test look at its result once it is settled. */
function start(promise: PromiseLike<Result<GatewaySession, CreateOrderError>>) {
  const state: { result?: Result<GatewaySession, CreateOrderError> } = {};
  void Promise.resolve(promise).then((result) => (state.result = result));
  return state;
}

/** A gateway over one fake provider that ignores its abort signal, recording late answers. */
function deafGateway() {
  const late: LateAnswerEvent[] = [];
  const fakes = fakeGateway(single, { hooks: { onLateAnswer: (event) => late.push(event) } });
  const deaf = deafReply();
  fakes.script('a', deaf.reply);
  return { ...fakes, deaf, late };
}

/** A gateway over one provider of your own whose every try is `send`, recording late answers. */
function gatewaySending(send: () => never) {
  const own = Object.assign(
    (options: { name: string }): PaymentProvider => ({
      name: options.name,
      type: 'own',
      capabilities: { operations: ['createOrder'], dedupesOrderId: true },
      validate: () => ok(undefined),
      prepareOrder: () => ok({ send }),
      createOrder: send,
    }),
    { type: 'own' },
  );
  const late: LateAnswerEvent[] = [];
  const gateway: Gateway = createGateway(
    { providers: { a: { type: 'own' } }, routing: { strategy: 'priority', order: ['a'] }, retry: { maxAttempts: 1, deadlineMs: 2_000 } },
    { providers: [own], hooks: { onLateAnswer: (event) => late.push(event) } },
  );
  return { gateway, late };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('an adapter of your own that ignores the abort signal', () => {
  it('still ends the order at retry.deadlineMs, as a timeout after which the order may exist, leaving no timer', async () => {
    const { gateway, late } = deafGateway();
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(state.result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    const error = state.result?._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'timeout', provider: 'payroute', orderMayExist: true, message: "the order's deadline of 2000 ms passed" });
    expect(error?.attempts?.[0]?.error).toMatchObject({
      kind: 'timeout',
      provider: 'a',
      orderMayExist: true,
      message: "the order's deadline of 2000 ms passed while waiting for a",
    });
    expect(vi.getTimerCount()).toBe(0);
    expect(late).toEqual([]);
  });

  it('drops an order created after the deadline and reports it through onLateAnswer', async () => {
    const { gateway, deaf, late } = deafGateway();
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(state.result?._unsafeUnwrapErr().kind).toBe('timeout');
    deaf.answer('created');
    await vi.advanceTimersByTimeAsync(0);
    expect(late).toEqual([
      { provider: 'a', orderId: 'ord_1', attempt: 1, durationMs: expect.any(Number), outcome: 'created', createdOrder: true, providerOrderId: 'a-ord_1' },
    ]);
    expect(state.result?._unsafeUnwrapErr().kind).toBe('timeout');
  });

  it('reports a failure that comes after the deadline, with its kind', async () => {
    const { gateway, deaf, late } = deafGateway();
    start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(2_000);
    deaf.answer(failure('provider_unavailable', { httpStatus: 500, orderMayExist: true }));
    await vi.advanceTimersByTimeAsync(0);
    expect(late).toEqual([
      { provider: 'a', orderId: 'ord_1', attempt: 1, durationMs: expect.any(Number), outcome: 'failed', createdOrder: false, errorKind: 'provider_unavailable', orderMayExist: true },
    ]);
  });

  it('catches a rejection that comes after the deadline: no unhandled rejection, reported as internal', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const { gateway, deaf, late } = deafGateway();
      start(gateway.createOrder(order));
      await vi.advanceTimersByTimeAsync(2_000);
      deaf.reject(new Error('adapter bug'));
      await vi.advanceTimersByTimeAsync(0);
      vi.useRealTimers();
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(late).toMatchObject([{ outcome: 'failed', createdOrder: false, errorKind: 'internal' }]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });

  it('ends the order at once when the caller aborts', async () => {
    const { gateway } = deafGateway();
    const controller = new AbortController();
    const state = start(gateway.createOrder(order, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.result?._unsafeUnwrapErr()).toMatchObject({ kind: 'aborted', orderMayExist: true });
  });

  it('uses an answer that comes in time, and reports nothing late', async () => {
    const { gateway, deaf, late } = deafGateway();
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(1_000);
    deaf.answer('created');
    await vi.advanceTimersByTimeAsync(0);
    expect(state.result?._unsafeUnwrap().provider).toBe('a');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(late).toEqual([]);
  });
});

describe('an adapter of your own that throws', () => {
  it('is that provider failing (internal), not a rejection of the whole order', async () => {
    const { gateway } = gatewaySending(() => {
      throw new Error('adapter bug');
    });
    expect((await gateway.createOrder(order))._unsafeUnwrapErr()).toMatchObject({ kind: 'internal', provider: 'a', attempts: [{ provider: 'a' }] });
  });

  it('is that provider failing (internal) when it answers with something that is no Result', async () => {
    const { gateway } = gatewaySending(() => Promise.resolve({ orderId: 'ord_1' }) as never);
    expect((await gateway.createOrder(order))._unsafeUnwrapErr()).toMatchObject({ kind: 'internal', provider: 'a' });
  });
});

describe('an adapter of your own whose answer is a thenable that misbehaves', () => {
  const session = (providerOrderId: string) =>
    ok({ provider: 'a', orderId: 'ord_1', providerOrderId, providerStatus: 'NEW', status: 'created' as const, checkoutUrl: 'https://pay.example/a', raw: {} });
  type Then = (onAnswer: (result: unknown) => void, onThrow: (thrown: unknown) => void) => void;
  const gatewayAnswering = (then: Then) => gatewaySending(() => ({ then }) as never);

  it('is that provider failing (internal) when its then throws before answering', async () => {
    const { gateway } = gatewayAnswering(() => {
      throw new Error('adapter bug');
    });
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(0);
    expect(state.result?._unsafeUnwrapErr()).toMatchObject({ kind: 'internal', provider: 'a', attempts: [{ provider: 'a' }] });
  });

  it('takes its first answer only, though it calls back twice and then throws', async () => {
    const { gateway } = gatewayAnswering((onAnswer, onThrow) => {
      onAnswer(session('first'));
      onAnswer(session('second'));
      onThrow(new Error('late bug'));
      throw new Error('adapter bug');
    });
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(0);
    expect(state.result?._unsafeUnwrap().providerOrderId).toBe('first');
  });

  it('reports one late answer, though it calls back twice after the deadline', async () => {
    const callbacks: Array<(result: unknown) => void> = [];
    const { gateway, late } = gatewayAnswering((onAnswer) => void callbacks.push(onAnswer));
    const state = start(gateway.createOrder(order));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(state.result?._unsafeUnwrapErr().kind).toBe('timeout');
    callbacks[0]?.(session('first'));
    callbacks[0]?.(session('second'));
    expect(late).toMatchObject([{ provider: 'a', outcome: 'created', providerOrderId: 'first' }]);
  });
});
