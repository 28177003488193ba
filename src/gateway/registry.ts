import { err, ok, type Result } from 'neverthrow';
import { PayrouteConfigError, type FieldIssue } from '../errors.js';
import type { PaymentProvider } from '../port.js';
import type { ProviderFactory } from '../provider/define-provider.js';
import type { EgressOptions } from '../proxy.js';
import type { ParsedGatewayConfig } from './config-schema.js';

/** A configured provider as the gateway routes it. */
export interface GatewayProvider {
  readonly name: string;
  /** The entry's `type`. */
  readonly type: string;
  readonly provider: PaymentProvider;
  /** The currencies the entry limits it to, when it does. */
  readonly currencies?: ReadonlySet<string>;
  /** Whether the provider is sent a derived order id instead of the merchant's (`orderIds: 'derive'`). */
  readonly derivesOrderIds?: boolean;
}

/** The factories by `type`; a later factory of the same type wins (the caller's over the built-in ones). */
export function factoriesByType(factories: readonly ProviderFactory[]): ReadonlyMap<string, ProviderFactory> {
  return new Map(factories.map((factory) => [factory.type, factory]));
}

/**
 * Builds every provider entry (everything but `type`, `currencies` and `orderIds` is the factory's
 * options, with `name` set to the entry's key), or names every entry its factory rejected. An entry
 * that sets neither `proxy` nor `agent` takes the gateway's (`gateway`): egress is the service's, not
 * one provider's.
 */
export function buildProviders(
  entries: ParsedGatewayConfig['providers'],
  factories: ReadonlyMap<string, ProviderFactory>,
  gateway: EgressOptions = {},
): Result<GatewayProvider[], FieldIssue[]> {
  const egress = Object.fromEntries(Object.entries({ proxy: gateway.proxy, agent: gateway.agent }).filter(([, value]) => value !== undefined));
  const issues: FieldIssue[] = [];
  const built: GatewayProvider[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    const path = `providers.${name}`;
    const factory = factories.get(entry.type);
    if (!factory) {
      const known = [...factories.keys()].join(', ');
      issues.push({ path: `${path}.type`, message: `no adapter is registered for type "${entry.type}" (known: ${known})` });
      continue;
    }
    const { type: _type, currencies, orderIds, ...options } = entry;
    const inherits = options['proxy'] === undefined && options['agent'] === undefined;
    const provider = construct(factory, { ...(inherits ? egress : {}), ...options, name }, path);
    if (provider.isErr()) issues.push(...provider.error);
    else if (provider.value.name !== name) {
      issues.push({ path, message: `the "${entry.type}" adapter ignored its name option (it named itself "${provider.value.name}")` });
    } else {
      built.push({
        name,
        type: entry.type,
        provider: provider.value,
        ...(currencies && { currencies: new Set(currencies) }),
        ...(orderIds === 'derive' && { derivesOrderIds: true }),
      });
    }
  }
  return issues.length > 0 ? err(issues) : ok(built);
}

function construct(factory: ProviderFactory, options: Record<string, unknown>, path: string): Result<PaymentProvider, FieldIssue[]> {
  try {
    // The factory validates its own options: that is what makes any options type acceptable here.
    return ok((factory as unknown as (options: unknown) => PaymentProvider)(options));
  } catch (thrown) {
    if (PayrouteConfigError.is(thrown)) {
      return err(thrown.fields.map((f) => ({ path: f.path ? `${path}.${f.path}` : path, message: f.message })));
    }
    // Only a PayrouteConfigError promises a message without secrets, so other throws are named, not quoted.
    const kind = thrown instanceof Error ? thrown.name : typeof thrown;
    return err([{ path, message: `the adapter factory threw ${kind}` }]);
  }
}
