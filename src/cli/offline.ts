import { builtInSandboxes } from '../../providers/sandboxes.js';
import type { GatewayConfig } from '../gateway/index.js';
import type { Sandbox, SandboxOptions } from '../sandbox/index.js';

type ProviderType = keyof typeof builtInSandboxes;

/** Every provider with a sandbox, in registry order: Juspay first, then the backups. */
export const offlineProviders = Object.keys(builtInSandboxes) as ProviderType[];

/** A gateway config that sends orders to the sandbox, trying its providers in registry order. */
export function offlineGatewayConfig(sandbox: Sandbox): GatewayConfig {
  return {
    providers: Object.fromEntries(offlineProviders.map((type) => [type, { type, ...sandbox[type].adapterOptions, timeoutMs: 2_000 }])),
    routing: { strategy: 'priority', order: offlineProviders },
  };
}

/** Sandbox options that put the servers on consecutive ports from `first`. */
export function consecutivePorts(first: number): SandboxOptions {
  return Object.fromEntries(offlineProviders.map((type, index) => [type, { port: first + index }]));
}
