import type { GatewayConfig } from '../gateway/index.js';
import type { SandboxOf, SandboxOptionsOf, SandboxProviders } from '../sandbox/index.js';

/** A running sandbox of any providers, as the command line uses it: servers by provider type. */
export type OfflineSandbox = SandboxOf<SandboxProviders>;

/** The providers with a sandbox, in list order: the first is tried first, the others are its backups. */
export function offlineTypes(providers: SandboxProviders): string[] {
  return providers.filter((provider) => provider.definition.sandbox !== undefined).map((provider) => provider.type);
}

/** A gateway config that sends orders to the sandbox, trying its providers in list order. */
export function offlineGatewayConfig(types: readonly string[], sandbox: OfflineSandbox): GatewayConfig {
  return {
    providers: Object.fromEntries(types.map((type) => [type, { type, ...(sandbox[type]?.adapterOptions as object | undefined), timeoutMs: 2_000 }])),
    routing: { strategy: 'priority', order: types },
  };
}

/** Sandbox options that put the servers on consecutive ports from `first`. */
export function consecutivePorts(types: readonly string[], first: number): SandboxOptionsOf<SandboxProviders> {
  return Object.fromEntries(types.map((type, index) => [type, { port: first + index }]));
}
