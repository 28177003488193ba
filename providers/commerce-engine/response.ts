import { err, ok, type Result } from 'neverthrow';
import { parseMinorUnits, toMajorUnits } from '../../src/money.js';
import type { ValidOrder } from '../../src/order.js';
import {
  parseJsonBody,
  refusedAnswer,
  toFieldIssues,
  unreadableAnswer,
  type AnswerProblem,
  type ProviderErrorDetails,
  type ProviderSession,
} from '../../src/provider/index.js';
import type { HttpResponse } from '../../src/transport.js';
import { toJuspaySession } from '../juspay/response.js';
import { commerceEngineEnvelopeSchema, commerceEngineErrorSchema, type CommerceEngineEnvelope } from './wire.js';

/**
 * A 2xx answer: the envelope unwrapped, its Juspay order mapped with Juspay's own mapping, and its
 * amount checked against the order's, since the store, not the caller, priced it.
 */
export function fromCommerceEngineResponse(response: HttpResponse, order: ValidOrder): Result<ProviderSession<CommerceEngineEnvelope>, AnswerProblem> {
  const body = parseJsonBody(response.body);
  if (body.isErr()) return err(unreadableAnswer(body.error));
  const parsed = commerceEngineEnvelopeSchema.safeParse(body.value);
  if (!parsed.success) {
    const refusal = commerceEngineErrorSchema.safeParse(body.value);
    if (refusal.success && refusal.data.success === false) return err(refusedAnswer(refusalDetails(refusal.data)));
    const fields = toFieldIssues(parsed.error).map((f) => `${f.path}: ${f.message}`);
    return err(unreadableAnswer(`a body that is not a Commerce Engine order (${fields.join('; ')})`));
  }
  const envelope = parsed.data;
  if (!envelope.success || !envelope.content) return err(refusedAnswer(refusalDetails(envelope)));
  const data = envelope.content.data;
  const mismatch = amountMismatch(order, data.amount, data.currency);
  if (mismatch) return err(unreadableAnswer(mismatch));
  return ok(toJuspaySession(data, envelope));
}

/** Why the created order's amount differs from the one the caller expects, if it does. */
function amountMismatch(order: ValidOrder, amount: number | string | undefined, currency: string | undefined): string | undefined {
  if (currency !== undefined && currency !== order.currency) return `an order in ${currency}, not ${order.currency}`;
  if (amount === undefined) return undefined;
  const created = parseMinorUnits(String(amount), order.currency);
  if (created.isOk() && created.value === order.amount) return undefined;
  const expected = toMajorUnits(order.amount, order.currency).unwrapOr(String(order.amount));
  return `an order for ${amount} ${order.currency}, not the expected ${expected}`;
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
