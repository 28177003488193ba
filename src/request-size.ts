import type { FieldIssue } from './errors.js';
import type { ValidOrder } from './order.js';

/** Largest request body payroute sends: what the sandbox reads (and more than any order needs at a provider). */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/**
 * The issue of a request body over `MAX_REQUEST_BODY_BYTES`, named after the order's largest field;
 * `undefined` when it fits. Only the few unbounded fields (`metadata`, `providerOptions`) can get there.
 */
export function oversizedBody(order: ValidOrder, body: string): FieldIssue | undefined {
  // UTF-8 needs at most 3 bytes per UTF-16 unit, so an ordinary body is never counted byte by byte.
  if (body.length * 3 <= MAX_REQUEST_BODY_BYTES) return undefined;
  const bytes = Buffer.byteLength(body);
  if (bytes <= MAX_REQUEST_BODY_BYTES) return undefined;
  return {
    path: largestField(order),
    message: `is too large: the request body would be ${bytes} bytes, over the ${MAX_REQUEST_BODY_BYTES} bytes a provider accepts`,
  };
}

/** The dotted path of the largest field, going down while one field holds most of its parent's size. */
function largestField(order: ValidOrder): string {
  const path: string[] = [];
  let value: unknown = order;
  for (;;) {
    const [name, child, size] = largestChild(value);
    if (name === undefined || (path.length > 0 && size * 2 < sizeOf(value))) return path.join('.');
    path.push(name);
    value = child;
  }
}

function largestChild(value: unknown): [string | undefined, unknown, number] {
  let largest: [string | undefined, unknown, number] = [undefined, undefined, -1];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return largest;
  for (const [name, child] of Object.entries(value)) {
    const size = sizeOf(child);
    if (size > largest[2]) largest = [name, child, size];
  }
  return largest;
}

const sizeOf = (value: unknown): number => JSON.stringify(value)?.length ?? 0;
