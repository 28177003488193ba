import { z } from 'zod';
import { parseOptions } from '../config.js';
import type { DefinedProvider } from '../provider/define-provider.js';
import type { SandboxPart } from '../provider/definition.js';
import type { SandboxDefinition } from './behaviour.js';
import { createRequestValidator } from './openapi.js';
import { hostSchema, serverOptionKeys, serverOptionsSchema, type SandboxServerOptions } from './options.js';
import { startServer, type RunningServer, type SandboxServer } from './server.js';

/** The providers a sandbox is started for. */
export type SandboxProviders = readonly DefinedProvider[];

/** The `sandbox/` part of a provider, as its definition types it. */
export type SandboxDefinitionOf<F> = F extends { readonly definition: { readonly sandbox?: { load(): Promise<infer D> } } } ? D : never;

/** The `type`s of the providers that have a sandbox. */
type WithSandbox<P extends SandboxProviders> = { [K in keyof P]: [SandboxDefinitionOf<P[K]>] extends [never] ? never : P[K] }[number];

/** The options of one provider's sandbox: the harness's (port, faults, ...) and the provider's own. */
export type ProviderSandboxOptions<D> =
  D extends SandboxDefinition<infer TSchema, unknown, unknown, unknown, unknown> ? SandboxServerOptions & z.input<TSchema> : never;

/** The running server of one provider's sandbox. */
export type ProviderSandboxServer<D> =
  D extends SandboxDefinition<z.ZodType, infer TCredentials, infer TAdapterOptions, infer TRequest, infer TOrder>
    ? SandboxServer<TCredentials, TAdapterOptions, TRequest, TOrder>
    : never;

/** Options of `startSandbox`: one entry per provider (all optional) and the host to listen on. */
export type SandboxOptionsOf<P extends SandboxProviders> = {
  readonly [F in WithSandbox<P> as F['type']]?: ProviderSandboxOptions<SandboxDefinitionOf<F>>;
} & {
  /** Address every server listens on (default `127.0.0.1`). Anything but loopback exposes the sandbox to the network. */
  readonly host?: string;
};

/** A running sandbox: one server per provider, and `close()`. */
export type SandboxOf<P extends SandboxProviders> = { readonly [F in WithSandbox<P> as F['type']]: ProviderSandboxServer<SandboxDefinitionOf<F>> } & {
  /** Stops every server and destroys their connections (hanging requests included), so the process can exit. */
  close(): Promise<void>;
};

/**
 * Starts the offline sandbox of every provider of the list that has one: one local HTTP server per
 * provider that speaks its protocol, checks credentials and requests against the provider's OpenAPI
 * document, keeps orders in memory and injects faults on demand.
 *
 * @throws (rejects with) `PayrouteConfigError` when an option is invalid, an `Error` naming the packages
 * to install when the sandbox's optional dependencies are missing, or the listen error when a port cannot
 * be bound; servers already started are closed first. Nothing else throws.
 */
export async function startSandboxOf<P extends SandboxProviders>(providers: P, options: SandboxOptionsOf<P> = {} as SandboxOptionsOf<P>): Promise<SandboxOf<P>> {
  const parts = providers.flatMap((provider) => (provider.definition.sandbox ? [[provider.type, provider.definition.sandbox] as const] : []));
  // Each provider's entry is checked by its own schema below; here only that no key is misspelt.
  const topLevel = z.strictObject({ host: hostSchema, ...Object.fromEntries(parts.map(([type]) => [type, z.unknown().optional()])) });
  const host = parseOptions('sandbox', topLevel, options).host ?? '127.0.0.1';
  const given = options as Readonly<Record<string, object | undefined>>;
  const started: Array<readonly [string, RunningServer<unknown, unknown, unknown, unknown>]> = [];
  try {
    for (const [type, part] of parts) {
      const server = await startProvider(type, part, given[type] ?? {}, host);
      started.push([type, server]);
    }
  } catch (error) {
    await Promise.all(started.map(([, server]) => server.close()));
    throw error;
  }
  const servers = Object.fromEntries(started.map(([type, { close: _close, ...server }]) => [type, server]));
  return {
    ...servers,
    close: async () => {
      await Promise.all(started.map(([, server]) => server.close()));
    },
  } as SandboxOf<P>;
}

async function startProvider(name: string, part: SandboxPart, options: object, host: string): Promise<RunningServer<unknown, unknown, unknown, unknown>> {
  const own = Object.fromEntries(Object.entries(options).filter(([key]) => !isServerKey(key)));
  const common = Object.fromEntries(Object.entries(options).filter(([key]) => isServerKey(key)));
  parseOptions(`${name} sandbox`, serverOptionsSchema, common);
  const definition = await part.load();
  const provider = definition.bind(parseOptions(`${name} sandbox`, definition.optionsSchema, own), part.credentials);
  const validator = await createRequestValidator(provider.document);
  // Validated above; kept as given so `faults` keeps its exact input type.
  return startServer({ name, provider, validator, options: common as SandboxServerOptions, host });
}

function isServerKey(key: string): boolean {
  return (serverOptionKeys as readonly string[]).includes(key);
}

/** The credentials each provider's sandbox accepts unless told others, by provider type. */
export type SandboxCredentialsOf<P extends SandboxProviders> = {
  readonly [F in WithSandbox<P> as F['type']]: NonNullable<F['definition']['sandbox']>['credentials'];
};

/** The credentials each provider's sandbox accepts unless told others: `credentials.juspay.apiKey`. They open nothing but the local sandbox. */
export function sandboxCredentialsOf<P extends SandboxProviders>(providers: P): SandboxCredentialsOf<P> {
  return Object.fromEntries(
    providers.flatMap((provider) => (provider.definition.sandbox ? [[provider.type, provider.definition.sandbox.credentials]] : [])),
  ) as SandboxCredentialsOf<P>;
}
