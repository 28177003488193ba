import type { Result } from 'neverthrow';
import type { AttemptEvent, GatewaySession, RoutingError, SkipEvent, SkippedProvider } from '../gateway/index.js';
import { toMajorUnits } from '../money.js';
import type { OrderState } from '../order-state.js';
import type { OrderSession } from '../port.js';
import { PLAIN, statusPaint, type Paint, type Style } from './terminal.js';

/** A label and its value; a line without a value is left out, a painted one is coloured after alignment. */
type Line = readonly [label: string, value: string | undefined, paint?: Paint | undefined];

/** A session as a few aligned lines a person reads at a glance; a gateway's also lists the providers it skipped. */
export function formatSession(session: OrderSession & Partial<Pick<GatewaySession, 'attempts' | 'skipped'>>, style: Style = PLAIN): string {
  const lines: Line[] = [
    ['created at', session.provider],
    ['order id', session.orderId],
    ['provider order', session.providerOrderId],
    ['status', `${session.status} (${session.providerStatus})`, statusPaint(style, session.status)],
    ['checkout url', session.checkoutUrl],
    ['client token', session.clientAuthToken],
    ['expires at', session.expiresAt?.toISOString()],
  ];
  return [...aligned(lines, style), ...formatAttempts(session.attempts ?? [], style), ...formatSkipped(session.skipped ?? [], style)].join('\n');
}

/** A looked-up order as aligned lines; amounts in major units of its currency. */
export function formatState(state: OrderState, style: Style = PLAIN): string {
  const money = (minor: number | undefined) =>
    minor === undefined || state.currency === undefined ? undefined : `${toMajorUnits(minor, state.currency).unwrapOr(String(minor))} ${state.currency}`;
  const lines: Line[] = [
    ['found at', state.provider],
    ['order id', state.orderId],
    ['provider order', state.providerOrderId],
    ['status', `${state.status} (${state.providerStatus})`, statusPaint(style, state.status)],
    ['final', state.final ? 'yes' : 'no: it may still change', state.final ? undefined : style.warn],
    ['amount', money(state.amount) ?? 'not in the answer'],
    ['amount paid', money(state.amountPaid)],
    ['amount refunded', money(state.amountRefunded)],
    ['checkout url', state.checkoutUrl],
    ['transaction', state.transactionId],
    ['created at', state.createdAt?.toISOString()],
    ['expires at', state.expiresAt?.toISOString()],
  ];
  return aligned(lines, style).join('\n');
}

/** An error with its kind first, then what a person needs to act on it. */
export function formatError(error: RoutingError, style: Style = PLAIN): string {
  const lines: Line[] = [
    ['failed', `${error.kind} at ${error.provider}`, style.bad],
    ['reason', error.message],
    ['http status', error.httpStatus?.toString()],
    ['provider code', error.providerCode],
    ['order may exist', error.orderMayExist ? 'yes: look it up before creating it again' : undefined, style.warn],
  ];
  // A field without a path is the whole of what was checked: the configuration or the order.
  const whole = error.kind === 'configuration' ? '(configuration)' : '(order)';
  const fields = (error.fields ?? []).map((f) => `  - ${f.path || whole}: ${f.message}`);
  return [...aligned(lines, style), ...fields, ...formatAttempts(error.attempts ?? [], style), ...formatSkipped(error.skipped ?? [], style)].join('\n');
}

/** `--verbose`: one try at one provider, as it ends. */
export function formatAttemptEvent(event: AttemptEvent, style: Style = PLAIN): string {
  const outcome = event.outcome === 'created' ? style.good('created') : style.bad(`failed: ${event.errorKind ?? 'error'}`);
  const status = event.httpStatus === undefined ? '' : `, HTTP ${event.httpStatus}`;
  const mayExist = event.orderMayExist ? style.warn(', the order may exist') : '';
  return `${style.dim('attempt')} ${event.attempt} at ${event.provider}: ${outcome}${status} after ${Math.round(event.durationMs)} ms${mayExist}`;
}

/** `--verbose`: a provider passed over without a try. */
export function formatSkipEvent(event: SkipEvent, style: Style = PLAIN): string {
  return `${style.dim('skipped')} ${event.provider}: ${event.reason}`;
}

function formatSkipped(skipped: readonly SkippedProvider[], style: Style): string[] {
  if (skipped.length === 0) return [];
  return [style.label('skipped:'), ...skipped.map((s) => `  - ${s.provider}: ${s.reason} ${style.dim(`(${s.message})`)}`)];
}

function formatAttempts(attempts: GatewaySession['attempts'], style: Style): string[] {
  if (attempts.length === 0) return [];
  return [
    style.label('attempts:'),
    ...attempts.map((a) => `  - ${a.provider}: ${style.bad(a.error.kind)} after ${Math.round(a.durationMs)} ms ${style.dim(`(${a.error.message})`)}`),
  ];
}

function aligned(lines: readonly Line[], style: Style): string[] {
  const shown = lines.filter((line): line is readonly [string, string, (Paint | undefined)?] => line[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length));
  return shown.map(([label, value, paint]) => `${style.label(`${label}:`.padEnd(width + 2))}${paint ? paint(value) : value}`);
}

/** Machine output: `{ ok: true, session }` (or `order` for a look-up) or `{ ok: false, error }`; dates become ISO strings in JSON. */
export function toJsonValue<T>(result: Result<T, RoutingError>, key: 'session' | 'order' = 'session'): object {
  return result.match(
    (value) => ({ ok: true, [key]: value }),
    (error) => ({ ok: false, error }),
  );
}
