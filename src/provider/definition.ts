import type { Result } from 'neverthrow';
import type { z } from 'zod';
import type { AnswerRules, ProviderAnswer } from '../answer.js';
import type { AnswerErrorKind, FieldIssue } from '../errors.js';
import type { ValidOrder } from '../order.js';
import type { GetOrderOptions, OrderState } from '../order-state.js';
import type { CreateOrderOptions, ProviderCapabilities } from '../port.js';
import type { AnySandboxDefinition, SandboxDefinition } from '../sandbox/behaviour.js';
import type { EgressOptions } from '../proxy.js';
import type { HttpGetRequest, HttpRequest, HttpResponse } from '../transport.js';

/** The options every provider takes besides its own (`commonOptionsSchema`, parsed). */
export interface CommonOptions extends EgressOptions {
  /** Instance name used in results and errors; defaults to the provider type. */
  readonly name?: string | undefined;
  readonly environment?: 'sandbox' | 'production' | undefined;
  /** A base URL instead of the environment's. */
  readonly baseUrl?: string | undefined;
  /** Deadline of one call, connect to last byte (default `DEFAULT_TIMEOUT_MS`). */
  readonly timeoutMs?: number | undefined;
}

/** What a provider's instance holds once its options are checked: what its operations receive, and what to redact. */
export interface Connection<Context> {
  /**
   * The credentials, each as given (the API key, not its Basic header): every error the provider
   * returns is cleaned of them in every encoding (docs/errors.md), so no function needs to think of it.
   */
  readonly secrets: readonly string[];
  /** Whatever the operations need on each call: headers, paths, a variant. */
  readonly context: Context;
}

/** What a provider's error body said, as far as its documented shape could be read. */
export interface ProviderErrorDetails {
  readonly code?: string | undefined;
  readonly message?: string | undefined;
  readonly fields?: readonly FieldIssue[] | undefined;
  /**
   * Set when the provider's own code means more than the status does (duplicate order, rate limit).
   * Never payroute's own `validation`, `configuration` or `all_providers_failed`: those are ignored.
   */
  readonly kind?: AnswerErrorKind | undefined;
  /** Why the body could not be read as the provider's error format (HTML page, empty body, ...). */
  readonly unreadable?: string | undefined;
}

/**
 * What an answer function found instead of a result: `unreadable` (the answer is not what the provider
 * documents: `unexpected_response`) or `refused` (a success status whose body says no). Build them
 * with `unreadableAnswer` and `refusedAnswer`; the core turns them into the `PayrouteError`.
 */
export type AnswerProblem =
  | { readonly problem: 'unreadable'; readonly why: string }
  | { readonly problem: 'refused'; readonly details: ProviderErrorDetails }
  /** A look-up answer that says the provider holds no such order (`not_found`), whatever its status. */
  | { readonly problem: 'not_found'; readonly details: ProviderErrorDetails };

/** A session as a provider's answer function builds it; the core adds the instance name (`provider`). */
export type ProviderSession<Raw> = ProviderAnswer<Raw>['session'];

/** The pure functions of the create-order operation. */
export interface CreateOrderOperation<Context, Raw> {
  /** The canonical order (already validated) as the provider's request, or every field it cannot take. */
  toRequest(order: ValidOrder, call: CreateOrderOptions, context: Context): Result<HttpRequest, readonly FieldIssue[]>;
  /**
   * A 2xx answer as the unified session and what it states of the order (amount, currency), or what is
   * wrong with it. The core then checks the answer against the order (`answers` rules).
   */
  fromAnswer(response: HttpResponse, order: ValidOrder, context: Context): Result<ProviderAnswer<Raw>, AnswerProblem>;
}

/** A look-up answer as a provider's function reads it; the core adds the instance name (`provider`). */
export type ProviderState<StateRaw> = Omit<OrderState<StateRaw>, 'provider'>;

/** The pure functions of the order look-up (`getOrder`). */
export interface GetOrderOperation<Context, StateRaw> {
  /** Whether the look-up matches order ids without regard to case (Juspay's does): decides how the answer's id is compared. */
  readonly orderIdsIgnoreCase: boolean;
  /** The look-up request of an order id, or the fields it cannot take. */
  toRequest(orderId: string, call: GetOrderOptions, context: Context): Result<HttpGetRequest, readonly FieldIssue[]>;
  /**
   * A 2xx answer as the order's state, or what is wrong with it (`notFoundAnswer` when the body says the
   * order is not there). The core checks it against the id asked and `expected`, as a create answer.
   */
  fromAnswer(response: HttpResponse, orderId: string, call: GetOrderOptions, context: Context): Result<ProviderState<StateRaw>, AnswerProblem>;
  /** A non-2xx answer's details (`kind: 'not_found'` for an order the provider does not hold). */
  errorFromAnswer(response: HttpResponse, context: Context): ProviderErrorDetails;
}

/** What a provider declares of its capabilities; the operations it implements are read from its entries. */
export type DeclaredCapabilities = Omit<ProviderCapabilities, 'operations'>;

/**
 * One provider, as data and pure functions: everything payroute needs to run it. The core does the
 * rest, the same way for every provider: option checks, order validation, capability limits, I/O,
 * deadline, error classification and redaction. Version 1 of the specification.
 */
export interface ProviderDefinition<
  Type extends string = string,
  Options extends CommonOptions = CommonOptions,
  Input = unknown,
  Context = unknown,
  Raw = unknown,
  SandboxDef extends AnySandboxDefinition = AnySandboxDefinition,
  StateRaw = unknown,
> {
  readonly specificationVersion: 1;
  /** The `type` gateway entries name, such as `juspay`; also the default instance name. */
  readonly type: Type;
  /** The provider's name in messages, such as `Juspay`. */
  readonly displayName: string;
  /** The zod schema of the options: credentials, environment, base URL, timeout (spread `commonOptionsSchema` into it). */
  readonly options: z.ZodType<Options, Input>;
  /** The API's base URL per environment; `baseUrl` in the options wins over them. */
  readonly baseUrls: Readonly<Record<'sandbox' | 'production', string>>;
  readonly capabilities: DeclaredCapabilities;
  /** How the provider matches order ids and whether it prices orders: the core checks every answer by them. */
  readonly answers?: AnswerRules;
  /** The instance's secrets and context, from its checked options. Pure: no I/O. */
  connect(options: Options): Connection<Context>;
  readonly createOrder: CreateOrderOperation<Context, Raw>;
  /** The order look-up; absent on a provider that cannot look orders up. */
  readonly getOrder?: GetOrderOperation<Context, StateRaw>;
  /** A non-2xx answer's details; the core classifies them by status, redacts them and builds the error. */
  errorFromAnswer(response: HttpResponse, context: Context): ProviderErrorDetails;
  /** The provider's offline sandbox, used only by `payroute/sandbox` and the command line. */
  readonly sandbox?: SandboxPart<SandboxDef>;
}

/** A provider's `sandbox/` part: the credentials it accepts by default, and the rest, loaded only when started. */
export interface SandboxPart<SandboxDef extends AnySandboxDefinition = AnySandboxDefinition> {
  readonly credentials: SandboxCredentials<SandboxDef>;
  /** A dynamic `import()` of the part, so that importing the provider loads no sandbox code. */
  load(): Promise<SandboxDef>;
}

/** The credentials a sandbox accepts. */
export type SandboxCredentials<SandboxDef> = SandboxDef extends SandboxDefinition<z.ZodType, infer Credentials, unknown, unknown, unknown> ? Credentials : never;
