import type { LedgerRecord } from './types.js';

/**
 * The providers that may hold the order, in the order they were first tried: those whose latest
 * recorded attempt says `mayExist`. A reconciliation asks exactly these.
 */
export function providersThatMayHold(record: Pick<LedgerRecord, 'attempts'>): string[] {
  const latest = new Map<string, boolean>();
  for (const attempt of record.attempts) latest.set(attempt.provider, attempt.mayExist);
  return [...latest].filter(([, mayExist]) => mayExist).map(([provider]) => provider);
}
