import { err, ok } from 'neverthrow';
import { z } from 'zod';
import { headerValueSchema, secretSchema } from '../../../src/config.js';
import type { Answer, CreateContext, CreateOutcome, ProviderSandbox, SandboxDefinition, SandboxOrderStatus } from '../../../src/sandbox/behaviour.js';
import { isoSeconds, parseJsonRequest, pathParameter, randomHex, stringField } from '../../../src/sandbox/provider-kit.js';
import type { StoredOrder } from '../../../src/sandbox/store.js';
import type { FlowwiseOptions } from '../config.js';
import { flowwiseOpenApi } from './openapi.js';
import type { FlowwiseOrderRequest } from '../wire.js';

/** Minutes an order lives when the request gives no `expiry_time_in_minutes`. */
const DEFAULT_EXPIRY_MINUTES = 30;

/** The largest `order_amount` the document allows: its format is `float`, whose largest value this is. */
const MAX_FLOAT = 3.4028234663852886e38;

/** Options of the Flowwise sandbox, besides the port and faults every sandbox server takes. */
export interface FlowwiseSandboxOptions {
  /** Credentials to accept instead of `defaultSandboxCredentials.flowwise`. */
  readonly credentials?: { readonly clientId?: string | undefined; readonly clientSecret?: string | undefined } | undefined;
  /** `project_id` of the orders (default `sandbox_project`). */
  readonly projectId?: string | undefined;
}

const optionsSchema: z.ZodType<FlowwiseSandboxOptions, FlowwiseSandboxOptions> = z.strictObject({
  credentials: z.strictObject({ clientId: headerValueSchema('clientId').optional(), clientSecret: secretSchema('clientSecret').optional() }).optional(),
  projectId: z.string().min(1).optional(),
});

/** A Flowwise order as the sandbox keeps it: the `CreateOrderResponse` it answered. */
export interface FlowwiseSandboxOrder {
  readonly order_id: string;
  readonly project_id: string;
  readonly customer_email?: string;
  readonly customer_id?: string;
  /** `ACTIVE` when created; `setOrderStatus` moves it (to Cashfree PG's words: Flowwise documents no other). */
  readonly order_status: string;
  readonly order_currency: string;
  readonly payment_methods?: string;
  readonly order_note?: string;
  readonly checkout_url: string;
  readonly order_hash: string;
  readonly order_expiry_time: string;
  readonly added_on: string;
}

/** What `flowwise()` needs to talk to the sandbox. */
export interface FlowwiseSandboxAdapterOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly baseUrl: string;
}

type Credentials = { readonly clientId: string; readonly clientSecret: string };
type Body = FlowwiseOrderRequest;
type Order = FlowwiseSandboxOrder;

/**
 * The order status each sandbox status is shown as. Flowwise documents only ACTIVE: these are Cashfree PG's
 * words, which the adapter reads as `unknown`; statuses Cashfree PG has no word for are refused.
 */
const FLOWWISE_STATUS: Readonly<Record<SandboxOrderStatus, string | undefined>> = {
  pending: undefined,
  paid: 'PAID',
  failed: undefined,
  expired: 'EXPIRED',
  cancelled: 'TERMINATED',
  refunded: undefined,
};

/** Flowwise's `POST /orders` and `GET /orders/{order_id}`, offline. */
export const flowwiseSandbox: SandboxDefinition<typeof optionsSchema, Credentials, FlowwiseSandboxAdapterOptions, Body, Order> = {
  optionsSchema,
  bind: (options, defaults) =>
    bindFlowwise(
      {
        clientId: options.credentials?.clientId ?? defaults.clientId,
        clientSecret: options.credentials?.clientSecret ?? defaults.clientSecret,
      },
      options.projectId ?? 'sandbox_project',
    ),
};

function bindFlowwise(credentials: Credentials, projectId: string): ProviderSandbox<Credentials, FlowwiseSandboxAdapterOptions, Body, Order> {
  const error = (status: number, message: string, code: string, type: string): Answer => ({ status, body: { message, code, type } });

  const createOrder = (request: Body, context: CreateContext, existing: StoredOrder<Body, Order> | undefined): CreateOutcome<Body, Order> => {
    if (existing) {
      return { answer: error(409, `order with id ${request.order_id} already exists`, 'order_already_exists', 'invalid_request_error') };
    }
    const hash = randomHex(16);
    const minutes = request.expiry_time_in_minutes ?? DEFAULT_EXPIRY_MINUTES;
    const customer = request.customer_details;
    const order: Order = {
      order_id: request.order_id,
      project_id: projectId,
      ...(customer.customer_email !== undefined && { customer_email: customer.customer_email }),
      ...(customer.customer_id !== undefined && { customer_id: customer.customer_id }),
      order_status: 'ACTIVE',
      order_currency: request.order_currency,
      ...(request.payment_methods !== undefined && { payment_methods: request.payment_methods }),
      ...(request.order_note !== undefined && { order_note: request.order_note }),
      checkout_url: `${context.origin}/checkout/${hash}`,
      order_hash: hash,
      order_expiry_time: isoSeconds(new Date(context.now.getTime() + minutes * 60_000)),
      added_on: isoSeconds(context.now),
    };
    return {
      answer: { status: 200, body: order },
      order: { orderId: request.order_id, providerOrderId: hash, request, order, pagePaths: [`/checkout/${hash}`] },
    };
  };

  return {
    document: flowwiseOpenApi,
    basePath: '/router',
    credentials,
    adapterOptions: (url) => ({ ...credentials, baseUrl: url }) satisfies FlowwiseOptions,
    isAuthorized: (headers) => headers['x-client-id'] === credentials.clientId && headers['x-client-secret'] === credentials.clientSecret,
    parseBody: parseJsonRequest,
    orderIdOf: (body) => stringField(body, 'order_id'),
    orderKey: (orderId) => orderId,
    checkRules: (request) => {
      const problem = amountProblem(request.order_amount);
      return problem === undefined ? [] : [{ field: 'order_amount', reason: problem }];
    },
    createOrder,
    lookup: {
      orderIdOf: (path) => pathParameter(/^\/orders\/([^/]+)$/, path),
      // Flowwise documents no answer for an unknown order: the sandbox gives the likely 404 in its error format.
      answer: (stored, orderId) => stored ? { status: 200, body: stored.order } : error(404, `Order ${orderId} not found`, 'order_not_found', 'invalid_request_error'),
    },
    withStatus: (order, status) => {
      const word = FLOWWISE_STATUS[status];
      return word === undefined ? err(`Flowwise has no ${status} order status`) : ok({ ...order, order_status: word });
    },
    unauthorized: () => error(401, 'Invalid API credentials provided', 'unauthorized', 'authentication_error'),
    invalid: (problems) => {
      const amountOnly = problems.every((p) => p.field === 'order_amount');
      const summary = problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
      return amountOnly
        ? error(400, `Invalid order amount. ${summary}`, 'invalid_amount', 'validation_error')
        : error(400, `Invalid request: ${summary}`, 'invalid_request', 'validation_error');
    },
    serverError: (status) =>
      status === 503
        ? error(status, 'Service temporarily unavailable', 'service_unavailable', 'server_error')
        : error(status, 'Internal server error occurred while creating order', 'internal_error', 'server_error'),
    rateLimited: () => error(429, 'Too many requests', 'rate_limit_exceeded', 'rate_limit_error'),
  };
}

/**
 * What is wrong with an `order_amount`, if anything. JSON.parse reads `1e400` as Infinity, which the
 * document's `type: number` lets through. The document's 400 example: "Invalid order amount. Amount must be greater than 0".
 */
function amountProblem(amount: number): string | undefined {
  if (!Number.isFinite(amount)) return 'must be a finite number';
  if (amount <= 0) return 'must be greater than 0';
  if (amount > MAX_FLOAT) return `must be at most ${MAX_FLOAT} (the largest float, the document's format)`;
  return undefined;
}

/** The type of `flowwiseSandbox`, which `payroute/sandbox` types its server by. */
export type FlowwiseSandbox = typeof flowwiseSandbox;
