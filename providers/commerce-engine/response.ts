import { err, ok, type Result } from 'neverthrow';
import type { z } from 'zod';
import { parseJsonBody, providerError, unexpectedResponse } from '../../src/adapter.js';
import type { ProviderAnswer } from '../../src/answer.js';
import { gatewayError, type GatewayError } from '../../src/errors.js';
import type { ValidOrder } from '../../src/order.js';
import type { HttpResponse } from '../../src/transport.js';
import { toJuspayAnswer } from '../juspay/response.js';
import { toFieldIssues } from '../../src/validation.js';
import { commerceEngineEnvelopeSchema, commerceEngineErrorSchema, type CommerceEngineEnvelope } from './wire.js';

/**
 * A 2xx answer: the envelope unwrapped and its Juspay order mapped with the Juspay adapter's own mapping,
 * amount and currency included, which `defineAdapter` checks against the order's.
 */
export function fromCommerceEngineResponse(
  provider: string,
  response: HttpResponse,
  order: ValidOrder,
): Result<ProviderAnswer<CommerceEngineEnvelope>, GatewayError> {
  return readEnvelope(provider, response, commerceEngineEnvelopeSchema, 'a Commerce Engine order').map((envelope) =>
    toJuspayAnswer(provider, envelope.content.data, envelope, order),
  );
}

/** What every Commerce Engine envelope has: `success`, and `content` when it succeeded. */
interface Envelope<Content> {
  readonly success: boolean;
  readonly message?: string | undefined;
  readonly content?: Content | undefined;
}

/**
 * A 2xx body read as Commerce Engine's envelope of `schema`: its content, a refusal (`success: false`,
 * in this shape or as a bare error body) as the error it is, or `unexpected_response` naming `what` it is not.
 */
export function readEnvelope<E extends Envelope<unknown>>(
  provider: string,
  response: HttpResponse,
  schema: z.ZodType<E>,
  what: string,
): Result<E & { readonly content: NonNullable<E['content']> }, GatewayError> {
  const body = parseJsonBody(response.body);
  if (body.isErr()) return err(unexpectedResponse(provider, response, body.error));
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) {
    const refusal = commerceEngineErrorSchema.safeParse(body.value);
    if (refusal.success && refusal.data.success === false) return err(refusalError(provider, response, refusal.data));
    const fields = toFieldIssues(parsed.error).map((f) => `${f.path}: ${f.message}`);
    return err(unexpectedResponse(provider, response, `a body that is not ${what} (${fields.join('; ')})`));
  }
  const envelope = parsed.data;
  if (!envelope.success || envelope.content === undefined) return err(refusalError(provider, response, envelope));
  return ok(envelope as E & { readonly content: NonNullable<E['content']> });
}

/** A non-2xx answer, or a 2xx with `success: false`. */
export function refusalError(
  provider: string,
  response: HttpResponse,
  body: { message?: string | undefined; code?: string | number | undefined; error?: unknown },
): GatewayError {
  const nested = typeof body.error === 'object' && body.error !== null ? (body.error as { message?: string; code?: string }) : undefined;
  const details = {
    code: body.code === undefined ? nested?.code : String(body.code),
    message: body.message ?? nested?.message ?? (typeof body.error === 'string' ? body.error : undefined),
  };
  const error = providerError(provider, response, details);
  if (response.status < 300) {
    // A 2xx that says `success: false` is a refusal, not a server fault.
    return gatewayError({ ...error, kind: 'invalid_request', retryable: false, orderMayExist: false });
  }
  return error;
}

/** A non-2xx answer of Commerce Engine as a typed error. */
export function fromCommerceEngineError(provider: string, response: HttpResponse): GatewayError {
  const body = parseJsonBody(response.body);
  if (body.isErr()) return providerError(provider, response, { unreadable: body.error });
  const parsed = commerceEngineErrorSchema.safeParse(body.value);
  if (!parsed.success) return providerError(provider, response, { unreadable: "a body that is not Commerce Engine's error format" });
  return refusalError(provider, response, parsed.data);
}
