/**
 * The loopback provider: a child process (so it has its own core and event loop) answering
 * `POST /orders` like Juspay (form in, short JSON order out) and `POST /router/orders` like Flowwise
 * (JSON in and out). Plain HTTP on a free port, and HTTPS on port 443 when a certificate is given and
 * the port can be bound (Juspay's SDK can reach nothing else). `GET /__last?path=/orders` returns the
 * last body received on that path, so the bench can check that a baseline sends payroute's bytes.
 *
 * Started by `startProviderServer()`; run directly it is the child.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { flowwiseAnswer, juspayAnswer } from '../fixtures.js';

export interface ProviderServer {
  /** `http://127.0.0.1:<port>` */
  readonly httpUrl: string;
  /** `https://127.0.0.1` (port 443), or undefined with the reason in `httpsSkipped`. */
  readonly httpsUrl: string | undefined;
  readonly httpsSkipped: string | undefined;
  close(): void;
}

interface Ready {
  readonly httpPort: number;
  readonly httpsPort: number | undefined;
  readonly httpsError: string | undefined;
}

export interface TlsFiles {
  readonly key: string;
  readonly cert: string;
}

/** Starts the server child; `tls` enables the HTTPS listener on port 443. */
export function startProviderServer(tls: TlsFiles | undefined): Promise<ProviderServer> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [JSON.stringify(tls ?? null)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the provider server exited early (code ${code})`)));
    child.once('message', (message) => {
      const ready = message as Ready;
      resolve({
        httpUrl: `http://127.0.0.1:${ready.httpPort}`,
        httpsUrl: ready.httpsPort === undefined ? undefined : 'https://127.0.0.1',
        httpsSkipped: ready.httpsPort === undefined ? (ready.httpsError ?? 'no certificate') : undefined,
        close: () => {
          child.removeAllListeners('exit');
          child.kill();
        },
      });
    });
  });
}

const ORDER_ID_IN_FORM = /(?:^|&)order_id=([^&]*)/;
const ORDER_ID_IN_JSON = /"order_id"\s*:\s*"([^"]*)"/;

function handler(lastBodies: Map<string, string>): http.RequestListener {
  return (req, res) => {
    const url = req.url ?? '/';
    if (req.method === 'GET' && url.startsWith('/__last?')) {
      const path = new URLSearchParams(url.slice('/__last?'.length)).get('path') ?? '';
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(lastBodies.get(path) ?? '');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      lastBodies.set(url, body);
      let answer: string | undefined;
      if (req.method === 'POST' && url === '/orders') {
        answer = juspayAnswer(decodeURIComponent(ORDER_ID_IN_FORM.exec(body)?.[1] ?? ''));
      } else if (req.method === 'POST' && url === '/router/orders') {
        answer = flowwiseAnswer(ORDER_ID_IN_JSON.exec(body)?.[1] ?? '');
      }
      if (answer === undefined) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"not found"}');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer) }).end(answer);
    });
  };
}

async function serve(tls: TlsFiles | null): Promise<void> {
  const lastBodies = new Map<string, string>();
  const plain = http.createServer(handler(lastBodies));
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  let httpsPort: number | undefined;
  let httpsError: string | undefined;
  if (tls) {
    const secure = https.createServer({ key: readFileSync(tls.key), cert: readFileSync(tls.cert) }, handler(lastBodies));
    try {
      await new Promise<void>((resolve, reject) => {
        secure.once('error', reject);
        secure.listen(443, '127.0.0.1', resolve);
      });
      httpsPort = (secure.address() as AddressInfo).port;
    } catch (error) {
      httpsError = `port 443 could not be bound (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    }
  }
  const ready: Ready = { httpPort: (plain.address() as AddressInfo).port, httpsPort, httpsError };
  process.send?.(ready);
  process.on('disconnect', () => process.exit(0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await serve(JSON.parse(process.argv[2] ?? 'null') as TlsFiles | null);
}
