import type { Result } from 'neverthrow';
import type { RoutingError, SkippedProvider } from '../gateway/index.js';
import type { GatewaySession } from '../gateway/index.js';
import type { OrderSession } from '../port.js';

/** A session as a few aligned lines a person reads at a glance; a gateway's also lists the providers it skipped. */
export function formatSession(session: OrderSession & Partial<Pick<GatewaySession, 'attempts' | 'skipped'>>): string {
  const lines: Array<[string, string | undefined]> = [
    ['created at', session.provider],
    ['order id', session.orderId],
    ['provider order', session.providerOrderId],
    ['status', `${session.status} (${session.providerStatus})`],
    ['checkout url', session.checkoutUrl],
    ['client token', session.clientAuthToken],
    ['expires at', session.expiresAt?.toISOString()],
  ];
  return [...aligned(lines), ...formatAttempts(session.attempts ?? []), ...formatSkipped(session.skipped ?? [])].join('\n');
}

/** An error with its kind first, then what a person needs to act on it. */
export function formatError(error: RoutingError): string {
  const lines: Array<[string, string | undefined]> = [
    ['failed', `${error.kind} at ${error.provider}`],
    ['reason', error.message],
    ['http status', error.httpStatus?.toString()],
    ['provider code', error.providerCode],
    ['order may exist', error.orderMayExist ? 'yes: look it up before creating it again' : undefined],
  ];
  // A field without a path is the whole of what was checked: the configuration or the order.
  const whole = error.kind === 'configuration' ? '(configuration)' : '(order)';
  const fields = (error.fields ?? []).map((f) => `  - ${f.path || whole}: ${f.message}`);
  return [...aligned(lines), ...fields, ...formatAttempts(error.attempts ?? []), ...formatSkipped(error.skipped ?? [])].join('\n');
}

function formatSkipped(skipped: readonly SkippedProvider[]): string[] {
  if (skipped.length === 0) return [];
  return ['skipped:', ...skipped.map((s) => `  - ${s.provider}: ${s.reason} (${s.message})`)];
}

function formatAttempts(attempts: GatewaySession['attempts']): string[] {
  if (attempts.length === 0) return [];
  return [
    'attempts:',
    ...attempts.map((a) => `  - ${a.provider}: ${a.error.kind} after ${Math.round(a.durationMs)} ms (${a.error.message})`),
  ];
}

function aligned(lines: Array<[string, string | undefined]>): string[] {
  const shown = lines.filter((line): line is [string, string] => line[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`);
}

/** Machine output: `{ ok: true, session }` or `{ ok: false, error }` (dates become ISO strings in JSON). */
export function toJsonValue(result: Result<GatewaySession, RoutingError>): object {
  return result.match(
    (session) => ({ ok: true, session }),
    (error) => ({ ok: false, error }),
  );
}
