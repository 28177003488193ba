import { commerceEngineSandbox } from './commerce-engine/sandbox.js';
import { flowwiseSandbox } from './flowwise/sandbox.js';
import { juspaySandbox } from './juspay/sandbox.js';

/** Offline sandboxes by provider `type`: a provider with a sandbox adds its line here. */
export const builtInSandboxes = { juspay: juspaySandbox, flowwise: flowwiseSandbox, 'commerce-engine': commerceEngineSandbox } as const;
