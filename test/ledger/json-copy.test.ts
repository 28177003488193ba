import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyAsJson, NOT_JSON } from '../../src/ledger/json-copy.js';

const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value) ?? 'null') as unknown;

describe('copyAsJson, the copy a memory ledger keeps of a session', () => {
  it('equals JSON.parse(JSON.stringify(value)) for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(copyAsJson(value)).toStrictEqual(viaJson(value));
    }), { numRuns: 2_000 });
  });

  it('equals it for values JSON changes too: undefined and functions, NaN, dates, toJSON, class instances, __proto__ keys', () => {
    class Money {
      constructor(readonly minor: number) {}
    }
    const odd = fc.oneof(
      fc.constant(undefined),
      fc.constant(() => 1),
      fc.constant(Number.NaN),
      fc.constant(Number.POSITIVE_INFINITY),
      fc.date({ noInvalidDate: true }),
      fc.constant({ toJSON: () => 'custom' }),
      fc.integer().map((n) => new Money(n)),
      fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
    );
    const values = fc.anything({ maxDepth: 3, values: [fc.jsonValue(), odd] as never });
    fc.assert(fc.property(values, (value) => {
      expect(copyAsJson(value)).toStrictEqual(viaJson(value));
    }), { numRuns: 2_000 });
  });

  it('shares nothing with what it copied', () => {
    const session = { links: { web: 'https://pay.example/1' }, raw: { payment_links: { web: 'https://pay.example/1' } }, attempts: [] as unknown[] };
    const copied = copyAsJson(session) as typeof session;
    session.links.web = 'https://changed.example';
    session.raw.payment_links.web = 'https://changed.example';
    session.attempts.push(1);
    expect(copied).toStrictEqual({ links: { web: 'https://pay.example/1' }, raw: { payment_links: { web: 'https://pay.example/1' } }, attempts: [] });
  });

  it('is NOT_JSON for what JSON cannot hold, and never throws', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    const throwing = Object.defineProperty({}, 'bad', { enumerable: true, get: () => { throw new Error('no'); } });
    for (const value of [10n, { amount: 10n }, cycle, throwing]) expect(copyAsJson(value)).toBe(NOT_JSON);
  });
});
