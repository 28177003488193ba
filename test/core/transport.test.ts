import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTransport } from '../../src/transport.js';
import { startLoopback, type LoopbackServer } from '../loopback.js';

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopback((req, body, res) => {
    if (req.url === '/hang') return;
    if (req.url === '/trickle') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (req.url === '/huge') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(`"${'x'.repeat(2 * 1024 * 1024)}"`);
    }
    res.writeHead(201, { 'Content-Type': 'application/json', 'X-Echo': 'yes' });
    res.end(JSON.stringify({ path: req.url, body }));
  });
});
afterAll(() => server.close());

const transport = (timeoutMs = 300) => createTransport({ provider: 'test', baseUrl: server.url, timeoutMs });
const request = (path: string) => ({ path, headers: { 'Content-Type': 'text/plain' }, body: 'hello' });

describe('transport', () => {
  it('returns any status with lower-case headers and the raw body', async () => {
    const response = (await transport().post(request('/ok')))._unsafeUnwrap();
    expect(response.status).toBe(201);
    expect(response.headers['x-echo']).toBe('yes');
    expect(JSON.parse(response.body)).toEqual({ path: '/ok', body: 'hello' });
  });

  it('reuses one kept-alive connection for sequential calls', async () => {
    const before = server.clientPorts.length;
    const t = transport();
    for (let i = 0; i < 5; i++) (await t.post(request('/ok')))._unsafeUnwrap();
    expect(new Set(server.clientPorts.slice(before)).size).toBe(1);
  });

  it('gives up on headers that never come at the deadline, as a timeout', async () => {
    expect((await transport(150).post(request('/hang')))._unsafeUnwrapErr()).toMatchObject({ kind: 'timeout', orderMayExist: true });
  });

  it('enforces the deadline on the whole call, not only on idle sockets', async () => {
    expect((await transport(200).post(request('/trickle')))._unsafeUnwrapErr().kind).toBe('timeout');
  });

  it('refuses a body larger than the limit', async () => {
    expect((await transport(2000).post(request('/huge')))._unsafeUnwrapErr()).toMatchObject({ kind: 'unexpected_response' });
  });

  it('takes one signal shared by many calls in flight without a "possible memory leak" warning, and lets go of it', async () => {
    const warnings = vi.spyOn(process, 'emitWarning');
    const shutdown = new AbortController();
    const t = transport(2000);
    const responses = await Promise.all(Array.from({ length: 20 }, () => t.post(request('/ok'), shutdown.signal)));
    expect(responses.filter((r) => r.isOk())).toHaveLength(20);
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
    expect(warnings.mock.calls.map(([warning]) => String(warning)).filter((w) => /memory leak/.test(w))).toEqual([]);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const before = server.clientPorts.length;
    const error = (await transport().post(request('/ok'), AbortSignal.abort()))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'aborted', orderMayExist: false, retryable: false });
    expect(server.clientPorts.length).toBe(before);
  });

  it('stops at once when the caller aborts mid-flight', async () => {
    const controller = new AbortController();
    const pending = transport(5000).post(request('/hang'), controller.signal);
    setTimeout(() => controller.abort(), 30);
    expect((await pending)._unsafeUnwrapErr()).toMatchObject({ kind: 'aborted', orderMayExist: true });
  });

  it('reports a refused connection as certainly not sent', async () => {
    const closed = await startLoopback(() => undefined);
    await closed.close();
    const error = (await createTransport({ provider: 'test', baseUrl: closed.url, timeoutMs: 500 }).post(request('/ok')))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'network', providerCode: 'ECONNREFUSED', orderMayExist: false, retryable: true });
  });
});
