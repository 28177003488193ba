/**
 * The README is the package's page on npm, where a relative link leads nowhere: every link is absolute,
 * and each link into this repository's tree names a file or folder that exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './packed-project.js';

const REPOSITORY_TREE = /^https:\/\/github\.com\/payroute\/payroute\/(?:blob|tree)\/main\/([^#]*)/;
const links = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');

describe('the README links', () => {
  it('are all absolute, so they work from the npm page', () => {
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !/^https:\/\//.test(link))).toEqual([]);
  });

  it('name files and folders that exist when they point into the repository', () => {
    const inTree = links.flatMap((link) => REPOSITORY_TREE.exec(link)?.[1] ?? []);
    expect(inTree.length).toBeGreaterThan(0);
    expect(inTree.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });
});
