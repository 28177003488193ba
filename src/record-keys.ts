import { z } from 'zod';

/** Keys that name what every JavaScript object inherits: a mapping could write them onto a prototype. */
const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/**
 * `record` that refuses the reserved keys, each named in its own issue. zod's `z.record` drops a
 * `__proto__` key silently (a `JSON.parse`d body can hold one), so it is looked for before zod copies it.
 */
export function withoutReservedKeys<Record extends z.ZodType>(record: Record) {
  return z.preprocess((input: z.input<Record>, context) => {
    if (typeof input !== 'object' || input === null) return input;
    for (const key of RESERVED_KEYS) {
      if (Object.hasOwn(input, key)) context.issues.push({ code: 'custom', path: [key], message: `${key} is not allowed as a key`, input });
    }
    return input;
  }, record);
}
