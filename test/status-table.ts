import { readFileSync } from 'node:fs';
import type { StatusTableEntry } from '../src/order-state.js';

/** A provider's status table as the Markdown its guide shows between the status-table markers. */
export function statusTableMarkdown(entries: readonly StatusTableEntry[]): string {
  const rows = entries.map((e) => {
    const status = `\`${e.providerStatus}\`${e.condition ? ` with ${e.condition}` : ''}`;
    const cells = [status, e.providerStatusId ?? '', `\`${e.status}\``, e.final ? 'yes' : 'no', e.action, e.documented ? 'yes' : 'no: payroute\'s reading'];
    return `| ${cells.join(' | ')} |`;
  });
  return ['| provider status | id | status | final | what a checkout should do | documented |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** The table between `<!-- status-table:start -->` and `<!-- status-table:end -->` in a guide. */
export function documentedStatusTable(path: string): string | undefined {
  const text = readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
  return /<!-- status-table:start -->\n([\s\S]*?)\n<!-- status-table:end -->/.exec(text)?.[1];
}
