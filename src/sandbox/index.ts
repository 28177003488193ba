// The sandbox harness, for any list of providers; `payroute/sandbox` binds it to the built-in ones.
export { sandboxCredentialsOf, startSandboxOf } from './start.js';
export type {
  ProviderSandboxOptions,
  ProviderSandboxServer,
  SandboxCredentialsOf,
  SandboxDefinitionOf,
  SandboxOf,
  SandboxOptionsOf,
  SandboxProviders,
} from './start.js';
export type { SandboxServer } from './server.js';
export type { SandboxServerOptions } from './options.js';
export type { SandboxFailure, SandboxFaults, SandboxOperation } from './faults.js';
export type { SandboxOrderStatus } from './behaviour.js';
export type { MagicValueOptions } from './magic-values.js';
export type { SandboxOrders, StoredOrder } from './store.js';
export type { Answer, CreateContext, CreateOutcome, ProviderSandbox, SandboxDefinition } from './behaviour.js';
export type { FieldProblem, OpenApiDocument } from './openapi.js';
export { isMediaType, isoSeconds, parseJsonRequest, randomHex, stringField } from './provider-kit.js';
export { seededRandom } from './random.js';
