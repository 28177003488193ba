import { isIP } from 'node:net';
import { z } from 'zod';
import { PayrouteConfigError } from './errors.js';
import { toFieldIssues } from './validation.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `https://` anywhere, plain `http://` only on loopback (tests, the sandbox); no credentials or query in it. */
export const baseUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL', abort: true })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || LOOPBACK.has(url.hostname) || url.hostname.startsWith('127.');
  }, 'must use https unless the host is loopback')
  .refine((value) => {
    const url = new URL(value);
    return !url.username && !url.password && !url.search && !url.hash;
  }, 'must not contain credentials, a query or a fragment');

/** A credential: required and non-blank. */
export const secretSchema = (name: string) => z.string({ error: `${name} is required` }).trim().min(1, `${name} must not be empty`);

/** Options every adapter takes besides its credentials. */
export const commonOptionsSchema = {
  /** Instance name used in results and errors; defaults to the adapter type. */
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1 to 64 letters, digits or _ . -').optional(),
  environment: z.enum(['sandbox', 'production']).optional(),
  baseUrl: baseUrlSchema.optional(),
  timeoutMs: z.number().int().min(1).max(120_000).optional(),
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
