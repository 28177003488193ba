import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorPolicy, errorPolicyMarkdown } from '../../src/error-policy.js';
import { DEFAULT_FALLBACK_ON, fallbackKinds } from '../../providers/entries/index.js';
import { classifyStatus } from '../../src/http-status.js';

describe('the error-policy table', () => {
  it('is the table docs/errors.md shows', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const shown = /<!-- error-policy:start -->\n([\s\S]*?)\n<!-- error-policy:end -->/.exec(doc)?.[1];
    expect(shown).toBe(errorPolicyMarkdown());
  });

  it('decides the fallback kinds a config may name and the defaults', () => {
    expect(fallbackKinds).toEqual(['network', 'timeout', 'provider_unavailable', 'rate_limited', 'authentication', 'unexpected_response']);
    expect(DEFAULT_FALLBACK_ON).toEqual(['network', 'timeout', 'provider_unavailable', 'rate_limited', 'authentication']);
  });

  it('gives every HTTP status class the retryable flag of its kind', () => {
    for (const status of [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504, 302]) {
      const byStatus = classifyStatus(status);
      expect(byStatus.retryable, `HTTP ${status}`).toBe(errorPolicy[byStatus.kind].retryable === true);
    }
  });

  it('never lets a kind fall back by default that a config could not name', () => {
    for (const policy of Object.values(errorPolicy)) if (policy.fallsBackByDefault) expect(policy.mayFallBack).toBe(true);
  });
});
