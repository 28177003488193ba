import { randomBytes } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';

/** Small helpers the providers' sandboxes share. */

/** A string field of a parsed body that may not be an object yet (it has not been validated). */
export function stringField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** A timestamp as providers print it: `2024-12-03T16:30:00Z`, without milliseconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `bytes` random bytes as lower-case hex, for ids and tokens. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Whether the Content-Type header names this media type (parameters such as charset ignored). */
export function isMediaType(contentType: string | undefined, mediaType: string): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === mediaType;
}

/** A JSON request body, or why it cannot be read: the Content-Type is not `application/json`, or the text is not JSON. */
export function parseJsonRequest(raw: string, contentType: string | undefined): Result<unknown, string> {
  if (!isMediaType(contentType, 'application/json')) return err('Content-Type must be application/json');
  try {
    return ok(JSON.parse(raw) as unknown);
  } catch {
    return err('the body is not valid JSON');
  }
}

/** The first capture of `pattern` in a path, percent-decoded (kept as sent when it does not decode), or `undefined` when the path does not match. */
export function pathParameter(pattern: RegExp, path: string): string | undefined {
  const raw = pattern.exec(path)?.[1];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
