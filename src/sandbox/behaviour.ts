import type { Result } from 'neverthrow';
import { z } from 'zod';
import type { ValidOrder } from '../order.js';
import type { FieldProblem, OpenApiDocument } from './openapi.js';
import type { StoredOrder } from './store.js';

/** An HTTP answer before it is written: a status, a JSON body and extra headers. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a provider is told when an order is created. */
export interface CreateContext {
  /** Base URL of this sandbox server, such as `http://127.0.0.1:4010`; checkout links point under it. */
  readonly origin: string;
  readonly now: Date;
  /** The request's headers, lower-case names (Juspay's answer depends on `version`). */
  readonly headers: Readonly<Record<string, string>>;
  /** The request's path below the API root, such as `/orders`; path parameters (an account id) are in it. */
  readonly path: string;
}

/** What `createOrder` decided: the answer, and the order to keep when one was created or updated. */
export interface CreateOutcome<TRequest, TOrder> {
  readonly answer: Answer;
  readonly order?: Omit<StoredOrder<TRequest, TOrder>, 'createdAt'> & {
    /** Paths under the origin (no query) that serve the order's checkout page. */
    readonly pagePaths: readonly string[];
  };
}

/** What a provider's look-up is told besides the order. */
export interface LookupContext {
  readonly origin: string;
  readonly now: Date;
  readonly headers: Readonly<Record<string, string>>;
  /** The request's path below the API root, such as `/orders/ord1001`. */
  readonly path: string;
}

/** A provider's order look-up in the sandbox. */
export interface SandboxLookup<TRequest, TOrder> {
  /** The merchant order id a `GET` path asks for (`/orders/ord1001` gives `ord1001`), or `undefined` when the path is no look-up. */
  orderIdOf(path: string): string | undefined;
  /** The provider's answer: the order when the server holds it (`stored`), else its not-found answer. */
  answer(stored: StoredOrder<TRequest, TOrder> | undefined, orderId: string, context: LookupContext): Answer;
}

/** Statuses a test can move a sandbox order to with `setOrderStatus`; each provider shows them in its own words, where it has them. */
export const sandboxOrderStatuses = ['pending', 'paid', 'failed', 'expired', 'cancelled', 'refunded'] as const;
export type SandboxOrderStatus = (typeof sandboxOrderStatuses)[number];
export const sandboxOrderStatusSchema = z.enum(sandboxOrderStatuses);

/**
 * One provider's sandbox, bound to its options: its OpenAPI document and everything it answers.
 * The generic harness does the HTTP, faults, validation and storage; this says what the provider would.
 */
export interface ProviderSandbox<TCredentials, TAdapterOptions, TRequest, TOrder> {
  /** OpenAPI 3 document of the create-order endpoint; requests are validated against it. */
  readonly document: OpenApiDocument;
  /** Path prefix of the API (`/router` for a base URL such as `https://host/router`), or `''`. */
  readonly basePath: string;
  /** The credentials this server accepts. */
  readonly credentials: TCredentials;
  /** Options for the provider's adapter that point it at this server. */
  adapterOptions(url: string): TAdapterOptions;
  /** Whether the request carries the accepted credentials. */
  isAuthorized(headers: Readonly<Record<string, string>>): boolean;
  /** The body as the object the document describes (form fields to a flat object, JSON parsed), or why it cannot be read. */
  parseBody(raw: string, contentType: string | undefined): Result<unknown, string>;
  /** The merchant's order id in a parsed (not yet validated) body, for magic values. */
  orderIdOf(body: unknown): string | undefined;
  /** The key duplicates are found by (Juspay ignores case). */
  orderKey(orderId: string): string;
  /** Rules the document cannot express, checked after it. */
  checkRules?(request: TRequest): readonly FieldProblem[];
  /**
   * Takes an order the merchant's system already holds, for a provider that creates payments of orders it
   * keeps itself rather than of orders described in the request. Providers that need none leave it out.
   */
  seed?(order: ValidOrder): void;
  /** Creates the order, or answers as the provider does for an order id it already has. */
  createOrder(request: TRequest, context: CreateContext, existing: StoredOrder<TRequest, TOrder> | undefined): CreateOutcome<TRequest, TOrder>;
  /** The order look-up (`GET`), on providers that have one. */
  readonly lookup?: SandboxLookup<TRequest, TOrder>;
  /** The order moved to a status, as the provider would show it then; `Err` says why the provider has no such status. */
  withStatus?(order: TOrder, status: SandboxOrderStatus, now: Date): Result<TOrder, string>;
  unauthorized(): Answer;
  invalid(problems: readonly FieldProblem[]): Answer;
  /** The provider's error body for a 5xx (or any other status the fault asks for). */
  serverError(status: number): Answer;
  /** The provider's 429 body; the harness adds `Retry-After`. */
  rateLimited(): Answer;
}

/**
 * A provider's sandbox as listed in the registry: its options (a zod schema of the provider's own
 * keys; port and faults are the harness's) and how to bind them.
 */
export interface SandboxDefinition<TSchema extends z.ZodType, TCredentials, TAdapterOptions, TRequest, TOrder> {
  readonly optionsSchema: TSchema;
  /** The sandbox for these options; `defaults` are the credentials it accepts unless the options say others. */
  bind(options: z.output<TSchema>, defaults: TCredentials): ProviderSandbox<TCredentials, TAdapterOptions, TRequest, TOrder>;
}

/** Any registered sandbox definition. */
export type AnySandboxDefinition = SandboxDefinition<z.ZodType, unknown, unknown, unknown, unknown>;
