import { z } from 'zod';
import { commonOptionsSchema } from '../config.js';
import { kindsWhere, type FallbackKind } from '../error-policy.js';
import { onFirstUse } from '../lazy-schema.js';
import { currencySchema, paymentMethods } from '../order.js';
import { EGRESS_CONFLICT, egressOptionsSchema } from '../proxy.js';

/** A provider entry's key, which becomes its instance name: the same rule as an adapter's `name`. */
export const providerNameSchema = onFirstUse(() => commonOptionsSchema.name.unwrap());

/** Error kinds the gateway may fall back on; the others (validation, duplicates, 4xx) never move an order elsewhere. */
export const fallbackKinds: readonly FallbackKind[] = kindsWhere('mayFallBack');

/**
 * Without an `ambiguous` setting the gateway fails closed: an order that may exist at a provider that
 * cannot be asked is not created at another, since two payable checkouts for one order cost a refund
 * (and a customer's trust), while a failed order can be sent again, safely, by the same order id.
 */
export const DEFAULT_AMBIGUOUS = 'fail' as const;

/** The kinds the gateway falls back on unless `fallback.on` says otherwise. */
export const DEFAULT_FALLBACK_ON: readonly FallbackKind[] = kindsWhere('fallsBackByDefault');

export type { FallbackKind };

const unique = (names: readonly string[]) => new Set(names).size === names.length;

const providerListSchema = onFirstUse(() =>
  z
    .array(z.string())
    .readonly()
    .refine((names) => names.length > 0, 'must name at least one provider')
    .refine(unique, 'must not name a provider twice'),
);

/** One value or a non-empty list of them; the output is always a list. */
const oneOrMany = <T extends z.ZodType<string>>(item: T) =>
  z.union([item, z.array(item).readonly().refine((v) => v.length > 0, 'must not be empty')]).transform((v): readonly z.output<T>[] =>
    typeof v === 'string' ? [v] : v,
  );

const conditionSchema = onFirstUse(() => {
  const minorUnits = z.number().int('must be a whole number of minor units').min(0);
  return z.strictObject({
    /** The order's currency is one of these. */
    currency: oneOrMany(currencySchema()).optional(),
    /** The order's amount, in minor units, is within this range (both ends included). */
    amount: z
      .strictObject({ min: minorUnits.optional(), max: minorUnits.optional() })
      .refine((r) => r.min !== undefined || r.max !== undefined, 'give min, max or both')
      .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not be greater than max')
      .optional(),
    /** The order's `paymentMethods` include at least one of these. */
    paymentMethod: oneOrMany(z.enum(paymentMethods)).optional(),
    /** The order's `customer.id` is one of these. */
    customerId: oneOrMany(z.string().min(1)).optional(),
    /** For each key, the order's `metadata[key]` is one of the given values. */
    metadata: z.record(z.string().min(1), oneOrMany(z.string())).optional(),
  });
});

const ruleSchema = onFirstUse(() =>
  z.strictObject({
    /** Every condition given must hold; an empty `when` matches every order. */
    when: conditionSchema(),
    /** The providers to try, in order, when the rule matches. */
    use: providerListSchema(),
  }),
);

const routingSchema = onFirstUse(() =>
  z.discriminatedUnion('strategy', [
    z.strictObject({ strategy: z.literal('priority'), order: providerListSchema() }),
    z.strictObject({
      strategy: z.literal('weighted'),
      weights: z
        .record(z.string(), z.number().min(0, 'must not be negative').finite())
        .refine((w) => Object.values(w).some((n) => n > 0), 'at least one weight must be greater than zero'),
    }),
    z.strictObject({ strategy: z.literal('rules'), rules: z.array(ruleSchema()).readonly(), default: providerListSchema() }),
  ]),
);

const providerEntrySchema = onFirstUse(() =>
  z.looseObject({
    /** Which adapter factory builds this provider: `juspay`, `flowwise`, or a type registered in `createGateway`'s `adapters`. */
    type: z.string().min(1, 'must name an adapter type'),
    /** The only currencies this provider is tried for; every currency its adapter takes when left out. */
    currencies: z.array(currencySchema()).readonly().refine((c) => c.length > 0, 'must not be empty').optional(),
    name: z.never({ error: 'is the entry key: remove it' }).optional(),
    /**
     * `derive`: send this provider a 16-character id derived from the merchant's order id (see
     * docs/orders.md), for order ids longer than it takes; `as_sent` (the default) sends the id as it is.
     */
    orderIds: z.enum(['as_sent', 'derive']).optional(),
  }),
);

/** The `providers` section alone, so adapters can check their options even when another section is wrong. */
export const providersSchema = onFirstUse(() =>
  z
    .record(providerNameSchema(), providerEntrySchema(), {
      error: (issue) => (issue.code === 'invalid_key' ? 'the key must be 1 to 64 letters, digits or _ . -' : undefined),
    })
    .refine((providers) => Object.keys(providers).length > 0, 'must configure at least one provider'),
);

const milliseconds = (max: number) => z.number().int('must be a whole number of milliseconds').min(0).max(max);

const retrySchema = onFirstUse(() =>
  z
    .strictObject({
      /** Tries at one provider, the first included: 1 means no retry. */
      maxAttempts: z.number().int().min(1).max(10).optional(),
      /** Upper bound of the first backoff; each retry doubles it (full jitter picks a wait below the bound). */
      initialDelayMs: milliseconds(60_000).optional(),
      /** Largest backoff bound. */
      maxDelayMs: milliseconds(300_000).optional(),
      /** Time budget of one `createOrder` call, every provider and wait included. */
      deadlineMs: milliseconds(600_000).min(1).optional(),
    })
    .refine((r) => r.initialDelayMs === undefined || r.maxDelayMs === undefined || r.initialDelayMs <= r.maxDelayMs, {
      message: 'must not be greater than maxDelayMs',
      path: ['initialDelayMs'],
    }),
);

const circuitBreakerSchema = onFirstUse(() => {
  const halfOpenAfterMs = milliseconds(3_600_000).min(1).optional();
  return z.discriminatedUnion('policy', [
    z.strictObject({
      policy: z.literal('consecutive'),
      /** Consecutive failed tries that open the circuit. */
      failures: z.number().int().min(1).optional(),
      halfOpenAfterMs,
    }),
    z.strictObject({
      policy: z.literal('sampling'),
      /** Share of failed tries (between 0 and 1, exclusive) over the window that opens the circuit. */
      failureRate: z.number().gt(0).lt(1),
      /** Length of the sliding window. */
      windowMs: milliseconds(3_600_000).min(1_000).optional(),
      /** Tries per second below which the circuit never opens (too few to judge). */
      minimumRps: z.number().positive().optional(),
      halfOpenAfterMs,
    }),
  ]);
});

/**
 * The zod schema of the gateway's configuration, plain data that JSON or the environment can hold.
 * Its sections are getters, built on the schema's first use.
 */
export const gatewayConfigSchema = z
  .strictObject({
    get providers() {
      return providersSchema();
    },
    get routing() {
      return routingSchema();
    },
    get fallback() {
      return z.strictObject({ on: z.array(z.enum(fallbackKinds as [FallbackKind, ...FallbackKind[]])).readonly() }).optional();
    },
    get retry() {
      return retrySchema().optional();
    },
    get circuitBreaker() {
      return circuitBreakerSchema().optional();
    },
    /**
     * What to do when a provider failed so that the order may exist there and its look-up failed too:
     * `fail` (the default) ends the order rather than risk a second payable order elsewhere;
     * `fallback` moves on, naming that provider in the session's `duplicateRisk`.
     */
    get ambiguous() {
      return z.enum(['fail', 'fallback']).optional();
    },
    /** How every built-in provider's requests leave the process, unless its entry sets `proxy` or `agent` itself. */
    get proxy() {
      return egressOptionsSchema().proxy;
    },
    get agent() {
      return egressOptionsSchema().agent;
    },
  })
  .superRefine((config, ctx) => {
    if (config.proxy !== undefined && config.agent !== undefined) ctx.addIssue({ code: 'custom', path: ['agent'], message: EGRESS_CONFLICT });
    const known = new Set(Object.keys(config.providers));
    for (const { path, name } of routedNames(config.routing)) {
      if (!known.has(name)) ctx.addIssue({ code: 'custom', path, message: `"${name}" is not a key of providers` });
    }
  });

/** Every provider name the routing section mentions, with where it stands. */
function routedNames(routing: z.output<ReturnType<typeof routingSchema>>): Array<{ path: PropertyKey[]; name: string }> {
  const list = (path: PropertyKey[], names: readonly string[]) => names.map((name, i) => ({ path: [...path, i], name }));
  switch (routing.strategy) {
    case 'priority':
      return list(['routing', 'order'], routing.order);
    case 'weighted':
      return Object.keys(routing.weights).map((name) => ({ path: ['routing', 'weights', name], name }));
    case 'rules':
      return [
        ...routing.rules.flatMap((rule, i) => list(['routing', 'rules', i, 'use'], rule.use)),
        ...list(['routing', 'default'], routing.default),
      ];
  }
}

/**
 * The gateway's configuration as written: provider entries by name, a routing strategy, and optional
 * fallback, retry and circuit-breaker settings. See docs/routing.md for every field.
 */
export type GatewayConfig = z.input<typeof gatewayConfigSchema>;
/** The configuration after validation, with defaults not yet applied. */
export type ParsedGatewayConfig = z.output<typeof gatewayConfigSchema>;
/** One entry of `providers`: `type`, optional `currencies`, and the adapter's own options (credentials, environment, ...). */
export type ProviderEntry = GatewayConfig['providers'][string];
/** The `routing` section: `priority`, `weighted` or `rules`. */
export type RoutingConfig = GatewayConfig['routing'];
/** The parsed `routing` section. */
export type ParsedRouting = ParsedGatewayConfig['routing'];
/** One rule of the `rules` strategy, as parsed. */
export type ParsedRule = Extract<ParsedRouting, { strategy: 'rules' }>['rules'][number];
/** The `retry` section. */
export type RetryConfig = NonNullable<GatewayConfig['retry']>;
/** The `ambiguous` setting: what an unresolved possibly-created order does to a fallback. */
export type AmbiguousPolicy = NonNullable<ParsedGatewayConfig['ambiguous']>;
/** The `circuitBreaker` section. */
export type CircuitBreakerConfig = NonNullable<GatewayConfig['circuitBreaker']>;
