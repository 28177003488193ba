// `payroute/sandbox`: the sandbox harness bound to the built-in providers.
import { sandboxCredentialsOf, startSandboxOf, type SandboxOf, type SandboxOptionsOf } from '../../src/sandbox/index.js';
import { builtInProviders } from '../index.js';

type BuiltIn = typeof builtInProviders;

/** Options of `startSandbox`: one entry per provider (all optional) and the host to listen on. */
export type SandboxOptions = SandboxOptionsOf<BuiltIn>;

/** A running sandbox: one server per provider (`sandbox.juspay`, ...), and `close()`. */
export type Sandbox = SandboxOf<BuiltIn>;

/**
 * The credentials each provider's sandbox accepts unless `credentials` says others, by provider:
 * `defaultSandboxCredentials.juspay.apiKey`. They open nothing but the local sandbox.
 */
export const defaultSandboxCredentials = sandboxCredentialsOf(builtInProviders);

/**
 * Starts the offline sandbox: one local HTTP server per provider that speaks its create-order protocol,
 * checks credentials and requests against the provider's OpenAPI document, keeps orders in memory and
 * injects faults on demand. It needs the optional peer dependencies openapi-backend and ajv-formats.
 *
 * @throws (rejects with) `PayrouteConfigError` when an option is invalid, an `Error` naming the packages
 * to install when openapi-backend or ajv-formats is missing, or the listen error when a port cannot be
 * bound; servers already started are closed first. Nothing else throws.
 *
 * @example
 * const sandbox = await startSandbox();
 * const provider = juspay(sandbox.juspay.adapterOptions);
 * await provider.createOrder({ orderId: 'A1', amount: 10000, currency: 'INR' });
 * await sandbox.close();
 */
export function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandboxOf(builtInProviders, options);
}

export * from '../../src/sandbox/index.js';
export type { CommerceEngineSandboxAdapterOptions, CommerceEngineSandboxOptions, CommerceEngineSandboxOrder } from '../commerce-engine/sandbox/index.js';
export type { FlowwiseSandboxAdapterOptions, FlowwiseSandboxOptions, FlowwiseSandboxOrder } from '../flowwise/sandbox/index.js';
export type { JuspaySandboxAdapterOptions, JuspaySandboxOptions, JuspaySandboxOrder, JuspaySandboxRequest } from '../juspay/sandbox/index.js';
