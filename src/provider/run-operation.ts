import { err, errAsync, ok, type Result, ResultAsync } from 'neverthrow';
import type { AbortLike } from '../abort.js';
import { answerMismatch, checkAnswer, statedMinorAmount } from '../answer.js';
import { copyCallOptions, copyLookupOptions, readOptions } from '../call-options.js';
import { DEFAULT_TIMEOUT_MS } from '../defaults.js';
import type { FieldIssue, PayrouteError } from '../errors.js';
import type { Order, ValidOrder } from '../order.js';
import { lookupInputSchema, type GetOrderOptions, type OrderState } from '../order-state.js';
import { parseOrder } from '../parse-order.js';
import type { CreateOrderOptions, OperationName, OrderSession, PaymentProvider, PreparedOrder, ProviderCapabilities } from '../port.js';
import { oversizedBody } from '../request-size.js';
import { createErrorSanitiser } from '../sanitise-error.js';
import { createTransport, type HttpRequest, type HttpResponse, type Transport } from '../transport.js';
import { toFieldIssues, validationError } from '../validation.js';
import { answerError, internalError, providerError, unexpectedResponse } from './classify.js';
import type { CommonOptions, GetOrderOperation, ProviderDefinition } from './definition.js';
import { egressAgents } from '../proxy.js';
import { limitIssues } from './limits.js';
import type { AnySandboxDefinition } from '../sandbox/behaviour.js';

/** An order checked and mapped once, sent on every try. */
interface Prepared {
  readonly order: ValidOrder;
  readonly request: HttpRequest;
}

const OPERATIONS: readonly OperationName[] = ['createOrder', 'getOrder'];

/**
 * One instance of a provider, from its definition and checked options. Every operation of every
 * provider runs here the same way: the call options are copied once, the canonical order validated
 * (once), the declared limits and the provider's mapping checked, the request's size bounded, the
 * request sent by the transport (deadline, abort, network errors), the answer read by the provider's
 * pure functions and checked against the order, and every error classified and cleaned of the
 * credentials. Never throws and never rejects: a throw from a provider's function is an `internal` error.
 */
export function runProvider<Options extends CommonOptions, Context, Raw, StateRaw>(
  definition: ProviderDefinition<string, Options, unknown, Context, Raw, AnySandboxDefinition, StateRaw>,
  options: Options,
): PaymentProvider<Raw, Order, StateRaw> {
  const name = options.name ?? definition.type;
  const baseUrl = options.baseUrl ?? definition.baseUrls[options.environment ?? 'production'];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = createTransport({ provider: name, baseUrl, timeoutMs, agents: egressAgents(definition.type, options, baseUrl, timeoutMs) });
  const { secrets, context } = definition.connect(options);
  // Built once: the encoded forms of the secrets and their pattern cost nothing per order.
  const sanitise = createErrorSanitiser(secrets);
  const operation = definition.createOrder;
  const answerRules = { ...definition.answers, allowHttpLinks: transport.loopback };
  const capabilities: ProviderCapabilities = {
    operations: OPERATIONS.filter((op) => definition[op] !== undefined),
    ...definition.capabilities,
  };

  const prepare = (order: Order, call: CreateOrderOptions): Result<Prepared, PayrouteError> => {
    const parsed = parseOrder(name, order);
    if (parsed.isErr()) return err(sanitise(parsed.error));
    const valid = parsed.value;
    const limits = limitIssues(valid, definition.capabilities, definition.displayName);
    const mapped = operation.toRequest(valid, call, context);
    if (limits.length > 0) return err(sanitise(validationError(name, mapped.isOk() ? limits : withoutRepeats(limits, mapped.error))));
    if (mapped.isErr()) return err(sanitise(validationError(name, mapped.error)));
    const tooLarge = oversizedBody(valid, mapped.value.body);
    return tooLarge ? err(validationError(name, [tooLarge])) : ok({ order: valid, request: mapped.value });
  };

  const toSession = (response: HttpResponse, order: ValidOrder): Result<OrderSession<Raw>, PayrouteError> => {
    const answer = operation.fromAnswer(response, order, context);
    if (answer.isErr()) return err(answerError(name, response, answer.error));
    const why = checkAnswer(answer.value, order, answerRules);
    if (why !== undefined) return err(unexpectedResponse(name, response, why));
    // A provider that ignores case may answer "ORD1"; the session keeps the id as sent.
    const { session } = answer.value;
    return ok({ provider: name, ...session, orderId: order.orderId });
  };

  // Every error cleaned of the credentials; a throw from a provider's function is an `internal` error.
  const cleaned = <T>(result: Result<T, PayrouteError>): Result<T, PayrouteError> => (result.isErr() ? err(sanitise(result.error)) : result);
  const thrownError = (thrown: unknown) => err<never, PayrouteError>(internalError(name, thrown));

  // One async function and one ResultAsync per try, with a try/catch rather than neverthrow's
  // combinators or a `.then`, each of which costs promises on the hot path.
  const send = async ({ order, request }: Prepared, signal: AbortLike | undefined): Promise<Result<OrderSession<Raw>, PayrouteError>> => {
    try {
      const sent = await transport.post(request, signal);
      if (sent.isErr()) return err(sanitise(sent.error));
      const response = sent.value;
      if (response.status >= 200 && response.status < 300) return cleaned(toSession(response, order));
      return err(sanitise(providerError(name, response, definition.errorFromAnswer(response, context))));
    } catch (thrown) {
      return thrownError(thrown);
    }
  };

  const sendPrepared = (prepared: Prepared, signal: AbortLike | undefined): ResultAsync<OrderSession<Raw>, PayrouteError> =>
    new ResultAsync(send(prepared, signal));

  // The caller's options are read once, here: mapping and sending see only payroute's copy.
  const prepareCall = (order: Order, raw: unknown): Result<{ prepared: Prepared; call: CreateOrderOptions }, PayrouteError> =>
    guard(name, () => readOptions(name, raw, copyCallOptions).andThen((call) => prepare(order, call).map((prepared) => ({ prepared, call }))));

  const lookup = definition.getOrder;
  return {
    name,
    type: definition.type,
    capabilities,
    ...(lookup && {
      getOrder: (orderId: string, raw?: GetOrderOptions) => {
        const call = guard(name, () => readOptions(name, raw, copyLookupOptions));
        if (call.isErr()) return errAsync(call.error);
        return new ResultAsync(lookUpOrder(name, transport, lookup, context, orderId, call.value).then(cleaned, thrownError));
      },
    }),
    validate: (order, raw) => prepareCall(order, raw).map(() => undefined),
    prepareOrder: (order, raw) => prepareCall(order, raw).map(({ prepared }): PreparedOrder<Raw> => ({ send: (signal) => sendPrepared(prepared, signal) })),
    createOrder: (order, raw) => {
      const ready = prepareCall(order, raw);
      return ready.isErr() ? errAsync(ready.error) : sendPrepared(ready.value.prepared, ready.value.call.signal);
    },
  };
}

/** One look-up: the input checked before any request, one GET, the answer mapped and checked as a create answer is. */
async function lookUpOrder<Context, StateRaw>(
  provider: string,
  transport: Transport,
  lookup: GetOrderOperation<Context, StateRaw>,
  context: Context,
  orderId: string,
  options: GetOrderOptions,
): Promise<Result<OrderState<StateRaw>, PayrouteError>> {
  const input = lookupInputSchema.safeParse({ orderId, expected: options.expected });
  if (!input.success) return err(validationError(provider, toFieldIssues(input.error)));
  const request = lookup.toRequest(orderId, options, context);
  if (request.isErr()) return err(validationError(provider, request.error));
  const sent = await transport.get(request.value, options.signal);
  if (sent.isErr()) return err(sent.error);
  const response = sent.value;
  if (response.status < 200 || response.status >= 300) return err(providerError(provider, response, lookup.errorFromAnswer(response, context)));
  const state = lookup.fromAnswer(response, orderId, options, context);
  if (state.isErr()) return err(answerError(provider, response, state.error));
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
  return ok({ provider, ...found, orderId });
}

/** The declared limits' issues on fields the mapping does not name, then the mapping's: its own words win. */
function withoutRepeats(limits: readonly FieldIssue[], mapped: readonly FieldIssue[]): FieldIssue[] {
  return [...limits.filter((limit) => !mapped.some((issue) => issue.path === limit.path)), ...mapped];
}

// A throw from a provider's function is a bug; it still must not escape as a throw.
function guard<T>(provider: string, run: () => Result<T, PayrouteError>): Result<T, PayrouteError> {
  try {
    return run();
  } catch (thrown) {
    return err(internalError(provider, thrown));
  }
}
