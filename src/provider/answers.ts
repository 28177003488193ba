import { err, ok, type Result } from 'neverthrow';
import type { AnswerProblem, ProviderErrorDetails } from './definition.js';

/** Parses a JSON body, or says why it is not JSON. */
export function parseJsonBody(body: string): Result<unknown, string> {
  try {
    return ok(JSON.parse(body) as unknown);
  } catch {
    // Only now: trimming every answer's body first showed in the benchmark.
    if (body.trim() === '') return err('an empty body');
    const looksHtml = /^\s*</.test(body);
    return err(looksHtml ? 'an HTML page instead of JSON' : 'a body that is not JSON');
  }
}

/** A date the provider sent, or nothing when it sent none or an unreadable one. */
export function toDate(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A 2xx answer that is not what the provider documents: `why` ends "HTTP 200 with …" (an HTML page, a body that is not an order). */
export function unreadableAnswer(why: string): AnswerProblem {
  return { problem: 'unreadable', why };
}

/** A 2xx answer whose body refuses the request (`success: false`): an `invalid_request` error with what it said. */
export function refusedAnswer(details: ProviderErrorDetails): AnswerProblem {
  return { problem: 'refused', details };
}

/** A look-up answer that says the provider holds no such order: `not_found`, not retryable, the order absent. */
export function notFoundAnswer(details: ProviderErrorDetails): AnswerProblem {
  return { problem: 'not_found', details };
}
