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
 * stay in the environment and the file can be committed. The result is checked as completely as
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

/** Replaces every `{ "$env": "NAME" }` with the variable's value, or names each variable that is not set. */
export function resolveReferences(json: unknown, env: Environment): Result<unknown, FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const resolve = (value: unknown, path: string): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => resolve(item, join(path, String(i))));
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value);
    const [first] = entries;
    if (entries.length === 1 && first?.[0] === REFERENCE_KEY) {
      const variable = first[1];
      if (typeof variable !== 'string' || variable === '') {
        issues.push({ path, message: `${REFERENCE_KEY} must name an environment variable` });
        return undefined;
      }
      const resolved = env[variable];
      if (resolved === undefined) issues.push({ path, message: `environment variable ${variable} is not set` });
      return resolved;
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, resolve(item, join(path, key))]));
  };
  const resolved = resolve(json, '');
  return issues.length > 0 ? err(issues) : ok(resolved);
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
