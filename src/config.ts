import { isIP } from 'node:net';
import { z } from 'zod';
import { PayrouteConfigError } from './errors.js';
import { onFirstUse } from './lazy-schema.js';
import { isLoopbackUrl } from './loopback.js';
import { egressOptionsSchema } from './proxy.js';
import { toFieldIssues } from './validation.js';

/**
 * `https://` anywhere, plain `http://` only on loopback (tests, the sandbox); no credentials or query in it.
 * Whitespace and control characters are refused in the text itself: URL parsing would silently drop or
 * encode them, so the URL checked would not be the URL written.
 */
export const baseUrlSchema = onFirstUse(() =>
  z
    .string()
    .regex(/^[^\s\p{Cc}]*$/u, { error: 'must not contain whitespace or control characters', abort: true })
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL', abort: true }))
    .refine((value) => {
      const url = new URL(value);
      return url.protocol === 'https:' || isLoopbackUrl(url);
    }, 'must use https unless the host is loopback')
    .refine((value) => {
      const url = new URL(value);
      return !url.username && !url.password && !url.search && !url.hash;
    }, 'must not contain credentials, a query or a fragment'),
);

/** Printable ASCII and printable Latin-1: what an HTTP header carries byte for byte (no C0, DEL or C1 controls). */
const HEADER_SAFE = /^[\x20-\x7e\xa0-\xff]*$/;

/** The shortest secret accepted: shorter values cannot be masked in an error without mangling ordinary text. */
export const MIN_SECRET_LENGTH = 8;

/**
 * An option sent as a header (an id): required, non-blank, printable Latin-1. Checked before trimming,
 * so a trailing newline is refused rather than dropped.
 */
export const headerValueSchema = (name: string) => headerOption(name, 1);

/** A credential sent as a header: a header value of at least `MIN_SECRET_LENGTH` characters, masked in every error. */
export const secretSchema = (name: string) => headerOption(name, MIN_SECRET_LENGTH);

// One issue per option, never aborting, so the object's own refinements still report alongside it.
const headerOption = (name: string, minLength: number) =>
  z
    .string({ error: `${name} is required` })
    .superRefine((value, ctx) => {
      const problem = headerValueProblem(name, value, minLength);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .trim();

function headerValueProblem(name: string, value: string, minLength: number): string | undefined {
  if (!HEADER_SAFE.test(value)) return `${name} must hold only printable Latin-1 characters (no line breaks or control characters)`;
  const length = value.trim().length;
  if (length === 0) return `${name} must not be empty`;
  if (length < minLength) return `${name} must be at least ${minLength} characters: shorter values cannot be redacted from errors`;
  return undefined;
}

const commonOptions = onFirstUse(() => ({
  /** Instance name used in results and errors; defaults to the adapter type. */
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1 to 64 letters, digits or _ . -').optional(),
  environment: z.enum(['sandbox', 'production']).optional(),
  baseUrl: baseUrlSchema().optional(),
  timeoutMs: z.number().int().min(1).max(120_000).optional(),
  ...egressOptionsSchema(),
}));

/** Options every adapter takes besides its credentials; each schema is built when first read (or spread). */
export const commonOptionsSchema: ReturnType<typeof commonOptions> = {
  get name() {
    return commonOptions().name;
  },
  get environment() {
    return commonOptions().environment;
  },
  get baseUrl() {
    return commonOptions().baseUrl;
  },
  get timeoutMs() {
    return commonOptions().timeoutMs;
  },
  get proxy() {
    return commonOptions().proxy;
  },
  get agent() {
    return commonOptions().agent;
  },
};

/** Validates adapter options, throwing `PayrouteConfigError` (named fields, never values) when they are wrong. */
export function parseOptions<T>(subject: string, schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new PayrouteConfigError(subject, toFieldIssues(parsed.error));
  return parsed.data;
}

/** The base URL of an environment, or the custom one; one of the two must be given. */
export function environmentRefinement(value: { environment?: unknown; baseUrl?: unknown }): boolean {
  return value.environment !== undefined || value.baseUrl !== undefined;
}

export const environmentMessage = {
  message: 'give environment ("sandbox" or "production") or a baseUrl',
  path: ['environment'],
};

/**
 * True when a URL's host is an IP address literal. A parsed URL's IPv6 host is in brackets and its IPv4
 * host is dotted decimal, so any other host is a name: `isIP`, whose IPv6 pattern is long, is left out.
 */
export function hasIpHost(url: URL): boolean {
  const host = url.hostname;
  if (!host.startsWith('[') && !/^[\d.]+$/.test(host)) return false;
  return isIP(host.replace(/^\[|\]$/g, '')) !== 0;
}
