// The public types of each provider's sandbox, re-exported by `payroute/sandbox`.
export type { CommerceEngineSandboxAdapterOptions, CommerceEngineSandboxOptions, CommerceEngineSandboxOrder } from './commerce-engine/sandbox.js';
export type { FlowwiseSandboxAdapterOptions, FlowwiseSandboxOptions, FlowwiseSandboxOrder } from './flowwise/sandbox.js';
export type { JuspaySandboxAdapterOptions, JuspaySandboxOptions, JuspaySandboxOrder, JuspaySandboxRequest } from './juspay/sandbox.js';
