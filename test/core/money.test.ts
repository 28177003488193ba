import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyCodes, currencyExponent } from '../../src/currencies.js';
import { parseMinorUnits, toMajorUnits, toMinorUnits, toProviderDecimal } from '../../src/money.js';
import { toFlowwiseAmount } from '../../providers/flowwise/request.js';

const currency = fc.constantFrom(...currencyCodes);
const minor = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

/** The decimal text of `minor / 10^exponent`, computed with BigInt as an independent oracle. */
function oracle(amount: number, exponent: number): string {
  const scale = 10n ** BigInt(exponent);
  const value = BigInt(amount);
  const fraction = (value % scale).toString().padStart(exponent, '0');
  return exponent === 0 ? `${value / scale}` : `${value / scale}.${fraction}`;
}

describe('money', () => {
  it('converts the README example and each exponent exactly', () => {
    expect(toMinorUnits('100.15', 'INR')).toBe(10015);
    expect(toMinorUnits('1.15', 'INR')).toBe(115);
    expect(toMinorUnits('1.005', 'KWD')).toBe(1005);
    expect(toMinorUnits('500', 'JPY')).toBe(500);
    expect(toMinorUnits('0.0001', 'CLF')).toBe(1);
    expect(toMinorUnits('100.10', 'INR')).toBe(10010);
    expect(toMajorUnits(5, 'KWD')._unsafeUnwrap()).toBe('0.005');
    expect(toMajorUnits(10015, 'INR')._unsafeUnwrap()).toBe('100.15');
  });

  it('gives NaN from toMinorUnits and the reason from parseMinorUnits for what it cannot convert exactly', () => {
    expect(toMinorUnits('1.005', 'INR')).toBeNaN();
    expect(parseMinorUnits('100.155', 'INR')._unsafeUnwrapErr().message).toBe('"100.155" has 3 decimal places; INR takes 2');
    expect(parseMinorUnits('1.0050', 'INR')._unsafeUnwrapErr().message).toBe('"1.0050" has 4 decimal places; INR takes 2');
    expect(parseMinorUnits('1.5', 'JPY')._unsafeUnwrapErr().message).toBe('"1.5" has 1 decimal place; JPY takes none');
    expect(parseMinorUnits('-1', 'INR')._unsafeUnwrapErr().message).toBe('"-1" is negative: an amount is a plain decimal such as 100.15, without a sign');
    expect(parseMinorUnits('1e3', 'INR').isErr()).toBe(true);
    expect(parseMinorUnits('100', 'XXX')._unsafeUnwrapErr().message).toBe('unknown currency "XXX"');
    expect(parseMinorUnits('99999999999999999', 'INR')._unsafeUnwrapErr().message).toContain('too large');
  });

  it('formats every safe amount in every currency exactly (BigInt oracle)', () => {
    fc.assert(
      fc.property(minor, currency, (amount, code) => {
        expect(toMajorUnits(amount, code)._unsafeUnwrap()).toBe(oracle(amount, currencyExponent(code) ?? 0));
      }),
      { numRuns: 5000 },
    );
  });

  it('round-trips minor to major to minor for every currency', () => {
    fc.assert(
      fc.property(minor, currency, (amount, code) => {
        expect(toMinorUnits(toMajorUnits(amount, code)._unsafeUnwrap(), code)).toBe(amount);
      }),
      { numRuns: 5000 },
    );
  });

  it('never throws on any text: an exact safe integer or a reason', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ maxLength: 4 }), (text, code) => {
        parseMinorUnits(text, code).match(
          (value) => expect(Number.isSafeInteger(value) && value >= 0).toBe(true),
          (error) => expect(error.message).toEqual(expect.any(String)),
        );
      }),
    );
  });

  it('parses any decimal with no more places than the currency has, exactly', () => {
    const decimal = fc.tuple(currency, fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.nat({ max: 4 }), fc.bigInt({ min: 0n, max: 9999n }));
    fc.assert(
      fc.property(decimal, ([code, whole, places, digits]) => {
        const exponent = currencyExponent(code) ?? 0;
        const fraction = (digits % 10n ** BigInt(places)).toString().padStart(places, '0');
        const text = places === 0 ? `${whole}` : `${whole}.${fraction}`;
        const result = parseMinorUnits(text, code);
        const significant = fraction.replace(/0+$/, '').length;
        if (significant > exponent) {
          expect(result.isErr()).toBe(true);
          return;
        }
        const expected = whole * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0').slice(0, exponent) || '0');
        if (expected > BigInt(Number.MAX_SAFE_INTEGER)) expect(result.isErr()).toBe(true);
        else expect(result._unsafeUnwrap()).toBe(Number(expected));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives a provider decimal only when it fits the provider exactly, never rounded', () => {
    fc.assert(
      fc.property(minor, currency, (amount, code) => {
        const exact = oracle(amount, currencyExponent(code) ?? 0);
        const placesNeeded = (exact.split('.')[1] ?? '').replace(/0+$/, '').length;
        toProviderDecimal(amount, code, { maxDecimals: 2, trimZeros: false }).match(
          (text) => {
            expect(text.split('.')[1]?.length ?? 0).toBeLessThanOrEqual(2);
            expect(parseMinorUnits(text, code)._unsafeUnwrap()).toBe(amount);
          },
          () => expect(placesNeeded).toBeGreaterThan(2),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('gives Flowwise a JSON number that prints exactly the amount, or refuses', () => {
    expect(toFlowwiseAmount(229950, 'INR')._unsafeUnwrap()).toBe(2299.5);
    expect(JSON.stringify(toFlowwiseAmount(10, 'INR')._unsafeUnwrap())).toBe('0.1');
    expect(toFlowwiseAmount(Number.MAX_SAFE_INTEGER, 'INR').isErr()).toBe(true);
    fc.assert(
      fc.property(minor, currency, (amount, code) => {
        const result = toFlowwiseAmount(amount, code);
        if (result.isOk()) expect(parseMinorUnits(JSON.stringify(result.value), code)._unsafeUnwrap()).toBe(amount);
      }),
      { numRuns: 5000 },
    );
  });
});
