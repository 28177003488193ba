import type { Environment } from '../gateway/index.js';
import type { OrderStatus } from '../port.js';

/** Colours a piece of text, or leaves it as it is. */
export type Paint = (text: string) => string;

/** How human output marks what matters: each a no-op when colour is off. */
export interface Style {
  readonly label: Paint;
  readonly good: Paint;
  readonly warn: Paint;
  readonly bad: Paint;
  readonly dim: Paint;
}

const keep: Paint = (text) => text;
const sgr = (on: number, off: number): Paint => (text) => `\x1b[${on}m${text}\x1b[${off}m`;

/** No colour: what a pipe, a file or `NO_COLOR` gets. */
export const PLAIN: Style = { label: keep, good: keep, warn: keep, bad: keep, dim: keep };
const COLOURED: Style = { label: sgr(1, 22), good: sgr(32, 39), warn: sgr(33, 39), bad: sgr(31, 39), dim: sgr(2, 22) };

/**
 * Colour on a terminal, plain elsewhere; as Node decides for its own output, `FORCE_COLOR` (anything
 * but `0`/`false`) wins over `NO_COLOR` (any non-empty value) and `TERM=dumb`, which win over the terminal.
 */
export function colourFor(isTTY: boolean | undefined, env: Environment): Style {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force === '0' || force === 'false' ? PLAIN : COLOURED;
  if ((env['NO_COLOR'] ?? '') !== '' || env['TERM'] === 'dumb') return PLAIN;
  return isTTY === true ? COLOURED : PLAIN;
}

const GOOD: ReadonlySet<OrderStatus> = new Set(['created', 'paid']);
const BAD: ReadonlySet<OrderStatus> = new Set(['failed', 'cancelled', 'expired']);

/** The paint of an order status: paid or created is good, failed, cancelled or expired bad, the rest still open. */
export function statusPaint(style: Style, status: OrderStatus): Paint {
  if (GOOD.has(status)) return style.good;
  return BAD.has(status) ? style.bad : style.warn;
}
