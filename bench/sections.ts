/*
 * Sections of bench/results.md that scripts other than `npm run bench` write (`npm run bench:reconcile`),
 * each between `<!-- section:NAME -->` and `<!-- /section:NAME -->`: a script replaces its own, and
 * `npm run bench` carries them over when it rewrites the file.
 */
import { readFile, writeFile } from 'node:fs/promises';

const pattern = (name: string) => new RegExp(`<!-- section:${name} -->[\\s\\S]*?<!-- /section:${name} -->\\n?`);
const ANY = /<!-- section:([\w-]+) -->[\s\S]*?<!-- \/section:\1 -->\n?/g;

/** `markdown` with section `name` set to `body` (appended when it has none yet). */
export function withSection(markdown: string, name: string, body: string): string {
  const section = `<!-- section:${name} -->\n${body.trim()}\n<!-- /section:${name} -->\n`;
  return pattern(name).test(markdown) ? markdown.replace(pattern(name), section) : `${markdown.trimEnd()}\n\n${section}`;
}

/** `fresh` with every section `previous` holds, as it held them. */
export function keepSections(fresh: string, previous: string): string {
  return [...previous.matchAll(ANY)].reduce((markdown, [section]) => `${markdown.trimEnd()}\n\n${section}`, fresh);
}

/** Prints section `name` and, unless `file` is `-`, sets it in that results file. */
export async function publishSection(file: string, name: string, body: string): Promise<void> {
  process.stdout.write(`${body}\n`);
  if (file === '-') return;
  const previous = await readFile(file, 'utf8').catch(() => '');
  await writeFile(file, withSection(previous, name, body));
  process.stderr.write(`wrote the ${name} section of ${file}\n`);
}
