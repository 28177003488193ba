import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosResponse } from 'axios';
import { err, ok, type Result } from 'neverthrow';
import { AbortFlag, type AbortLike } from './abort.js';
import { listenForAbort } from './abort-listener.js';
import { payrouteError, type PayrouteError } from './errors.js';
import { extend } from './extend.js';
import { isLoopbackUrl } from './loopback.js';
import type { EgressAgents } from './proxy.js';
import { PROXY_ERROR_PREFIX } from './tunnel-agent.js';
import { VERSION } from './version.js';

/** A request as an adapter builds it: the transport adds the base URL, user agent and deadline. */
export interface HttpRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Any answer with a status line; the adapter decides what the status and body mean. */
export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface TransportOptions {
  /** Provider instance name, for errors. */
  readonly provider: string;
  readonly baseUrl: string;
  /** Deadline for the whole call, connect to last body byte. */
  readonly timeoutMs: number;
  /** Largest response body accepted, in bytes. */
  readonly maxBodyBytes?: number;
  /** This transport's own agents (a proxy tunnel, or the caller's agent); the shared keep-alive pair otherwise. */
  readonly agents?: EgressAgents;
}

/** A request without a body, such as a look-up. */
export type HttpGetRequest = Omit<HttpRequest, 'body'>;

export interface Transport {
  /** True when the base URL is this machine (the sandbox), whose pages are served over plain http. */
  readonly loopback: boolean;
  /** The base URL every path is sent under, without a trailing slash. */
  readonly baseUrl: string;
  /** Never rejects. A plain promise rather than a `ResultAsync`: awaiting a thenable costs two more promises. */
  post(request: HttpRequest, signal?: AbortLike): Promise<Result<HttpResponse, PayrouteError>>;
  get(request: HttpGetRequest, signal?: AbortLike): Promise<Result<HttpResponse, PayrouteError>>;
}

export const USER_AGENT = `payroute/${VERSION} node/${process.versions.node}`;

// One pool per process, so several accounts at one provider share warm connections.
const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgent = new https.Agent({ keepAlive: true });

const client = axios.create({
  httpAgent,
  httpsAgent,
  maxRedirects: 0,
  proxy: false,
  responseType: 'text',
  // Adapters hand over finished bodies: axios' default would JSON.parse a JSON body again to check it.
  transformRequest: [(data: unknown) => data],
  transformResponse: [(data: unknown) => data],
  validateStatus: () => true,
  decompress: true,
});

/**
 * Network error codes for which nothing reached the provider, so the order certainly does not exist.
 * The TLS ones fail the handshake, and the request is written only after it.
 */
const NOT_SENT = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL',
  // The certificate was refused (Node's names for OpenSSL's verify errors).
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE', 'INVALID_CA', 'ERR_TLS_CERT_ALTNAME_INVALID',
  // The handshake broke off (no common protocol or cipher, or the peer does not speak TLS).
  'EPROTO',
  // An agent of the wrong protocol (an http.Agent for https): Node refuses before connecting.
  'ERR_INVALID_PROTOCOL',
]);
// The egress proxy's tunnel could not be opened: the request goes through it only once it is.
const notSent = (code: string) => NOT_SENT.has(code) || code.startsWith('ERR_SSL_') || code.startsWith(PROXY_ERROR_PREFIX);

/**
 * The one place payroute does I/O. It never keeps an `AxiosError` (its `toJSON` holds the request
 * headers, and with them the credentials): it copies out the code and builds a `PayrouteError`.
 */
export function createTransport(options: TransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const agents: EgressAgents = options.agents ?? {};

  // One async function per call: neverthrow's combinators (`fromPromise`, `map`) each add promises and a
  // generator-based `__awaiter` step, which showed in the benchmark.
  const send = async (request: HttpGetRequest & { readonly body?: string }, signal: AbortLike | undefined): Promise<Result<HttpResponse, PayrouteError>> => {
    if (signal?.aborted) return err(abortedError(options.provider, false));
    // The call's own deadline and the caller's abort, in one flag axios can take as its signal.
    const deadline = new AbortFlag();
    const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
    const stopListening = signal ? listenForAbort(signal, () => deadline.abort()) : undefined;
    let response: AxiosResponse<unknown>;
    try {
      const config = extend(agents, { headers: { 'User-Agent': USER_AGENT, ...request.headers }, signal: deadline, maxContentLength: maxBody });
      const url = `${base}${request.path}`;
      response = await (request.body === undefined ? client.get<string>(url, config) : client.post<string>(url, request.body, config));
    } catch (error) {
      return err(toTransportError(options, error, signal?.aborted === true));
    } finally {
      clearTimeout(timer);
      stopListening?.();
    }
    return ok(toHttpResponse(response));
  };
  return {
    baseUrl: base,
    loopback: URL.canParse(base) && isLoopbackUrl(new URL(base)),
    post: send,
    get: (request, signal) => send({ path: request.path, headers: request.headers }, signal),
  };
}

function toHttpResponse(response: AxiosResponse<unknown>): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
    else if (Array.isArray(value)) headers[name.toLowerCase()] = value.join(', ');
  }
  return { status: response.status, headers, body: typeof response.data === 'string' ? response.data : '' };
}

function abortedError(provider: string, sent: boolean): PayrouteError {
  return payrouteError({
    kind: 'aborted',
    provider,
    retryable: false,
    orderMayExist: sent,
    message: sent ? 'the caller aborted the request after it was sent' : 'the caller aborted the request before it was sent',
  });
}

function toTransportError(options: TransportOptions, error: unknown, callerAborted: boolean): PayrouteError {
  const { provider } = options;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'UNKNOWN';
  if (callerAborted) return abortedError(provider, true);
  if (code === 'ERR_CANCELED' || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return payrouteError({
      kind: 'timeout',
      provider,
      retryable: true,
      orderMayExist: true,
      message: `no complete answer within ${options.timeoutMs} ms`,
    });
  }
  if (code === 'ERR_BAD_RESPONSE' && error instanceof Error && /maxContentLength/.test(error.message)) {
    return payrouteError({
      kind: 'unexpected_response',
      provider,
      retryable: false,
      orderMayExist: true,
      message: `the response body is larger than ${options.maxBodyBytes ?? 1024 * 1024} bytes`,
    });
  }
  const sent = !notSent(code);
  return payrouteError({
    kind: 'network',
    provider,
    retryable: true,
    orderMayExist: sent,
    providerCode: code,
    message: sent
      ? `the connection failed after the request was sent (${code})`
      : `could not reach the provider (${code})`,
  });
}
