import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iso } from '../../src/ledger/stored-record.js';

describe("a ledger record's times", () => {
  it('read as Date#toISOString would write them, for every time a Date can hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(iso(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5_000 },
    );
  });

  it('stay right for many times within one second and across seconds', () => {
    const start = Date.UTC(2026, 11, 3, 14, 5, 9);
    for (let ms = start - 1_500; ms < start + 2_500; ms++) expect(iso(ms)).toBe(new Date(ms).toISOString());
  });
});
