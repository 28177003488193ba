import { err, errAsync, ok, type Result, ResultAsync } from 'neverthrow';
import type { AbortLike } from './abort.js';
import { answerMismatch, checkAnswer, statedMinorAmount, type AnswerRules, type ProviderAnswer } from './answer.js';
import { errorPolicy } from './error-policy.js';
import { copyCallOptions, copyLookupOptions, readOptions } from './call-options.js';
import { gatewayError, type FieldIssue, type GatewayError, type GatewayErrorKind } from './errors.js';
import { classifyStatus, parseRetryAfter } from './http-status.js';
import type { Order, ValidOrder } from './order.js';
import { parseOrder } from './parse-order.js';
import type { CreateOrderOptions, LookupProvider, OrderSession, PaymentProvider } from './port.js';
import { DEFAULT_TIMEOUT_MS } from './defaults.js';
import type { LookupSpec } from './lookup.js';
import { lookupInputSchema, type GetOrderOptions, type OrderState } from './order-state.js';
import { createErrorSanitiser } from './sanitise-error.js';
import { createTransport, type HttpRequest, type HttpResponse, type Transport } from './transport.js';
import { egressAgents, type EgressOptions } from './proxy.js';
import { oversizedBody } from './request-size.js';
import { toFieldIssues, validationError } from './validation.js';

/** The pure parts a provider supplies; `defineAdapter` adds validation, I/O and the never-throw guarantee. */
export interface AdapterSpec<Raw, StateRaw = unknown> {
  readonly name: string;
  readonly type: string;
  readonly transport: Transport;
  /**
   * The credentials the adapter sends, each as given (the API key, not its Basic header): every error
   * the adapter returns is cleaned of them in every encoding (docs/errors.md), so no mapping function
   * needs to think of it.
   */
  readonly secrets: readonly string[];
  /** Canonical order to the provider's request, or the fields it cannot take. */
  toRequest(order: ValidOrder, options: CreateOrderOptions): Result<HttpRequest, readonly FieldIssue[]>;
  /** A 2xx answer to the unified session and what it states of the order, or `unexpected_response`. */
  toSession(response: HttpResponse, order: ValidOrder): Result<ProviderAnswer<Raw>, GatewayError>;
  /** How the provider matches order ids and whether it prices orders; `defineAdapter` checks every answer by them. */
  readonly answers?: AnswerRules;
  /** A non-2xx answer to a typed error. */
  toError(response: HttpResponse): GatewayError;
  /** The order look-up's pure parts; left out by a provider that cannot look orders up. */
  readonly getOrder?: LookupSpec<StateRaw>;
}

/** The options every adapter takes besides its credentials (`commonOptionsSchema`, parsed). */
export interface CommonOptions extends EgressOptions {
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
  const baseUrl = options.baseUrl ?? baseUrls[options.environment ?? 'production'];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = createTransport({ provider: name, baseUrl, timeoutMs, agents: egressAgents(type, options, baseUrl, timeoutMs) });
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
  // Built once: the encoded forms of the secrets and their pattern cost nothing per order.
  const sanitise = createErrorSanitiser(spec.secrets);

  const prepareValid = (order: ValidOrder, options: CreateOrderOptions): Result<Prepared, GatewayError> => {
    const request = spec.toRequest(order, options);
    if (request.isErr()) return err(sanitise(validationError(spec.name, request.error)));
    const tooLarge = oversizedBody(order, request.value.body);
    return tooLarge ? err(validationError(spec.name, [tooLarge])) : ok({ order, request: request.value });
  };

  const prepare = (order: Order, options: CreateOrderOptions): Result<Prepared, GatewayError> =>
    parseOrder(spec.name, order).mapErr(sanitise).andThen((valid) => prepareValid(valid, options));

  const answerCheck = { ...spec.answers, allowHttpLinks: spec.transport.loopback };
  const toCheckedSession = (response: HttpResponse, order: ValidOrder): Result<OrderSession<Raw>, GatewayError> =>
    spec.toSession(response, order).andThen((answer) => {
      const why = checkAnswer(answer, order, answerCheck);
      if (why !== undefined) return err(unexpectedResponse(spec.name, response, why));
      // A provider that ignores case may answer "ORD1"; the session keeps the id as sent.
      const { session } = answer;
      return ok(session.orderId === order.orderId ? session : { ...session, orderId: order.orderId });
    });

  // async/await and a single ResultAsync per call rather than neverthrow's combinators, which cost
  // extra promises and a generator step each on the hot path.
  const send = async ({ order, request }: Prepared, signal: AbortLike | undefined): Promise<Result<OrderSession<Raw>, GatewayError>> => {
    const sent = await spec.transport.post(request, signal);
    if (sent.isErr()) return err(sent.error);
    return isSuccess(sent.value.status) ? toCheckedSession(sent.value, order) : err(spec.toError(sent.value));
  };

  const sendPrepared = (prepared: Prepared, signal: AbortLike | undefined): ResultAsync<OrderSession<Raw>, GatewayError> => {
    const settled = send(prepared, signal).then(
      (result) => (result.isErr() ? err<OrderSession<Raw>, GatewayError>(sanitise(result.error)) : result),
      (thrown: unknown) => err<OrderSession<Raw>, GatewayError>(internalError(spec.name, thrown)),
    );
    return new ResultAsync(settled);
  };

  const lookup = spec.getOrder;
  const provider: PaymentProvider<Raw, Order, StateRaw> = {
    name: spec.name,
    type: spec.type,
    // The caller's options are read once, here: mapping and sending see only payroute's copy.
    validate: (order, options) =>
      guard(spec.name, () => readOptions(spec.name, options, copyCallOptions).andThen((call) => prepare(order, call)).map(() => undefined)),
    createOrder: (order, options) => {
      const call = guard(spec.name, () => readOptions(spec.name, options, copyCallOptions));
      if (call.isErr()) return errAsync(call.error);
      const prepared = guard(spec.name, () => prepare(order, call.value));
      if (prepared.isErr()) return errAsync(prepared.error);
      return sendPrepared(prepared.value, call.value.signal);
    },
    ...(lookup && {
      getOrder: (orderId: string, options?: GetOrderOptions) => {
        const call = guard(spec.name, () => readOptions(spec.name, options, copyLookupOptions));
        if (call.isErr()) return errAsync(call.error);
        const settled = lookUpOrder(spec.name, spec.transport, lookup, orderId, call.value).then(
          (result) => (result.isErr() ? err<OrderState<StateRaw>, GatewayError>(sanitise(result.error)) : result),
          (thrown: unknown) => err<OrderState<StateRaw>, GatewayError>(internalError(spec.name, thrown)),
        );
        return new ResultAsync(settled);
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
  const found = state.value;
  const currency = found.currency ?? options.expected?.currency;
  const amount = found.amount === undefined || currency === undefined ? undefined : statedMinorAmount(found.amount, currency);
  const mismatch = answerMismatch(
    { orderId: found.orderId, checkoutUrl: found.checkoutUrl, links: found.links, amount, currency: found.currency },
    { orderId, ...options.expected },
    { caseInsensitiveOrderIds: lookup.orderIdsIgnoreCase, allowHttpLinks: transport.loopback },
  );
  if (mismatch !== undefined) return err(unexpectedResponse(provider, response, mismatch));
  // A provider that ignores case may answer "ORD1"; the state keeps the id as asked.
  return ok(found.orderId === orderId ? found : { ...found, orderId });
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
 * says more. The provider's text is copied as sent: `defineAdapter` cleans every error it hands out.
 */
export function providerError(provider: string, response: HttpResponse, details: ProviderErrorDetails): GatewayError {
  const byStatus = classifyStatus(response.status);
  const kind = details.kind ?? byStatus.kind;
  const said = details.message ?? details.code;
  return gatewayError({
    kind,
    provider,
    retryable: details.kind === undefined ? byStatus.retryable : errorPolicy[kind].retryable === true,
    orderMayExist: kind === 'duplicate_order' || byStatus.orderMayExist,
    httpStatus: response.status,
    providerCode: details.code,
    providerMessage: details.message,
    fields: details.fields,
    retryAfterMs: parseRetryAfter(response.headers['retry-after']),
    message: said
      ? `${provider} answered HTTP ${response.status}: ${said}`
      : `${provider} answered HTTP ${response.status} with ${details.unreadable ?? 'no error details'}`,
  });
}
