import { err, errAsync, ok, type Result, type ResultAsync } from 'neverthrow';
import { z } from 'zod';
import { parseOptions } from '../../config.js';
import { bounded, ledgerUnavailable } from '../errors.js';
import { ledgerDefaults, ledgerSettingsSchema, type LedgerSettings } from '../options.js';
import { checkAttempt, checkCall, checkClaim, checkFence, checkLease, fencedJson } from '../params.js';
import { claimOutcome, fencedOutcome, parseJson, toRecord, type ClaimState } from '../stored-record.js';
import type { FencedOutcome, LedgerCallOptions, LedgerError, LedgerOperation, LedgerRecord, OrderLedger } from '../types.js';
import { decodeReply, type ScriptReply } from './decode.js';
import { scripts, type LedgerScript } from './scripts.js';

/** The arguments of node-redis's `eval` and `evalSha`. */
export interface RedisScriptOptions {
  keys: string[];
  arguments: string[];
}

/**
 * What the ledger needs of a Redis client: node-redis 6's `createClient()` and `createCluster()`
 * both fit, connected by you. payroute does not import `redis`; it only calls these two methods. Give the
 * client an `error` listener and a reconnect strategy: the ledger bounds each call by its own timeout.
 */
export interface RedisScriptClient {
  evalSha(sha1: string, options: RedisScriptOptions): Promise<unknown>;
  eval(script: string, options: RedisScriptOptions): Promise<unknown>;
}

/** Options of `redisLedger`. */
export interface RedisLedgerOptions extends LedgerSettings {
  readonly client: RedisScriptClient;
  /** Put before every key (default `payroute:ledger:`); must not hold `{` or `}`, which make the hash tag. */
  readonly prefix?: string | undefined;
  /** How long a record is kept after its latest write: longer than any client retries an order (docs/ledger.md). */
  readonly ttlSeconds: number;
}

const DEFAULT_PREFIX = 'payroute:ledger:';

const optionsSchema = z.strictObject({
  ...ledgerSettingsSchema(),
  ttlSeconds: ledgerSettingsSchema().ttlSeconds.unwrap(),
  client: z.custom<RedisScriptClient>(
    (value) => typeof value === 'object' && value !== null && typeof (value as RedisScriptClient).evalSha === 'function' && typeof (value as RedisScriptClient).eval === 'function',
    'must be a node-redis client or cluster (with eval and evalSha)',
  ),
  prefix: z.string().max(128).regex(/^[^{}]*$/, 'must not contain { or }').optional(),
});

const isNoScript = (cause: unknown) => cause instanceof Error && cause.message.startsWith('NOSCRIPT');

/** `EVALSHA`, and `EVAL` (which also caches the script) when this server does not know it yet. */
function runScript(client: RedisScriptClient, script: LedgerScript, options: RedisScriptOptions): Promise<unknown> {
  return client.evalSha(script.sha1, options).catch((cause: unknown) => (isNoScript(cause) ? client.eval(script.source, options) : Promise.reject(cause)));
}

/**
 * An `OrderLedger` in Redis, shared by every instance of a service: exactly one checkout per order id
 * across the fleet. Each step is one Lua script, atomic and one round trip (an order's happy path is two:
 * `claim` with its first attempt, then `complete`). One order is one hash, `<prefix>{<orderId>}`, so a
 * Redis Cluster routes it by its hash tag. A call slower than `timeoutMs` (default 1 s) is
 * `ledger_unavailable`. docs/ledger.md says what Redis losing data means.
 *
 * @throws PayrouteConfigError when an option is invalid (at start-up, never per call).
 */
export function redisLedger(options: RedisLedgerOptions): OrderLedger {
  const parsed = parseOptions('redisLedger', optionsSchema, options);
  const { client } = parsed;
  const prefix = parsed.prefix ?? DEFAULT_PREFIX;
  const defaults = ledgerDefaults(parsed);

  const run = <T>(
    operation: LedgerOperation,
    orderId: string,
    call: LedgerCallOptions,
    args: readonly (string | number)[],
    decode: (reply: ScriptReply, record: LedgerRecord | undefined) => T,
  ): ResultAsync<T, LedgerError> => {
    const scriptOptions = { keys: [`${prefix}{${orderId}}`], arguments: [String(defaults.ttlMs), ...args.map(String)] };
    return bounded(operation, call.timeoutMs ?? defaults.timeoutMs, () => runScript(client, scripts[operation], scriptOptions), (reply): Result<T, LedgerError> => {
      const decoded = decodeReply(reply);
      if (!decoded) return err(ledgerUnavailable(operation, 'Redis answered with something other than a ledger reply'));
      if (!decoded.stored) return ok(decode(decoded, undefined));
      return toRecord(operation, orderId, decoded.stored, parseJson).map((record) => decode(decoded, record));
    });
  };

  const fenced = (operation: LedgerOperation, orderId: string, call: LedgerCallOptions, args: readonly (string | number)[]) =>
    run<FencedOutcome>(operation, orderId, call, args, (reply, record) => fencedOutcome(reply.state === 'accepted' ? 'accepted' : 'stale_owner', record));

  const refuse = (problem: LedgerError | undefined) => (problem ? errAsync(problem) : undefined);

  return {
    claim(orderId, params) {
      const check = checkClaim(orderId, params, defaults);
      const { attempt } = params;
      const args = [params.fingerprint, params.owner, params.leaseMs ?? defaults.leaseMs, attempt?.provider ?? '', attempt?.mayExist ? '1' : '0'];
      return (
        refuse(check) ??
        run('claim', orderId, params, args, (reply, record) => {
          if (!record) return undefined;
          return claimOutcome(reply.state as ClaimState, record);
        }).andThen((outcome) => (outcome ? ok(outcome) : err(ledgerUnavailable('claim', 'Redis answered a claim without a record'))))
      );
    },

    recordAttempt(orderId, params) {
      const check = checkFence('recordAttempt', orderId, params) ?? checkAttempt('recordAttempt', params);
      return refuse(check) ?? fenced('recordAttempt', orderId, params, [params.owner, params.version, params.provider, params.mayExist ? '1' : '0']);
    },

    renew(orderId, params) {
      const check = checkFence('renew', orderId, params) ?? checkLease('renew', params.leaseMs, defaults);
      return refuse(check) ?? fenced('renew', orderId, params, [params.owner, params.version, params.leaseMs ?? defaults.leaseMs]);
    },

    complete(orderId, params) {
      const json = fencedJson('complete', orderId, params, 'session', params.session);
      return json.isErr() ? errAsync(json.error) : fenced('complete', orderId, params, [params.owner, params.version, json.value]);
    },

    release(orderId, params) {
      const json = fencedJson('release', orderId, params, 'outcome', params.outcome);
      return json.isErr() ? errAsync(json.error) : fenced('release', orderId, params, [params.owner, params.version, json.value]);
    },

    read(orderId, options = {}) {
      return refuse(checkCall('read', orderId, options)) ?? run('read', orderId, options, [], (_reply, record) => record);
    },
  };
}
