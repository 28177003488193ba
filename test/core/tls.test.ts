import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport } from '../../src/transport.js';
import { startLoopback, type LoopbackServer } from '../loopback.js';

// A self-signed certificate for 127.0.0.1, made once with openssl and kept here (test only, no secret):
// no CA the transport trusts signed it, so every handshake with this server is refused.
const tls = {
  key: readFileSync(new URL('../tls/self-signed.key', import.meta.url)),
  cert: readFileSync(new URL('../tls/self-signed.crt', import.meta.url)),
};

let selfSigned: https.Server;
let selfSignedUrl: string;
let requestsSeen = 0;
let plainHttp: LoopbackServer;

beforeAll(async () => {
  selfSigned = https.createServer(tls, (_req, res) => {
    requestsSeen++;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => selfSigned.listen(0, '127.0.0.1', resolve));
  selfSignedUrl = `https://127.0.0.1:${(selfSigned.address() as AddressInfo).port}`;
  plainHttp = await startLoopback((_req, _body, res) => res.end('{}'));
});
afterAll(async () => {
  selfSigned.closeAllConnections();
  await new Promise((resolve) => selfSigned.close(resolve));
  await plainHttp.close();
});

const post = (baseUrl: string) =>
  createTransport({ provider: 'test', baseUrl, timeoutMs: 5_000 }).post({ path: '/orders', headers: {}, body: '{}' });

describe('a TLS failure before anything was sent', () => {
  it('is a network error saying the order does not exist when the certificate is rejected', async () => {
    const error = (await post(selfSignedUrl))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'network', retryable: true, orderMayExist: false, providerCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(requestsSeen).toBe(0);
  });

  it('is a network error saying the order does not exist when the handshake fails', async () => {
    // A plain HTTP server answers the TLS ClientHello with bytes that are no TLS record.
    const error = (await post(plainHttp.url.replace('http:', 'https:')))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'network', orderMayExist: false });
    expect(error.providerCode).toMatch(/^(EPROTO|ERR_SSL_)/);
  });
});
