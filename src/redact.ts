import { MIN_SECRET_LENGTH } from './config.js';

const MASK = '[REDACTED]';

/**
 * Every form in which a server may echo a secret it received: raw; base64 (padded, unpadded, and
 * base64url) of the secret and of `secret:`, the Basic credential; and URL-encoded
 * (`encodeURIComponent`, and form encoding with `+`), with upper- or lower-case hex.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret]);
  for (const text of [secret, `${secret}:`]) {
    const base64 = Buffer.from(text, 'utf8').toString('base64');
    forms.add(base64);
    forms.add(base64.replace(/=+$/, ''));
    forms.add(Buffer.from(text, 'utf8').toString('base64url'));
  }
  for (const encoded of [encodeURIComponent(secret), new URLSearchParams([['', secret]]).toString().slice(1)]) {
    forms.add(encoded);
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  }
  return [...forms];
}

/**
 * A function that replaces every form of each secret in a text with `[REDACTED]`, built once per
 * adapter. Forms shorter than `MIN_SECRET_LENGTH` are left alone: masking them would shred ordinary
 * words (the adapters' options refuse such secrets).
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.flatMap(secretForms))]
    .filter((form) => form.length >= MIN_SECRET_LENGTH)
    // Longest first, so a form that contains another is masked whole.
    .sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (text) => text;
  const pattern = new RegExp(forms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (text) => text.replace(pattern, MASK);
}
