import { err, errAsync, ok, okAsync, ResultAsync } from 'neverthrow';
import {
  createGateway,
  gatewayError,
  type GatewayConfig,
  type GatewayError,
  type GatewayErrorKind,
  type GatewayOptions,
  type Order,
  type OrderSession,
  type OrderState,
  type PaymentProvider,
} from '../../src/index.js';

/** An answer given whenever the test settles it, whatever the signal says: an adapter that ignores its abort signal. */
export interface DeafReply {
  readonly deaf: Promise<'created' | GatewayError>;
}

/** The provider records the order, then the answer is lost with this error (a reset or timeout after processing). */
export interface CreatedThen {
  readonly createdThen: GatewayError;
}

/** What a fake provider answers to one try. */
export type Reply = 'created' | 'hang' | DeafReply | CreatedThen | GatewayError;

/** What a fake provider answers to one look-up: `stored`, from the orders it recorded; or this failure. */
export type LookupReply = 'stored' | GatewayError;

/** A `DeafReply` and the functions that settle it: `answer` with a reply, or `reject` as a broken adapter would. */
export function deafReply() {
  let answer: (reply: 'created' | GatewayError) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const deaf = new Promise<'created' | GatewayError>((resolve, fail) => {
    answer = resolve;
    reject = fail;
  });
  return { reply: { deaf }, answer, reject };
}

/** Builds the error an adapter would return for a failure, with the flags the real transport sets. */
export function failure(kind: GatewayErrorKind, fields: Partial<GatewayError> = {}): GatewayError {
  const defaults: Record<string, Partial<GatewayError>> = {
    timeout: { retryable: true, orderMayExist: true },
    network: { retryable: true, orderMayExist: false, providerCode: 'ECONNREFUSED' },
    provider_unavailable: { retryable: true, orderMayExist: false, httpStatus: 503 },
    rate_limited: { retryable: true, orderMayExist: false, httpStatus: 429 },
    authentication: { retryable: false, orderMayExist: false, httpStatus: 401 },
    invalid_request: { retryable: false, orderMayExist: false, httpStatus: 400 },
    duplicate_order: { retryable: false, orderMayExist: true, httpStatus: 409 },
    unexpected_response: { retryable: false, orderMayExist: true, httpStatus: 200 },
  };
  return gatewayError({ kind, provider: 'fake', retryable: false, message: `fake ${kind}`, ...defaults[kind], ...fields });
}

export interface FakeCall {
  readonly provider: string;
  readonly orderId: string;
}

/**
 * A registry with one adapter type, `fake`, whose instances answer from per-provider scripts
 * (`created` once the script is used up) and record the orders they create. `maxOrderIdLength` makes
 * `validate` reject long ids; `lookups: false` leaves `getOrder` out; look-ups answer from the recorded
 * orders unless scripted otherwise.
 */
export function fakePsps() {
  const scripts = new Map<string, Reply[]>();
  const lookupScripts = new Map<string, LookupReply[]>();
  const calls: FakeCall[] = [];
  const lookups: FakeCall[] = [];
  const stored = new Map<string, Map<string, Order>>();
  const record = (provider: string, order: Order) => {
    const orders = stored.get(provider) ?? new Map<string, Order>();
    orders.set(order.orderId, order);
    stored.set(provider, orders);
  };
  const getOrder = (provider: string) => (orderId: string): ResultAsync<OrderState, GatewayError> => {
    lookups.push({ provider, orderId });
    const reply = lookupScripts.get(provider)?.shift() ?? 'stored';
    if (reply !== 'stored') return errAsync({ ...reply, provider });
    const order = stored.get(provider)?.get(orderId);
    if (!order) return errAsync(failure('not_found', { provider, message: `no order ${orderId}` }));
    return okAsync(state(provider, order));
  };
  const fake = (options: { name: string; maxOrderIdLength?: number; lookups?: boolean }): PaymentProvider => ({
    ...(options.lookups !== false && { getOrder: getOrder(options.name) }),
    name: options.name,
    type: 'fake',
    validate: (order) =>
      order.orderId.length > (options.maxOrderIdLength ?? 64)
        ? err(gatewayError({ kind: 'validation', provider: options.name, retryable: false, message: 'too long', fields: [{ path: 'orderId', message: 'too long for fake' }] }))
        : ok(undefined),
    createOrder: (order, callOptions = {}) => {
      calls.push({ provider: options.name, orderId: order.orderId });
      const reply = scripts.get(options.name)?.shift() ?? 'created';
      if (reply === 'created') {
        record(options.name, order);
        return okAsync(session(options.name, order));
      }
      if (reply === 'hang') return hang(options.name, callOptions.signal);
      if ('createdThen' in reply) {
        record(options.name, order);
        return errAsync({ ...reply.createdThen, provider: options.name });
      }
      if ('deaf' in reply) {
        return new ResultAsync(reply.deaf.then((late) => (late === 'created' ? ok(session(options.name, order)) : err({ ...late, provider: options.name }))));
      }
      return errAsync({ ...reply, provider: options.name });
    },
  });
  return {
    adapters: { fake },
    calls,
    /** Queues the answers of the provider's next tries. */
    script: (provider: string, ...replies: Reply[]) => scripts.set(provider, [...(scripts.get(provider) ?? []), ...replies]),
    /** Queues the answers of the provider's next look-ups. */
    scriptLookups: (provider: string, ...replies: LookupReply[]) => lookupScripts.set(provider, [...(lookupScripts.get(provider) ?? []), ...replies]),
    /** Records an order at a provider, as an earlier call would have. */
    record,
    /** The order ids a provider holds. */
    held: (provider: string) => [...(stored.get(provider)?.keys() ?? [])],
    /** The look-ups made, in order. */
    lookups,
    /** The providers tried, in order. */
    tried: () => calls.map((c) => c.provider),
  };
}

/** Never answers; ends as the real transport does when its signal aborts mid-flight. */
function hang(provider: string, signal: AbortSignal | undefined): ResultAsync<OrderSession, GatewayError> {
  return new ResultAsync(
    new Promise((resolve) => {
      signal?.addEventListener('abort', () =>
        resolve(err(gatewayError({ kind: 'aborted', provider, retryable: false, orderMayExist: true, message: 'aborted after it was sent' }))),
      );
    }),
  );
}

function session(provider: string, order: Order): OrderSession {
  return {
    provider,
    orderId: order.orderId,
    providerOrderId: `${provider}-${order.orderId}`,
    status: 'created',
    providerStatus: 'CREATED',
    checkoutUrl: `https://pay.example/${provider}/${order.orderId}`,
    links: { web: `https://pay.example/${provider}/${order.orderId}` },
    raw: {},
  };
}

function state(provider: string, order: Order): OrderState {
  return {
    provider,
    orderId: order.orderId,
    providerOrderId: `${provider}-${order.orderId}`,
    status: 'created',
    final: false,
    providerStatus: 'CREATED',
    amount: order.amount,
    currency: order.currency,
    checkoutUrl: `https://pay.example/${provider}/${order.orderId}`,
    links: { web: `https://pay.example/${provider}/${order.orderId}` },
    raw: {},
  };
}

/** A config of fake providers `a`, `b`, `c`, tried in that order, with fast retries. */
export function fakeConfig(overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    providers: { a: { type: 'fake' }, b: { type: 'fake' }, c: { type: 'fake' } },
    routing: { strategy: 'priority', order: ['a', 'b', 'c'] },
    retry: { maxAttempts: 2, initialDelayMs: 100, maxDelayMs: 1_000, deadlineMs: 10_000 },
    ...overrides,
  };
}

/** A gateway over fake providers; `random` is fixed at 0.5 unless given. */
export function fakeGateway(overrides: Partial<GatewayConfig> = {}, options: GatewayOptions = {}) {
  const psps = fakePsps();
  const gateway = createGateway(fakeConfig(overrides), { random: () => 0.5, ...options, adapters: psps.adapters });
  return { gateway, ...psps };
}

export const order: Order = { orderId: 'ord_1', amount: 10_000, currency: 'INR' };
