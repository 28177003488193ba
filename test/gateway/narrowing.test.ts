import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createGateway, defineProvider } from '../../providers/entries/index.js';
import { juspay } from '../../providers/juspay/index.js';
import { basicOrder, JUSPAY_KEY, juspayShortAnswer } from '../fixtures.js';
import { useNock } from '../setup-nock.js';
import { fakeGateway, failure, order } from './fakes.js';

useNock();

const JUSPAY = 'https://sandbox.juspay.in';

describe('what a result says to narrow it', () => {
  it('gives the session the type of the entry that created it beside its key', async () => {
    nock(JUSPAY).post('/orders').reply(200, juspayShortAnswer);
    const gateway = createGateway({
      providers: { main: { type: 'juspay', apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox' } },
      routing: { strategy: 'priority', order: ['main'] },
    });
    const session = (await gateway.createOrder(basicOrder))._unsafeUnwrap();
    expect(session).toMatchObject({ provider: 'main', providerType: 'juspay' });
    expect(session.providerType === 'juspay' && session.raw.id).toBe(juspayShortAnswer.id);
  });

  it('lists attempts and skipped on all_providers_failed even when both are empty lists', async () => {
    const { gateway, script } = fakeGateway({ retry: { maxAttempts: 1 } });
    script('a', failure('provider_unavailable'));
    script('b', failure('network'));
    script('c', failure('timeout', { orderMayExist: false }));
    const error = (await gateway.createOrder(order))._unsafeUnwrapErr();
    expect(error.kind).toBe('all_providers_failed');
    expect(error.attempts?.map((a) => a.provider)).toEqual(['a', 'b', 'c']);
    expect(error.skipped).toEqual([]);
  });
});

describe('Retry-After', () => {
  const provider = juspay({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox', timeoutMs: 300 });
  const answer = (status: number) =>
    nock(JUSPAY).post('/orders').reply(status, { status: 'error', error_code: 'E' }, { 'Content-Type': 'application/json', 'Retry-After': '7' });

  it.each([429, 503])('is kept as retryAfterMs on HTTP %i, where it asks for a wait', async (status) => {
    answer(status);
    expect((await provider.createOrder(basicOrder))._unsafeUnwrapErr().retryAfterMs).toBe(7000);
  });

  it.each([400, 401, 408, 409])('is not on HTTP %i, whose errors carry no wait to honour', async (status) => {
    answer(status);
    const error = (await provider.createOrder(basicOrder))._unsafeUnwrapErr();
    expect(error.httpStatus).toBe(status);
    expect(error).not.toHaveProperty('retryAfterMs');
  });
});

describe("a definition's error kind", () => {
  // A definition in plain JavaScript may state a kind that only payroute's own checks and router return.
  const loose = (kind: string) =>
    defineProvider({
      ...juspay.definition,
      type: 'loose',
      errorFromAnswer: () => ({ code: 'E', kind }),
    } as unknown as Parameters<typeof defineProvider>[0]);

  it.each(['configuration', 'all_providers_failed', 'validation', 'no_such_kind'])('is ignored when it is %s: the status decides', async (kind) => {
    nock(JUSPAY).post('/orders').reply(400, {});
    const provider = loose(kind)({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox' });
    expect((await provider.createOrder(basicOrder))._unsafeUnwrapErr().kind).toBe('invalid_request');
  });

  it('refines the status when it is one an answer can mean', async () => {
    nock(JUSPAY).post('/orders').reply(400, {});
    const provider = loose('rate_limited')({ apiKey: JUSPAY_KEY, merchantId: 'acme', environment: 'sandbox' });
    expect((await provider.createOrder(basicOrder))._unsafeUnwrapErr().kind).toBe('rate_limited');
  });
});
