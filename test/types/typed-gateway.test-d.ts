// Type tests, run by `npm run typecheck` (tsconfig includes test/): each `@ts-expect-error` fails the
// check if the error it expects goes away. Nothing here runs.
import { expectTypeOf } from 'vitest';
import {
  createGateway,
  loadGatewayConfig,
  type Attempt,
  type CreateOrderError,
  type FieldIssue,
  type GatewayConfig,
  type Order,
  type PayrouteError,
  type ProviderFactory,
  type SkippedProvider,
} from '../../providers/entries/index.js';

declare const order: Order;
declare const env: Record<string, string>;
// A provider of your own: a factory with its `type` and options.
declare const acmePay: ProviderFactory<'acme-pay', { apiKey: string; environment?: 'sandbox' | 'production' }, { ref: string }>;

const gateway = createGateway(
  {
    providers: {
      juspay_main: { type: 'juspay', apiKey: env['JP'] ?? '', merchantId: 'acme', environment: 'production' },
      flowwise_backup: { type: 'flowwise', clientId: 'id', clientSecret: 'secret', currencies: ['INR'] },
      acme: { type: 'acme-pay', apiKey: 'key' },
    },
    routing: { strategy: 'priority', order: ['juspay_main', 'flowwise_backup', 'acme'] },
  },
  { providers: [acmePay] },
);

// Misspelt option.
createGateway({
  providers: {
    juspay_main: {
      type: 'juspay',
      // @ts-expect-error `apikey` is not a Juspay option (it is `apiKey`)
      apikey: 'key',
      merchantId: 'acme',
    },
  },
  routing: { strategy: 'priority', order: ['juspay_main'] },
});

// A missing credential.
createGateway({
  providers: {
    // @ts-expect-error `merchantId` is missing
    juspay_main: { type: 'juspay', apiKey: 'key' },
  },
  routing: { strategy: 'priority', order: ['juspay_main'] },
});

// An environment that does not exist.
createGateway({
  providers: {
    juspay_main: {
      type: 'juspay',
      apiKey: 'key',
      merchantId: 'acme',
      // @ts-expect-error 'prod' is neither 'sandbox' nor 'production'
      environment: 'prod',
    },
  },
  routing: { strategy: 'priority', order: ['juspay_main'] },
});

// A type no factory is named by.
createGateway({
  providers: {
    // @ts-expect-error 'juspai' is not a provider type
    juspay_main: { type: 'juspai', apiKey: 'key', merchantId: 'acme' },
  },
  routing: { strategy: 'priority', order: ['juspay_main'] },
});

// A custom provider's type without its factory.
createGateway({
  providers: {
    // @ts-expect-error 'acme-pay' is known only with `providers: [acmePay]`
    acme: { type: 'acme-pay', apiKey: 'key' },
  },
  routing: { strategy: 'priority', order: ['acme'] },
});

// Routing names that are not keys of `providers`, in each strategy.
const providers = { juspay_main: { type: 'juspay', apiKey: 'key', merchantId: 'acme' } } as const;
createGateway({
  providers,
  routing: {
    strategy: 'priority',
    // @ts-expect-error 'juspay' is a type, not an entry key
    order: ['juspay'],
  },
});
createGateway({
  providers,
  routing: {
    strategy: 'weighted',
    // @ts-expect-error 'backup' is not an entry key
    weights: { juspay_main: 1, backup: 1 },
  },
});
createGateway({
  providers,
  routing: {
    strategy: 'rules',
    rules: [
      {
        when: { currency: 'INR' },
        // @ts-expect-error 'backup' is not an entry key
        use: ['backup'],
      },
    ],
    default: ['juspay_main'],
  },
});

// The per-call provider list names entry keys too.
// @ts-expect-error 'juspay' is not an entry key
void gateway.createOrder(order, { providers: ['juspay'] });
void gateway.getOrder('A1', { provider: 'acme' });

// A configuration the compiler cannot see into is taken, and checked at run time.
declare const loose: GatewayConfig;
expectTypeOf(createGateway(loose).createOrder).returns.resolves.toHaveProperty('isOk');
const loaded = loadGatewayConfig();
if (loaded.isOk()) createGateway(loaded.value);
// The typed form of a configuration kept in a variable: `satisfies` keeps its keys and types.
const typed = {
  providers: { main: { type: 'juspay', apiKey: 'key', merchantId: 'acme' } },
  routing: { strategy: 'priority', order: ['main'] },
} as const satisfies GatewayConfig;
createGateway(typed);

// Sessions narrow by entry key or provider type.
void gateway.createOrder(order).map((session) => {
  expectTypeOf(session.provider).toEqualTypeOf<'juspay_main' | 'flowwise_backup' | 'acme'>();
  expectTypeOf(session.providerType).toEqualTypeOf<'juspay' | 'flowwise' | 'acme-pay'>();
  if (session.providerType === 'juspay') expectTypeOf(session.raw.order_id).toEqualTypeOf<string>();
  if (session.provider === 'acme') expectTypeOf(session.raw).toEqualTypeOf<{ ref: string }>();
  if (session.providerType === 'flowwise') expectTypeOf(session.raw.order_hash).toEqualTypeOf<string>();
  return session;
});

// Errors narrow by kind.
void gateway.createOrder(order).mapErr((error) => {
  expectTypeOf(error).toEqualTypeOf<CreateOrderError>();
  // @ts-expect-error createOrder never returns `configuration`
  if (error.kind === 'configuration') return error;
  if (error.kind === 'rate_limited') expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
  if (error.kind === 'validation') {
    expectTypeOf(error.fields).toEqualTypeOf<readonly FieldIssue[]>();
    expectTypeOf(error.retryAfterMs).toEqualTypeOf<undefined>();
  }
  if (error.kind === 'all_providers_failed') {
    expectTypeOf(error.attempts).toEqualTypeOf<readonly Attempt[]>();
    expectTypeOf(error.skipped).toEqualTypeOf<readonly SkippedProvider[]>();
    expectTypeOf(error.fields).toEqualTypeOf<undefined>();
  }
  return error;
});
declare const any: PayrouteError;
expectTypeOf(any.retryAfterMs).toEqualTypeOf<number | undefined>();
