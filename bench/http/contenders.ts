/**
 * The clients under test, each sending `fixtures.order` to the loopback provider and resolving only
 * when the provider created it.
 */
import http from 'node:http';
import https from 'node:https';
import axios from 'axios';
import type { ResultAsync } from 'neverthrow';
import type { GatewayError, Order } from '../../src/index.js';
import type { Payroute } from '../dist.js';
import { credentials, flowwiseHeaders, flowwiseJson, juspayFields, juspayForm, juspayHeaders, order } from '../fixtures.js';
import type { Contender } from './runner.js';

/** What a contender calls: an adapter or a gateway, each creating the order and never rejecting. */
interface Provider {
  createOrder(order: Order): ResultAsync<unknown, GatewayError>;
}

function payrouteContender(label: string, provider: Provider, id = 'payroute', nextOrder: () => Order = () => order): Contender {
  return {
    id,
    label,
    send: async () => {
      const result = await provider.createOrder(nextOrder());
      if (result.isErr()) throw new Error(`${result.error.kind}: ${result.error.message}`);
    },
  };
}

/** payroute's `juspay()` adapter, from the build. */
export function payrouteJuspay(payroute: Payroute, baseUrl: string): Contender {
  return payrouteContender('payroute `juspay()` createOrder', payroute.juspay({ ...credentials.juspay, baseUrl }));
}

/** payroute's `flowwise()` adapter, from the build; Flowwise's API lives under `/router`. */
export function payrouteFlowwise(payroute: Payroute, baseUrl: string): Contender {
  return payrouteContender('payroute `flowwise()` createOrder', payroute.flowwise({ ...credentials.flowwise, baseUrl: `${baseUrl}/router` }));
}

/**
 * payroute's `createGateway` from the build, with one provider entry of `type` routed to the loopback
 * server (priority routing, default retry, fallback and circuit breaker settings): what the gateway
 * adds over calling the adapter directly. Flowwise's API lives under `/router`.
 */
export function payrouteGateway(payroute: Payroute, type: 'juspay' | 'flowwise', baseUrl: string): Contender {
  const entry =
    type === 'juspay'
      ? { type, ...credentials.juspay, baseUrl }
      : { type, ...credentials.flowwise, baseUrl: `${baseUrl}/router` };
  const gateway = payroute.core.createGateway({
    providers: { [type]: entry },
    routing: { strategy: 'priority', order: [type] },
  });
  // A new order id each time, of the fixture's length: the gateway's ledger replays a repeated one without a request.
  let serial = 0;
  const nextOrder = () => ({ ...order, orderId: `bench_${String(++serial).padStart(12, '0')}` });
  return payrouteContender(`payroute \`createGateway()\` createOrder (one ${type} entry)`, gateway, 'gateway', nextOrder);
}

/**
 * An axios instance as a careful caller sets it up: keep-alive agents of its own. `tuned` adds the
 * options payroute's own instance uses (no redirect following, no proxy lookup from the environment,
 * the body passed and returned as text), to show how much of the difference is axios configuration.
 */
function axiosClient(tuned: boolean) {
  const agents = { httpAgent: new http.Agent({ keepAlive: true }), httpsAgent: new https.Agent({ keepAlive: true }) };
  if (!tuned) return axios.create(agents);
  const asIs = (data: unknown) => data;
  return axios.create({ ...agents, maxRedirects: 0, proxy: false, responseType: 'text', transformRequest: [asIs], transformResponse: [asIs] });
}

function axiosContender(tuned: boolean, url: string, body: string, headers: Record<string, string>, kind: string): Contender {
  const client = axiosClient(tuned);
  return tuned
    ? {
        id: 'axios-tuned',
        label: `axios POST (hand-built ${kind}), tuned like payroute's instance`,
        // Parses the answer itself, as payroute does; the bare one leaves that to axios' default.
        send: async () => void JSON.parse((await client.post<string>(url, body, { headers })).data),
      }
    : { id: 'axios', label: `bare axios POST (hand-built ${kind})`, send: async () => void (await client.post(url, body, { headers })) };
}

/** A bare axios POST of the hand-built Juspay form; the answer is parsed as JSON (axios' default) and not checked. */
export function axiosJuspay(baseUrl: string, tuned = false): Contender {
  return axiosContender(tuned, `${baseUrl}/orders`, juspayForm, juspayHeaders, 'form');
}

/** A bare axios POST of the hand-built Flowwise JSON body. */
export function axiosFlowwise(baseUrl: string, tuned = false): Contender {
  return axiosContender(tuned, `${baseUrl}/router/orders`, flowwiseJson, flowwiseHeaders, 'JSON');
}

/**
 * Juspay's official Node SDK, with its logger silenced (by default it writes every request body to
 * `logs/juspay-sdk.log` and, outside production, to the console). It takes its base URL's host but not
 * its port and always speaks TLS, so it needs the HTTPS listener on 443.
 */
export async function juspaySdk(baseUrl: string): Promise<Contender> {
  const { Juspay } = await import('expresscheckout-nodejs');
  Juspay.customLogger = Juspay.silentLogger;
  const sdk = new Juspay({ ...credentials.juspay, baseUrl, version: juspayHeaders.version });
  // The same fields as payroute sends (the SDK passes the dotted `metadata.cart` key through as is);
  // its types want the amount as a number, so it sends "2499.5" where payroute sends "2499.50".
  const body = { ...Object.fromEntries(juspayFields), order_id: order.orderId, amount: 2499.5 };
  return {
    id: 'sdk',
    label: 'expresscheckout-nodejs `order.create`',
    send: async () => void (await sdk.order.create(body)),
  };
}

/**
 * Cashfree's official SDK creating the same order as a Cashfree PG order, with its error analytics
 * (Sentry, on by default, sampling every transaction) switched off, and its base path moved to the
 * loopback server. It uses axios' global instance, whose agent keeps connections alive on Node 20.
 */
export async function cashfreeSdk(baseUrl: string): Promise<Contender> {
  const { Cashfree, CFEnvironment } = await import('cashfree-pg');
  const sdk = new Cashfree(CFEnvironment.SANDBOX, credentials.flowwise.clientId, credentials.flowwise.clientSecret, undefined, undefined, undefined, false);
  sdk.basePath = `${baseUrl}/router`;
  const request = {
    order_id: order.orderId,
    order_amount: 2499.5,
    order_currency: order.currency,
    customer_details: { customer_id: order.customer.id, customer_email: order.customer.email, customer_phone: order.customer.phone },
    order_meta: { return_url: order.returnUrl },
    order_note: order.description,
    order_tags: { ...order.metadata },
  };
  return {
    id: 'sdk',
    label: 'cashfree-pg `PGCreateOrder`',
    send: async () => void (await sdk.PGCreateOrder(request)),
  };
}
