import { payrouteError, type PayrouteError } from './errors.js';
import { createRedactor } from './redact.js';

/** The most characters kept of `providerMessage`, `providerCode` and each `fields` entry's path and message. */
export const PROVIDER_TEXT_LIMIT = 500;

/** The most characters kept of `message`: payroute's sentence around the provider's text. */
export const MESSAGE_LIMIT = 1000;

/** The most `fields` entries kept. */
export const FIELDS_LIMIT = 100;

// C0, DEL and C1 controls, line and paragraph separators, and bidirectional overrides: what lets a
// text forge or hide log lines.
const CONTROLS = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]+/gu;

/**
 * A function that makes an error safe to hand out, built once per adapter from its secrets: in every
 * text field, controls become a space, every form of a secret becomes `[REDACTED]`, and the text is cut
 * to its limit. Controls go first, so a secret split by one cannot re-form; masking goes before the
 * cut, so no prefix of a secret survives it.
 */
export function createErrorSanitiser(secrets: readonly string[]): (error: PayrouteError) => PayrouteError {
  const redact = createRedactor(secrets);
  const clean = (text: string, limit: number) => truncate(redact(text.replace(CONTROLS, ' ')), limit);
  const cleanOptional = (text: string | undefined) => (text === undefined ? undefined : clean(text, PROVIDER_TEXT_LIMIT));
  return (error) =>
    payrouteError({
      ...error,
      message: clean(error.message, MESSAGE_LIMIT),
      providerMessage: cleanOptional(error.providerMessage),
      providerCode: cleanOptional(error.providerCode),
      fields: error.fields
        ?.slice(0, FIELDS_LIMIT)
        .map((field) => ({ path: clean(field.path, PROVIDER_TEXT_LIMIT), message: clean(field.message, PROVIDER_TEXT_LIMIT) })),
    });
}

function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = limit - 1;
  // Never split a surrogate pair.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
