import { err, ok, type Result } from 'neverthrow';
import { builtInAdapters } from '../../providers/index.js';
import { PayrouteConfigError, type FieldIssue } from '../errors.js';
import type { PaymentProvider } from '../port.js';
import type { EgressOptions } from '../proxy.js';
import type { ParsedGatewayConfig } from './config-schema.js';

/**
 * Builds a provider from an entry's options (everything but `type`, `currencies` and `orderIds`, with `name` set
 * to the entry's key). It validates the options and throws `PayrouteConfigError` naming the bad
 * fields, as `juspay()` and `flowwise()` do. Typed `never` so a factory of any option type fits.
 */
export type AdapterFactory = (options: never) => PaymentProvider;

/** Adapter factories by the `type` a provider entry names. */
export type AdapterRegistry = Readonly<Record<string, AdapterFactory>>;

/** A configured provider as the gateway routes it. */
export interface GatewayProvider {
  readonly name: string;
  readonly provider: PaymentProvider;
  /** The currencies the entry limits it to, when it does. */
  readonly currencies?: ReadonlySet<string>;
  /** Whether the provider is sent a derived order id instead of the merchant's (`orderIds: 'derive'`). */
  readonly derivesOrderIds?: boolean;
}

/** The built-in adapters plus the caller's, which win on the same type. */
export function adapterRegistry(custom: AdapterRegistry = {}): AdapterRegistry {
  return { ...builtInAdapters, ...custom };
}

/**
 * Builds every provider entry, or names every entry that its adapter rejected. A built-in adapter's
 * entry that sets neither `proxy` nor `agent` takes the gateway's (`gateway`); a custom adapter's never
 * does, since its options are its own.
 */
export function buildProviders(
  entries: ParsedGatewayConfig['providers'],
  registry: AdapterRegistry,
  gateway: EgressOptions = {},
): Result<GatewayProvider[], FieldIssue[]> {
  const egress = Object.fromEntries(Object.entries({ proxy: gateway.proxy, agent: gateway.agent }).filter(([, value]) => value !== undefined));
  const issues: FieldIssue[] = [];
  const built: GatewayProvider[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    const path = `providers.${name}`;
    const factory = Object.hasOwn(registry, entry.type) ? registry[entry.type] : undefined;
    if (!factory) {
      const known = Object.keys(registry).join(', ');
      issues.push({ path: `${path}.type`, message: `no adapter is registered for type "${entry.type}" (known: ${known})` });
      continue;
    }
    const { type: _type, currencies, orderIds, ...options } = entry;
    const inherits = factory === builtInAdapters[entry.type as keyof typeof builtInAdapters] && options['proxy'] === undefined && options['agent'] === undefined;
    const provider = construct(factory, { ...(inherits ? egress : {}), ...options, name }, path);
    if (provider.isErr()) issues.push(...provider.error);
    else if (provider.value.name !== name) {
      issues.push({ path, message: `the "${entry.type}" adapter ignored its name option (it named itself "${provider.value.name}")` });
    } else {
      built.push({
        name,
        provider: provider.value,
        ...(currencies && { currencies: new Set(currencies) }),
        ...(orderIds === 'derive' && { derivesOrderIds: true }),
      });
    }
  }
  return issues.length > 0 ? err(issues) : ok(built);
}

function construct(factory: AdapterFactory, options: Record<string, unknown>, path: string): Result<PaymentProvider, FieldIssue[]> {
  try {
    // The factory validates its own options: that is what makes any options type acceptable here.
    return ok((factory as (options: unknown) => PaymentProvider)(options));
  } catch (thrown) {
    if (PayrouteConfigError.is(thrown)) {
      return err(thrown.fields.map((f) => ({ path: f.path ? `${path}.${f.path}` : path, message: f.message })));
    }
    // Only a PayrouteConfigError promises a message without secrets, so other throws are named, not quoted.
    const kind = thrown instanceof Error ? thrown.name : typeof thrown;
    return err([{ path, message: `the adapter factory threw ${kind}` }]);
  }
}
