// `payroute`: the provider-neutral core, with the gateway bound to the built-in providers.
export * from '../../src/index.js';
export { createGateway, loadGatewayConfig } from './gateway.js';
export { builtInProviders } from '../index.js';
