import { metrics, trace } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGateway, TELEMETRY } from '../../providers/entries/index.js';
import { loadTelemetryApi } from '../../src/gateway/telemetry.js';
import { basicOrder, FLOWWISE_ID, FLOWWISE_SECRET, JUSPAY_KEY } from '../fixtures.js';
import { useNock } from '../setup-nock.js';
import { fakeGateway, failure, order } from './fakes.js';

useNock();

const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
// A reader and meter per test, so counts start at zero; read by forceFlush only, never on a timer.
let exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
let reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
let meterProvider = new MeterProvider({ readers: [reader] });
const telemetry = { tracer: tracerProvider.getTracer('test'), meter: meterProvider.getMeter('test') };

beforeEach(() => {
  exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  meterProvider = new MeterProvider({ readers: [reader] });
  telemetry.meter = meterProvider.getMeter('test');
});
// The API loads once per process, in the background; a gateway built after it has loaded traces its first call.
beforeAll(() => loadTelemetryApi());
afterEach(async () => {
  spans.reset();
  await meterProvider.shutdown();
});

const named = (name: string) => spans.getFinishedSpans().filter((span) => span.name === name);
const only = (name: string): ReadableSpan => {
  const [span, ...more] = named(name);
  expect(more).toEqual([]);
  if (!span) throw new Error(`no ${name} span`);
  return span;
};

async function metricPoints(name: string) {
  await reader.forceFlush();
  const last: ResourceMetrics | undefined = exporter.getMetrics().at(-1);
  const metric = last?.scopeMetrics.flatMap((scope) => scope.metrics).find((m) => m.descriptor.name === name);
  return metric?.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value })) ?? [];
}

describe('OpenTelemetry', () => {
  it('records a span per createOrder and one per try under it, with provider, type, attempt, outcome, kind, status and order-may-exist', async () => {
    const { gateway, script } = fakeGateway({}, { telemetry });
    script('a', failure('timeout'), failure('provider_unavailable', { httpStatus: 503 }));
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session.provider).toBe('b');

    const call = only(TELEMETRY.createOrderSpan);
    expect(call.attributes).toEqual({
      [TELEMETRY.orderId]: order.orderId,
      [TELEMETRY.outcome]: 'created',
      [TELEMETRY.provider]: 'b',
      [TELEMETRY.providerType]: 'fake',
      [TELEMETRY.attemptCount]: 3,
    });
    const tries = named(TELEMETRY.attemptSpan);
    expect(tries.map((span) => span.attributes)).toEqual([
      { [TELEMETRY.provider]: 'a', [TELEMETRY.providerType]: 'fake', [TELEMETRY.outcome]: 'failed', [TELEMETRY.errorKind]: 'timeout', [TELEMETRY.attempt]: 1, [TELEMETRY.orderMayExist]: true },
      { [TELEMETRY.provider]: 'a', [TELEMETRY.providerType]: 'fake', [TELEMETRY.outcome]: 'failed', [TELEMETRY.errorKind]: 'provider_unavailable', [TELEMETRY.attempt]: 2, [TELEMETRY.httpStatus]: 503, [TELEMETRY.orderMayExist]: false },
      { [TELEMETRY.provider]: 'b', [TELEMETRY.providerType]: 'fake', [TELEMETRY.outcome]: 'created', [TELEMETRY.attempt]: 1 },
    ]);
    for (const span of tries) expect(span.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
    // The timed-out try was looked up: a reconciliation span under the call too.
    const lookup = only(TELEMETRY.reconcileSpan);
    expect(lookup.attributes).toMatchObject({ [TELEMETRY.provider]: 'a', [TELEMETRY.outcome]: 'not_found', [TELEMETRY.reconcileAfter]: 'timeout' });
    expect(lookup.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
  });

  it('marks a failed call as an error named by its kind, with its attempts', async () => {
    const { gateway, script } = fakeGateway({ retry: { maxAttempts: 1 } }, { telemetry });
    for (const name of ['a', 'b', 'c']) script(name, failure('network'));
    (await gateway.createOrder(order))._unsafeUnwrapErr();
    const call = only(TELEMETRY.createOrderSpan);
    expect(call.status).toEqual({ code: 2, message: 'all_providers_failed' });
    expect(call.attributes).toMatchObject({ [TELEMETRY.outcome]: 'failed', [TELEMETRY.errorKind]: 'all_providers_failed', [TELEMETRY.attemptCount]: 3 });
  });

  it('counts tries by provider and outcome and records their latency per provider', async () => {
    const { gateway, script } = fakeGateway({}, { telemetry });
    script('a', failure('network'), failure('network'));
    await gateway.createOrder(order);
    await gateway.createOrder({ ...order, orderId: 'ord_2' });
    const counts = await metricPoints(TELEMETRY.attempts);
    expect(counts).toContainEqual({
      attributes: { [TELEMETRY.provider]: 'a', [TELEMETRY.providerType]: 'fake', [TELEMETRY.outcome]: 'failed', [TELEMETRY.errorKind]: 'network' },
      value: 2,
    });
    expect(counts).toContainEqual({ attributes: { [TELEMETRY.provider]: 'b', [TELEMETRY.providerType]: 'fake', [TELEMETRY.outcome]: 'created' }, value: 2 });
    const latency = await metricPoints(TELEMETRY.attemptDuration);
    expect(latency.map((point) => point.attributes)).toEqual(
      expect.arrayContaining([
        { [TELEMETRY.provider]: 'a', [TELEMETRY.providerType]: 'fake', [TELEMETRY.outcome]: 'failed' },
        { [TELEMETRY.provider]: 'b', [TELEMETRY.providerType]: 'fake', [TELEMETRY.outcome]: 'created' },
      ]),
    );
  });

  it('records a span per getOrder', async () => {
    const { gateway, script } = fakeGateway({}, { telemetry });
    script('a', 'created');
    await gateway.createOrder(order);
    spans.reset();
    (await gateway.getOrder(order.orderId))._unsafeUnwrap();
    expect(only(TELEMETRY.getOrderSpan).attributes).toEqual({ [TELEMETRY.outcome]: 'found', [TELEMETRY.provider]: 'a', [TELEMETRY.providerType]: 'fake' });
  });

  it('never records a credential, the customer\'s email or phone, or a URL', async () => {
    nock('https://sandbox.juspay.in').post('/orders').reply(503, { status: 'error', error_message: `down for a@example.com ${JUSPAY_KEY}` }, { 'Retry-After': '0' });
    nock('https://sandbox.flowwise.example').post(/.*/).reply(401, { code: 'unauthorized', message: `bad ${FLOWWISE_SECRET}`, type: 'authentication_error' });
    const gateway = createGateway(
      {
        providers: {
          jp: { type: 'juspay', apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox', timeoutMs: 500 },
          fw: { type: 'flowwise', clientId: FLOWWISE_ID, clientSecret: FLOWWISE_SECRET, environment: 'sandbox', baseUrl: 'https://sandbox.flowwise.example' },
        },
        routing: { strategy: 'priority', order: ['jp', 'fw'] },
        retry: { maxAttempts: 1 },
        ambiguous: 'fallback',
      },
      { telemetry },
    );
    (await gateway.createOrder({ ...basicOrder, returnUrl: 'https://shop.example.com/return' }))._unsafeUnwrapErr();
    const recorded = JSON.stringify(
      spans.getFinishedSpans().map((span) => ({ name: span.name, attributes: span.attributes, status: span.status, events: span.events })),
    );
    expect(named(TELEMETRY.attemptSpan)).toHaveLength(2);
    for (const forbidden of [JUSPAY_KEY, FLOWWISE_SECRET, FLOWWISE_ID, 'a@example.com', '9999999999', 'https://', 'http://']) {
      expect(recorded).not.toContain(forbidden);
    }
    const counted = JSON.stringify(await metricPoints(TELEMETRY.attempts));
    for (const forbidden of [JUSPAY_KEY, FLOWWISE_SECRET, 'a@example.com', '9999999999']) expect(counted).not.toContain(forbidden);
  });

  it('uses the global tracer and meter of @opentelemetry/api when given none', async () => {
    trace.setGlobalTracerProvider(tracerProvider);
    metrics.setGlobalMeterProvider(meterProvider);
    try {
      const { gateway } = fakeGateway();
      (await gateway.createOrder(order))._unsafeUnwrap();
      expect(only(TELEMETRY.createOrderSpan).instrumentationScope.name).toBe('payroute');
      expect(await metricPoints(TELEMETRY.attempts)).not.toEqual([]);
    } finally {
      trace.disable();
      metrics.disable();
    }
  });

  it('records nothing with telemetry: false, and a tracer that throws changes no order', async () => {
    trace.setGlobalTracerProvider(tracerProvider);
    try {
      const off = fakeGateway({}, { telemetry: false });
      (await off.gateway.createOrder(order))._unsafeUnwrap();
      expect(spans.getFinishedSpans()).toEqual([]);
    } finally {
      trace.disable();
    }
    const broken = {
      startSpan: () => {
        throw new Error('tracer down');
      },
    };
    const { gateway } = fakeGateway({}, { telemetry: { tracer: broken } });
    expect((await gateway.createOrder(order))._unsafeUnwrap().provider).toBe('a');
  });
});
