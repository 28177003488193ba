import http from 'node:http';
import { getProxyForUrl } from 'proxy-from-env';
import { z } from 'zod';
import { PayrouteConfigError } from './errors.js';
import { onFirstUse } from './lazy-schema.js';
import { tunnelAgents } from './tunnel-agent.js';

const PROXY_MESSAGE = 'must be "env" or an http:// or https:// proxy origin, without a path, query or fragment';

function isProxyOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return /^https?:$/.test(url.protocol) && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash;
}

/**
 * An egress proxy: `http://host:port` or `https://host:port`, optionally with `user:password@`, or
 * `'env'` for the one `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` give. Messages never quote the URL,
 * which may hold the proxy's password.
 */
const proxySchema = onFirstUse(() =>
  z.string({ error: PROXY_MESSAGE }).refine((value) => value === 'env' || isProxyOrigin(value), PROXY_MESSAGE),
);

/** Options for how an adapter's requests leave the process: through a proxy, or through your own agent. */
export const egressOptionsSchema = onFirstUse(() => ({
  /**
   * Send through this egress proxy (https targets through a `CONNECT` tunnel, so the proxy never sees
   * a credential or a body), or `'env'` to follow `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY`, which are
   * ignored otherwise.
   */
  proxy: proxySchema().optional(),
  /** Your own `https.Agent` (custom CA, client certificate, socket limits), or an `http.Agent` for a loopback http base URL. */
  agent: z.instanceof(http.Agent, { error: 'must be an http.Agent or https.Agent' }).optional(),
}));

/** The egress options, as parsed. */
export interface EgressOptions {
  readonly proxy?: string | undefined;
  readonly agent?: http.Agent | undefined;
}

/** A transport's own agents; none means the process's shared keep-alive pair. */
export interface EgressAgents {
  readonly httpAgent?: http.Agent;
  readonly httpsAgent?: http.Agent;
}

/** The message for options that give both. */
export const EGRESS_CONFLICT = 'give proxy or agent, not both (an agent of your own can tunnel through a proxy itself)';

/**
 * The agents `subject` sends to `baseUrl` with: the caller's agent, a tunnel through the proxy, or none
 * (the shared pair) when there is neither or `'env'` names no proxy for this URL.
 *
 * @throws PayrouteConfigError when both are given, or the environment's proxy is no http(s) URL.
 */
export function egressAgents(subject: string, options: EgressOptions, baseUrl: string, timeoutMs: number): EgressAgents {
  if (options.agent && options.proxy !== undefined) throw new PayrouteConfigError(subject, [{ path: 'agent', message: EGRESS_CONFLICT }]);
  if (options.agent) return { httpAgent: options.agent, httpsAgent: options.agent };
  const proxy = options.proxy === 'env' ? getProxyForUrl(baseUrl) : options.proxy;
  if (!proxy) return {};
  if (!isProxyOrigin(proxy)) {
    throw new PayrouteConfigError(subject, [{ path: 'proxy', message: 'the environment names a proxy for this base URL that is not an http:// or https:// proxy URL' }]);
  }
  return tunnelAgents({ proxy: new URL(proxy), timeoutMs });
}
