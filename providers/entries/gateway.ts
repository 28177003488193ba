import {
  createGateway as createGatewayOf,
  loadGatewayConfig as loadGatewayConfigOf,
  type Gateway,
  type GatewayConfig,
  type GatewayConfigSource,
  type GatewayOptions,
  type RoutingError,
} from '../../src/gateway/index.js';
import type { Result } from 'neverthrow';
import { builtInProviders } from '../index.js';

/** The built-in providers, then the caller's: the caller's win on the same `type`. */
const withBuiltIns = (providers: GatewayOptions['providers'] = []) => [...builtInProviders, ...providers];

/**
 * Builds a gateway from plain-data configuration (see `loadGatewayConfig` to read it from JSON or the
 * environment, and docs/routing.md for every field). Entries name a built-in provider (`juspay`,
 * `flowwise`, `commerce-engine`) or one of `options.providers`, your own, built with `defineProvider`.
 *
 * @throws PayrouteConfigError when the configuration is invalid, at construction and never later. Its
 * `fields` name every bad path (`providers.juspay_main.apiKey`, `routing.order.1`); no message holds a value.
 *
 * @example
 * const gateway = createGateway({
 *   providers: {
 *     juspay_main: { type: 'juspay', apiKey: env.JUSPAY_API_KEY, merchantId: 'acme', environment: 'production' },
 *     flowwise_backup: { type: 'flowwise', clientId: env.FW_ID, clientSecret: env.FW_SECRET, environment: 'production' },
 *   },
 *   routing: { strategy: 'priority', order: ['juspay_main', 'flowwise_backup'] },
 * });
 * const result = await gateway.createOrder(order);
 */
export function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Gateway {
  return createGatewayOf(config, { ...options, providers: withBuiltIns(options.providers) });
}

/**
 * Reads and validates the gateway configuration from a JSON file or the environment, in one call; see
 * docs/routing.md. Its `type`s may name the built-in providers and `source.providers`.
 *
 * @returns `Err` of kind `configuration` whose `fields` name each bad path; no message holds a configured value.
 */
export function loadGatewayConfig(source: GatewayConfigSource = {}): Result<GatewayConfig, RoutingError> {
  return loadGatewayConfigOf({ ...source, providers: withBuiltIns(source.providers) });
}
