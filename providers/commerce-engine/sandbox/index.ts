import { err } from 'neverthrow';
import { z } from 'zod';
import { secretSchema } from '../../../src/config.js';
import { toMajorUnits } from '../../../src/money.js';
import { orderSchema, type Order, type ValidOrder } from '../../../src/order.js';
import type { Answer, CreateContext, CreateOutcome, LookupContext, ProviderSandbox, SandboxDefinition, SandboxOrderStatus } from '../../../src/sandbox/behaviour.js';
import { parseJsonRequest, pathParameter, stringField } from '../../../src/sandbox/provider-kit.js';
import type { StoredOrder } from '../../../src/sandbox/store.js';
import { juspayOrderInStatus, juspayOrderObject, juspayPagePaths, newJuspayOrderId, type JuspaySandboxOrder } from '../../juspay/sandbox/order.js';
import { storeIdSchema, type CommerceEngineOptions } from '../config.js';
import { commerceEngineOpenApi } from './openapi.js';
import type { CommerceEngineOrderRequest } from '../wire.js';

/** Options of the Commerce Engine sandbox, besides the port and faults every sandbox server takes. */
export interface CommerceEngineSandboxOptions {
  /** Credentials to accept instead of `defaultSandboxCredentials['commerce-engine']`. */
  readonly credentials?: { readonly storeId?: string | undefined; readonly accessToken?: string | undefined } | undefined;
  /**
   * The store's orders from the start, as canonical orders (`orderId` is the order number); the server's
   * `seedOrder` adds more. Commerce Engine prices its own orders: a Juspay order is created only for an
   * order number the store holds, for that order's amount, currency and customer.
   */
  readonly storeOrders?: readonly Order[] | undefined;
}

/** The options once checked: store orders validated (trimmed) by the canonical order schema. */
export interface ParsedCommerceEngineSandboxOptions {
  readonly credentials?: CommerceEngineSandboxOptions['credentials'];
  readonly storeOrders?: readonly ValidOrder[] | undefined;
}

const optionsSchema: z.ZodType<ParsedCommerceEngineSandboxOptions, CommerceEngineSandboxOptions> = z.strictObject({
  credentials: z.strictObject({ storeId: storeIdSchema.optional(), accessToken: secretSchema('accessToken').optional() }).optional(),
  // The schema takes every `Order` (and `providerOptions: undefined`, which `Order` leaves out): typed as `Order`.
  storeOrders: (z.array(orderSchema).readonly() as z.ZodType<readonly ValidOrder[], readonly Order[]>).optional(),
});

/**
 * A Juspay order as the Commerce Engine sandbox keeps and answers it: Juspay's full order object, client
 * auth token included, with `status_id` a string (`"10"` when created) as Commerce Engine's document shows it.
 */
export type CommerceEngineSandboxOrder = Omit<JuspaySandboxOrder, 'status_id'> & { readonly status_id: string };

/** What `commerceEngine()` needs to talk to the sandbox. */
export interface CommerceEngineSandboxAdapterOptions {
  readonly storeId: string;
  readonly accessToken: string;
  readonly baseUrl: string;
}

type Credentials = { readonly storeId: string; readonly accessToken: string };
type Body = CommerceEngineOrderRequest;
type SandboxOrder = CommerceEngineSandboxOrder;

/** Commerce Engine's `POST /api/v1/{store_id}/storefront/payments/juspay/create-order` and the payment status of a store order, offline. */
export const commerceEngineSandbox: SandboxDefinition<typeof optionsSchema, Credentials, CommerceEngineSandboxAdapterOptions, Body, SandboxOrder> = {
  optionsSchema,
  bind: (options, defaults) =>
    bindCommerceEngine(
      {
        storeId: options.credentials?.storeId ?? defaults.storeId,
        accessToken: options.credentials?.accessToken ?? defaults.accessToken,
      },
      options.storeOrders ?? [],
    ),
};

/** Commerce Engine's error body: `code` is documented on 400, 401 and 404, not on the others. */
const refusal = (status: number, message: string, code?: string): Answer => ({ status, body: { message, success: false, ...(code !== undefined && { code }) } });
/** The payment status's 404. */
const notFound = (message: string): Answer => refusal(404, message, 'not_found');
const created = (order: SandboxOrder): Answer => ({ status: 200, body: { message: 'Juspay order created', success: true, content: { data: order } } });

/** The store id in a path such as `/api/v1/sandbox_store/storefront/payments/juspay/create-order`. */
const storeIdOf = (path: string) => /^\/api\/v1\/([^/]+)\//.exec(path)?.[1];

/** The statuses a store order's payment can show; Commerce Engine's payment status has no word for the others. */
const PAYMENT_STATUSES: ReadonlySet<SandboxOrderStatus> = new Set(['pending', 'paid', 'failed']);

/** Juspay statuses of a failed attempt, which the store reports as `failed`. */
const FAILED = new Set(['AUTHORIZATION_FAILED', 'AUTHENTICATION_FAILED', 'JUSPAY_DECLINED']);

/** The store's payment summary of its order's Juspay order: paid once CHARGED, failed (retry allowed) after a failed attempt. */
function paymentStatus(amount: number, juspayStatus: string | undefined): Answer {
  const paid = juspayStatus === 'CHARGED';
  const status = paid ? 'success' : juspayStatus !== undefined && FAILED.has(juspayStatus) ? 'failed' : 'pending';
  const content = { status, amount_paid: paid ? amount : 0, amount_unpaid: paid ? 0 : amount, is_retry_available: status === 'failed' };
  return { status: 200, body: { message: 'OK', success: true, content } };
}

/**
 * A store order as the form fields Commerce Engine creates its Juspay order with: the amount as an exact
 * decimal of major units (a valid order's amount always converts), and the customer the store holds.
 */
function toJuspayForm(order: ValidOrder): Record<string, string> {
  const customer = order.customer;
  return {
    order_id: order.orderId,
    amount: toMajorUnits(order.amount, order.currency).unwrapOr('NaN'),
    currency: order.currency,
    ...(customer?.id !== undefined && { customer_id: customer.id }),
    ...(customer?.email !== undefined && { customer_email: customer.email }),
    ...(customer?.phone !== undefined && { customer_phone: customer.phone }),
  };
}

function bindCommerceEngine(
  credentials: Credentials,
  initialOrders: readonly ValidOrder[],
): ProviderSandbox<Credentials, CommerceEngineSandboxAdapterOptions, Body, SandboxOrder> {
  /** The store's orders by order number, as Juspay form fields. */
  const storeOrders = new Map(initialOrders.map((order) => [order.orderId, toJuspayForm(order)]));

  const createOrder = (request: Body, context: CreateContext, existing: StoredOrder<Body, SandboxOrder> | undefined): CreateOutcome<Body, SandboxOrder> => {
    if (storeIdOf(context.path) !== credentials.storeId) return { answer: refusal(404, 'Store not found', 'not_found') };
    const storeOrder = storeOrders.get(request.order_number);
    if (!storeOrder) return { answer: refusal(404, 'Order not found', 'not_found') };
    // One Juspay order per store order: asked again, Commerce Engine answers with the order it created.
    if (existing) return { answer: created(existing.order) };
    const id = newJuspayOrderId();
    const juspayOrder = juspayOrderObject(
      { ...storeOrder, ...(request.return_url !== undefined && { return_url: request.return_url }) },
      { id, merchantId: credentials.storeId, origin: context.origin, now: context.now, createdAt: context.now, withToken: true },
    );
    const order: SandboxOrder = { ...juspayOrder, status_id: '10' };
    return {
      answer: created(order),
      order: { orderId: request.order_number, providerOrderId: id, request, order, pagePaths: juspayPagePaths(id) },
    };
  };

  return {
    document: commerceEngineOpenApi,
    basePath: '',
    credentials,
    adapterOptions: (url) => ({ ...credentials, baseUrl: url }) satisfies CommerceEngineOptions,
    isAuthorized: (headers) => /^Bearer (.+)$/i.exec(headers['authorization'] ?? '')?.[1] === credentials.accessToken,
    parseBody: parseJsonRequest,
    orderIdOf: (body) => stringField(body, 'order_number'),
    orderKey: (orderNumber) => orderNumber,
    seed: (order) => {
      storeOrders.set(order.orderId, toJuspayForm(order));
    },
    createOrder,
    lookup: {
      orderIdOf: (path) => pathParameter(/^\/api\/v1\/[^/]+\/storefront\/orders\/([^/]+)\/payment-status$/, path),
      answer: (stored, orderNumber, context: LookupContext) => {
        if (storeIdOf(context.path) !== credentials.storeId) return notFound('Store not found');
        if (stored) return paymentStatus(stored.order.amount, stored.order.status);
        // A store order without a payment yet is simply unpaid.
        const storeOrder = storeOrders.get(orderNumber);
        return storeOrder ? paymentStatus(Number(storeOrder['amount']), undefined) : notFound('Order not found');
      },
    },
    withStatus: (order, status, now) => {
      if (!PAYMENT_STATUSES.has(status)) return err(`Commerce Engine's payment status has no ${status}`);
      return juspayOrderInStatus({ ...order, status_id: Number(order.status_id) }, status, now).map((moved) => ({ ...moved, status_id: String(moved.status_id) }));
    },
    unauthorized: () => refusal(401, 'Invalid or expired access token', 'unauthorized'),
    invalid: (problems) => refusal(400, `Invalid request: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, 'bad_request'),
    serverError: (status) => refusal(status, status === 503 ? 'Service unavailable' : 'Internal server error'),
    rateLimited: () => refusal(429, 'Too many requests'),
  };
}

/** The type of `commerceEngineSandbox`, which `payroute/sandbox` types its server by. */
export type CommerceEngineSandbox = typeof commerceEngineSandbox;
