import { payrouteError } from '../errors.js';
import type { RoutingError } from '../gateway/routing-error.js';
import type { LedgerSession, StoredSession } from './types.js';

const DATE_FIELDS = ['clientAuthTokenExpiresAt', 'expiresAt', 'createdAt'] as const;

/** A session as a ledger stores it: its dates as ISO 8601 strings, everything else as it is. */
export function storeSession(session: LedgerSession): StoredSession {
  const stored: Record<string, unknown> = { ...session };
  for (const field of DATE_FIELDS) {
    const date = session[field];
    if (date !== undefined) stored[field] = date.toISOString();
  }
  return stored as StoredSession;
}

/**
 * The session back from its stored form (also after a JSON round trip): dates as `Date`, and the errors
 * of its attempts recognised by `isPayrouteError` again.
 */
export function restoreSession(stored: StoredSession): LedgerSession {
  const session: Record<string, unknown> = { ...stored };
  for (const field of DATE_FIELDS) {
    const iso = stored[field];
    if (iso !== undefined) session[field] = new Date(iso);
  }
  if (stored.attempts) session['attempts'] = stored.attempts.map((attempt) => ({ ...attempt, error: restoreError(attempt.error) }));
  return session as unknown as LedgerSession;
}

/** A `RoutingError` after a JSON round trip, recognised by `isPayrouteError` again (with its attempts'). */
export function restoreError(error: RoutingError): RoutingError {
  const attempts = error.attempts?.map((attempt) => ({ ...attempt, error: restoreError(attempt.error) }));
  return payrouteError({ ...error, attempts });
}
