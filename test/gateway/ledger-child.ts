/**
 * A second process for the gateway-over-Redis tests: `node --import tsx ledger-child.ts <settings JSON>`.
 * Its gateway routes juspay_main → flowwise_backup (the parent's sandbox) with a Redis ledger. It
 * prints `ready`, then for each line of stdin (a JSON array of orders) creates them all at once and
 * prints one JSON line: per order `{ orderId, provider, checkoutUrl, replayed }` or `{ orderId, kind }`.
 */
import { createInterface } from 'node:readline';
import { createClient } from 'redis';
import { createGateway, type Order } from '../../providers/entries/index.js';
import { redisLedger } from '../../src/ledger/redis/index.js';
import { gatewayConfig, outcomeOf, type ChildSettings } from './ledger-redis-setup.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as ChildSettings;
const client = createClient({ url: settings.redisUrl, socket: { reconnectStrategy: () => 50 } }).on('error', () => {});
await client.connect();
const gateway = createGateway(gatewayConfig(settings), { ledger: redisLedger({ client, prefix: settings.prefix, ttlSeconds: 60, timeoutMs: 2_000 }) });

console.log('ready');
for await (const line of createInterface({ input: process.stdin })) {
  const orders = JSON.parse(line) as Order[];
  const results = await Promise.all(orders.map((order) => gateway.createOrder(order)));
  console.log(JSON.stringify(results.map((result, i) => outcomeOf(orders[i]!.orderId, result))));
}
await client.close();
