import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** nock on, real network off, and every declared interceptor must have been called. */
export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending, 'declared requests that were never sent').toEqual([]);
  });
  afterAll(() => nock.enableNetConnect());
}

export interface CapturedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Answers one `POST {path}` (or `GET`) with `answer` and keeps the request exactly as it arrived. */
export function captureRequest(base: string, answer: object, path = '/orders', method: 'post' | 'get' = 'post'): CapturedRequest {
  const captured: CapturedRequest = { method: '', path: '', headers: {}, body: '' };
  nock(base)
    [method](path)
    .reply(function (uri, body) {
      captured.method = this.req.method;
      captured.path = uri;
      // nock answers in place of the socket pool, so `connection` is its own; keep-alive is tested over loopback.
      const { connection: _ignored, ...headers } = this.req.headers;
      captured.headers = headers;
      captured.body = typeof body === 'string' ? body : JSON.stringify(body);
      return [200, answer, { 'Content-Type': 'application/json' }];
    });
  return captured;
}
