import http from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/**
 * Every error raised while the tunnel is set up has a code starting with this: nothing of the request
 * has been written then (it goes through the tunnel only once it is open), so the order does not exist.
 */
export const PROXY_ERROR_PREFIX = 'ERR_PROXY_';

type ConnectionCallback = (error: Error | null, socket: Duplex) => void;

interface TunnelOptions {
  /** The proxy: `http://` or `https://`, optionally with `user:password@`. */
  readonly proxy: URL;
  /** How long the proxy may take to open the tunnel. */
  readonly timeoutMs: number;
}

/**
 * Agents that reach every target through an egress proxy's `CONNECT` tunnel, with keep-alive pools
 * of tunnelled connections. The proxy sees the target's host and port and, for an https target, only
 * TLS records: the request line, headers (credentials) and body are encrypted end to end.
 */
export function tunnelAgents(options: TunnelOptions): { readonly httpAgent: http.Agent; readonly httpsAgent: https.Agent } {
  return { httpAgent: new HttpTunnelAgent(options), httpsAgent: new HttpsTunnelAgent(options) };
}

class HttpTunnelAgent extends http.Agent {
  constructor(private readonly tunnel: TunnelOptions) {
    super({ keepAlive: true });
  }

  override createConnection(options: http.ClientRequestArgs, callback?: ConnectionCallback): Duplex | undefined {
    openTunnel(this.tunnel, options, (error, socket) => callback?.(error, socket as Duplex));
    return undefined;
  }
}

class HttpsTunnelAgent extends https.Agent {
  constructor(private readonly tunnel: TunnelOptions) {
    super({ keepAlive: true });
  }

  override createConnection(options: https.RequestOptions, callback?: ConnectionCallback): Duplex | undefined {
    openTunnel(this.tunnel, options, (error, socket) => {
      if (error || !socket) return callback?.(error, socket as Duplex);
      const host = options.hostname ?? options.host ?? '';
      // The TLS session with the target runs inside the tunnel; SNI names a host, never an IP literal.
      const servername = options.servername ?? (isIP(host) === 0 ? host : undefined);
      // The request's TLS options (ca, cert, key, ...) apply to the target, and its host to the certificate check.
      const { host: _host, port: _port, path: _path, ...secure } = options;
      callback?.(null, tls.connect({ ...secure, host, socket, ...(servername ? { servername } : {}) }));
    });
    return undefined;
  }
}

function openTunnel(tunnel: TunnelOptions, target: http.ClientRequestArgs, done: (error: Error | null, socket?: Socket) => void): void {
  const { proxy } = tunnel;
  const host = target.hostname ?? target.host ?? '';
  const authority = `${isIP(host) === 6 ? `[${host}]` : host}:${target.port ?? (target.protocol === 'http:' ? 80 : 443)}`;
  const secure = proxy.protocol === 'https:';
  const connect = (secure ? https : http).request({
    host: proxy.hostname.replace(/^\[|\]$/g, ''),
    port: proxy.port || (secure ? 443 : 80),
    method: 'CONNECT',
    path: authority,
    headers: { host: authority, ...proxyAuthorization(proxy) },
    agent: false,
    ...(secure && isIP(proxy.hostname) === 0 ? { servername: proxy.hostname } : {}),
  });
  let settled = false;
  const fail = (code: string, message: string) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    connect.destroy();
    done(Object.assign(new Error(message), { code: `${PROXY_ERROR_PREFIX}${code}` }));
  };
  const timer = setTimeout(() => fail('TIMEOUT', 'the egress proxy did not open the tunnel in time'), tunnel.timeoutMs);
  connect.once('error', (error: Error & { code?: string }) => fail(error.code ?? 'ERROR', 'could not reach the egress proxy'));
  connect.once('connect', (response, socket, head) => {
    if (response.statusCode !== 200) {
      socket.destroy();
      fail(String(response.statusCode), `the egress proxy refused the tunnel (HTTP ${response.statusCode})`);
      return;
    }
    // Bytes of the target's that came with the proxy's answer go back in front of the stream.
    if (head.length > 0) socket.unshift(head);
    settled = true;
    clearTimeout(timer);
    done(null, socket);
  });
  connect.end();
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username && !proxy.password) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}
