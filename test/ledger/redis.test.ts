import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createClient, createCluster } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayrouteConfigError, storeSession } from '../../providers/entries/index.js';
import { redisLedger, type RedisScriptClient } from '../../src/ledger/redis/index.js';
import { ledgerContract, orderId, owner, session, until } from './contract.js';
import { fingerprint } from './fixtures.js';
import { redisServerInstalled, startRedisServer, type RedisServer } from './redis-server.js';

// A short reconnect delay, and an error listener: a node-redis client without one crashes the process when Redis goes away.
const newClient = (url: string) => createClient({ url, socket: { reconnectStrategy: () => 50 } }).on('error', () => {});
type Client = ReturnType<typeof newClient>;

const CHILD = fileURLToPath(new URL('./redis-child.ts', import.meta.url));
let server: RedisServer;
const clients: Client[] = [];

async function connect(url: string): Promise<Client> {
  const client = newClient(url);
  clients.push(client);
  await client.connect();
  return client;
}

const prefix = () => `test:${randomUUID().slice(0, 8)}:`;

/** Counts the round trips the ledger makes. */
function counting(client: Client): { client: RedisScriptClient; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    client: {
      evalSha: (sha1, options) => (calls.push('evalSha'), client.evalSha(sha1, options)),
      eval: (script, options) => (calls.push('eval'), client.eval(script, options)),
    },
  };
}

function child(mode: string, ids: readonly string[], keyPrefix: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CHILD, server.url, keyPrefix, mode, ...ids], { stdio: ['pipe', 'pipe', 'inherit'] });
}

async function firstLine(process: ChildProcess): Promise<string> {
  let output = '';
  for await (const chunk of process.stdout!) {
    output += String(chunk);
    if (output.includes('\n')) return output.split('\n')[0] ?? '';
  }
  return output;
}

describe.skipIf(!redisServerInstalled)(redisServerInstalled ? 'redisLedger' : 'redisLedger (SKIPPED: redis-server is not installed)', () => {
  let client: Client;

  beforeAll(async () => {
    server = await startRedisServer();
    client = await connect(server.url);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => (c.isOpen ? c.close() : undefined)));
    await server?.stop();
  });

  ledgerContract('redisLedger', (settings = {}) => redisLedger({ client, prefix: prefix(), ttlSeconds: settings.ttlSeconds ?? 60, ...(settings.leaseMs ? { leaseMs: settings.leaseMs } : {}) }));

  it('makes an order\'s happy path two round trips: claim with the first attempt, then complete', async () => {
    const counted = counting(client);
    const ledger = redisLedger({ client: counted.client, prefix: prefix(), ttlSeconds: 60 });
    const id = orderId();
    const who = owner();
    await ledger.claim(id, { fingerprint, owner: who, attempt: { provider: 'juspay', mayExist: true } }); // the scripts may be new to this server
    counted.calls.length = 0;
    const next = orderId();
    const claim = (await ledger.claim(next, { fingerprint, owner: who, attempt: { provider: 'juspay', mayExist: true } }))._unsafeUnwrap();
    const done = (await ledger.complete(next, { owner: who, version: claim.record.version, session: storeSession(session) }))._unsafeUnwrap();
    expect(done.state).toBe('accepted');
    expect(counted.calls).toEqual(['evalSha', 'evalSha']);
  });

  it('keeps one order in one hash under the prefix, its hash tag the order id, expiring after the TTL', async () => {
    const keyPrefix = prefix();
    const ledger = redisLedger({ client, prefix: keyPrefix, ttlSeconds: 60 });
    const id = orderId();
    await ledger.claim(id, { fingerprint, owner: owner() });
    expect(await client.keys(`${keyPrefix}*`)).toEqual([`${keyPrefix}{${id}}`]);
    const ttl = await client.pTTL(`${keyPrefix}{${id}}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('loads its scripts again after SCRIPT FLUSH (EVALSHA, then EVAL on NOSCRIPT)', async () => {
    const counted = counting(client);
    const ledger = redisLedger({ client: counted.client, prefix: prefix(), ttlSeconds: 60 });
    await client.scriptFlush();
    const outcome = (await ledger.claim(orderId(), { fingerprint, owner: owner() }))._unsafeUnwrap();
    expect(outcome.state).toBe('claimed');
    expect(counted.calls).toEqual(['evalSha', 'eval']);
  });

  it('hands the order of a SIGKILLed process to the next claim once its lease expires, with the attempt it recorded', async () => {
    const keyPrefix = prefix();
    const id = orderId();
    const dead = child('claim-and-hang', [id], keyPrefix);
    const line = await firstLine(dead);
    expect(line).toMatch(/^claimed /);
    dead.kill('SIGKILL');
    await once(dead, 'exit');
    const ledger = redisLedger({ client, prefix: keyPrefix, ttlSeconds: 60 });
    const heir = owner();
    const takeover = await until(async () => (await ledger.claim(id, { fingerprint, owner: heir }))._unsafeUnwrap(), (o) => o.state === 'claimed');
    expect(takeover.record).toMatchObject({ owner: heir, version: 2, attempts: [{ provider: 'juspay', mayExist: true }] });
    const stale = (await ledger.complete(id, { owner: line.slice('claimed '.length), version: 1, session: storeSession(session) }))._unsafeUnwrap();
    expect(stale.state).toBe('stale_owner');
  });

  it('lets exactly one claim win each order when two processes claim the same orders at once', async () => {
    const keyPrefix = prefix();
    const ids = Array.from({ length: 200 }, orderId);
    const racers = [child('race', ids, keyPrefix), child('race', ids, keyPrefix)];
    const lines = racers.map((racer) => {
      const lines: string[] = [];
      let buffered = '';
      racer.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const parts = buffered.split('\n');
        buffered = parts.pop() ?? '';
        lines.push(...parts);
      });
      return lines;
    });
    await until(async () => lines.every((l) => l.includes('ready')), Boolean);
    racers.forEach((racer) => racer.stdin!.write('go\n'));
    await Promise.all(racers.map((racer) => once(racer, 'exit')));
    const results = lines.flatMap((l) => JSON.parse(l.at(-1) ?? '[]') as Array<[string, string, string]>);
    expect(results).toHaveLength(400);
    for (const id of ids) {
      const forId = results.filter(([orderIdOf]) => orderIdOf === id);
      expect(forId.map(([, state]) => state).sort()).toEqual(['claimed', 'in_flight']);
      expect(new Set(forId.map(([, , who]) => who)).size).toBe(1);
    }
  }, 60_000);

  it('answers ledger_unavailable within its timeout when Redis is paused (slow)', async () => {
    const ledger = redisLedger({ client, prefix: prefix(), ttlSeconds: 60, timeoutMs: 100 });
    const admin = await connect(server.url);
    await admin.sendCommand(['CLIENT', 'PAUSE', '1500', 'ALL']);
    const slow = await ledger.claim(orderId(), { fingerprint, owner: owner() });
    expect(slow._unsafeUnwrapErr()).toMatchObject({ kind: 'ledger_unavailable', operation: 'claim', retryable: true });
    expect(slow._unsafeUnwrapErr().message).toContain('100 ms');
    // A call's own timeout outlasts the pause: the same ledger answers once Redis does.
    expect((await ledger.read(orderId(), { timeoutMs: 10_000 })).isOk()).toBe(true);
  });

  it('answers ledger_unavailable when Redis is stopped mid-run, for every call', async () => {
    const own = await startRedisServer();
    try {
      const ownClient = await connect(own.url);
      const ledger = redisLedger({ client: ownClient, prefix: prefix(), ttlSeconds: 60, timeoutMs: 200 });
      const id = orderId();
      const who = owner();
      expect((await ledger.claim(id, { fingerprint, owner: who }))._unsafeUnwrap().state).toBe('claimed');
      await own.stop();
      const fence = { owner: who, version: 1 };
      const results = [
        await ledger.claim(orderId(), { fingerprint, owner: owner() }),
        await ledger.recordAttempt(id, { ...fence, provider: 'juspay', mayExist: true }),
        await ledger.renew(id, fence),
        await ledger.complete(id, { ...fence, session: storeSession(session) }),
        await ledger.read(id),
      ];
      for (const result of results) expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'ledger_unavailable', retryable: true });
      ownClient.destroy();
      expect((await ledger.read(id))._unsafeUnwrapErr().kind).toBe('ledger_unavailable');
    } finally {
      await own.stop();
    }
  });

  it('answers ledger_unavailable for a reply that is not a ledger reply, and throws PayrouteConfigError for bad options', async () => {
    const odd: RedisScriptClient = { evalSha: async () => 'OK', eval: async () => 'OK' };
    const result = await redisLedger({ client: odd, ttlSeconds: 60 }).read('x');
    expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'ledger_unavailable', operation: 'read' });
    expect(() => redisLedger({ client: {} as RedisScriptClient, ttlSeconds: 60 })).toThrow(PayrouteConfigError);
    expect(() => redisLedger({ client, ttlSeconds: 60, prefix: 'a{b}' })).toThrow(/prefix/);
  });

  it('accepts a node-redis cluster client as its client (types)', () => {
    const cluster = createCluster({ rootNodes: [{ url: server.url }] });
    expect(() => redisLedger({ client: cluster, ttlSeconds: 60 })).not.toThrow();
  });
});
