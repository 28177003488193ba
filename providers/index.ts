import { commerceEngine } from './commerce-engine/index.js';
import { flowwise } from './flowwise/index.js';
import { juspay } from './juspay/index.js';

/** Adapter factories by `type`: adding a provider is one folder and one line here. */
export const builtInAdapters = { juspay, flowwise, 'commerce-engine': commerceEngine } as const;
