import { z } from 'zod';

// Building zod schemas is most of what importing payroute costs (bench/cold-import.ts), and a process
// uses only some of them (one provider's options and answers, the gateway's configuration once): these
// build a schema on first use instead, once.

/** The schema `build` returns, built on its first parse (zod's `z.lazy`): for a schema used on its own. */
export const lazySchema = <T extends z.ZodType>(build: () => T): z.ZodLazy<T> => z.lazy(build);

/**
 * `build()`, run on the first call and kept: for a field of a public schema, read in a getter of its
 * shape (zod reads a shape's getters on the schema's first use), so the public schema's type stays the same.
 */
export function onFirstUse<T>(build: () => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
