// run.ts — Acme Pay through the gateway: retries, a fallback and a circuit breaker, against two local
// servers that speak its protocol (the first always fails). Run: npx tsx examples/custom-provider/run.ts
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway } from 'payroute';
import { acmePay } from './acme-pay.js';

/** A local Acme Pay: `failing` answers 500 to everything; otherwise it creates the order. */
async function acmeServer(failing: boolean): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const order = JSON.parse(text) as { reference: string; amount_minor: number; currency: string };
      const [status, body] = failing
        ? [500, { error: { code: 'internal', message: 'Acme Pay is having a bad day' } }]
        : [201, { id: `acme_${order.reference}`, reference: order.reference, status: 'open', pay_url: `http://127.0.0.1/pay/${order.reference}`, amount_minor: order.amount_minor, currency: order.currency }];
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const primary = await acmeServer(true);
const backup = await acmeServer(false);
const gateway = createGateway(
  {
    providers: {
      acme_primary: { type: 'acme-pay', apiKey: 'acme_key_primary', baseUrl: primary.url },
      acme_backup: { type: 'acme-pay', apiKey: 'acme_key_backup', baseUrl: backup.url },
    },
    routing: { strategy: 'priority', order: ['acme_primary', 'acme_backup'] },
    retry: { maxAttempts: 2, initialDelayMs: 10 },
    circuitBreaker: { policy: 'consecutive', failures: 2 },
  },
  { providers: [acmePay] },
);

const order = { amount: 10_015, currency: 'INR', returnUrl: 'https://shop.example.com/return' };
for (const orderId of ['acme_1', 'acme_2']) {
  const result = await gateway.createOrder({ ...order, orderId });
  result.match(
    (session) => {
      const tries = session.attempts.map((a) => `${a.provider} ${a.error.kind}`).join(', ') || 'none';
      const skipped = session.skipped.map((s) => `${s.provider} (${s.reason})`).join(', ') || 'none';
      console.log(`${orderId} created at ${session.provider}; failed tries: ${tries}; skipped: ${skipped}`);
    },
    (error) => console.log(`${orderId} failed: ${error.kind}: ${error.message}`),
  );
}
console.log(gateway.health().map((h) => `${h.provider}: ${h.circuit}`).join('; '));
primary.server.close();
backup.server.close();
