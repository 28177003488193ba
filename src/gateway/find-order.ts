import { err, ok, type Result } from 'neverthrow';
import { copyLookupOptions, readOptions, type OptionCheck, type OptionReader } from '../call-options.js';
import { payrouteError, type PayrouteError } from '../errors.js';
import type { GetOrderOptions, OrderState } from '../order-state.js';
import { ROUTER } from './gateway-errors.js';
import { deriveOrderId } from './provider-order-id.js';
import type { GatewayProvider } from './registry.js';

/** Per-call options of the gateway's `getOrder`. */
export interface GatewayGetOrderOptions<Name extends string = string> extends GetOrderOptions {
  /** Ask only this configured provider (an entry key), instead of each in configuration order. */
  readonly provider?: Name;
}

/**
 * Asks each provider in turn (those in `namedByLedger` ahead, then in configuration order; or only the one named) for the order, by the id
 * it was sent (derived for an entry with `orderIds: 'derive'`), and returns the first that holds it, with
 * the merchant's order id. It is `not_found` only when every provider asked said so; when one could not
 * be asked, its error is returned instead, since the order may be there.
 */
export async function findOrder(
  entries: readonly GatewayProvider[],
  orderId: string,
  rawOptions: unknown,
  namedByLedger: readonly string[] = [],
): Promise<Result<OrderState, PayrouteError>> {
  const read = readOptions(ROUTER, rawOptions, copyFindOptions);
  if (read.isErr()) return err(read.error);
  const { provider: only, ...options } = read.value;
  const asked = only === undefined ? namedFirst(entries, namedByLedger) : entries.filter((entry) => entry.name === only);
  if (only !== undefined && asked.length === 0) return err(unknownProvider(only, entries));

  let failure: PayrouteError | undefined;
  const notFound: PayrouteError[] = [];
  for (const { provider, derivesOrderIds } of asked) {
    if (!provider.getOrder) continue;
    const found = await provider.getOrder(derivesOrderIds ? deriveOrderId(orderId) : orderId, options);
    if (found.isOk()) return ok(found.value.orderId === orderId ? found.value : { ...found.value, orderId });
    if (found.error.kind === 'not_found') notFound.push(found.error);
    else failure ??= found.error;
  }
  if (failure) return err(failure);
  const [first] = notFound;
  if (first && notFound.length === 1) return err(first);
  if (first) {
    const names = notFound.map((e) => e.provider).join(', ');
    return err(payrouteError({ kind: 'not_found', provider: ROUTER, retryable: false, orderMayExist: false, message: `none of ${names} holds order "${orderId}"` }));
  }
  return err(payrouteError({ kind: 'configuration', provider: ROUTER, retryable: false, message: 'no configured provider can look orders up' }));
}

/** The entries with those `first` names (the ledger's, where the order is or may be) ahead of the rest. */
function namedFirst(entries: readonly GatewayProvider[], first: readonly string[]): readonly GatewayProvider[] {
  if (first.length === 0) return entries;
  const rank = (entry: GatewayProvider) => (first.includes(entry.name) ? first.indexOf(entry.name) : first.length);
  return [...entries].sort((a, b) => rank(a) - rank(b));
}

function copyFindOptions(reader: OptionReader): GatewayGetOrderOptions {
  const options = copyLookupOptions(reader);
  const provider = reader.read('provider', providerName);
  return provider === undefined ? options : { ...options, provider };
}

const providerName: OptionCheck<string> = (value) => (typeof value === 'string' ? ok(value) : err('must be the name of a configured provider'));

function unknownProvider(name: string, entries: readonly GatewayProvider[]): PayrouteError {
  const message = `names no configured provider "${name}" (configured: ${entries.map((e) => e.name).join(', ')})`;
  return payrouteError({ kind: 'validation', provider: ROUTER, retryable: false, message: `options.provider ${message}`, fields: [{ path: 'options.provider', message }] });
}
