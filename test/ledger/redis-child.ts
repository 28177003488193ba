/**
 * A second process for the Redis ledger tests: `node --import tsx redis-child.ts <url> <prefix> <mode> <ids...>`.
 * - `claim-and-hang`: claims the first id with a short lease, records an attempt at `juspay`, prints
 *   `claimed <owner>`, then waits to be killed;
 * - `race`: prints `ready`, waits for a line on stdin, claims every id at once, prints one JSON line of
 *   `[orderId, state, owner]` and exits.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { createClient } from 'redis';
import { redisLedger } from '../../src/ledger/redis/index.js';
import { fingerprint } from './fixtures.js';

const [url, prefix, mode, ...ids] = process.argv.slice(2);
const client = createClient({ url: url ?? '' });
client.on('error', () => {});
await client.connect();
const ledger = redisLedger({ client, prefix: prefix ?? '', ttlSeconds: 60, timeoutMs: 5_000 });

if (mode === 'claim-and-hang') {
  const id = ids[0] ?? '';
  const owner = randomUUID();
  const claim = await ledger.claim(id, { fingerprint, owner, leaseMs: 300, attempt: { provider: 'juspay', mayExist: true } });
  console.log(claim.isOk() && claim.value.state === 'claimed' ? `claimed ${owner}` : 'failed');
  setInterval(() => {}, 60_000);
} else {
  console.log('ready');
  await new Promise((resolve) => createInterface({ input: process.stdin }).once('line', resolve));
  const outcomes = await Promise.all(ids.map((id) => ledger.claim(id, { fingerprint, owner: randomUUID() })));
  console.log(JSON.stringify(outcomes.map((o, i) => (o.isOk() ? [ids[i], o.value.state, o.value.record.owner] : [ids[i], o.error.kind]))));
  await client.close();
  process.exit(0);
}
