import {
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhenResult,
  isBrokenCircuitError,
  isIsolatedCircuitError,
  SamplingBreaker,
  type IBreaker,
} from 'cockatiel';
import type { Result } from 'neverthrow';
import { errorPolicy } from '../error-policy.js';
import type { PayrouteError } from '../errors.js';
import type { OrderSession } from '../port.js';
import type { CircuitBreakerConfig } from './config-schema.js';
import type { CircuitChangeEvent, CircuitStatus } from './events.js';

/** Five failed tries in a row open the circuit; a probe is let through 30 s later. */
export const DEFAULT_CIRCUIT_BREAKER = { policy: 'consecutive', failures: 5, halfOpenAfterMs: 30_000 } as const;


type TryResult = Result<OrderSession, PayrouteError>;

/** What a try reports to the breaker: its result and the order it was for. */
interface Tried {
  readonly orderId: string;
  readonly result: TryResult;
}

/** Returned instead of a result when the circuit lets no try through. */
export const CIRCUIT_OPEN = Symbol('circuit open');

/** One provider's circuit breaker. */
export interface ProviderBreaker {
  /** Runs one try through the breaker, or returns `CIRCUIT_OPEN` without running it. */
  run(orderId: string, attempt: () => PromiseLike<TryResult>): Promise<TryResult | typeof CIRCUIT_OPEN>;
  status(): CircuitStatus;
}

const STATUS: Readonly<Record<CircuitState, CircuitStatus>> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'isolated',
};

function createBreakerAlgorithm(config: CircuitBreakerConfig): IBreaker {
  if (config.policy === 'consecutive') return new ConsecutiveBreaker(config.failures ?? DEFAULT_CIRCUIT_BREAKER.failures);
  return new SamplingBreaker({
    threshold: config.failureRate,
    duration: config.windowMs ?? 60_000,
    ...(config.minimumRps !== undefined && { minimumRps: config.minimumRps }),
  });
}

/**
 * A cockatiel circuit breaker around one provider's tries. While a half-open probe is in flight other
 * orders skip the provider instead of queueing behind the probe.
 */
export function createProviderBreaker(
  provider: string,
  config: CircuitBreakerConfig = DEFAULT_CIRCUIT_BREAKER,
  onChange: (event: CircuitChangeEvent) => void,
): ProviderBreaker {
  const policy = circuitBreaker(
    handleWhenResult((tried) => {
      const { result } = tried as Tried;
      return result.isErr() && errorPolicy[result.error.kind].breakerFailure;
    }),
    { breaker: createBreakerAlgorithm(config), halfOpenAfter: config.halfOpenAfterMs ?? DEFAULT_CIRCUIT_BREAKER.halfOpenAfterMs },
  );

  // Which order caused a change: cockatiel reports the failing try when the circuit opens; the probe
  // that half-opens (and then closes) it is the try that found it open, noted before it runs.
  let current: CircuitStatus = 'closed';
  let openedBy: Tried | undefined;
  let probe: string | undefined;
  policy.onBreak((reason) => {
    openedBy = 'value' in reason ? (reason.value as Tried) : undefined;
  });
  policy.onStateChange((state) => {
    const to = STATUS[state];
    const cause = to === 'open' ? openedBy : undefined;
    const orderId = to === 'open' ? cause?.orderId : probe;
    const errorKind = cause?.result.isErr() ? cause.result.error.kind : undefined;
    onChange({ provider, from: current, to, ...(orderId !== undefined && { orderId }), ...(errorKind && { errorKind }) });
    current = to;
  });

  return {
    status: () => STATUS[policy.state],
    run: (orderId, attempt) => {
      if (policy.state === CircuitState.HalfOpen) return Promise.resolve(CIRCUIT_OPEN);
      if (policy.state === CircuitState.Open) probe = orderId;
      // `then` rather than async functions around and inside `execute`: each would cost promises per try.
      return policy.execute(() => Promise.resolve(attempt()).then((result): Tried => ({ orderId, result }))).then(
        (tried) => tried.result,
        (thrown: unknown) => {
          if (isBrokenCircuitError(thrown) || isIsolatedCircuitError(thrown)) return CIRCUIT_OPEN;
          throw thrown;
        },
      );
    },
  };
}
