import { err, errAsync, ok, type Result, ResultAsync } from 'neverthrow';
import type { AbortLike } from './abort.js';
import { gatewayError, type FieldIssue, type GatewayError, type GatewayErrorKind } from './errors.js';
import { classifyStatus, parseRetryAfter } from './http-status.js';
import { orderSchema, type Order, type ValidOrder } from './order.js';
import type { CreateOrderOptions, LookupProvider, OrderSession, PaymentProvider } from './port.js';
import { redact } from './redact.js';
import { DEFAULT_TIMEOUT_MS } from './defaults.js';
import type { LookupSpec } from './lookup.js';
import { lookupInputSchema, type GetOrderOptions, type OrderState } from './order-state.js';
import { orderStateMismatch } from './order-state-checks.js';
import { createTransport, type HttpRequest, type HttpResponse, type Transport } from './transport.js';
import { toFieldIssues, validationError } from './validation.js';

/** The pure parts a provider supplies; `defineAdapter` adds validation, I/O and the never-throw guarantee. */
export interface AdapterSpec<Raw, StateRaw = unknown> {
  readonly name: string;
  readonly type: string;
  readonly transport: Transport;
  /** Canonical order to the provider's request, or the fields it cannot take. */
  toRequest(order: ValidOrder, options: CreateOrderOptions): Result<HttpRequest, readonly FieldIssue[]>;
  /** A 2xx answer to the unified session, or `unexpected_response`. */
  toSession(response: HttpResponse, order: ValidOrder): Result<OrderSession<Raw>, GatewayError>;
  /** A non-2xx answer to a typed error. */
  toError(response: HttpResponse): GatewayError;
  /** The order look-up's pure parts; left out by a provider that cannot look orders up. */
  readonly getOrder?: LookupSpec<StateRaw>;
}

/** The options every adapter takes besides its credentials (`commonOptionsSchema`, parsed). */
export interface CommonOptions {
  readonly name?: string | undefined;
  readonly environment?: 'sandbox' | 'production' | undefined;
  readonly baseUrl?: string | undefined;
  readonly timeoutMs?: number | undefined;
}

/** An adapter's instance name and its transport: the custom base URL, else the environment's (production by default). */
export function adapterTransport(
  type: string,
  options: CommonOptions,
  baseUrls: Readonly<Record<'sandbox' | 'production', string>>,
): { readonly name: string; readonly transport: Transport } {
  const name = options.name ?? type;
  const transport = createTransport({
    provider: name,
    baseUrl: options.baseUrl ?? baseUrls[options.environment ?? 'production'],
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  return { name, transport };
}

/** An order an adapter checked and mapped, ready to be sent as many times as the gateway tries it. */
export interface PreparedOrder {
  send(signal: AbortLike | undefined): ResultAsync<OrderSession, GatewayError>;
}

/** Checks and maps an order that already passed `orderSchema`, as `validate` would, without parsing it again. */
export type OrderPreparer = (order: ValidOrder, options: CreateOrderOptions) => Result<PreparedOrder, GatewayError>;

interface Internals {
  readonly prepare: OrderPreparer;
  readonly validate: PaymentProvider['validate'];
  readonly createOrder: PaymentProvider['createOrder'];
}

const internals = new WeakMap<object, Internals>();

/**
 * The gateway's shortcut into an adapter `defineAdapter` built: it parses the order once, maps it once
 * per provider and sends that request on every try, where `validate` then `createOrder` would parse it
 * three times and map it twice (docs/performance.md). Undefined for any other provider, or one whose
 * `validate` or `createOrder` was replaced since, which the gateway calls as before.
 */
export function preparerOf(provider: PaymentProvider): OrderPreparer | undefined {
  const own = internals.get(provider);
  return own && own.validate === provider.validate && own.createOrder === provider.createOrder ? own.prepare : undefined;
}

/** Builds a `PaymentProvider` from a provider's pure mapping functions. */
export function defineAdapter<Raw, StateRaw>(spec: AdapterSpec<Raw, StateRaw> & { readonly getOrder: LookupSpec<StateRaw> }): LookupProvider<Raw, StateRaw>;
export function defineAdapter<Raw>(spec: AdapterSpec<Raw>): PaymentProvider<Raw>;
export function defineAdapter<Raw, StateRaw>(spec: AdapterSpec<Raw, StateRaw>): PaymentProvider<Raw, Order, StateRaw> {
  const prepareValid = (order: ValidOrder, options: CreateOrderOptions): Result<Prepared, GatewayError> =>
    spec
      .toRequest(order, options)
      .map((request) => ({ order, request }))
      .mapErr((fields) => validationError(spec.name, fields));

  const prepare = (order: Order, options: CreateOrderOptions): Result<Prepared, GatewayError> => {
    const parsed = orderSchema.safeParse(order);
    if (!parsed.success) return err(validationError(spec.name, toFieldIssues(parsed.error)));
    return prepareValid(parsed.data, options);
  };

  // async/await and a single ResultAsync per call rather than neverthrow's combinators, which cost
  // extra promises and a generator step each on the hot path.
  const send = async ({ order, request }: Prepared, signal: AbortLike | undefined): Promise<Result<OrderSession<Raw>, GatewayError>> => {
    const sent = await spec.transport.post(request, signal);
    if (sent.isErr()) return err(sent.error);
    return isSuccess(sent.value.status) ? spec.toSession(sent.value, order) : err(spec.toError(sent.value));
  };

  const sendPrepared = (prepared: Prepared, signal: AbortLike | undefined): ResultAsync<OrderSession<Raw>, GatewayError> => {
    const settled = send(prepared, signal).catch((thrown: unknown) => err<OrderSession<Raw>, GatewayError>(internalError(spec.name, thrown)));
    return new ResultAsync(settled);
  };

  const lookup = spec.getOrder;
  const provider: PaymentProvider<Raw, Order, StateRaw> = {
    name: spec.name,
    type: spec.type,
    validate: (order, options = {}) => guard(spec.name, () => prepare(order, options).map(() => undefined)),
    createOrder: (order, options = {}) => {
      const prepared = guard(spec.name, () => prepare(order, options));
      if (prepared.isErr()) return errAsync(prepared.error);
      return sendPrepared(prepared.value, options.signal);
    },
    ...(lookup && {
      getOrder: (orderId: string, options: GetOrderOptions = {}) => {
        const settled = lookUpOrder(spec.name, spec.transport, lookup, orderId, options);
        return new ResultAsync(settled.catch((thrown: unknown) => err<OrderState<StateRaw>, GatewayError>(internalError(spec.name, thrown))));
      },
    }),
  };
  internals.set(provider, {
    validate: provider.validate,
    createOrder: provider.createOrder,
    prepare: (order, options) =>
      guard(spec.name, () => prepareValid(order, options)).map((prepared) => ({ send: (signal) => sendPrepared(prepared, signal) })),
  });
  return provider;
}

/** One look-up: the input checked before any request, one GET, the answer mapped and checked as a create answer is. */
async function lookUpOrder<StateRaw>(
  provider: string,
  transport: Transport,
  lookup: LookupSpec<StateRaw>,
  orderId: string,
  options: GetOrderOptions,
): Promise<Result<OrderState<StateRaw>, GatewayError>> {
  const input = lookupInputSchema.safeParse({ orderId, expected: options.expected });
  if (!input.success) return err(validationError(provider, toFieldIssues(input.error)));
  const request = lookup.toRequest(orderId, options);
  if (request.isErr()) return err(validationError(provider, request.error));
  const sent = await transport.get(request.value, options.signal);
  if (sent.isErr()) return err(sent.error);
  const response = sent.value;
  const state = isSuccess(response.status) ? lookup.toState(response, orderId, options) : err(lookup.toError(response));
  if (state.isErr()) return state;
  const expectation = { orderId, orderIdsIgnoreCase: lookup.orderIdsIgnoreCase, expected: options.expected, baseUrl: transport.baseUrl };
  const mismatch = orderStateMismatch(state.value, expectation);
  return mismatch === undefined ? state : err(unexpectedResponse(provider, response, mismatch));
}

interface Prepared {
  readonly order: ValidOrder;
  readonly request: HttpRequest;
}

const isSuccess = (status: number) => status >= 200 && status < 300;

// A throw from a mapping function is a payroute bug; it still must not escape as a rejection.
function guard<T>(provider: string, run: () => Result<T, GatewayError>): Result<T, GatewayError> {
  try {
    return run();
  } catch (thrown) {
    return err(internalError(provider, thrown));
  }
}

/** The `internal` error for a throw that should never happen (a payroute bug), without the thrown value. */
export function internalError(provider: string, thrown: unknown): GatewayError {
  const name = thrown instanceof Error ? thrown.name : typeof thrown;
  return gatewayError({
    kind: 'internal',
    provider,
    retryable: false,
    message: `payroute failed unexpectedly (${name}); please report it`,
  });
}

/** Parses a JSON body, or says why it is not JSON. */
export function parseJsonBody(body: string): Result<unknown, string> {
  if (body.trim() === '') return err('an empty body');
  try {
    return ok(JSON.parse(body) as unknown);
  } catch {
    const looksHtml = /^\s*</.test(body);
    return err(looksHtml ? 'an HTML page instead of JSON' : 'a body that is not JSON');
  }
}

/** A date the provider sent, or nothing when it sent none or an unreadable one. */
export function toDate(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The `unexpected_response` error for a 2xx answer payroute could not read. */
export function unexpectedResponse(provider: string, response: HttpResponse, why: string): GatewayError {
  return gatewayError({
    kind: 'unexpected_response',
    provider,
    retryable: false,
    // A 2xx means the provider accepted the request, so the order probably exists.
    orderMayExist: true,
    httpStatus: response.status,
    message: `HTTP ${response.status} with ${why}`,
  });
}

/** What a provider's error body said, as far as its documented shape could be read. */
export interface ProviderErrorDetails {
  readonly code?: string | undefined;
  readonly message?: string | undefined;
  readonly fields?: readonly FieldIssue[] | undefined;
  /** Set when the provider's own code means more than the status does (duplicate order, rate limit). */
  readonly kind?: GatewayErrorKind | undefined;
  /** Why the body could not be read as the provider's error format (HTML page, empty body, ...). */
  readonly unreadable?: string | undefined;
}

/**
 * A non-2xx answer as a `GatewayError`: the HTTP status decides the kind unless the provider's code
 * says more, and every text the provider sent is cleaned of the credentials.
 */
export function providerError(
  provider: string,
  response: HttpResponse,
  details: ProviderErrorDetails,
  secrets: readonly string[],
): GatewayError {
  const byStatus = classifyStatus(response.status);
  const kind = details.kind ?? byStatus.kind;
  const providerMessage = details.message === undefined ? undefined : redact(details.message, secrets);
  const providerCode = details.code === undefined ? undefined : redact(details.code, secrets);
  const said = providerMessage ?? providerCode;
  return gatewayError({
    kind,
    provider,
    retryable: details.kind === undefined ? byStatus.retryable : kind === 'rate_limited',
    orderMayExist: kind === 'duplicate_order' || byStatus.orderMayExist,
    httpStatus: response.status,
    providerCode,
    providerMessage,
    fields: details.fields?.map((f) => ({ path: f.path, message: redact(f.message, secrets) })),
    retryAfterMs: parseRetryAfter(response.headers['retry-after']),
    message: said
      ? `${provider} answered HTTP ${response.status}: ${said}`
      : `${provider} answered HTTP ${response.status} with ${details.unreadable ?? 'no error details'}`,
  });
}
