import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_REQUEST_BODY_BYTES as MAX_BODY_BYTES } from '../request-size.js';
import type { Answer } from './behaviour.js';

/**
 * How much of a body a sandbox server takes in before it gives up on it. The rest of a body over
 * `MAX_BODY_BYTES` is read and dropped up to here, so the connection can carry the next request.
 */
const MAX_DRAINED_BYTES = 16 * MAX_BODY_BYTES;

/**
 * The request body as text, or `undefined` when it is larger than `MAX_BODY_BYTES`. A body larger than
 * `MAX_DRAINED_BYTES` is left unread: `request.complete` is then false, and the connection must be closed.
 */
export async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_DRAINED_BYTES) return undefined;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8');
}

/** Request headers with lower-case names, repeated ones joined as HTTP joins them. */
export function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Writes an answer as JSON; `cut` sends only the first half of the text (the malformed JSON fault). */
export function writeJson(response: ServerResponse, answer: Answer, cut = false): void {
  const json = JSON.stringify(answer.body);
  const text = cut ? json.slice(0, Math.max(1, Math.floor(json.length / 2))) : json;
  response.writeHead(answer.status, {
    ...answer.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

export function writeHtml(response: ServerResponse, status: number, title: string, paragraph: string): void {
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(paragraph)}</p></body></html>`;
  response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
  response.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
