import fc from 'fast-check';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { commerceEngine } from '../../providers/commerce-engine/index.js';
import { flowwise } from '../../providers/flowwise/index.js';
import { juspay } from '../../providers/juspay/index.js';
import { gatewayError, type PayrouteError as GatewayError } from '../../src/errors.js';
import { createErrorSanitiser, PROVIDER_TEXT_LIMIT, MESSAGE_LIMIT } from '../../src/sanitise-error.js';
import { basicOrder, juspayFullAnswer } from '../fixtures.js';
import { useNock } from '../setup-nock.js';

useNock();

// A space, a slash, a plus, an equals sign, an ampersand and a Latin-1 letter: every encoding differs from the raw text.
const KEY = 'jp key/SECRET+é=1&2';

/** Every form in which a server may echo a secret it received. */
function echoes(secret: string): Record<string, string> {
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  return {
    raw: secret,
    base64: base64(secret),
    'base64 unpadded': base64(secret).replace(/=+$/, ''),
    'base64 with colon': base64(`${secret}:`),
    'base64 with colon unpadded': base64(`${secret}:`).replace(/=+$/, ''),
    'Basic value': `Basic ${base64(`${secret}:`)}`,
    'URL-encoded': encodeURIComponent(secret),
    'URL-encoded, lower-case hex': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    'form-encoded': new URLSearchParams({ k: secret }).toString().slice(2),
  };
}

const CONTROLS = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** Every string of an error a user may log. */
const texts = (error: GatewayError) => [error.message, error.providerMessage, error.providerCode, ...(error.fields ?? []).flatMap((f) => [f.path, f.message])];

const adapters = [
  {
    name: 'juspay',
    provider: juspay({ apiKey: KEY, merchantId: 'acme', environment: 'sandbox', timeoutMs: 5_000 }),
    reply: (status: number, body: object) => nock('https://sandbox.juspay.in').post('/orders').reply(status, body),
    body: (text: string) => ({
      status: 'error',
      error_code: `code ${text}`,
      error_message: `message ${text}`,
      error_info: { fields: [{ field_name: `path ${text}`, reason: `reason ${text}` }] },
    }),
  },
  {
    name: 'flowwise',
    provider: flowwise({ clientId: 'fw_id', clientSecret: KEY, environment: 'sandbox', timeoutMs: 5_000 }),
    reply: (status: number, body: object) => nock('https://sandbox.flowwise.com').post('/router/orders').reply(status, body),
    body: (text: string) => ({ message: `message ${text}`, code: `code ${text}`, type: 'invalid_request_error' }),
  },
  {
    name: 'commerce-engine',
    provider: commerceEngine({ storeId: 'store_01', accessToken: KEY, environment: 'sandbox', timeoutMs: 5_000 }),
    reply: (status: number, body: object) =>
      nock('https://staging.api.commercengine.io').post('/api/v1/store_01/storefront/payments/juspay/create-order').reply(status, body),
    body: (text: string) => ({ message: `message ${text}`, success: false, code: `code ${text}` }),
  },
];

describe('errors built from a provider answer', () => {
  it.each(adapters.flatMap((a) => Object.entries(echoes(KEY)).map(([form, echoed]) => [a.name, form, echoed, a] as const)))(
    '%s: hold no %s form of the secret in any field',
    async (_name, _form, echoed, adapter) => {
      adapter.reply(400, adapter.body(echoed));
      const error = (await adapter.provider.createOrder(basicOrder))._unsafeUnwrapErr();
      for (const form of Object.values(echoes(KEY))) expect(JSON.stringify(error)).not.toContain(form);
      expect(error.providerMessage).toMatch(/^message (Basic )?\[REDACTED\]$/);
      expect(error.providerCode).toMatch(/^code (Basic )?\[REDACTED\]$/);
    },
  );

  it('redact a Juspay field path and reason', async () => {
    const [jp] = adapters;
    jp!.reply(400, jp!.body(KEY));
    const error = (await jp!.provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error.fields).toEqual([{ path: 'path [REDACTED]', message: 'reason [REDACTED]' }]);
  });

  it.each(adapters.map((a) => [a.name, a] as const))('%s: bound every text copied from the answer', async (_name, adapter) => {
    adapter.reply(400, adapter.body('x'.repeat(20_000)));
    const error = (await adapter.provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error.message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    for (const text of texts(error).slice(1)) if (text !== undefined) expect(text.length).toBeLessThanOrEqual(PROVIDER_TEXT_LIMIT);
    expect(error.providerMessage).toMatch(/^message x+…$/);
  });

  it.each(adapters.map((a) => [a.name, a] as const))('%s: strip control characters from every text copied from the answer', async (_name, adapter) => {
    adapter.reply(400, adapter.body('line\r\nX-Injected: 1\u0000\u001b[31m\u0085\u2028\u202eend'));
    const error = (await adapter.provider.createOrder(basicOrder))._unsafeUnwrapErr();
    for (const text of texts(error)) if (text !== undefined) expect(text).not.toMatch(CONTROLS);
    expect(error.providerMessage).toBe('message line X-Injected: 1 [31m end');
  });

  it('redact a 2xx answer whose amount is not the order\'s, where the provider echoes the secret as the amount', async () => {
    const [, , ce] = adapters;
    ce!.reply(200, { message: 'ok', success: true, content: { data: { ...juspayFullAnswer, status_id: '10', amount: `1 ${KEY}` } } });
    const error = (await ce!.provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error.kind).toBe('unexpected_response');
    expect(error.message).toContain('[REDACTED]');
    for (const form of Object.values(echoes(KEY))) expect(JSON.stringify(error)).not.toContain(form);
  });
});

describe('the error sanitiser', () => {
  // Header-safe secrets (printable Latin-1) of at least 8 characters, as the adapters' options require.
  const latin1 = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((c) => String.fromCharCode(c));
  const secret = fc.string({ unit: latin1, minLength: 8, maxLength: 40 }).filter((s) => s.trim().length >= 8);
  const text = fc.string({ unit: 'binary', maxLength: 300 });

  it('leaves no form of any secret in any field, wherever it is embedded', () => {
    fc.assert(
      fc.property(fc.array(secret, { minLength: 1, maxLength: 3 }), text, text, fc.nat(), (secrets, before, after, pick) => {
        const target = secrets[pick % secrets.length]!;
        const forms = Object.values(echoes(target));
        const echoed = `${before}${forms[pick % forms.length]}${after}`;
        const error = gatewayError({
          kind: 'invalid_request',
          provider: 'p',
          retryable: false,
          message: `p answered HTTP 400: ${echoed}`,
          providerMessage: echoed,
          providerCode: echoed,
          fields: [{ path: echoed, message: echoed }],
        });
        const sanitised = createErrorSanitiser(secrets)(error);
        for (const field of texts(sanitised)) for (const form of forms) expect(field).not.toContain(form);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a surrogate pair whole when it cuts a text', () => {
    const error = gatewayError({ kind: 'internal', provider: 'p', retryable: false, message: 'm', providerMessage: `${'a'.repeat(PROVIDER_TEXT_LIMIT - 2)}😀😀` });
    const cut = createErrorSanitiser([])(error).providerMessage!;
    expect(cut).toBe(`${'a'.repeat(PROVIDER_TEXT_LIMIT - 2)}…`);
  });
});
