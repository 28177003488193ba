import { builtInSandboxes } from '../../providers/sandboxes.js';

type Registry = typeof builtInSandboxes;

/**
 * The credentials each provider's sandbox accepts unless `credentials` says others, by provider:
 * `defaultSandboxCredentials.juspay.apiKey`. They open nothing but the local sandbox.
 */
export const defaultSandboxCredentials = Object.fromEntries(
  Object.entries(builtInSandboxes).map(([name, definition]) => [name, definition.defaultCredentials]),
) as { readonly [K in keyof Registry]: Registry[K]['defaultCredentials'] };
