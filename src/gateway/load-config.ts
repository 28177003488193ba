import { readFileSync } from 'node:fs';
import { err, ok, type Result } from 'neverthrow';
import { payrouteError, type FieldIssue, type PayrouteError } from '../errors.js';
import type { GatewayConfig } from './config-schema.js';
import { ROUTER } from './gateway-errors.js';
import type { ProviderFactory } from '../provider/define-provider.js';
import { validateGatewayConfig } from './validate-config.js';

/** Environment variables, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Where `loadGatewayConfig` reads the configuration from. */
export interface GatewayConfigSource {
  /** A JSON file to read; when left out, `PAYROUTE_CONFIG_FILE` or `PAYROUTE_CONFIG` in `env` says. */
  readonly file?: string;
  /** The variables to read the configuration and `{ "$env": "NAME" }` references from; `process.env` by default. */
  readonly env?: Environment;
  /** Your own providers the configuration's `type`s may name, as passed to `createGateway`. */
  readonly providers?: readonly ProviderFactory[];
}

/** The variable holding the whole configuration as JSON. */
export const CONFIG_VARIABLE = 'PAYROUTE_CONFIG';
/** The variable holding the path of a JSON configuration file. */
export const CONFIG_FILE_VARIABLE = 'PAYROUTE_CONFIG_FILE';

const REFERENCE_KEY = '$env';

/**
 * Reads and validates the gateway configuration from a JSON file or the environment, in one call:
 *
 * - `{ file }`: that JSON file;
 * - otherwise `PAYROUTE_CONFIG_FILE`: the path of a JSON file;
 * - otherwise `PAYROUTE_CONFIG`: the configuration itself as JSON (setting both is an error).
 *
 * Anywhere in the JSON, `{ "$env": "NAME" }` stands for the value of the variable `NAME`, so secrets
 * stay in the environment and the file can be committed; `{ "$env": "NAME", "default": "..." }` uses the
 * default when `NAME` is not set, and `{ "$env": "NAME", "optional": true }` leaves the key out, so one
 * file serves test and production (a sandbox `baseUrl` in one, none in the other). The result is checked as completely as
 * `createGateway` checks it (provider options included), so an `Ok` config builds a gateway.
 *
 * @returns `Err` of kind `configuration` whose `fields` name each bad path
 * (`providers.juspay_main.apiKey: apiKey must not be empty`); no message holds a configured value.
 */
export function loadGatewayConfig(source: GatewayConfigSource = {}): Result<GatewayConfig, PayrouteError> {
  const env = source.env ?? process.env;
  return readSource(source.file, env)
    .andThen(({ origin, text }) =>
      parseJson(text, origin)
        .andThen((json) => resolveReferences(json, env))
        .andThen((config) =>
          validateGatewayConfig(config, source.providers ?? []).map(() => config as GatewayConfig),
        )
        .mapErr((fields) => configurationError(origin, fields)),
    );
}

interface ConfigText {
  /** Where the text came from, for messages: a file path or a variable name. */
  readonly origin: string;
  readonly text: string;
}

function readSource(file: string | undefined, env: Environment): Result<ConfigText, PayrouteError> {
  const path = file ?? env[CONFIG_FILE_VARIABLE];
  if (file === undefined && path !== undefined && env[CONFIG_VARIABLE] !== undefined) {
    return err(sourceError(`set ${CONFIG_FILE_VARIABLE} or ${CONFIG_VARIABLE}, not both`));
  }
  if (path !== undefined) {
    try {
      return ok({ origin: path, text: readFileSync(path, 'utf8') });
    } catch (thrown) {
      const code = typeof thrown === 'object' && thrown !== null && 'code' in thrown ? String(thrown.code) : 'unknown error';
      return err(sourceError(`cannot read the configuration file ${path} (${code})`));
    }
  }
  const text = env[CONFIG_VARIABLE];
  if (text === undefined) return err(sourceError(`no configuration: pass { file }, or set ${CONFIG_FILE_VARIABLE} or ${CONFIG_VARIABLE}`));
  return ok({ origin: CONFIG_VARIABLE, text });
}

function parseJson(text: string, origin: string): Result<unknown, FieldIssue[]> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (thrown) {
    // V8's message quotes the text around the mistake, which may be a secret: keep only the position.
    const position = thrown instanceof Error ? /position (\d+)/.exec(thrown.message)?.[1] : undefined;
    return err([{ path: '', message: `${origin} is not valid JSON${position ? ` (near character ${position})` : ''}` }]);
  }
}

/** What a `{ "$env": ... }` object may hold besides the variable's name. */
const REFERENCE_OPTIONS = new Set([REFERENCE_KEY, 'default', 'optional']);
/** An optional reference whose variable is not set: its key (or array item) is left out. */
const DROPPED = Symbol('dropped');

/**
 * Replaces every `{ "$env": "NAME" }` with the variable's value. `"default": "..."` stands in when the
 * variable is not set, and `"optional": true` leaves the key out instead; otherwise each variable that
 * is not set is named. Issues name the path and the variable, never a value.
 */
export function resolveReferences(json: unknown, env: Environment): Result<unknown, FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const resolve = (value: unknown, path: string): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => resolve(item, join(path, String(i)))).filter((item) => item !== DROPPED);
    if (typeof value !== 'object' || value === null) return value;
    if (REFERENCE_KEY in value) return resolveReference(value as Readonly<Record<string, unknown>>, path, env, issues);
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, item]) => [key, resolve(item, join(path, key))] as const)
        .filter(([, item]) => item !== DROPPED),
    );
  };
  const resolved = resolve(json, '');
  return issues.length > 0 ? err(issues) : ok(resolved === DROPPED ? undefined : resolved);
}

function resolveReference(reference: Readonly<Record<string, unknown>>, path: string, env: Environment, issues: FieldIssue[]): unknown {
  const { [REFERENCE_KEY]: variable, default: fallback, optional } = reference;
  const problems = [
    ...Object.keys(reference).filter((key) => !REFERENCE_OPTIONS.has(key)).map((key) => `${REFERENCE_KEY} takes only "default" or "optional" beside it, not "${key}"`),
    ...(typeof variable !== 'string' || variable === '' ? [`${REFERENCE_KEY} must name an environment variable`] : []),
    ...(fallback !== undefined && typeof fallback !== 'string' ? ['default must be a string, as environment variables are'] : []),
    ...(optional !== undefined && typeof optional !== 'boolean' ? ['optional must be true or false'] : []),
    ...(fallback !== undefined && optional === true ? ['give default or optional, not both'] : []),
  ];
  if (problems.length > 0 || typeof variable !== 'string') {
    issues.push(...problems.map((message) => ({ path, message })));
    return undefined;
  }
  const resolved = env[variable];
  if (resolved !== undefined) return resolved;
  if (typeof fallback === 'string') return fallback;
  if (optional === true) return DROPPED;
  issues.push({ path, message: `environment variable ${variable} is not set` });
  return undefined;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function configurationError(origin: string, fields: readonly FieldIssue[]): PayrouteError {
  const list = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
  return payrouteError({
    kind: 'configuration',
    provider: ROUTER,
    retryable: false,
    message: `invalid gateway configuration in ${origin}: ${list}`,
    fields,
  });
}

function sourceError(message: string): PayrouteError {
  return payrouteError({ kind: 'configuration', provider: ROUTER, retryable: false, message });
}
