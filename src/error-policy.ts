import type { PayrouteErrorKind } from './errors.js';

/** What an error says about the order at the provider that returned it. */
export type OrderExistence =
  /** Nothing was created there. */
  | 'absent'
  /** The order may have been created although the call failed: look it up before creating it elsewhere. */
  | 'may_exist'
  /** An order with this id is there. */
  | 'exists'
  /** It depends on the case; the error's own `orderMayExist` says which. */
  | 'depends';

/** How payroute treats one error kind: the one table retries, fallbacks, breakers and docs read. */
export interface ErrorPolicy {
  /** The error's `retryable` (`depends`: the error says, as `all_providers_failed` does from its attempts). */
  readonly retryable: boolean | 'depends';
  /** Whether the gateway may try the same provider again after it (the order id is the same on every try). */
  readonly retriedByGateway: boolean;
  /** Whether `fallback.on` may name it. */
  readonly mayFallBack: boolean;
  /** Whether the gateway falls back on it when `fallback.on` is not set. */
  readonly fallsBackByDefault: boolean;
  /** Whether a try that failed so counts against the provider's circuit breaker (the provider is unwell). */
  readonly breakerFailure: boolean;
  readonly order: OrderExistence;
}

/**
 * Every error kind's policy, one row each, the failures of a provider that may pass first (the order of
 * `fallbackKinds` and `DEFAULT_FALLBACK_ON`). `retriedByGateway` is false for what the provider would answer
 * the same way again (validation, 4xx, a duplicate, bad credentials) and for the caller's abort; a kind
 * with it true is retried only when the error itself is `retryable`.
 */
export const errorPolicy = {
  network: { retryable: true, retriedByGateway: true, mayFallBack: true, fallsBackByDefault: true, breakerFailure: true, order: 'depends' },
  timeout: { retryable: true, retriedByGateway: true, mayFallBack: true, fallsBackByDefault: true, breakerFailure: true, order: 'may_exist' },
  provider_unavailable: { retryable: true, retriedByGateway: true, mayFallBack: true, fallsBackByDefault: true, breakerFailure: true, order: 'depends' },
  rate_limited: { retryable: true, retriedByGateway: true, mayFallBack: true, fallsBackByDefault: true, breakerFailure: true, order: 'absent' },
  authentication: { retryable: false, retriedByGateway: false, mayFallBack: true, fallsBackByDefault: true, breakerFailure: false, order: 'absent' },
  unexpected_response: { retryable: false, retriedByGateway: true, mayFallBack: true, fallsBackByDefault: false, breakerFailure: true, order: 'may_exist' },
  validation: { retryable: false, retriedByGateway: false, mayFallBack: false, fallsBackByDefault: false, breakerFailure: false, order: 'absent' },
  invalid_request: { retryable: false, retriedByGateway: false, mayFallBack: false, fallsBackByDefault: false, breakerFailure: false, order: 'absent' },
  not_found: { retryable: false, retriedByGateway: false, mayFallBack: false, fallsBackByDefault: false, breakerFailure: false, order: 'absent' },
  duplicate_order: { retryable: false, retriedByGateway: false, mayFallBack: false, fallsBackByDefault: false, breakerFailure: false, order: 'exists' },
  aborted: { retryable: false, retriedByGateway: false, mayFallBack: false, fallsBackByDefault: false, breakerFailure: false, order: 'depends' },
  configuration: { retryable: false, retriedByGateway: true, mayFallBack: false, fallsBackByDefault: false, breakerFailure: false, order: 'absent' },
  all_providers_failed: { retryable: 'depends', retriedByGateway: true, mayFallBack: false, fallsBackByDefault: false, breakerFailure: false, order: 'depends' },
  in_progress: { retryable: true, retriedByGateway: false, mayFallBack: false, fallsBackByDefault: false, breakerFailure: false, order: 'may_exist' },
  ledger_unavailable: { retryable: true, retriedByGateway: false, mayFallBack: false, fallsBackByDefault: false, breakerFailure: false, order: 'depends' },
  internal: { retryable: false, retriedByGateway: true, mayFallBack: false, fallsBackByDefault: false, breakerFailure: false, order: 'depends' },
} as const satisfies Readonly<Record<PayrouteErrorKind, ErrorPolicy>>;

type Policies = typeof errorPolicy;
type KindsWhere<Field extends keyof ErrorPolicy> = { [K in keyof Policies]: Policies[K][Field] extends true ? K : never }[keyof Policies];

/** An error kind `fallback.on` may name. */
export type FallbackKind = KindsWhere<'mayFallBack'>;

const kinds = Object.keys(errorPolicy) as PayrouteErrorKind[];

/** The kinds whose policy has `field` set. */
export function kindsWhere<Field extends 'retriedByGateway' | 'mayFallBack' | 'fallsBackByDefault' | 'breakerFailure'>(field: Field): KindsWhere<Field>[] {
  return kinds.filter((kind): kind is KindsWhere<Field> => errorPolicy[kind][field]);
}

/** The policy table as the Markdown table docs/errors.md holds (a test keeps the two equal). */
export function errorPolicyMarkdown(): string {
  const yesNo = (value: boolean | 'depends') => (value === 'depends' ? 'depends' : value ? 'yes' : 'no');
  const fallback = (p: ErrorPolicy) => (p.fallsBackByDefault ? 'by default' : p.mayFallBack ? 'when `fallback.on` names it' : 'never');
  const rows = kinds.map((kind) => {
    const p: ErrorPolicy = errorPolicy[kind];
    const retried = p.retriedByGateway ? (p.retryable === true ? 'yes' : 'if the error is retryable') : 'never';
    return `| \`${kind}\` | ${yesNo(p.retryable)} | ${retried} | ${fallback(p)} | ${yesNo(p.breakerFailure)} | ${p.order.replace('_', ' ')} |`;
  });
  return [
    '| kind | retryable | retried at the same provider | falls back | opens the circuit | the order at that provider |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
