import { setMaxListeners } from 'node:events';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { err, ok, type Result } from 'neverthrow';
import { PayrouteConfigError } from '../errors.js';
import { orderSchema, type Order } from '../order.js';
import { toFieldIssues } from '../validation.js';
import { sandboxOrderStatusSchema, type Answer, type ProviderSandbox, type SandboxLookup, type SandboxOrderStatus } from './behaviour.js';
import {
  configuredFault,
  failsAfterProcessing,
  faultsSchema,
  type Fault,
  type SandboxFailure,
  type SandboxFaults,
  type SandboxOperation,
} from './faults.js';
import { flatHeaders, readBody, writeHtml, writeJson } from './http.js';
import { magicFault } from './magic-values.js';
import type { RequestValidator } from './openapi.js';
import type { SandboxServerOptions } from './options.js';
import { createOrderStore, type OrderStore, type SandboxOrders } from './store.js';

/** One provider's running sandbox server. */
export interface SandboxServer<TCredentials, TAdapterOptions, TRequest, TOrder> {
  /** Base URL to give the provider's adapter, such as `http://127.0.0.1:4010`. */
  readonly url: string;
  /** The credentials this server accepts. */
  readonly credentials: TCredentials;
  /** The adapter's options for this server: `juspay(sandbox.juspay.adapterOptions)`. */
  readonly adapterOptions: TAdapterOptions;
  /** The orders created so far. */
  readonly orders: SandboxOrders<TRequest, TOrder>;
  /** Replaces the faults (for a demo: fail, then recover); `Err` names the invalid fields and changes nothing. */
  setFaults(faults: SandboxFaults): Result<void, PayrouteConfigError>;
  /** Removes every configured fault; magic values keep working. */
  clearFaults(): void;
  /**
   * Tells the server that the merchant's system already holds this order, as a provider that prices its
   * own orders needs before a payment can be created for one; the others ignore it. `Err` names the
   * invalid fields of the order and changes nothing.
   */
  seedOrder(order: Order): Result<void, PayrouteConfigError>;
  /**
   * Moves an order this server created to a status (`paid`, `failed`, ...), as the provider's look-up then
   * shows it, so `getOrder` and fulfilment logic can be exercised. `Err` when no such order was created
   * here, or the provider has no such status (Juspay has no `expired`); nothing changes then.
   */
  setOrderStatus(orderId: string, status: SandboxOrderStatus): Result<void, PayrouteConfigError>;
}

/** A server plus the means to stop it. */
export interface RunningServer<TCredentials, TAdapterOptions, TRequest, TOrder> extends SandboxServer<TCredentials, TAdapterOptions, TRequest, TOrder> {
  /** Stops listening and destroys every open connection, hanging ones included. */
  close(): Promise<void>;
}

interface ServerSetup<TCredentials, TAdapterOptions, TRequest, TOrder> {
  /** The provider's name, shown on checkout pages. */
  readonly name: string;
  readonly provider: ProviderSandbox<TCredentials, TAdapterOptions, TRequest, TOrder>;
  readonly validator: RequestValidator;
  readonly options: SandboxServerOptions;
  readonly host: string;
}

/** Starts one provider's sandbox server; rejects when the port cannot be bound. */
export async function startServer<TCredentials, TAdapterOptions, TRequest, TOrder>(
  setup: ServerSetup<TCredentials, TAdapterOptions, TRequest, TOrder>,
): Promise<RunningServer<TCredentials, TAdapterOptions, TRequest, TOrder>> {
  const { provider, options } = setup;
  const store = createOrderStore<TRequest, TOrder>(provider.orderKey);
  const stopping = new AbortController();
  // Every delayed request listens on it until its wait ends (then the listener is removed), so eleven
  // concurrent delayed requests are not a leak: without this, Node warns "Possible EventTarget memory leak".
  setMaxListeners(0, stopping.signal);
  let faults = options.faults && structuredClone(options.faults);
  let origin = '';

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      // A bug in the sandbox must not crash the test run that uses it.
      if (!response.headersSent) writeJson(response, { status: 500, body: { message: 'payroute sandbox failed unexpectedly' } });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', origin).pathname;
    const page = method === 'GET' ? store.byPagePath(path) : undefined;
    if (page) {
      const text = `Order ${page.orderId} (${page.providerOrderId}) was created in the payroute ${setup.name} sandbox. No payment can be made here.`;
      return writeHtml(response, 200, 'Order created', text);
    }
    const apiPath = path.startsWith(provider.basePath) ? path.slice(provider.basePath.length) : undefined;
    if (apiPath === undefined || !setup.validator.hasOperation(method, apiPath)) {
      return writeJson(response, { status: 404, body: { message: `the ${setup.name} sandbox has no ${method} ${path}` } });
    }
    const headers = flatHeaders(request);
    const lookup = method === 'GET' ? provider.lookup : undefined;
    const lookupId = lookup?.orderIdOf(apiPath);
    let orderId: string | undefined;
    let respond: () => Answer;
    if (lookup && lookupId !== undefined) {
      orderId = lookupId;
      respond = () => lookUp(lookup, apiPath, headers, lookupId);
    } else {
      const raw = await readBody(request);
      // The unread rest of the body would be parsed as the next request, which would then never be answered.
      if (!request.complete) response.setHeader('Connection', 'close');
      const body = raw === undefined ? err('the body is larger than 1 MiB') : provider.parseBody(raw, headers['content-type']);
      orderId = body.isOk() ? provider.orderIdOf(body.value) : undefined;
      respond = () => answerFor(apiPath, method, headers, body);
    }

    const fault = faultFor(orderId, lookupId === undefined ? 'createOrder' : 'getOrder');
    if (fault && fault.latencyMs > 0) {
      const waited = await delay(fault.latencyMs, true, { signal: stopping.signal }).catch(() => false);
      if (!waited) return;
    }
    const failure = fault?.failure;
    if (failure && !failsAfterProcessing(failure)) return writeFailure(response, failure);

    const answer = respond();
    if (failure?.kind === 'reset') request.socket.resetAndDestroy();
    else if (failure?.kind === 'hang') return; // close() destroys the socket if the client never gives up
    else writeJson(response, answer, failure?.kind === 'malformed_json');
  }

  /** What the provider's look-up would answer: its 401, its 400 for bad headers, the order, or its not-found answer. */
  function lookUp(lookup: SandboxLookup<TRequest, TOrder>, path: string, headers: Record<string, string>, orderId: string): Answer {
    if (!provider.isAuthorized(headers)) return provider.unauthorized();
    const problems = setup.validator.validate({ method: 'GET', path, headers, body: undefined });
    if (problems.length > 0) return provider.invalid(problems);
    return lookup.answer(store.get(orderId), orderId, { origin, now: new Date(), headers, path });
  }

  /** What the provider would answer: its 401, its 400 with every problem, its duplicate answer, or the new order. */
  function answerFor(path: string, method: string, headers: Record<string, string>, body: Result<unknown, string>): Answer {
    if (!provider.isAuthorized(headers)) return provider.unauthorized();
    if (body.isErr()) return provider.invalid([{ field: 'body', reason: body.error }]);
    return createOrder(path, method, headers, body.value);
  }

  function createOrder(path: string, method: string, headers: Record<string, string>, body: unknown): Answer {
    const problems = setup.validator.validate({ method, path, headers, body });
    if (problems.length > 0) return provider.invalid(problems);
    // The document has just checked the body, so it has the shape the provider's type describes.
    const request = body as TRequest;
    const broken = provider.checkRules?.(request) ?? [];
    if (broken.length > 0) return provider.invalid(broken);
    const existing = store.get(provider.orderIdOf(request) ?? '');
    const now = new Date();
    const outcome = provider.createOrder(request, { origin, now, headers, path }, existing);
    if (outcome.order) {
      const { pagePaths, ...order } = outcome.order;
      store.put({ ...order, createdAt: existing?.createdAt ?? now }, pagePaths);
    }
    return outcome.answer;
  }

  function faultFor(orderId: string | undefined, operation: SandboxOperation): Fault | undefined {
    const magic = options.magicValues ?? true;
    const byOrder = magic === false ? undefined : magicFault(orderId, magic === true ? {} : magic);
    return byOrder ?? configuredFault(faults, options.random ?? Math.random, operation);
  }

  function writeFailure(response: ServerResponse, failure: SandboxFailure): void {
    if (failure.kind === 'status') return writeJson(response, provider.serverError(failure.status));
    if (failure.kind === 'html') {
      const status = failure.status ?? 502;
      return writeHtml(response, status, `${status} ${STATUS_CODES[status] ?? ''}`.trim(), 'The upstream server did not answer in time.');
    }
    if (failure.kind === 'rate_limit') {
      const answer = provider.rateLimited();
      const retryAfter = String(failure.retryAfterSeconds ?? 1);
      return writeJson(response, { ...answer, headers: { ...answer.headers, 'Retry-After': retryAfter } });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, setup.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = setup.host.includes(':') ? `[${setup.host}]` : setup.host;
  origin = `http://${hostInUrl}:${port}`;
  const url = `${origin}${provider.basePath}`;

  return {
    url,
    credentials: provider.credentials,
    adapterOptions: provider.adapterOptions(url),
    orders: readOnly(store),
    setFaults: (next) => {
      const parsed = faultsSchema.safeParse(next);
      if (!parsed.success) return err(new PayrouteConfigError(`${setup.name} sandbox faults`, toFieldIssues(parsed.error)));
      faults = structuredClone(next);
      return ok(undefined);
    },
    clearFaults: () => {
      faults = undefined;
    },
    seedOrder: (order) => {
      const parsed = orderSchema.safeParse(order);
      if (!parsed.success) return err(new PayrouteConfigError(`${setup.name} sandbox order`, toFieldIssues(parsed.error)));
      provider.seed?.(parsed.data);
      return ok(undefined);
    },
    setOrderStatus: (orderId, status) => {
      const refuse = (path: string, message: string) => err(new PayrouteConfigError(`${setup.name} sandbox order status`, [{ path, message }]));
      if (!sandboxOrderStatusSchema.safeParse(status).success) return refuse('status', `must be one of ${sandboxOrderStatusSchema.options.join(', ')}`);
      const stored = store.get(orderId);
      if (!stored) return refuse('orderId', `no order "${orderId}" was created at this server`);
      const moved = provider.withStatus?.(stored.order, status, new Date()) ?? err(`the ${setup.name} sandbox keeps no order status`);
      if (moved.isErr()) return refuse('status', moved.error);
      store.put({ ...stored, order: moved.value }, []);
      return ok(undefined);
    },
    close: () =>
      new Promise<void>((resolve) => {
        stopping.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The store without its writing methods, as tests see it. */
function readOnly<TRequest, TOrder>(store: OrderStore<TRequest, TOrder>): SandboxOrders<TRequest, TOrder> {
  return {
    get: store.get,
    list: store.list,
    get size() {
      return store.size;
    },
    clear: store.clear,
  };
}
