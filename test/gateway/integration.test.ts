import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGateway, type AttemptEvent, type FallbackEvent, type Gateway } from '../../src/index.js';

const JUSPAY_KEY = 'jp_live_INTEGRATIONSECRET_42';
const FW_SECRET = 'fw_secret_INTEGRATIONSECRET_43';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback HTTP server whose answer the test sets, counting the requests it gets. */
async function loopback() {
  let handler: Handler = (_req, res) => res.writeHead(500).end();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    // Read the body first so an answer is never sent before the request is complete.
    req.resume().on('end', () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer: (next: Handler) => (handler = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => (_req, res) =>
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));

const flowwiseOrder = (orderId: string) => ({
  order_id: orderId,
  order_hash: `hash_${orderId}`,
  order_status: 'ACTIVE',
  checkout_url: `https://checkout.flowwise.example/${orderId}`,
});

let primary: Awaited<ReturnType<typeof loopback>>;
let backup: Awaited<ReturnType<typeof loopback>>;
let gateway: Gateway;
let attempts: AttemptEvent[];
let fallbacks: FallbackEvent[];

beforeAll(async () => {
  [primary, backup] = await Promise.all([loopback(), loopback()]);
});

afterAll(async () => {
  await Promise.all([primary.close(), backup.close()]);
});

beforeEach(() => {
  primary.requests.length = 0;
  backup.requests.length = 0;
  attempts = [];
  fallbacks = [];
  backup.answer(json(200, flowwiseOrder('ord_it_1')));
  gateway = createGateway(
    {
      providers: {
        juspay_main: { type: 'juspay', apiKey: JUSPAY_KEY, merchantId: 'acme', baseUrl: primary.url, timeoutMs: 200 },
        flowwise_backup: { type: 'flowwise', clientId: 'fw_client', clientSecret: FW_SECRET, baseUrl: backup.url, timeoutMs: 200 },
      },
      routing: { strategy: 'priority', order: ['juspay_main', 'flowwise_backup'] },
      retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 10, deadlineMs: 5_000 },
    },
    { hooks: { onAttempt: (e) => attempts.push(e), onFallback: (e) => fallbacks.push(e) } },
  );
});

/** The primary's create-order fails by `fail`; its look-up says it holds no such order (Juspay's 400 NOT_FOUND). */
const failingCreates = (fail: Handler): Handler => (req, res) =>
  req.method === 'GET' ? json(400, { status: 'NOT_FOUND', status_id: 40, error_info: { user_message: 'Order not found' } })(req, res) : fail(req, res);

const order = { orderId: 'ord_it_1', amount: 10_015, currency: 'INR', customer: { id: 'cust_1', email: 'a@example.com' } };

/** Nothing the gateway returned or reported holds a credential. */
function expectNoSecrets(...values: unknown[]) {
  const text = JSON.stringify(values);
  for (const secret of [JUSPAY_KEY, FW_SECRET, Buffer.from(`${JUSPAY_KEY}:`).toString('base64')]) expect(text).not.toContain(secret);
}

describe('failover over loopback HTTP', () => {
  it('creates the order at the primary when it answers', async () => {
    primary.answer(json(200, { status: 'CREATED', status_id: 1, id: 'ordeh_1', order_id: 'ord_it_1', payment_links: { web: 'https://pay.juspay.example/1' } }));
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'juspay_main', providerOrderId: 'ordeh_1', attempts: [] });
    expect(backup.requests).toEqual([]);
  });

  it('falls back at once when the primary answers 503', async () => {
    primary.answer(json(503, { status: 'error', error_code: 'service_unavailable' }));
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'flowwise_backup', providerOrderId: 'hash_ord_it_1', status: 'created' });
    expect(session.attempts).toEqual([
      { provider: 'juspay_main', durationMs: expect.any(Number), error: expect.objectContaining({ kind: 'provider_unavailable', httpStatus: 503, orderMayExist: false }) },
    ]);
    expect(primary.requests).toHaveLength(1);
    expect(fallbacks).toEqual([expect.objectContaining({ provider: 'juspay_main', next: 'flowwise_backup', orderMayExist: false })]);
    expectNoSecrets(session, attempts, fallbacks);
  });

  it('after each connection reset looks the order up; not found there, retries the primary, then falls back with no duplicate risk', async () => {
    primary.answer(failingCreates((req) => req.socket.destroy()));
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'flowwise_backup', duplicateRisk: [] });
    expect(session.attempts.map((a) => [a.provider, a.error.kind, a.error.orderMayExist, a.reconciliation])).toEqual([
      ['juspay_main', 'network', true, 'not_found'],
      ['juspay_main', 'network', true, 'not_found'],
    ]);
    expect(primary.requests).toEqual(['/orders', '/orders/ord_it_1', '/orders', '/orders/ord_it_1']);
    expect(fallbacks[0]).toMatchObject({ errorKind: 'network', orderMayExist: false });
    expectNoSecrets(session, attempts, fallbacks);
  });

  it('falls back when the primary never sends headers within its timeout', async () => {
    primary.answer(failingCreates(() => undefined));
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session.provider).toBe('flowwise_backup');
    expect(session.attempts.map((a) => [a.provider, a.error.kind, a.error.message])).toEqual([
      ['juspay_main', 'timeout', 'no complete answer within 200 ms'],
      ['juspay_main', 'timeout', 'no complete answer within 200 ms'],
    ]);
  });

  it('falls back when the primary answers with an HTML error page', async () => {
    primary.answer(failingCreates((_req, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>')));
    const session = (await gateway.createOrder(order))._unsafeUnwrap();
    expect(session.provider).toBe('flowwise_backup');
    expect(session.attempts[0]?.error).toMatchObject({
      kind: 'provider_unavailable',
      httpStatus: 502,
      message: 'juspay_main answered HTTP 502 with an HTML page instead of JSON',
    });
    expectNoSecrets(session);
  });

  it('stops, and says the first try probably created the order, when a retry after a reset meets a duplicate', async () => {
    let count = 0;
    primary.answer((req, res) => {
      count += 1;
      if (count === 1) return req.socket.destroy();
      json(400, { status: 'order_already_created', error_message: 'Order with id = "ord_it_1" already created.' })(req, res);
    });
    const error = (await gateway.createOrder(order))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'duplicate_order', provider: 'juspay_main', orderMayExist: true });
    expect(error.message).toContain('probably created it');
    expect(error.attempts?.map((a) => a.error.kind)).toEqual(['network', 'duplicate_order']);
    expect(backup.requests).toEqual([]);
  });

  it('returns all_providers_failed with every attempt when both fail', async () => {
    primary.answer(json(503, {}));
    backup.answer(json(503, { message: 'down', code: 'api_error', type: 'api_error' }, { 'Retry-After': '0' }));
    const error = (await gateway.createOrder(order))._unsafeUnwrapErr();
    expect(error.kind).toBe('all_providers_failed');
    expect(error.attempts?.map((a) => [a.provider, a.error.kind])).toEqual([
      ['juspay_main', 'provider_unavailable'],
      ['flowwise_backup', 'provider_unavailable'],
      ['flowwise_backup', 'provider_unavailable'],
    ]);
    expectNoSecrets(error, attempts);
  });
});
