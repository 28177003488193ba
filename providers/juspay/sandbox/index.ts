import { err, ok } from 'neverthrow';
import { z } from 'zod';
import { headerValueSchema, secretSchema } from '../../../src/config.js';
import type { Answer, CreateContext, CreateOutcome, ProviderSandbox, SandboxDefinition } from '../../../src/sandbox/behaviour.js';
import { isMediaType, pathParameter, stringField } from '../../../src/sandbox/provider-kit.js';
import type { StoredOrder } from '../../../src/sandbox/store.js';
import type { JuspayOptions } from '../config.js';
import { juspayCredOpenApi, juspayOpenApi } from './openapi.js';
import { juspayOrderInStatus, juspayOrderObject, juspayPagePaths, newJuspayOrderId, type JuspaySandboxOrder } from './order.js';

export type { JuspaySandboxOrder } from './order.js';

/** The oldest `version` header for which Juspay returns the full order object with a client auth token. */
const FULL_ORDER_SINCE = '2018-07-01';

/** Options of the Juspay sandbox, besides the port and faults every sandbox server takes. */
export interface JuspaySandboxOptions {
  /** Credentials to accept instead of `defaultSandboxCredentials.juspay`. */
  readonly credentials?: { readonly apiKey?: string | undefined; readonly merchantId?: string | undefined } | undefined;
  /** `cred`: the CRED pay rules (order id shorter than 18 characters, `x-routing-id` required). Default `standard`. */
  readonly variant?: 'standard' | 'cred' | undefined;
  /**
   * A repeated `order_id` (in any case): `reject` (default) answers 400 `order_already_created`, as newer
   * Juspay servers do; `update` answers 200 with the existing order updated from the request, as older ones do.
   */
  readonly duplicateOrders?: 'reject' | 'update' | undefined;
}

const optionsSchema: z.ZodType<JuspaySandboxOptions, JuspaySandboxOptions> = z.strictObject({
  credentials: z.strictObject({ apiKey: secretSchema('apiKey').optional(), merchantId: headerValueSchema('merchantId').optional() }).optional(),
  variant: z.enum(['standard', 'cred']).optional(),
  duplicateOrders: z.enum(['reject', 'update']).optional(),
});

/** A create-order request as the Juspay sandbox keeps it: the form fields, dotted keys kept. */
export type JuspaySandboxRequest = Readonly<Record<string, string>>;

/** What `juspay()` needs to talk to the sandbox. */
export interface JuspaySandboxAdapterOptions {
  readonly apiKey: string;
  readonly merchantId: string;
  readonly baseUrl: string;
  readonly variant: 'standard' | 'cred';
}

type Credentials = { readonly apiKey: string; readonly merchantId: string };
type Form = JuspaySandboxRequest;
type Order = JuspaySandboxOrder;

interface Settings {
  readonly credentials: Credentials;
  readonly variant: 'standard' | 'cred';
  readonly duplicateOrders: 'reject' | 'update';
}

/** Juspay's `POST /orders` and `GET /orders/{order_id}`, offline. */
export const juspaySandbox: SandboxDefinition<typeof optionsSchema, Credentials, JuspaySandboxAdapterOptions, Form, Order> = {
  optionsSchema,
  bind: (options, defaults) =>
    bindJuspay({
      credentials: {
        apiKey: options.credentials?.apiKey ?? defaults.apiKey,
        merchantId: options.credentials?.merchantId ?? defaults.merchantId,
      },
      variant: options.variant ?? 'standard',
      duplicateOrders: options.duplicateOrders ?? 'reject',
    }),
};

const error = (status: number, body: Record<string, unknown>): Answer => ({ status, body });

/** Juspay's answer for an order id it never created (the mandates page's error table). */
const notFoundBody = (orderId: string) => ({
  status: 'NOT_FOUND',
  error_info: { user_message: 'Order Not Found', developer_message: 'Order Not Found', code: 'RESOURCE_NOT_FOUND', category: 'USER_ERROR' },
  status_id: 40,
  order_id: orderId,
});

function createOrder(settings: Settings, request: Form, context: CreateContext, existing: StoredOrder<Form, Order> | undefined): CreateOutcome<Form, Order> {
  const orderId = request['order_id'] ?? '';
  if (existing && settings.duplicateOrders === 'reject') {
    return { answer: error(400, { status: 'order_already_created', error_message: `Order with id = "${orderId}" already created.` }) };
  }
  const id = existing?.providerOrderId ?? newJuspayOrderId();
  const wantsToken = request['options.get_client_auth_token'] === 'true' && (context.headers['version'] ?? '') >= FULL_ORDER_SINCE;
  const order = juspayOrderObject(request, {
    id,
    merchantId: settings.credentials.merchantId,
    origin: context.origin,
    now: context.now,
    createdAt: existing?.createdAt ?? context.now,
    withToken: wantsToken,
  });
  const short = { status: 'CREATED', status_id: 1, id, order_id: orderId, payment_links: order.payment_links };
  return {
    answer: { status: 200, body: wantsToken ? order : short },
    order: { orderId, providerOrderId: id, request, order, pagePaths: juspayPagePaths(id) },
  };
}

function bindJuspay(settings: Settings): ProviderSandbox<Credentials, JuspaySandboxAdapterOptions, Form, Order> {
  const { credentials, variant } = settings;
  return {
    document: variant === 'cred' ? juspayCredOpenApi : juspayOpenApi,
    basePath: '',
    credentials,
    adapterOptions: (url) => ({ ...credentials, baseUrl: url, variant }) satisfies JuspayOptions,
    isAuthorized: (headers) => {
      const basic = /^Basic\s+(\S+)$/i.exec(headers['authorization'] ?? '')?.[1];
      // Juspay keeps the part before the colon, so `KEY:` and `KEY` both pass.
      const apiKey = basic === undefined ? undefined : Buffer.from(basic, 'base64').toString('utf8').split(':')[0];
      // No merchant id (missing or empty) is not a 401: the document requires the header, so the request
      // gets the 400 naming it, as Juspay's 400 "Mandatory fields are missing" does for a missing key.
      const merchantId = headers['x-merchantid'] || undefined;
      return apiKey === credentials.apiKey && (merchantId === undefined || merchantId === credentials.merchantId);
    },
    parseBody: (raw, contentType) => {
      if (!isMediaType(contentType, 'application/x-www-form-urlencoded')) {
        return err('Content-Type must be application/x-www-form-urlencoded');
      }
      return ok(Object.fromEntries(new URLSearchParams(raw)));
    },
    orderIdOf: (body) => stringField(body, 'order_id'),
    // Juspay treats order ids case-insensitively.
    orderKey: (orderId) => orderId.toLowerCase(),
    createOrder: (request, context, existing) => createOrder(settings, request, context, existing),
    lookup: {
      orderIdOf: (path) => pathParameter(/^\/orders\/([^/]+)$/, path),
      // The Order Status answer is the order object without the create answer's client auth token.
      answer: (stored, orderId) => {
        if (!stored) return error(400, notFoundBody(orderId));
        const { juspay: _token, ...order } = stored.order;
        return { status: 200, body: order };
      },
    },
    withStatus: juspayOrderInStatus,
    unauthorized: () => error(401, { status: 'error', error_code: 'access_denied', error_message: 'Access denied: wrong API key or merchant id' }),
    invalid: (problems) => {
      const summary = problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
      return error(400, {
        status: 'Bad Request',
        error_code: 'INVALID_REQUEST',
        error_message: `Invalid request: ${summary}`,
        error_info: {
          user_message: 'Invalid request',
          developer_message: summary,
          code: 'INVALID_INPUT',
          category: 'USER_ERROR',
          fields: problems.map((p) => ({ field_name: p.field, reason: p.reason })),
        },
      });
    },
    serverError: (status) =>
      error(status, status === 503
        ? { status: 'error', error_code: 'service_unavailable', error_message: 'Service unavailable' }
        : { status: 'error', error_code: 'internal_error', error_message: 'Internal server error' }),
    rateLimited: () => error(429, { status: 'error', error_code: 'too_many_requests', error_message: 'Too many requests' }),
  };
}

/** The type of `juspaySandbox`, which `payroute/sandbox` types its server by. */
export type JuspaySandbox = typeof juspaySandbox;
