import type { Result } from 'neverthrow';
import type { GatewaySession, RoutingError } from '../gateway/index.js';

/** A session as a few aligned lines a person reads at a glance. */
export function formatSession(session: GatewaySession): string {
  const lines: Array<[string, string | undefined]> = [
    ['created at', session.provider],
    ['order id', session.orderId],
    ['provider order', session.providerOrderId],
    ['status', `${session.status} (${session.providerStatus})`],
    ['checkout url', session.checkoutUrl],
    ['client token', session.clientAuthToken],
    ['expires at', session.expiresAt?.toISOString()],
  ];
  return [...aligned(lines), ...formatAttempts(session.attempts)].join('\n');
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
  const fields = (error.fields ?? []).map((f) => `  - ${f.path || '(order)'}: ${f.message}`);
  return [...aligned(lines), ...fields, ...formatAttempts(error.attempts ?? [])].join('\n');
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
