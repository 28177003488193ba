import type { Result } from 'neverthrow';
import type { GatewaySession, RoutingError, SkippedProvider } from '../gateway/index.js';
import { toMajorUnits } from '../money.js';
import type { OrderState } from '../order-state.js';
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

/** A looked-up order as aligned lines; amounts in major units of its currency. */
export function formatState(state: OrderState): string {
  const money = (minor: number | undefined) =>
    minor === undefined || state.currency === undefined ? undefined : `${toMajorUnits(minor, state.currency).unwrapOr(String(minor))} ${state.currency}`;
  const lines: Array<[string, string | undefined]> = [
    ['found at', state.provider],
    ['order id', state.orderId],
    ['provider order', state.providerOrderId],
    ['status', `${state.status} (${state.providerStatus})`],
    ['final', state.final ? 'yes' : 'no: it may still change'],
    ['amount', money(state.amount) ?? 'not in the answer'],
    ['amount paid', money(state.amountPaid)],
    ['amount refunded', money(state.amountRefunded)],
    ['checkout url', state.checkoutUrl],
    ['transaction', state.transactionId],
    ['created at', state.createdAt?.toISOString()],
    ['expires at', state.expiresAt?.toISOString()],
  ];
  return aligned(lines).join('\n');
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

/** Machine output: `{ ok: true, session }` (or `order` for a look-up) or `{ ok: false, error }`; dates become ISO strings in JSON. */
export function toJsonValue<T>(result: Result<T, RoutingError>, key: 'session' | 'order' = 'session'): object {
  return result.match(
    (value) => ({ ok: true, [key]: value }),
    (error) => ({ ok: false, error }),
  );
}
