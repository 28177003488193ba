/**
 * Egress through a fixed-IP proxy, against a loopback CONNECT proxy that records every byte it is
 * sent, and a loopback HTTPS target with a self-signed certificate (test/tls/). The proxy must see
 * only `CONNECT host:port` and TLS records: never the Authorization header, the key or the body.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { juspay } from '../../providers/juspay/index.js';
import { createGateway, PayrouteConfigError } from '../../providers/entries/index.js';
import { egressAgents } from '../../src/proxy.js';
import { createTransport } from '../../src/transport.js';
import { tunnelAgents } from '../../src/tunnel-agent.js';

const tls = {
  key: readFileSync(new URL('../tls/self-signed.key', import.meta.url)),
  cert: readFileSync(new URL('../tls/self-signed.crt', import.meta.url)),
};
const API_KEY = 'key_EGRESS_SECRET_4711';
const BODY = 'order_id=egress1&amount=100.15&customer_email=buyer%40example.com';
const AUTHORIZATION = `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`;

interface Seen {
  readonly authorization?: string | undefined;
  readonly body: string;
}

/** The HTTPS target: what reached it, and a JSON answer. */
const targetSaw: Seen[] = [];
const target = https.createServer(tls, (req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    targetSaw.push({ authorization: req.headers.authorization, body });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"answered":true}');
  });
});

/** The proxy: every CONNECT (its target and headers), every byte a client sent through it, any plain request. */
interface ProxyRecord {
  connects: Array<{ authority: string; headers: http.IncomingHttpHeaders }>;
  bytes: Buffer[];
  plainRequests: string[];
  /** Refuse every CONNECT with this status. */
  refuse?: number;
}
const proxied: ProxyRecord = { connects: [], bytes: [], plainRequests: [] };
const proxy = http.createServer((req, res) => {
  proxied.plainRequests.push(`${req.method} ${req.url}`);
  res.writeHead(400).end();
});
proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
  proxied.connects.push({ authority: req.url ?? '', headers: req.headers });
  if (proxied.refuse !== undefined) {
    client.end(`HTTP/1.1 ${proxied.refuse} Refused\r\nContent-Length: 0\r\n\r\n`);
    return;
  }
  const [host, port] = (req.url ?? '').split(':');
  const upstream = net.connect(Number(port), host, () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    client.on('data', (chunk: Buffer) => proxied.bytes.push(chunk));
    client.pipe(upstream).pipe(client);
  });
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
});

let targetUrl = '';
let proxyUrl = '';

const listen = async (server: http.Server | https.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};
const close = (server: http.Server | https.Server) =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  });

beforeAll(async () => {
  targetUrl = `https://127.0.0.1:${await listen(target)}`;
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
});
afterAll(async () => {
  await close(target);
  await close(proxy);
});
beforeEach(() => {
  targetSaw.length = 0;
  proxied.connects = [];
  proxied.bytes = [];
  proxied.plainRequests = [];
  delete proxied.refuse;
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Whatever the proxy was sent, checked for the secret in every form a header would carry it. */
function expectProxySawNoSecret(): void {
  const seen = Buffer.concat(proxied.bytes).toString('latin1');
  for (const secret of [API_KEY, AUTHORIZATION, Buffer.from(`${API_KEY}:`).toString('base64'), 'egress1', 'buyer%40example.com', 'POST /']) {
    expect(seen).not.toContain(secret);
  }
  expect(proxied.plainRequests).toEqual([]);
}

const post = (agents: ReturnType<typeof egressAgents>) =>
  createTransport({ provider: 'test', baseUrl: targetUrl, timeoutMs: 5_000, agents }).post({
    path: '/orders',
    headers: { Authorization: AUTHORIZATION, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: BODY,
  });

describe('a proxy tunnel', () => {
  it('carries a request end to end encrypted: the proxy sees only CONNECT host:port and TLS records', async () => {
    const { httpsAgent } = tunnelAgents({ proxy: new URL(proxyUrl), timeoutMs: 5_000 });
    // The request's own TLS options (here the test CA) go to the TLS session inside the tunnel.
    const answer = await new Promise<string>((resolve, reject) => {
      const request = https.request(`${targetUrl}/orders`, { method: 'POST', agent: httpsAgent, ca: tls.cert, headers: { authorization: AUTHORIZATION } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve(text));
      });
      request.on('error', reject);
      request.end(BODY);
    });
    httpsAgent.destroy();
    expect(answer).toBe('{"answered":true}');
    expect(targetSaw).toEqual([{ authorization: AUTHORIZATION, body: BODY }]);
    expect(proxied.connects.map((c) => c.authority)).toEqual([new URL(targetUrl).host]);
    expect(proxied.bytes.length).toBeGreaterThan(0);
    expectProxySawNoSecret();
  });

  it('sends an adapter\'s requests through the proxy given as its option, and verifies the target\'s certificate inside the tunnel', async () => {
    const provider = juspay({ apiKey: API_KEY, merchantId: 'acme', baseUrl: targetUrl, proxy: proxyUrl });
    const error = (await provider.createOrder({ orderId: 'egress1', amount: 10_015, currency: 'INR' }))._unsafeUnwrapErr();
    // The self-signed target is refused as without a proxy: nothing was sent, so no order exists.
    expect(error).toMatchObject({ kind: 'network', orderMayExist: false, providerCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(proxied.connects.map((c) => c.authority)).toEqual([new URL(targetUrl).host]);
    expect(targetSaw).toEqual([]);
    expectProxySawNoSecret();
  });

  it('sends the proxy\'s own credentials to the proxy only, as Proxy-Authorization on CONNECT', async () => {
    const withCredentials = proxyUrl.replace('http://', 'http://egress%40user:p%3Ass@');
    await post(egressAgents('test', { proxy: withCredentials }, targetUrl, 5_000));
    expect(proxied.connects[0]?.headers['proxy-authorization']).toBe(`Basic ${Buffer.from('egress@user:p:ss').toString('base64')}`);
  });

  it('is a network error saying nothing was sent when the proxy refuses the tunnel, never the proxy\'s answer as the provider\'s', async () => {
    proxied.refuse = 407;
    const error = (await post(egressAgents('test', { proxy: proxyUrl }, targetUrl, 5_000)))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'network', orderMayExist: false, providerCode: 'ERR_PROXY_407', retryable: true });
    expect(error.httpStatus).toBeUndefined();
    expect(targetSaw).toEqual([]);
  });

  it('is a network error saying nothing was sent when the proxy cannot be reached', async () => {
    const closed = net.createServer();
    const port = await listen(closed as unknown as http.Server);
    await new Promise((resolve) => closed.close(resolve));
    const error = (await post(egressAgents('test', { proxy: `http://127.0.0.1:${port}` }, targetUrl, 5_000)))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'network', orderMayExist: false, providerCode: 'ERR_PROXY_ECONNREFUSED' });
  });

  it('speaks TLS to an https:// proxy, verifying its certificate', async () => {
    const tlsProxy = https.createServer(tls);
    const port = await listen(tlsProxy);
    try {
      const error = (await post(egressAgents('test', { proxy: `https://127.0.0.1:${port}` }, targetUrl, 5_000)))._unsafeUnwrapErr();
      expect(error).toMatchObject({ kind: 'network', orderMayExist: false, providerCode: 'ERR_PROXY_DEPTH_ZERO_SELF_SIGNED_CERT' });
    } finally {
      await close(tlsProxy);
    }
  });
});

describe('your own agent', () => {
  it('is used for the adapter\'s requests: a custom CA trusts the self-signed target', async () => {
    const agent = new https.Agent({ ca: tls.cert, keepAlive: true });
    const answer = (await post(egressAgents('test', { agent }, targetUrl, 5_000)))._unsafeUnwrap();
    expect(answer).toMatchObject({ status: 200, body: '{"answered":true}' });
    expect(targetSaw).toEqual([{ authorization: AUTHORIZATION, body: BODY }]);
    // Through an adapter too: the request reaches the target, whose answer is no Juspay order.
    const provider = juspay({ apiKey: API_KEY, merchantId: 'acme', baseUrl: targetUrl, agent });
    expect((await provider.createOrder({ orderId: 'egress2', amount: 100, currency: 'INR' }))._unsafeUnwrapErr().kind).toBe('unexpected_response');
    expect(targetSaw[1]?.authorization).toBe(AUTHORIZATION);
    agent.destroy();
  });
});

describe('environment proxy variables', () => {
  it('are ignored without proxy: "env"', async () => {
    vi.stubEnv('HTTPS_PROXY', proxyUrl);
    vi.stubEnv('https_proxy', proxyUrl);
    await post(egressAgents('test', {}, targetUrl, 5_000));
    await juspay({ apiKey: API_KEY, merchantId: 'acme', baseUrl: targetUrl }).createOrder({ orderId: 'egress3', amount: 100, currency: 'INR' });
    expect(proxied.connects).toEqual([]);
  });

  it('are followed with proxy: "env", NO_PROXY included', async () => {
    vi.stubEnv('HTTPS_PROXY', proxyUrl);
    vi.stubEnv('NO_PROXY', 'example.com');
    await post(egressAgents('test', { proxy: 'env' }, targetUrl, 5_000));
    expect(proxied.connects.map((c) => c.authority)).toEqual([new URL(targetUrl).host]);
    vi.stubEnv('NO_PROXY', '127.0.0.1');
    await post(egressAgents('test', { proxy: 'env' }, targetUrl, 5_000));
    expect(proxied.connects).toHaveLength(1);
  });
});

describe('the gateway', () => {
  const entry = { type: 'juspay', apiKey: API_KEY, merchantId: 'acme' } as const;

  it('sends every built-in provider through its proxy unless the entry sets its own', async () => {
    const agent = new https.Agent({ ca: tls.cert });
    const gateway = createGateway({
      providers: { through_proxy: { ...entry, baseUrl: targetUrl }, own_agent: { ...entry, baseUrl: targetUrl, agent } },
      routing: { strategy: 'priority', order: ['through_proxy', 'own_agent'] },
      retry: { maxAttempts: 1 },
      proxy: proxyUrl,
    });
    await gateway.createOrder({ orderId: 'egress4', amount: 100, currency: 'INR' });
    // The first failed its certificate check inside the tunnel; the second went direct with its own CA
    // (its create, and the look-up that reconciles the answer that is no Juspay order).
    expect(proxied.connects).toHaveLength(1);
    expect(targetSaw.length).toBeGreaterThan(0);
    expect(new Set(targetSaw.map((seen) => seen.authorization))).toEqual(new Set([AUTHORIZATION]));
    agent.destroy();
  });
});

describe('egress options', () => {
  const configError = (options: Record<string, unknown>) => {
    try {
      juspay({ apiKey: API_KEY, merchantId: 'acme', environment: 'sandbox', ...options } as Parameters<typeof juspay>[0]);
    } catch (thrown) {
      expect(PayrouteConfigError.is(thrown)).toBe(true);
      return thrown as PayrouteConfigError;
    }
    throw new Error('accepted');
  };

  it('refuse a proxy that is no http(s) origin, without quoting it (it may hold a password)', () => {
    for (const proxyOption of ['socks5://user:hunter22@10.0.0.1:1080', 'http://user:hunter22@10.0.0.1:3128/path', 'hunter22']) {
      const error = configError({ proxy: proxyOption });
      expect(error.fields).toEqual([{ path: 'proxy', message: 'must be "env" or an http:// or https:// proxy origin, without a path, query or fragment' }]);
      expect(error.message).not.toContain('hunter22');
    }
  });

  it('refuse both a proxy and an agent, and an agent that is none', () => {
    expect(configError({ proxy: proxyUrl, agent: new https.Agent() }).fields).toEqual([
      { path: 'agent', message: 'give proxy or agent, not both (an agent of your own can tunnel through a proxy itself)' },
    ]);
    expect(configError({ agent: { keepAlive: true } }).fields.map((f) => f.path)).toEqual(['agent']);
  });

  it('refuse an environment proxy that is no http(s) URL, without quoting it', () => {
    vi.stubEnv('HTTPS_PROXY', 'socks5://user:hunter22@10.0.0.1:1080');
    const error = configError({ proxy: 'env' });
    expect(error.fields.map((f) => f.path)).toEqual(['proxy']);
    expect(error.message).not.toContain('hunter22');
  });
});
