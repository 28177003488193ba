const MASK = '[REDACTED]';

/**
 * Removes every occurrence of each secret from a text a provider sent back, so an error that echoes
 * the key cannot carry it into a log. Secrets shorter than 4 characters are ignored: masking them
 * would shred ordinary words without protecting anything.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && result.includes(secret)) result = result.split(secret).join(MASK);
  }
  return result;
}
