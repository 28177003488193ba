import type { z } from 'zod';
import { payrouteError, type FieldIssue, type PayrouteError } from './errors.js';

/** Zod issues as `FieldIssue`s with dotted paths, optionally under a prefix such as `providerOptions.juspay`. */
export function toFieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/** The `validation` error returned before any request is sent, naming every bad field. */
export function validationError(provider: string, fields: readonly FieldIssue[]): PayrouteError {
  return payrouteError({
    kind: 'validation',
    provider,
    retryable: false,
    message: `invalid order: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
    fields,
  });
}
