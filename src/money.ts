import { err, ok, type Result } from 'neverthrow';
import { currencyExponent } from './currencies.js';

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Why a decimal amount could not be turned into minor units. */
export interface AmountError {
  readonly message: string;
}

/**
 * Parses a major-unit decimal string ("100.15") into an integer amount of minor units (10015 for INR)
 * with string arithmetic only, so no float rounding can creep in.
 *
 * @returns `Err` when the currency is not an ISO 4217 code with a minor unit, the text is not a plain
 * non-negative decimal, it has more decimals than the currency has minor digits, or the result is not
 * a safe integer.
 */
export function parseMinorUnits(decimal: string, currency: string): Result<number, AmountError> {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) return err({ message: `unknown currency "${currency}"` });
  const match = DECIMAL.exec(decimal);
  if (!match) {
    if (DECIMAL.test(decimal.slice(1)) && decimal.startsWith('-')) {
      return err({ message: `"${decimal}" is negative: an amount is a plain decimal such as 100.15, without a sign` });
    }
    return err({ message: `"${decimal}" is not a plain decimal amount such as 100.15` });
  }
  const whole = match[1] ?? '';
  const written = match[2] ?? '';
  const fraction = written.replace(/0+$/, '');
  if (fraction.length > exponent) {
    const places = `${written.length} decimal place${written.length === 1 ? '' : 's'}`;
    return err({ message: `"${decimal}" has ${places}; ${currency} takes ${exponent === 0 ? 'none' : exponent}` });
  }
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor)) return err({ message: `"${decimal}" is too large` });
  return ok(minor);
}

/**
 * Turns a major-unit decimal string into integer minor units: `toMinorUnits('100.15', 'INR')` is `10015`,
 * `toMinorUnits('500', 'JPY')` is `500`, `toMinorUnits('1.234', 'KWD')` is `1234`.
 *
 * It never throws: text it cannot convert exactly gives `NaN`, which `createOrder` rejects as a
 * `validation` error on `amount` before any request is sent. A NaN cannot say why: use
 * {@link parseMinorUnits} where the reason matters (`"100.155" has 3 decimal places; INR takes 2`).
 */
export function toMinorUnits(decimal: string, currency: string): number {
  return parseMinorUnits(decimal, currency).unwrapOr(Number.NaN);
}

/**
 * Formats integer minor units as the exact major-unit decimal string with all of the currency's
 * digits, as a `Result`: `toMajorUnits(10015, 'INR')` is `Ok("100.15")`, `toMajorUnits(5, 'KWD')` is
 * `Ok("0.005")`. It never throws.
 *
 * @returns `Err` when the amount is not a non-negative safe integer (`NaN`, `1.5`, `-1`) or the currency
 * is unknown: a price is never shown rounded or made up.
 */
export function toMajorUnits(minor: number, currency: string): Result<string, AmountError> {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) return err({ message: `unknown currency "${currency}"` });
  if (!Number.isSafeInteger(minor) || minor < 0) {
    return err({ message: `${minor} is not a non-negative whole number of minor units` });
  }
  if (exponent === 0) return ok(String(minor));
  const digits = String(minor).padStart(exponent + 1, '0');
  return ok(`${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`);
}

/**
 * The shortest exact decimal of an amount, with at most `maxDecimals` places ("100.10" INR becomes
 * "100.1" only when `trimZeros` is set). Returns `Err` when the amount needs more places than the
 * provider takes: a provider that cannot take an amount gets no request, never a rounded one.
 */
export function toProviderDecimal(
  minor: number,
  currency: string,
  { maxDecimals, trimZeros }: { maxDecimals: number; trimZeros: boolean },
): Result<string, AmountError> {
  return toMajorUnits(minor, currency).andThen((text) => {
    const [whole, fraction = ''] = text.split('.');
    const significant = fraction.replace(/0+$/, '');
    if (significant.length > maxDecimals) {
      return err({ message: `${text} ${currency} has more than the ${maxDecimals} decimal places this provider takes` });
    }
    const kept = trimZeros ? significant : fraction.slice(0, Math.max(maxDecimals, significant.length));
    return ok(kept ? `${whole}.${kept}` : `${whole}`);
  });
}
