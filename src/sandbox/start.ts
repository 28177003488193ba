import { z } from 'zod';
import { parseOptions } from '../config.js';
import { builtInSandboxes } from '../../providers/sandboxes.js';
import type { AnySandboxDefinition, SandboxDefinition } from './behaviour.js';
import { createRequestValidator } from './openapi.js';
import { hostSchema, serverOptionKeys, serverOptionsSchema, type SandboxServerOptions } from './options.js';
import { startServer, type RunningServer, type SandboxServer } from './server.js';

type Registry = typeof builtInSandboxes;
type ProviderName = keyof Registry;

/** The options of one provider's sandbox: the harness's (port, faults, ...) and the provider's own. */
export type ProviderSandboxOptions<D> =
  D extends SandboxDefinition<infer TSchema, unknown, unknown, unknown, unknown> ? SandboxServerOptions & z.input<TSchema> : never;

/** The running server of one provider's sandbox. */
export type ProviderSandboxServer<D> =
  D extends SandboxDefinition<z.ZodType, infer TCredentials, infer TAdapterOptions, infer TRequest, infer TOrder>
    ? SandboxServer<TCredentials, TAdapterOptions, TRequest, TOrder>
    : never;

/** Options of `startSandbox`: one entry per provider (all optional) and the host to listen on. */
export type SandboxOptions = { readonly [K in ProviderName]?: ProviderSandboxOptions<Registry[K]> } & {
  /** Address every server listens on (default `127.0.0.1`). Anything but loopback exposes the sandbox to the network. */
  readonly host?: string;
};

/** A running sandbox: one server per provider, and `close()`. */
export type Sandbox = { readonly [K in ProviderName]: ProviderSandboxServer<Registry[K]> } & {
  /** Stops every server and destroys their connections (hanging requests included), so the process can exit. */
  close(): Promise<void>;
};

/**
 * Starts the offline sandbox: one local HTTP server per provider that speaks its create-order protocol,
 * checks credentials and requests against the provider's OpenAPI document, keeps orders in memory and
 * injects faults on demand.
 *
 * @throws (rejects with) `PayrouteConfigError` when an option is invalid, or the listen error when a port
 * cannot be bound; servers already started are closed first. Nothing else throws.
 *
 * @example
 * const sandbox = await startSandbox();
 * const provider = juspay(sandbox.juspay.adapterOptions);
 * await provider.createOrder({ orderId: 'A1', amount: 10000, currency: 'INR' });
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const names = Object.keys(builtInSandboxes) as ProviderName[];
  // Each provider's entry is checked by its own schema below; here only that no key is misspelt.
  const topLevel = z.strictObject({ host: hostSchema, ...Object.fromEntries(names.map((name) => [name, z.unknown().optional()])) });
  const host = parseOptions('sandbox', topLevel, options).host ?? '127.0.0.1';
  const started: Array<readonly [ProviderName, RunningServer<unknown, unknown, unknown, unknown>]> = [];
  try {
    for (const name of names) {
      const definition: AnySandboxDefinition = builtInSandboxes[name];
      const server = await startProvider(name, definition, options[name] ?? {}, host);
      started.push([name, server]);
    }
  } catch (error) {
    await Promise.all(started.map(([, server]) => server.close()));
    throw error;
  }
  const servers = Object.fromEntries(started.map(([name, { close: _close, ...server }]) => [name, server]));
  return {
    ...(servers as { [K in ProviderName]: ProviderSandboxServer<Registry[K]> }),
    close: async () => {
      await Promise.all(started.map(([, server]) => server.close()));
    },
  };
}

async function startProvider(
  name: string,
  definition: AnySandboxDefinition,
  options: object,
  host: string,
): Promise<RunningServer<unknown, unknown, unknown, unknown>> {
  const own = Object.fromEntries(Object.entries(options).filter(([key]) => !isServerKey(key)));
  const common = Object.fromEntries(Object.entries(options).filter(([key]) => isServerKey(key)));
  parseOptions(`${name} sandbox`, serverOptionsSchema, common);
  const provider = definition.bind(parseOptions(`${name} sandbox`, definition.optionsSchema, own));
  const validator = await createRequestValidator(provider.document);
  // Validated above; kept as given so `faults` keeps its exact input type.
  return startServer({ name, provider, validator, options: common as SandboxServerOptions, host });
}

function isServerKey(key: string): boolean {
  return (serverOptionKeys as readonly string[]).includes(key);
}
