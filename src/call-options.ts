import { err, ok, type Result } from 'neverthrow';
import { payrouteError, type FieldIssue, type PayrouteError } from './errors.js';
import type { ExpectedAmount, GetOrderOptions } from './order-state.js';
import type { CreateOrderOptions } from './port.js';

/** Checks one option's value and returns the copy payroute keeps, or says what is wrong with it. */
export type OptionCheck<T> = (value: unknown) => Result<T, string>;

/** Thrown by `OptionReader.read` and caught in `readOptions` only: it unwinds a copy function at its first bad option. */
class OptionIssue {
  constructor(readonly issue: FieldIssue) {}
}

/** Reads a caller's options, each once, through a check. A class: a closure per call cost ten times more. */
export class OptionReader {
  readonly #options: object;

  constructor(options: object) {
    this.#options = options;
  }

  /** Option `name` as `check` copies it; `undefined` when the caller left it out. */
  read<T>(name: string, check: OptionCheck<T>): T | undefined {
    let checked: Result<T, string>;
    try {
      const value = (this.#options as Record<string, unknown>)[name];
      if (value === undefined) return undefined;
      checked = check(value);
    } catch (thrown) {
      throw new OptionIssue({ path: `options.${name}`, message: `could not be read (it threw ${thrown instanceof Error ? thrown.name : typeof thrown})` });
    }
    if (checked.isErr()) throw new OptionIssue({ path: `options.${name}`, message: checked.error });
    return checked.value;
  }
}

/**
 * Copies a call's options once, at the public boundary, into a plain object payroute owns. The caller's
 * object may come through an untyped boundary (`null`, a getter or Proxy that throws, a signal that is
 * no AbortSignal), and nothing it does may throw past `createOrder`: each bad option is a `validation`
 * error naming it. `copy` reads the options its entry point takes.
 */
export function readOptions<T>(provider: string, raw: unknown, copy: (options: OptionReader) => T): Result<T, PayrouteError> {
  const options = raw ?? {};
  if (typeof options !== 'object') return err(optionsError(provider, { path: 'options', message: `must be an object, not a ${typeof options}` }));
  try {
    return ok(copy(new OptionReader(options)));
  } catch (thrown) {
    if (thrown instanceof OptionIssue) return err(optionsError(provider, thrown.issue));
    throw thrown;
  }
}

/** The options of an adapter's `createOrder` and `validate`, as `readOptions` copies them. */
export function copyCallOptions(options: OptionReader): CreateOrderOptions {
  const signal = options.read('signal', abortSignal);
  const routingId = options.read('routingId', text);
  // Every order is copied here: spreading `false` into a literal showed in the benchmark.
  const copy: { signal?: AbortSignal; routingId?: string } = {};
  if (signal !== undefined) copy.signal = signal;
  if (routingId !== undefined) copy.routingId = routingId;
  return copy;
}

/** The options of an adapter's `getOrder`, as `readOptions` copies them (`expected` is checked with the order id). */
export function copyLookupOptions(options: OptionReader): GetOrderOptions {
  const expected = options.read('expected', plainExpected);
  return { ...copyCallOptions(options), ...(expected !== undefined && { expected }) };
}

// A copy of the two fields, so a getter cannot answer one thing to the check and another to the mapping.
const plainExpected: OptionCheck<ExpectedAmount> = (value) => {
  if (typeof value !== 'object' || value === null) return err('must be an object with amount and currency');
  const { amount, currency } = value as Record<string, unknown>;
  return ok({ amount, currency } as ExpectedAmount);
};

// Duck-typed rather than `instanceof AbortSignal`, so a signal from another realm or a polyfill works too.
const abortSignal: OptionCheck<AbortSignal> = (value) => {
  if (value instanceof AbortSignal) return ok(value);
  const signal = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<'aborted' | 'addEventListener' | 'removeEventListener', unknown>>;
  const fits = typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function' && typeof signal.removeEventListener === 'function';
  return fits ? ok(value as AbortSignal) : err('must be an AbortSignal');
};

const text: OptionCheck<string> = (value) => (typeof value === 'string' ? ok(value) : err('must be a string'));

function optionsError(provider: string, issue: FieldIssue): PayrouteError {
  return payrouteError({
    kind: 'validation',
    provider,
    retryable: false,
    message: `invalid call options: ${issue.path}: ${issue.message}`,
    fields: [issue],
  });
}
