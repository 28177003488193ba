import { parseOptions } from '../config.js';
import { PayrouteConfigError } from '../errors.js';
import type { Order } from '../order.js';
import type { LookupProvider, PaymentProvider } from '../port.js';
import type { AnySandboxDefinition } from '../sandbox/behaviour.js';
import type { CommonOptions, ProviderDefinition } from './definition.js';
import { runProvider } from './run-operation.js';

/**
 * What builds a provider instance from its options, and the `type` gateway entries name it by: what
 * `createGateway`'s `providers` takes. A factory checks its options and throws `PayrouteConfigError`
 * naming the bad fields (never their values).
 */
export type ProviderFactory<
  Type extends string = string,
  Input = never,
  Raw = unknown,
  StateRaw = unknown,
  Instance extends PaymentProvider<Raw, Order, StateRaw> = PaymentProvider<Raw, Order, StateRaw>,
> = ((options: Input) => Instance) & {
  readonly type: Type;
};

/** A factory `defineProvider` built, which also carries its definition (the sandbox and the docs read it). */
export type DefinedProvider<
  Type extends string = string,
  Input = never,
  Raw = unknown,
  SandboxDef extends AnySandboxDefinition = AnySandboxDefinition,
  StateRaw = unknown,
  Instance extends PaymentProvider<Raw, Order, StateRaw> = PaymentProvider<Raw, Order, StateRaw>,
> = ProviderFactory<Type, Input, Raw, StateRaw, Instance> & {
  // Its options and context types stay the provider's own: seen from here they are `CommonOptions` and `unknown`.
  readonly definition: ProviderDefinition<Type, CommonOptions, unknown, unknown, Raw, SandboxDef, StateRaw>;
};

/**
 * Makes a provider of a definition: the factory `juspay({...})` is, and what `createGateway`'s
 * `providers` takes. Every instance it builds runs the definition's pure functions through payroute's
 * core, as the built-in providers do.
 *
 * @throws PayrouteConfigError when the definition is of a specification version this payroute does not know.
 *
 * @example
 * export const acmePay = defineProvider({ specificationVersion: 1, type: 'acme-pay', ... } satisfies ProviderDefinition<...>);
 * const provider = acmePay({ apiKey, environment: 'sandbox' });
 */
export function defineProvider<
  Type extends string,
  Options extends CommonOptions,
  Input,
  Context,
  Raw,
  SandboxDef extends AnySandboxDefinition = AnySandboxDefinition,
  StateRaw = unknown,
>(
  // A definition with a look-up makes instances whose `getOrder` is certainly there.
  definition: ProviderDefinition<Type, Options, Input, Context, Raw, SandboxDef, StateRaw> & { readonly getOrder: object },
): DefinedProvider<Type, Input, Raw, SandboxDef, StateRaw, LookupProvider<Raw, StateRaw>>;
export function defineProvider<
  Type extends string,
  Options extends CommonOptions,
  Input,
  Context,
  Raw,
  SandboxDef extends AnySandboxDefinition = AnySandboxDefinition,
  StateRaw = unknown,
>(definition: ProviderDefinition<Type, Options, Input, Context, Raw, SandboxDef, StateRaw>): DefinedProvider<Type, Input, Raw, SandboxDef, StateRaw>;
export function defineProvider<Type extends string, Options extends CommonOptions, Input, Context, Raw, SandboxDef extends AnySandboxDefinition, StateRaw>(
  definition: ProviderDefinition<Type, Options, Input, Context, Raw, SandboxDef, StateRaw>,
): DefinedProvider<Type, Input, Raw, SandboxDef, StateRaw> {
  if (definition.specificationVersion !== 1) {
    throw new PayrouteConfigError(`provider ${String(definition.type)}`, [{ path: 'specificationVersion', message: 'must be 1' }]);
  }
  const factory = (input: Input): PaymentProvider<Raw, Order, StateRaw> => runProvider(definition, parseOptions(definition.type, definition.options, input));
  return Object.assign(factory, { type: definition.type, definition }) as unknown as DefinedProvider<Type, Input, Raw, SandboxDef, StateRaw>;
}
