import { commerceEngine } from './commerce-engine/index.js';
import { flowwise } from './flowwise/index.js';
import { juspay } from './juspay/index.js';

/**
 * The built-in providers, in the order the offline sandbox and the command line list them (Juspay
 * first, then the backups). Adding a provider is one folder and one entry here, plus its subpath export.
 */
export const builtInProviders = [juspay, flowwise, commerceEngine] as const;
