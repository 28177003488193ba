import type { Result } from 'neverthrow';
import type { PayrouteError } from '../errors.js';
import type { OrderState } from '../order-state.js';
import { VERSION } from '../version.js';
import { emit, type AttemptEvent, type GatewayHooks, type ReconcileEvent } from './events.js';
import type { GatewaySession } from './route-order.js';

// OpenTelemetry through the hooks: a span per gateway call, and per try and look-up (made when the hook
// reports them, as children of the call's span), counters and a latency histogram. Attributes are
// names, kinds, statuses, counts and durations only: never a credential, a provider's message, a URL
// or customer data. `@opentelemetry/api` is an optional peer: loaded once, in the background, when the
// first gateway is built, and never required.

/** Attribute values, as OpenTelemetry takes them. */
export type TelemetryAttributes = Readonly<Record<string, string | number | boolean>>;

/** The part of an OpenTelemetry `Span` payroute uses. */
export interface TelemetrySpan {
  setAttributes(attributes: TelemetryAttributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(endTime?: number): unknown;
  /** False for a span nobody records (the API's no-op tracer, before an SDK is registered). */
  isRecording?(): boolean;
}

/** The part of an OpenTelemetry `Tracer` payroute uses: `trace.getTracer(...)` is one. */
export interface TelemetryTracer {
  startSpan(name: string, options?: { kind?: number; attributes?: TelemetryAttributes; startTime?: number }, context?: never): TelemetrySpan;
}

/** The part of an OpenTelemetry `Meter` payroute uses: `metrics.getMeter(...)` is one. */
export interface TelemetryMeter {
  createCounter(name: string, options?: { description?: string; unit?: string }): { add(value: number, attributes?: TelemetryAttributes): void };
  createHistogram(name: string, options?: { description?: string; unit?: string }): { record(value: number, attributes?: TelemetryAttributes): void };
}

/**
 * Where the gateway's spans and metrics go. Left out, they go to the global tracer and meter of
 * `@opentelemetry/api` when it is installed (no-ops until an SDK is registered), and nowhere when it
 * is not; `false` turns them off.
 */
export interface GatewayTelemetry {
  readonly tracer?: TelemetryTracer;
  readonly meter?: TelemetryMeter;
}

/** The span, metric and attribute names payroute uses, for dashboards and tests. */
export const TELEMETRY = {
  createOrderSpan: 'payroute.createOrder',
  getOrderSpan: 'payroute.getOrder',
  attemptSpan: 'payroute.attempt',
  reconcileSpan: 'payroute.reconcile',
  attempts: 'payroute.attempts',
  attemptDuration: 'payroute.attempt.duration',
  provider: 'payroute.provider',
  providerType: 'payroute.provider.type',
  attempt: 'payroute.attempt',
  outcome: 'payroute.outcome',
  errorKind: 'payroute.error.kind',
  orderMayExist: 'payroute.order_may_exist',
  orderId: 'payroute.order.id',
  attemptCount: 'payroute.attempt.count',
  reconcileAfter: 'payroute.reconcile.after',
  httpStatus: 'http.response.status_code',
} as const;

type OtelApi = typeof import('@opentelemetry/api');
type OtelContext = ReturnType<OtelApi['context']['active']>;

// OpenTelemetry's numbers, so that a gateway given its own tracer needs no API loaded.
const SPAN_KIND_INTERNAL = 0;
const STATUS_OK = 1;
const STATUS_ERROR = 2;

let apiLoading: Promise<void> | undefined;
// Set once the import settled: `api` is undefined when the package is not installed.
let loaded: { readonly api: OtelApi | undefined } | undefined;

/**
 * Starts loading `@opentelemetry/api`, once per process; the promise settles (never rejects) when the
 * import has, whether or not the package is installed.
 */
export function loadTelemetryApi(): Promise<void> {
  apiLoading ??= import('@opentelemetry/api').then(
    // Imported from ESM, the CommonJS build may arrive as `default`.
    (module: OtelApi & { default?: OtelApi }) => {
      loaded = { api: module.trace === undefined ? module.default : module };
    },
    () => {
      loaded = { api: undefined };
    },
  );
  return apiLoading;
}

interface Active {
  readonly api: OtelApi | undefined;
  readonly tracer: TelemetryTracer | undefined;
  readonly attempts: ReturnType<TelemetryMeter['createCounter']> | undefined;
  readonly duration: ReturnType<TelemetryMeter['createHistogram']> | undefined;
}

/** The gateway's telemetry: `run` each call through `trace*`, with the hooks it returns. */
export interface Telemetry {
  /** Whether calls are traced now: not before the API has loaded, nor when there is nowhere to send anything. */
  enabled(): boolean;
  traceCreateOrder(
    orderId: string | undefined,
    hooks: GatewayHooks,
    run: (hooks: GatewayHooks) => Promise<Result<GatewaySession, PayrouteError>>,
  ): Promise<Result<GatewaySession, PayrouteError>>;
  traceGetOrder(run: () => Promise<Result<OrderState, PayrouteError>>): Promise<Result<OrderState, PayrouteError>>;
}

/**
 * The telemetry of one gateway, or `undefined` when it is off. `typeOf` gives an entry's `type`.
 * With no tracer or meter given, the API's global ones are used once it has loaded, a moment after the
 * first gateway is built: calls made before are not traced, and no call ever waits for the load.
 */
export function createTelemetry(option: GatewayTelemetry | false | undefined, typeOf: (provider: string) => string | undefined): Telemetry | undefined {
  if (option === false) return undefined;
  const own = option ?? {};
  // Your own tracer and meter record at once; the API, once loaded, adds the parenting of spans.
  let active: Active | undefined | null = loaded ? activate(loaded.api, own) : own.tracer || own.meter ? activate(undefined, own) : null;
  if (!loaded) void loadTelemetryApi().then(() => (active = activate(loaded?.api, own)));

  const traced = async <T, E extends PayrouteError>(
    name: string,
    attributes: TelemetryAttributes,
    run: (parent: { span: TelemetrySpan; context: OtelContext | undefined; telemetry: Active } | undefined) => Promise<Result<T, E>>,
    describe: (result: Result<T, E>) => TelemetryAttributes,
  ): Promise<Result<T, E>> => {
    const telemetry = active ?? undefined;
    const span = telemetry?.tracer && guarded(() => telemetry.tracer?.startSpan(name, { kind: SPAN_KIND_INTERNAL, attributes }));
    if (!telemetry || !span) return run(telemetry && { span: inert, context: undefined, telemetry });
    // Nothing records this call (no SDK yet, no meter): no child spans to make, no hooks to wrap.
    if (!telemetry.attempts && guarded(() => span.isRecording?.()) === false) {
      guarded(() => span.end());
      return run(undefined);
    }
    const api = telemetry.api;
    const context = api && guarded(() => api.trace.setSpan(api.context.active(), span as Parameters<OtelApi['trace']['setSpan']>[1]));
    const parent = { span, context, telemetry };
    const result = api && context ? await api.context.with(context, () => run(parent)) : await run(parent);
    guarded(() => {
      span.setAttributes(describe(result));
      span.setStatus(result.isOk() ? { code: STATUS_OK } : { code: STATUS_ERROR, message: result.error.kind });
      span.end();
    });
    return result;
  };

  return {
    enabled: () => active !== null && active !== undefined,
    traceCreateOrder: (orderId, hooks, run) =>
      traced(
        TELEMETRY.createOrderSpan,
        orderId === undefined ? {} : { [TELEMETRY.orderId]: orderId },
        (parent) => run(parent ? withSpans(hooks, parent, typeOf) : hooks),
        (result) =>
          result.isOk()
            ? { [TELEMETRY.outcome]: 'created', [TELEMETRY.provider]: result.value.provider, [TELEMETRY.providerType]: result.value.providerType, [TELEMETRY.attemptCount]: result.value.attempts.length + 1 }
            : { [TELEMETRY.outcome]: 'failed', ...errorAttributes(result.error) },
      ),
    traceGetOrder: (run) =>
      traced(
        TELEMETRY.getOrderSpan,
        {},
        () => run(),
        (result) =>
          result.isOk()
            ? { [TELEMETRY.outcome]: 'found', [TELEMETRY.provider]: result.value.provider, ...typeAttribute(typeOf(result.value.provider)) }
            : { [TELEMETRY.outcome]: result.error.kind === 'not_found' ? 'not_found' : 'failed', ...errorAttributes(result.error) },
      ),
  };
}

function activate(api: OtelApi | undefined, option: GatewayTelemetry): Active | undefined {
  const tracer = option.tracer ?? api?.trace.getTracer('payroute', VERSION);
  // The API's global meter before an SDK registers one is its no-op meter: nothing to record into.
  const global = api?.metrics.getMeter('payroute', VERSION);
  const meter = option.meter ?? (global && api && global.constructor !== api.createNoopMeter().constructor ? global : undefined);
  if (!tracer && !meter) return undefined;
  return {
    api,
    tracer,
    attempts: meter?.createCounter(TELEMETRY.attempts, { description: 'Tries at a provider, by outcome' }),
    duration: meter?.createHistogram(TELEMETRY.attemptDuration, { description: 'Duration of one try at a provider', unit: 'ms' }),
  };
}

/** The caller's hooks, with each try and look-up also recorded as a span under the call's and in the metrics. */
function withSpans(
  hooks: GatewayHooks,
  parent: { span: TelemetrySpan; context: OtelContext | undefined; telemetry: Active },
  typeOf: (provider: string) => string | undefined,
): GatewayHooks {
  const { telemetry } = parent;
  const child = (name: string, durationMs: number, attributes: TelemetryAttributes, failed: string | undefined) =>
    guarded(() => {
      const now = Date.now();
      const span = telemetry.tracer?.startSpan(name, { kind: SPAN_KIND_INTERNAL, attributes, startTime: now - durationMs }, parent.context as never);
      span?.setStatus(failed === undefined ? { code: STATUS_OK } : { code: STATUS_ERROR, message: failed });
      span?.end(now);
    });
  return {
    ...hooks,
    onAttempt: (event: AttemptEvent) => {
      const provider = { [TELEMETRY.provider]: event.provider, ...typeAttribute(typeOf(event.provider)) };
      const measured = { ...provider, [TELEMETRY.outcome]: event.outcome, ...(event.errorKind && { [TELEMETRY.errorKind]: event.errorKind }) };
      child(
        TELEMETRY.attemptSpan,
        event.durationMs,
        {
          ...measured,
          [TELEMETRY.attempt]: event.attempt,
          ...(event.httpStatus !== undefined && { [TELEMETRY.httpStatus]: event.httpStatus }),
          ...(event.orderMayExist !== undefined && { [TELEMETRY.orderMayExist]: event.orderMayExist }),
        },
        event.errorKind,
      );
      guarded(() => {
        telemetry.attempts?.add(1, measured);
        telemetry.duration?.record(event.durationMs, { ...provider, [TELEMETRY.outcome]: event.outcome });
      });
      emit(hooks.onAttempt, event);
    },
    onReconcile: (event: ReconcileEvent) => {
      child(
        TELEMETRY.reconcileSpan,
        event.durationMs,
        {
          [TELEMETRY.provider]: event.provider,
          ...typeAttribute(typeOf(event.provider)),
          [TELEMETRY.outcome]: event.outcome,
          [TELEMETRY.reconcileAfter]: event.after,
          ...(event.errorKind && { [TELEMETRY.errorKind]: event.errorKind }),
        },
        event.outcome === 'lookup_failed' ? (event.errorKind ?? 'lookup_failed') : undefined,
      );
      emit(hooks.onReconcile, event);
    },
  };
}

function errorAttributes(error: PayrouteError): TelemetryAttributes {
  return {
    [TELEMETRY.errorKind]: error.kind,
    [TELEMETRY.provider]: error.provider,
    ...(error.httpStatus !== undefined && { [TELEMETRY.httpStatus]: error.httpStatus }),
    ...(error.orderMayExist !== undefined && { [TELEMETRY.orderMayExist]: error.orderMayExist }),
    ...('attempts' in error && Array.isArray(error.attempts) && { [TELEMETRY.attemptCount]: error.attempts.length }),
  };
}

const typeAttribute = (type: string | undefined): TelemetryAttributes => (type === undefined ? {} : { [TELEMETRY.providerType]: type });

// A span that records nothing: the hooks of a gateway with a meter and no tracer.
const inert: TelemetrySpan = { setAttributes: () => undefined, setStatus: () => undefined, end: () => undefined };

/** Runs a telemetry call; a tracer or meter that throws must not fail or change an order. */
function guarded<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch {
    return undefined;
  }
}
