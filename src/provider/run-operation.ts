import { err, errAsync, ok, type Result, ResultAsync } from 'neverthrow';
import type { AbortLike } from '../abort.js';
import { DEFAULT_TIMEOUT_MS } from '../defaults.js';
import type { FieldIssue, PayrouteError } from '../errors.js';
import type { Order, ValidOrder } from '../order.js';
import { parseOrder } from '../parse-order.js';
import type { CreateOrderOptions, OperationName, OrderSession, PaymentProvider, PreparedOrder, ProviderCapabilities } from '../port.js';
import { createTransport, type HttpRequest } from '../transport.js';
import { toFieldIssues, validationError } from '../validation.js';
import { answerError, internalError, providerError } from './classify.js';
import type { CommonOptions, ProviderDefinition } from './definition.js';
import { limitIssues } from './limits.js';

/** An order checked and mapped once, sent on every try. */
interface Prepared {
  readonly order: ValidOrder;
  readonly request: HttpRequest;
}

const OPERATIONS: readonly OperationName[] = ['createOrder'];

/**
 * One instance of a provider, from its definition and checked options. Every operation of every
 * provider runs here the same way: the canonical order is validated (once), the declared limits and the
 * provider's mapping checked, the request sent by the transport (deadline, abort, network errors), the
 * answer read by the provider's pure functions, and every failure classified and cleaned of the
 * credentials. Never throws and never rejects: a throw from a provider's function is an `internal` error.
 */
export function runProvider<Options extends CommonOptions, Context, Raw>(
  definition: ProviderDefinition<string, Options, unknown, Context, Raw>,
  options: Options,
): PaymentProvider<Raw> {
  const name = options.name ?? definition.type;
  const transport = createTransport({
    provider: name,
    baseUrl: options.baseUrl ?? definition.baseUrls[options.environment ?? 'production'],
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const { secrets, context } = definition.connect(options);
  const operation = definition.createOrder;
  const capabilities: ProviderCapabilities = {
    operations: OPERATIONS.filter((op) => definition[op] !== undefined),
    ...definition.capabilities,
  };

  const prepare = (order: Order, call: CreateOrderOptions): Result<Prepared, PayrouteError> => {
    const parsed = parseOrder(order);
    if (!parsed.success) return err(validationError(name, toFieldIssues(parsed.error)));
    const valid = parsed.data;
    const limits = limitIssues(valid, definition.capabilities, definition.displayName);
    const mapped = operation.toRequest(valid, call, context);
    if (limits.length === 0) return mapped.isOk() ? ok({ order: valid, request: mapped.value }) : err(validationError(name, mapped.error));
    return err(validationError(name, mapped.isOk() ? limits : withoutRepeats(limits, mapped.error)));
  };

  // async/await and a single ResultAsync per call rather than neverthrow's combinators, which cost
  // extra promises and a generator step each on the hot path.
  const send = async ({ order, request }: Prepared, signal: AbortLike | undefined): Promise<Result<OrderSession<Raw>, PayrouteError>> => {
    const sent = await transport.post(request, signal);
    if (sent.isErr()) return err(sent.error);
    const response = sent.value;
    if (response.status < 200 || response.status >= 300) {
      return err(providerError(name, response, definition.errorFromAnswer(response, context), secrets));
    }
    const answer = operation.fromAnswer(response, order, context);
    return answer.isOk() ? ok({ provider: name, ...answer.value }) : err(answerError(name, response, answer.error, secrets));
  };

  const sendPrepared = (prepared: Prepared, signal: AbortLike | undefined): ResultAsync<OrderSession<Raw>, PayrouteError> =>
    new ResultAsync(send(prepared, signal).catch((thrown: unknown) => err<OrderSession<Raw>, PayrouteError>(internalError(name, thrown))));

  return {
    name,
    type: definition.type,
    capabilities,
    validate: (order, call = {}) => guard(name, () => prepare(order, call)).map(() => undefined),
    prepareOrder: (order, call = {}) =>
      guard(name, () => prepare(order, call)).map((prepared): PreparedOrder<Raw> => ({ send: (signal) => sendPrepared(prepared, signal) })),
    createOrder: (order, call = {}) => {
      const prepared = guard(name, () => prepare(order, call));
      return prepared.isErr() ? errAsync(prepared.error) : sendPrepared(prepared.value, call.signal);
    },
  };
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
