import type { Order } from '../order.js';
import type { PaymentProvider } from '../port.js';
import type { ProviderFactory } from '../provider/define-provider.js';
import type { GatewayConfig, ProviderEntry, RoutingConfig } from './config-schema.js';
import type { GatewaySession } from './route-order.js';

// Type-level only: the configuration's types derived from the provider factories, so that a wrong
// option, environment or routed name fails `tsc`. The zod schema still checks every value at run time.

/** The `type` a provider factory is named by. */
export type FactoryType<Factory> = Factory extends { readonly type: infer Type extends string } ? Type : never;

/** The options a provider factory takes. */
export type FactoryInput<Factory> = Factory extends (options: infer Input) => unknown ? Input : never;

/** The `raw` of the sessions a provider factory's instances create. */
export type FactoryRaw<Factory> = Factory extends (options: never) => PaymentProvider<infer Raw, Order, infer _StateRaw> ? Raw : unknown;

/** What an entry takes besides its provider's options: the gateway's own settings for it. */
type EntrySettings = Pick<ProviderEntry, 'currencies' | 'orderIds'>;

// Distributes over an options union, which a plain `Omit` would flatten.
type WithoutName<Input> = Input extends unknown ? Omit<Input, 'name'> : never;

/**
 * One `providers` entry for a provider factory: its `type`, its options (`name` is the entry's key),
 * `currencies` and `orderIds`. A factory typed only as `ProviderFactory` (any `type`) takes any entry.
 */
export type ProviderEntryOf<Factory> = Factory extends unknown
  ? string extends FactoryType<Factory>
    ? ProviderEntry
    : { readonly type: FactoryType<Factory> } & WithoutName<FactoryInput<Factory>> & EntrySettings
  : never;

/** The `routing` section whose names must be keys of `providers`. */
export type RoutingOf<Name extends string> =
  | { readonly strategy: 'priority'; readonly order: readonly Name[] }
  | { readonly strategy: 'weighted'; readonly weights: { readonly [Key in Name]?: number } }
  | {
      readonly strategy: 'rules';
      readonly rules: ReadonlyArray<{ readonly when: RuleCondition; readonly use: readonly Name[] }>;
      readonly default: readonly Name[];
    };

type RuleCondition = Extract<RoutingConfig, { strategy: 'rules' }>['rules'][number]['when'];

/**
 * Each entry as written when its `type`'s entry takes it; otherwise that entry, with every key it does
 * not know as `never`, so that the compiler names what is wrong: a missing or mistyped option, an
 * unknown `type` or a misspelt key.
 */
type CheckedEntries<Entries, Factories> = { readonly [Key in keyof Entries]: CheckedEntry<Entries[Key], EntryOfType<Entries[Key], Factories>> };
type CheckedEntry<Entry, Expected> = [Entry] extends [Expected]
  ? [Exclude<keyof Entry, KeysOf<Expected>>] extends [never]
    ? Entry
    : Expected & UnknownKeys<Entry, Expected>
  : Expected & UnknownKeys<Entry, Expected>;
type UnknownKeys<Entry, Expected> = { readonly [Option in Exclude<keyof Entry, KeysOf<Expected>>]: never };
type KeysOf<T> = T extends unknown ? keyof T : never;
type EntryOfType<Entry, Factories> = Entry extends { readonly type: infer Type }
  ? [FactoriesNamed<Factories, Type>] extends [never]
    ? UnknownType<Factories>
    : ProviderEntryOf<FactoriesNamed<Factories, Type>>
  : UnknownType<Factories>;
// The factories an entry's `type` may name: those of that type, and any whose `type` is any string.
type FactoriesNamed<Factories, Type> = Factories extends unknown
  ? string extends FactoryType<Factories>
    ? Factories
    : [Extract<Type, FactoryType<Factories>>] extends [never]
      ? never
      : Factories
  : never;
// A type no factory is named by: the known ones, unless a factory's `type` is any string (then any entry).
type UnknownType<Factories> = string extends FactoryType<Factories> ? ProviderEntry : { readonly type: FactoryType<Factories> };

/**
 * The gateway's configuration typed by its providers: each entry is checked against its `type`'s
 * options (a union discriminated by `type`), and every name in `routing` must be a key of `providers`.
 * `Entries` is the `providers` object as written.
 */
export type TypedGatewayConfig<Entries, Factories> = Omit<GatewayConfig, 'providers' | 'routing'> & {
  readonly providers: CheckedEntries<NoInfer<Entries>, Factories>;
  readonly routing: RoutingOf<NoInfer<keyof Entries & string>>;
};

/**
 * What `createGateway` takes: the typed configuration for an object written in the code, or any
 * `GatewayConfig` (as `loadGatewayConfig` returns it) when the entry keys are not known to the compiler.
 */
export type GatewayConfigFor<Entries, Factories> = string extends keyof Entries
  ? GatewayConfig & { readonly providers: Entries }
  : TypedGatewayConfig<Entries, Factories>;
// `Entries` is inferred from the first branch only (the second has it as `NoInfer`): checked there as
// an intersection with it, a mistyped option would make the whole entry `never` and the message useless.

/** What `providers` must be before its entries are checked one by one (`TypedGatewayConfig`). */
export type ProviderEntries = Readonly<Record<string, { readonly type: string }>>;

/**
 * The session a gateway of these entries returns: a union over the entries, each with its key as
 * `provider`, its `type` as `providerType` and its provider's `raw`, so checking either narrows `raw`.
 */
export type GatewaySessionOf<Entries, Factories> = string extends keyof Entries
  ? GatewaySession
  : {
      [Key in keyof Entries & string]: Entries[Key] extends { readonly type: infer Type extends string }
        ? GatewaySession<FactoryRaw<Extract<Factories, { readonly type: Type }>>, Type, Key>
        : never;
    }[keyof Entries & string];

/** Every factory `createGateway` knows: the built-in ones and the caller's. */
export type KnownFactories<BuiltIn extends readonly ProviderFactory[], Own extends readonly ProviderFactory[]> = BuiltIn[number] | Own[number];
