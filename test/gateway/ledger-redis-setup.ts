import type { Result } from 'neverthrow';
import type { GatewayConfig, GatewaySession, RoutingError } from '../../providers/entries/index.js';

/** What the parent passes its child gateway: where Redis and the sandbox's servers are. */
export interface ChildSettings {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly juspay: Record<string, unknown>;
  readonly flowwise: Record<string, unknown>;
  readonly deadlineMs: number;
}

/** The gateway both processes run: juspay_main, then flowwise_backup, at the sandbox. */
export function gatewayConfig(settings: ChildSettings): GatewayConfig {
  return {
    providers: {
      juspay_main: { type: 'juspay', ...settings.juspay, timeoutMs: 1_000 },
      flowwise_backup: { type: 'flowwise', ...settings.flowwise, timeoutMs: 1_000 },
    },
    routing: { strategy: 'priority', order: ['juspay_main', 'flowwise_backup'] },
    retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 20, deadlineMs: settings.deadlineMs },
  };
}

/** One order's outcome, as both processes report it. */
export type Outcome =
  | { readonly orderId: string; readonly provider: string; readonly checkoutUrl: string; readonly replayed: boolean; readonly unprotected: boolean }
  | { readonly orderId: string; readonly kind: string };

export function outcomeOf(orderId: string, result: Result<GatewaySession, RoutingError>): Outcome {
  return result.isOk()
    ? { orderId, provider: result.value.provider, checkoutUrl: result.value.checkoutUrl, replayed: result.value.replayed === true, unprotected: result.value.unprotected === true }
    : { orderId, kind: result.error.kind };
}
