import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  readonly url: string;
  /** Remote ports of the connections seen, one entry per request. */
  readonly clientPorts: number[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1, port 0, whose handler gets the request and its body. */
export async function startLoopback(
  handle: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void,
): Promise<LoopbackServer> {
  const clientPorts: number[] = [];
  const server = http.createServer((req, res) => {
    clientPorts.push(req.socket.remotePort ?? 0);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handle(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clientPorts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
