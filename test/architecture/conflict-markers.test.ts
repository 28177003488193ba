import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

// A merge that left `<<<<<<<` in a Markdown guide compiles and passes every other test.
describe('the tracked files', () => {
  it('hold no merge-conflict markers', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    const marked = files.filter((file) => /^(<{7}|>{7}) /m.test(readFileSync(join(ROOT, file), 'latin1')));
    expect(marked).toEqual([]);
  });
});
