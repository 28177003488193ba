import type { Result } from 'neverthrow';
import { parseMinorUnits } from './money.js';

/**
 * A provider's amount in major units (a JSON number such as 100.15, or a decimal string) as exact minor
 * units: read from its shortest decimal text, never multiplied as a float.
 */
export function minorUnitsOf(value: number | string, currency: string): Result<number, string> {
  return parseMinorUnits(String(value), currency).mapErr((e) => `the amount ${String(value)} (${e.message})`);
}
