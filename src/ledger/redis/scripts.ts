import { createHash } from 'node:crypto';

/** A Lua script and its SHA-1, the name `EVALSHA` runs it by. */
export interface LedgerScript {
  readonly source: string;
  readonly sha1: string;
}

/**
 * Shared by every script: KEYS[1] is the order's hash, ARGV[1] the time to live in milliseconds. Times
 * come from the server's clock, so instances with skewed clocks agree on whose lease is live; each reply is
 * `{ state, HGETALL }`. Numbers are written with %d: Lua's default format would print 13-digit times in
 * exponent form.
 */
const PRELUDE = `
local key = KEYS[1]
local ttl = tonumber(ARGV[1])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local function num(n) return string.format('%d', n) end
local function reply(state) return { state, redis.call('HGETALL', key) } end
local function touch()
  redis.call('HSET', key, 'updated', num(now), 'expires', num(now + ttl))
  redis.call('PEXPIREAT', key, num(now + ttl))
end
local function append(provider, may)
  local attempts = cjson.decode(redis.call('HGET', key, 'attempts'))
  attempts[#attempts + 1] = { provider = provider, mayExist = (may == '1'), at = now }
  redis.call('HSET', key, 'attempts', cjson.encode(attempts))
end
local function current(owner, version)
  local record = redis.call('HMGET', key, 'owner', 'ver', 'state', 'lease')
  if record[1] ~= owner or record[2] ~= version then return nil end
  return { state = record[3], live = tonumber(record[4]) > now }
end
`;

/** ARGV: ttl, fingerprint, owner, leaseMs, provider ('' for none), mayExist ('1' or '0'). */
const CLAIM = `
local fingerprint, owner, lease, provider, may = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6]
local record = redis.call('HMGET', key, 'fp', 'owner', 'ver', 'state', 'lease')
if not record[1] then
  redis.call('HSET', key, 'fp', fingerprint, 'owner', owner, 'ver', '1', 'state', 'in_flight',
    'lease', num(now + lease), 'created', num(now), 'attempts', '[]')
else
  if record[1] ~= fingerprint then return reply('fingerprint_mismatch') end
  if record[4] == 'completed' then return reply('completed') end
  if record[4] == 'in_flight' and tonumber(record[5]) > now then
    if record[2] == owner then return reply('claimed') end
    return reply('in_flight')
  end
  redis.call('HDEL', key, 'outcome')
  redis.call('HSET', key, 'owner', owner, 'ver', num(tonumber(record[3]) + 1), 'state', 'in_flight', 'lease', num(now + lease))
end
if provider ~= '' then append(provider, may) end
touch()
return reply('claimed')
`;

/** ARGV: ttl, owner, version, provider, mayExist. */
const RECORD_ATTEMPT = `
local record = current(ARGV[2], ARGV[3])
if not record or record.state ~= 'in_flight' or not record.live then return reply('stale_owner') end
append(ARGV[4], ARGV[5])
touch()
return reply('accepted')
`;

/** ARGV: ttl, owner, version, leaseMs. */
const RENEW = `
local record = current(ARGV[2], ARGV[3])
if not record or record.state ~= 'in_flight' or not record.live then return reply('stale_owner') end
redis.call('HSET', key, 'lease', num(now + tonumber(ARGV[4])))
touch()
return reply('accepted')
`;

/** ARGV: ttl, owner, version, session JSON. Repeating it is accepted and keeps the first session. */
const COMPLETE = `
local record = current(ARGV[2], ARGV[3])
if record and record.state == 'completed' then return reply('accepted') end
if not record or record.state ~= 'in_flight' then return reply('stale_owner') end
redis.call('HSET', key, 'state', 'completed', 'session', ARGV[4], 'lease', num(now))
touch()
return reply('accepted')
`;

/** ARGV: ttl, owner, version, outcome JSON. */
const RELEASE = `
local record = current(ARGV[2], ARGV[3])
if not record or record.state ~= 'in_flight' then return reply('stale_owner') end
redis.call('HSET', key, 'state', 'released', 'outcome', ARGV[4], 'lease', num(now))
touch()
return reply('accepted')
`;

/** ARGV: ttl (unused). */
const READ = `
return reply('read')
`;

function script(body: string): LedgerScript {
  const source = PRELUDE + body;
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

/** One script per ledger step: each step is one atomic round trip. */
export const scripts = {
  claim: script(CLAIM),
  recordAttempt: script(RECORD_ATTEMPT),
  renew: script(RENEW),
  complete: script(COMPLETE),
  release: script(RELEASE),
  read: script(READ),
} as const;
