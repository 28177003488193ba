import { err, type Result } from 'neverthrow';
import { payrouteError, type PayrouteError } from '../errors.js';
import { ROUTER } from '../gateway/gateway-errors.js';
import type { GetOrderOptions, OrderState } from '../order-state.js';
import type { PaymentProvider } from '../port.js';

/**
 * Asks each provider in turn for the order and returns the first that holds it. It is `not_found` only
 * when every provider said so; when one could not be asked, its error is returned instead, since the
 * order may be there.
 */
export async function findOrder(
  providers: readonly PaymentProvider[],
  orderId: string,
  options: GetOrderOptions,
): Promise<Result<OrderState, PayrouteError>> {
  let failure: PayrouteError | undefined;
  const notFound: PayrouteError[] = [];
  for (const provider of providers) {
    if (!provider.getOrder) continue;
    const found = await provider.getOrder(orderId, options);
    if (found.isOk()) return found;
    if (found.error.kind === 'not_found') notFound.push(found.error);
    else failure ??= found.error;
  }
  if (failure) return err(failure);
  const [only] = notFound;
  if (only && notFound.length === 1) return err(only);
  if (only) {
    const asked = notFound.map((e) => e.provider).join(', ');
    return err(payrouteError({ kind: 'not_found', provider: ROUTER, retryable: false, orderMayExist: false, message: `none of ${asked} holds order "${orderId}"` }));
  }
  return err(payrouteError({ kind: 'configuration', provider: ROUTER, retryable: false, message: 'no configured provider can look orders up' }));
}
