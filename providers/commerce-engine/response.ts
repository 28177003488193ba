import { err, ok, type Result } from 'neverthrow';
import type { z } from 'zod';
import type { ValidOrder } from '../../src/order.js';
import {
  parseJsonBody,
  refusedAnswer,
  toFieldIssues,
  unreadableAnswer,
  type AnswerProblem,
  type ProviderAnswer,
  type ProviderErrorDetails,
} from '../../src/provider/index.js';
import type { HttpResponse } from '../../src/transport.js';
import { toJuspayAnswer } from '../juspay/response.js';
import { commerceEngineEnvelopeSchema, commerceEngineErrorSchema, type CommerceEngineEnvelope } from './wire.js';

/**
 * A 2xx answer: the envelope unwrapped and its Juspay order mapped with Juspay's own mapping, amount and
 * currency included, which the core checks against the order's (the store, not the caller, priced it).
 */
export function fromCommerceEngineResponse(response: HttpResponse, order: ValidOrder): Result<ProviderAnswer<CommerceEngineEnvelope>, AnswerProblem> {
  return readEnvelope(response, commerceEngineEnvelopeSchema, 'a Commerce Engine order').map((envelope) => toJuspayAnswer(envelope.content.data, envelope, order));
}

/** What every Commerce Engine envelope has: `success`, and `content` when it succeeded. */
interface Envelope<Content> {
  readonly success: boolean;
  readonly message?: string | undefined;
  readonly content?: Content | undefined;
}

/**
 * A 2xx body read as Commerce Engine's envelope of `schema`: its content, a refusal (`success: false`,
 * in this shape or as a bare error body), or an unreadable answer naming `what` it is not.
 */
export function readEnvelope<E extends Envelope<unknown>>(
  response: HttpResponse,
  schema: z.ZodType<E>,
  what: string,
): Result<E & { readonly content: NonNullable<E['content']> }, AnswerProblem> {
  const body = parseJsonBody(response.body);
  if (body.isErr()) return err(unreadableAnswer(body.error));
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) {
    const refusal = commerceEngineErrorSchema.safeParse(body.value);
    if (refusal.success && refusal.data.success === false) return err(refusedAnswer(refusalDetails(refusal.data)));
    const fields = toFieldIssues(parsed.error).map((f) => `${f.path}: ${f.message}`);
    return err(unreadableAnswer(`a body that is not ${what} (${fields.join('; ')})`));
  }
  const envelope = parsed.data;
  if (!envelope.success || envelope.content === undefined) return err(refusedAnswer(refusalDetails(envelope)));
  return ok(envelope as E & { readonly content: NonNullable<E['content']> });
}

/** What a refusal says: its message and code, at the top or under `error`. */
function refusalDetails(body: { message?: string | undefined; code?: string | number | undefined; error?: unknown }): ProviderErrorDetails {
  const nested = typeof body.error === 'object' && body.error !== null ? (body.error as { message?: string; code?: string }) : undefined;
  return {
    code: body.code === undefined ? nested?.code : String(body.code),
    message: body.message ?? nested?.message ?? (typeof body.error === 'string' ? body.error : undefined),
  };
}

/** A non-2xx answer of Commerce Engine: what it says. */
export function commerceEngineErrorDetails(response: HttpResponse): ProviderErrorDetails {
  const body = parseJsonBody(response.body);
  if (body.isErr()) return { unreadable: body.error };
  const parsed = commerceEngineErrorSchema.safeParse(body.value);
  if (!parsed.success) return { unreadable: "a body that is not Commerce Engine's error format" };
  return refusalDetails(parsed.data);
}
