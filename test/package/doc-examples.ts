/**
 * The TypeScript examples of the Markdown docs, as files a type checker can take. The convention
 * (`<!-- ts-context` comments, ```ts nocheck) is docs/writing-docs.md.
 */

export interface DocExample {
  /** `docs/routing.md:106`: the line of the opening fence. */
  readonly where: string;
  readonly doc: string;
  readonly fenceLine: number;
  readonly checked: boolean;
  /** The code to compile: the block within its context. */
  readonly source: string;
  /** How many lines of context come before the block's first line in `source`. */
  readonly linesBefore: number;
  readonly blockLines: number;
}

const FENCE_OPEN = /^```ts(?:\s+(.*))?$/;
const CONTEXT_OPEN = '<!-- ts-context';
const CONTEXT_CLOSE = '-->';
const BLOCK_MARK = '...';

/** Every ```ts block of one Markdown document, in order. */
export function docExamples(doc: string, markdown: string): DocExample[] {
  const lines = markdown.split('\n');
  const examples: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i] ?? '');
    if (!open) continue;
    const flags = (open[1] ?? '').split(/\s+/).filter(Boolean);
    const unknown = flags.filter((flag) => flag !== 'nocheck');
    if (unknown.length > 0) throw new Error(`${doc}:${i + 1}: unknown flag(s) ${unknown.join(' ')} on a ts block (only nocheck exists)`);
    const close = lines.findIndex((line, j) => j > i && line === '```');
    if (close < 0) throw new Error(`${doc}:${i + 1}: a ts block that is never closed`);
    const block = lines.slice(i + 1, close);
    const [before, after] = contextAbove(lines, i);
    examples.push({
      where: `${doc}:${i + 1}`,
      doc,
      fenceLine: i + 1,
      checked: !flags.includes('nocheck'),
      source: [...before, ...block, ...after, ''].join('\n'),
      linesBefore: before.length,
      blockLines: block.length,
    });
    i = close;
  }
  return examples;
}

/** The code of a ts-context comment ending right above the fence, split at its `...` line. */
function contextAbove(lines: readonly string[], fence: number): [string[], string[]] {
  if (lines[fence - 1] !== CONTEXT_CLOSE) return [[], []];
  let start = fence - 2;
  while (start >= 0 && lines[start] !== CONTEXT_OPEN) start--;
  if (start < 0) return [[], []];
  const code = lines.slice(start + 1, fence - 1);
  const mark = code.findIndex((line) => line.trim() === BLOCK_MARK);
  return mark < 0 ? [code, []] : [code.slice(0, mark), code.slice(mark + 1)];
}

/** `file(12,5): error TS2345: ...` of tsc's plain output, moved to the Markdown line it comes from. */
export function toDocDiagnostic(line: string, byFile: ReadonlyMap<string, DocExample>): string {
  const match = /^(.+?)\((\d+),(\d+)\): (.*)$/.exec(line);
  const example = match ? byFile.get(match[1] ?? '') : undefined;
  if (!match || !example) return line;
  const sourceLine = Number(match[2]);
  const inBlock = sourceLine - example.linesBefore;
  const inContext = inBlock < 1 || inBlock > example.blockLines;
  const where = inContext ? `${example.where} (in its ts-context)` : `${example.doc}:${example.fenceLine + inBlock}`;
  return `${where}:${match[3]} ${match[4]}`;
}
