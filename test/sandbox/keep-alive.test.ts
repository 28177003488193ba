import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultSandboxCredentials, startSandbox, type Sandbox } from '../../providers/entries/sandbox.js';

const MiB = 1024 * 1024;
const { clientId, clientSecret } = defaultSandboxCredentials.flowwise;
const headers = { 'x-client-id': clientId, 'x-client-secret': clientSecret, 'content-type': 'application/json' };

interface Exchange {
  readonly status?: number | undefined;
  readonly body?: string;
  /** The connection the request went out on. */
  readonly socket: Socket | undefined;
  readonly error?: string;
}

/** One POST through `agent`, resolved with the answer or the error (a closed connection may cut the upload short). */
function post(agent: Agent, url: string, body: string): Promise<Exchange> {
  return new Promise((resolve) => {
    let socket: Socket | undefined;
    const sent = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: text, socket }));
    });
    sent.on('socket', (assigned) => (socket = assigned));
    sent.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, socket }));
    sent.end(body);
  });
}

const orderBody = (orderId: string) =>
  JSON.stringify({ order_id: orderId, order_amount: 100.15, order_currency: 'INR', customer_details: { customer_phone: '9999999999' } });
/** A Flowwise order padded with an undocumented field to `bytes` bytes. */
const paddedBody = (orderId: string, bytes: number) => JSON.stringify({ order_id: orderId, pad: 'x'.repeat(bytes) });

describe('sandbox connections after an oversized body', () => {
  let sandbox: Sandbox;
  let agent: Agent;
  const url = () => `${sandbox.flowwise.url}/orders`;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => agent.destroy());
  afterAll(() => sandbox.close());

  it('refuses a body over 1 MiB and answers the next order on the same keep-alive socket', async () => {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const oversized = post(agent, url(), paddedBody('KA-BIG', 2 * MiB));
    const next = post(agent, url(), orderBody('KA-NEXT'));
    const refused = await oversized;
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body ?? '')).toMatchObject({ message: expect.stringContaining('larger than 1 MiB'), code: 'invalid_request' });
    const answered = await next;
    expect(answered.status).toBe(200);
    expect(answered.socket).toBe(refused.socket);
    expect(sandbox.flowwise.orders.get('KA-NEXT')).toBeDefined();
    expect(sandbox.flowwise.orders.get('KA-BIG')).toBeUndefined();
  });

  it('closes the connection after a body too large to drain, and answers the next order on a new one', async () => {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const huge = post(agent, url(), paddedBody('KA-HUGE', 20 * MiB));
    const next = post(agent, url(), orderBody('KA-AFTER'));
    const refused = await huge;
    // The server stops reading: the client sees the 400 or, still uploading, a closed connection.
    expect(refused.status === 400 || refused.error !== undefined).toBe(true);
    const answered = await next;
    expect(answered.status).toBe(200);
    expect(answered.socket).not.toBe(refused.socket);
    expect(sandbox.flowwise.orders.get('KA-AFTER')).toBeDefined();
  });
});
