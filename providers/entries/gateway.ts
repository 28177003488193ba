import {
  createGateway as createGatewayOf,
  loadGatewayConfig as loadGatewayConfigOf,
  type Gateway,
  type GatewayConfig,
  type GatewayConfigFor,
  type GatewaySessionOf,
  type ProviderEntries,
  type GatewayConfigSource,
  type GatewayOptions,
  type RoutingError,
} from '../../src/gateway/index.js';
import type { Result } from 'neverthrow';
import type { ProviderFactory } from '../../src/provider/define-provider.js';
import { builtInProviders } from '../index.js';

type BuiltIn = (typeof builtInProviders)[number];

/** The built-in providers, then the caller's: the caller's win on the same `type`. */
const withBuiltIns = (providers: GatewayOptions['providers'] = []) => [...builtInProviders, ...providers];

/**
 * Builds a gateway from plain-data configuration (see `loadGatewayConfig` to read it from JSON or the
 * environment, and docs/routing.md for every field). Entries name a built-in provider (`juspay`,
 * `flowwise`, `commerce-engine`) or one of `options.providers`, your own, built with `defineProvider`.
 *
 * Written in code, the configuration is typed by its providers: each entry is checked against its
 * `type`'s options, and `routing` may name only keys of `providers`; the gateway's sessions are a
 * union over the entries (`provider`, `providerType` and `raw`). A `GatewayConfig` whose keys the
 * compiler does not know (from `loadGatewayConfig`) is taken as it is and checked at run time.
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
export function createGateway<
  const Entries extends ProviderEntries,
  const Own extends readonly ProviderFactory[] = readonly [],
>(
  config: GatewayConfigFor<Entries, BuiltIn | Own[number]>,
  options: GatewayOptions & { readonly providers?: Own } = {},
): Gateway<GatewaySessionOf<Entries, BuiltIn | Own[number]>, keyof Entries & string> {
  // The types are the compiler's: at run time every configuration is checked by the same schema.
  return createGatewayOf(config as GatewayConfig, { ...options, providers: withBuiltIns(options.providers) }) as Gateway<
    GatewaySessionOf<Entries, BuiltIn | Own[number]>,
    keyof Entries & string
  >;
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
