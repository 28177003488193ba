import { errorPolicy } from '../error-policy.js';
import { payrouteError, type AnswerErrorKind, type PayrouteError, type PayrouteErrorKind, type RetryAfterKind } from '../errors.js';
import { classifyStatus, parseRetryAfter } from '../http-status.js';
import type { HttpResponse } from '../transport.js';
import type { AnswerProblem, ProviderErrorDetails } from './definition.js';

const RETRY_AFTER_KINDS: ReadonlySet<PayrouteErrorKind> = new Set<RetryAfterKind>(['rate_limited', 'provider_unavailable']);
const NOT_ANSWER_KINDS: ReadonlySet<unknown> = new Set<Exclude<PayrouteErrorKind, AnswerErrorKind>>(['validation', 'configuration', 'all_providers_failed']);
const isAnswerKind = (kind: unknown): kind is AnswerErrorKind => typeof kind === 'string' && kind in errorPolicy && !NOT_ANSWER_KINDS.has(kind);

/** The `internal` error for a throw that should never happen (a bug), without the thrown value. */
export function internalError(provider: string, thrown: unknown): PayrouteError<'internal'> {
  const name = thrown instanceof Error ? thrown.name : typeof thrown;
  return payrouteError({
    kind: 'internal',
    provider,
    retryable: false,
    message: `payroute failed unexpectedly (${name}); please report it`,
  });
}

/** The `unexpected_response` error for a 2xx answer payroute could not read. */
export function unexpectedResponse(provider: string, response: HttpResponse, why: string): PayrouteError {
  return payrouteError({
    kind: 'unexpected_response',
    provider,
    retryable: false,
    // A 2xx means the provider accepted the request, so the order probably exists.
    orderMayExist: true,
    httpStatus: response.status,
    message: `HTTP ${response.status} with ${why}`,
  });
}

/**
 * An answer's error details as a `PayrouteError`: the HTTP status decides the kind unless the provider's
 * code says more. The provider's text is copied as sent: the runner cleans every error it hands out.
 */
export function providerError(provider: string, response: HttpResponse, details: ProviderErrorDetails): PayrouteError {
  const byStatus = classifyStatus(response.status);
  // A definition in plain JavaScript may say anything: only the kinds an answer can mean refine the status.
  const stated = details.kind !== undefined && isAnswerKind(details.kind) ? details.kind : undefined;
  const kind = stated ?? byStatus.kind;
  const providerMessage = details.message;
  const providerCode = details.code;
  const said = providerMessage ?? providerCode;
  return payrouteError({
    kind,
    provider,
    retryable: stated === undefined ? byStatus.retryable : errorPolicy[kind].retryable === true,
    // The provider holds no such order: whatever the status, none was created there.
    orderMayExist: kind === 'duplicate_order' || (kind !== 'not_found' && byStatus.orderMayExist),
    httpStatus: response.status,
    providerCode,
    providerMessage,
    fields: details.fields,
    // Retry-After means a wait only on 429 and 503 (RFC 9110): elsewhere it is not the gateway's to honour.
    retryAfterMs: RETRY_AFTER_KINDS.has(kind) ? parseRetryAfter(response.headers['retry-after']) : undefined,
    message: said
      ? `${provider} answered HTTP ${response.status}: ${said}`
      : `${provider} answered HTTP ${response.status} with ${details.unreadable ?? 'no error details'}`,
  });
}

/** What an answer function found, as the error it is. */
export function answerError(provider: string, response: HttpResponse, found: AnswerProblem): PayrouteError {
  if (found.problem === 'unreadable') return unexpectedResponse(provider, response, found.why);
  if (found.problem === 'not_found') return providerError(provider, response, { ...found.details, kind: 'not_found' });
  const error = providerError(provider, response, found.details);
  // A 2xx that says no is a refusal, not a server fault: nothing was created.
  return response.status < 300 ? payrouteError({ ...error, kind: 'invalid_request', retryable: false, orderMayExist: false }) : error;
}
