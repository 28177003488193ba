// A gateway with Juspay first and Flowwise as backup, logging every attempt; Juspay is made to fail.
// Run: npx tsx examples/gateway-failover.ts
import { createGateway } from 'payroute';
import { startSandbox } from 'payroute/sandbox';

const sandbox = await startSandbox();
const gateway = createGateway(
  {
    providers: {
      juspay_main: { type: 'juspay', ...sandbox.juspay.adapterOptions, timeoutMs: 2_000 },
      flowwise_backup: { type: 'flowwise', ...sandbox.flowwise.adapterOptions, timeoutMs: 2_000 },
    },
    routing: { strategy: 'priority', order: ['juspay_main', 'flowwise_backup'] },
  },
  {
    hooks: {
      onAttempt: (event) => console.log(`attempt ${event.provider} ${event.orderId}: ${event.outcome} in ${Math.round(event.durationMs)} ms`),
      onFallback: (event) => console.log(`fallback ${event.provider} -> ${event.next} after ${event.errorKind}`),
    },
  },
);

sandbox.juspay.setFaults({ failure: { kind: 'status', status: 503 } });
const result = await gateway.createOrder({ orderId: 'ord1002', amount: 10015, currency: 'INR', returnUrl: 'https://shop.example.com/return' });
result.match(
  (session) => console.log(`created at ${session.provider} after ${session.attempts.length} failed attempt(s): ${session.checkoutUrl}`),
  (error) => console.error(`failed: ${error.kind}: ${error.message}`),
);
console.log('health:', JSON.stringify(gateway.health()));
await sandbox.close();
process.exitCode = result.isOk() ? 0 : 1;
