import { extend } from '../extend.js';
import { err, ResultAsync, type Result } from 'neverthrow';
import { PayrouteConfigError } from '../errors.js';
import type { Order } from '../order.js';
import type { OrderState } from '../order-state.js';
import { internalError } from '../provider/classify.js';
import type { ProviderFactory } from '../provider/define-provider.js';
import { memoryLedger } from '../ledger/memory.js';
import type { OrderLedger } from '../ledger/types.js';
import { createProviderBreaker } from './breaker.js';
import { DEFAULT_AMBIGUOUS, DEFAULT_FALLBACK_ON, type GatewayConfig, type ParsedGatewayConfig } from './config-schema.js';
import { emit, type CircuitStatus, type GatewayHooks } from './events.js';
import { ROUTER } from './gateway-errors.js';
import { DEFAULT_RETRY, type RetrySettings } from './retry-policy.js';
import { findOrder, type GatewayGetOrderOptions } from './find-order.js';
import { createOrderOnce, providersNamedFor, type LedgerErrorPolicy, type LedgerSetup } from './ledger-run.js';
import type { GatewayCreateOrderOptions, GatewaySession, Router } from './route-order.js';
import type { CreateOrderError, RoutingError } from './routing-error.js';
import { createStrategy } from './strategies.js';
import { createTelemetry, type GatewayTelemetry } from './telemetry.js';
import { validateGatewayConfig } from './validate-config.js';

/** What `createGateway` takes besides the configuration: code, which plain data cannot hold. */
export interface GatewayOptions {
  /**
   * Your own providers (factories built with `defineProvider`), routed like the built-in ones, which
   * `payroute`'s `createGateway` lists first: yours win on the same `type`.
   */
  readonly providers?: readonly ProviderFactory[];
  /** Observability hooks: every try, skip, fallback and circuit change. */
  readonly hooks?: GatewayHooks;
  /** Random source in [0, 1) for the retry jitter; `Math.random` by default. Inject one for repeatable tests. */
  readonly random?: () => number;
  /**
   * The order ledger that makes an order id create at most one checkout: `redisLedger()` from
   * `payroute/redis` across a fleet; `memoryLedger()`, within this process, when left out. See docs/ledger.md.
   */
  readonly ledger?: OrderLedger;
  /**
   * When the ledger fails (down, or slower than its timeout): `fail` (the default) returns
   * `ledger_unavailable` and sends nothing more; `proceed` creates the order without the guarantee,
   * flags the session `unprotected` and calls `hooks.onLedgerError`.
   */
  readonly onLedgerError?: LedgerErrorPolicy;
  /**
   * OpenTelemetry spans and metrics (docs/service.md#tracing): by default to the global tracer and
   * meter of `@opentelemetry/api` when it is installed, nowhere when it is not; your own `tracer` and
   * `meter`, or `false` for none.
   */
  readonly telemetry?: GatewayTelemetry | false;
}

/** The state of one configured provider, as `gateway.health()` reports it. */
export interface ProviderHealth {
  /** The provider's entry key. */
  readonly provider: string;
  /** Its provider type. */
  readonly type: string;
  /** Its circuit breaker: `open` while it is skipped, `half_open` while a probe is in flight. */
  readonly circuit: CircuitStatus;
}

/**
 * Routes orders across the configured providers. `Session` is the union of the sessions its entries
 * create (see `GatewaySessionOf`); `Name`, its entry keys.
 */
export interface Gateway<Session extends GatewaySession = GatewaySession, Name extends string = string> {
  /**
   * Creates the order at the first provider of its routed list that can take it, retrying and falling
   * back as configured. Never rejects: every failure is an `Err` (`validation` when no provider can take
   * the order, `all_providers_failed` when every one failed, with `attempts` and `skipped`).
   */
  createOrder(order: Order, options?: GatewayCreateOrderOptions<Name>): ResultAsync<Session, CreateOrderError>;
  /**
   * Looks an order up by the merchant's order id at each configured provider that can look orders up,
   * the ones the ledger names first (where it stored the order's session, or where it may be), then in
   * configuration order (or only `options.provider`), and returns the first that holds it. Never
   * rejects: `not_found` when every provider asked said it holds no such order; when one could not be
   * asked, its error, since the order may be there.
   */
  getOrder(orderId: string, options?: GatewayGetOrderOptions<Name>): ResultAsync<OrderState, RoutingError>;
  /** Every configured provider with its circuit state, in configuration order. */
  health(): readonly ProviderHealth[];
}

/**
 * Builds a gateway from plain-data configuration (see `loadGatewayConfig` to read it from JSON or the
 * environment, and docs/routing.md for every field).
 *
 * @throws PayrouteConfigError when the configuration is invalid, at construction and never later. Its
 * `fields` name every bad path (`providers.juspay_main.apiKey`, `routing.order.1`); no message holds a value.
 *
 * @example
 * const gateway = createGateway({
 *   providers: {
 *     juspay_main: { type: 'juspay', apiKey: env.JUSPAY_API_KEY, merchantId: 'acme', environment: 'production' },
 *     flowwise_backup: { type: 'flowwise', clientId: env.FW_ID, clientSecret: env.FW_SECRET, environment: 'production' },
 *   },
 *   routing: { strategy: 'priority', order: ['juspay_main', 'flowwise_backup'] },
 * });
 * const result = await gateway.createOrder(order);
 */
export function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Gateway {
  const validated = validateGatewayConfig(config, options.providers ?? []);
  if (validated.isErr()) throw new PayrouteConfigError('gateway', validated.error);
  const { config: parsed, providers } = validated.value;
  const onLedgerError = options.onLedgerError ?? 'fail';
  if (onLedgerError !== 'fail' && onLedgerError !== 'proceed') {
    throw new PayrouteConfigError('gateway', [{ path: 'options.onLedgerError', message: "must be 'fail' or 'proceed'" }]);
  }
  const setup: LedgerSetup = { ledger: options.ledger ?? memoryLedger(), onLedgerError };
  const hooks = options.hooks ?? {};
  const routed = new Map(
    providers.map((entry) => [
      entry.name,
      { ...entry, breaker: createProviderBreaker(entry.name, parsed.circuitBreaker, (event) => emit(hooks.onCircuitChange, event)) },
    ]),
  );
  const router: Router = {
    providers: routed,
    strategy: createStrategy(parsed.routing),
    retry: retrySettings(parsed.retry),
    fallbackOn: new Set(parsed.fallback?.on ?? DEFAULT_FALLBACK_ON),
    hooks,
    random: options.random ?? Math.random,
    ambiguous: parsed.ambiguous ?? DEFAULT_AMBIGUOUS,
  };
  const telemetry = createTelemetry(options.telemetry, (name) => routed.get(name)?.type);
  const create = (order: Order, callOptions: unknown) =>
    telemetry?.enabled()
      ? telemetry.traceCreateOrder(orderIdOf(order), hooks, (traced) => createOrderOnce(extend(router, { hooks: traced }), setup, order, callOptions))
      : createOrderOnce(router, setup, order, callOptions);
  // The provider the ledger names for the order is asked first.
  const lookUp = (orderId: string, callOptions: unknown) =>
    providersNamedFor(setup.ledger, orderId).then((first) => findOrder(providers, orderId, callOptions, first));
  const find = (orderId: string, callOptions: unknown) => (telemetry?.enabled() ? telemetry.traceGetOrder(() => lookUp(orderId, callOptions)) : lookUp(orderId, callOptions));
  return {
    createOrder: (order, callOptions) =>
      // createOrderOnce handles every expected failure; a throw here is a payroute bug and must still not reject.
      new ResultAsync(
        (create(order, callOptions) as Promise<Result<GatewaySession, CreateOrderError>>).catch((thrown: unknown) =>
          err<GatewaySession, CreateOrderError>(internalError(ROUTER, thrown)),
        ),
      ),
    getOrder: (orderId, callOptions) =>
      new ResultAsync(find(orderId, callOptions).catch((thrown: unknown) => err<OrderState, RoutingError>(internalError(ROUTER, thrown)))),
    health: () => [...routed.values()].map(({ name, provider, breaker }) => ({ provider: name, type: provider.type, circuit: breaker.status() })),
  };
}

// The order is checked later, by the router: here it may be anything at all.
function orderIdOf(order: unknown): string | undefined {
  try {
    const orderId = typeof order === 'object' && order !== null ? (order as { orderId?: unknown }).orderId : undefined;
    return typeof orderId === 'string' ? orderId : undefined;
  } catch {
    // A getter or Proxy that throws: the router answers it with a validation error.
    return undefined;
  }
}

function retrySettings(retry: ParsedGatewayConfig['retry']): RetrySettings {
  return {
    maxAttempts: retry?.maxAttempts ?? DEFAULT_RETRY.maxAttempts,
    initialDelayMs: retry?.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs,
    maxDelayMs: retry?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    deadlineMs: retry?.deadlineMs ?? DEFAULT_RETRY.deadlineMs,
  };
}
