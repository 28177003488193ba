import { parseMinorUnits, toMajorUnits } from './money.js';
import type { ValidOrder } from './order.js';
import type { CheckoutLinks, OrderSession } from './port.js';

/** An amount as a provider's answer states it: its own text, and the exact minor units that text is. */
export interface StatedAmount {
  /** The provider's amount as text ("100.15"), for messages. */
  readonly text: string;
  /** Exact minor units, or `undefined` when the text is no exact amount of the currency. */
  readonly minor: number | undefined;
}

/**
 * A 2xx answer as a provider's mapping read it: the session to hand back (the core adds the instance
 * name, `provider`), and what it says the order is.
 */
export interface ProviderAnswer<Raw> {
  readonly session: Omit<OrderSession<Raw>, 'provider'>;
  /** The amount the answer states, where it states one. */
  readonly amount?: StatedAmount | undefined;
  /** The currency the answer states, where it states one. */
  readonly currency?: string | undefined;
}

/** What a provider promises about its answers, for {@link checkAnswer}. */
export interface AnswerRules {
  /** Whether the provider matches order ids ignoring ASCII case (Juspay does). */
  readonly caseInsensitiveOrderIds?: boolean | undefined;
  /** Whether the provider, not the caller, prices the order (Commerce Engine): then the answer must state amount and currency. */
  readonly pricesOrder?: boolean | undefined;
}

/** How one provider instance checks answers: its provider's rules and whether its base URL lets plain-http links through. */
export interface AnswerCheck extends AnswerRules {
  /** True only when the instance's own base URL is loopback (the sandbox). */
  readonly allowHttpLinks: boolean;
}

/** An amount a provider states in major units, as a JSON number or a decimal string, read exactly in `currency`. */
export function statedMajorAmount(value: number | string, currency: string): StatedAmount {
  const text = String(value);
  return { text, minor: parseMinorUnits(text, currency).unwrapOr(undefined) };
}

/** What an answer says about an order, whichever operation it answered. */
export interface AnsweredOrder {
  readonly orderId: string;
  readonly checkoutUrl?: string | undefined;
  readonly links: CheckoutLinks;
  /** The amount the answer states, where it states one. */
  readonly amount?: StatedAmount | undefined;
  /** The currency the answer states, where it states one. */
  readonly currency?: string | undefined;
}

/** What the answer must agree with: the order id always, amount and currency where the caller knows them. */
export interface ExpectedOrder {
  readonly orderId: string;
  readonly amount?: number | undefined;
  readonly currency?: string | undefined;
}

/** An amount a provider stated that payroute already holds in exact minor units (a look-up's). */
export function statedMinorAmount(minor: number, currency: string): StatedAmount {
  return { text: toMajorUnits(minor, currency).unwrapOr(`${minor} minor units`), minor };
}

/**
 * Why a 2xx answer does not describe the order that was sent, or `undefined` when it does: the order id
 * must be the order's, a stated currency and amount must equal the order's (exactly, in minor units),
 * and every link must be an absolute `https:` URL (`http:` too when `allowHttpLinks`).
 */
export function checkAnswer<Raw>(answer: ProviderAnswer<Raw>, order: ValidOrder, check: AnswerCheck): string | undefined {
  const { session, amount, currency } = answer;
  return answerMismatch({ orderId: session.orderId, checkoutUrl: session.checkoutUrl, links: session.links, amount, currency }, order, check);
}

/** {@link checkAnswer} for any answer: a create answer against its order, a look-up against what the caller expects. */
export function answerMismatch(answer: AnsweredOrder, expected: ExpectedOrder, check: AnswerCheck): string | undefined {
  const { amount, currency } = answer;
  if (!sameOrderId(answer.orderId, expected.orderId, check.caseInsensitiveOrderIds === true)) {
    return `an answer for order id ${JSON.stringify(answer.orderId)}, not "${expected.orderId}"`;
  }
  if (check.pricesOrder && currency === undefined) return "an answer without the order's currency, which this provider sets";
  if (currency !== undefined && expected.currency !== undefined && currency !== expected.currency) {
    return `an order in ${currency}, not ${expected.currency}`;
  }
  if (check.pricesOrder && amount === undefined) return "an answer without the order's amount, which this provider sets";
  if (amount !== undefined && expected.amount !== undefined && expected.currency !== undefined && amount.minor !== expected.amount) {
    const major = toMajorUnits(expected.amount, expected.currency).unwrapOr(String(expected.amount));
    return `an order for ${amount.text} ${expected.currency}, not the expected ${major}`;
  }
  return badLink(answer, check.allowHttpLinks);
}

const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());

// ASCII folding only: a canonical order id is ASCII, and Unicode folding would match the Kelvin sign to "k".
function sameOrderId(answered: string, sent: string, ignoreCase: boolean): boolean {
  return answered === sent || (ignoreCase && answered.length === sent.length && asciiLower(answered) === asciiLower(sent));
}

/** Which link is not an absolute https (or allowed http) URL, said as a reason. */
function badLink(answer: AnsweredOrder, allowHttp: boolean): string | undefined {
  const { links } = answer;
  const named: ReadonlyArray<readonly [string, string | undefined]> = [
    ['links.web', links.web],
    ['links.mobile', links.mobile],
    ['links.iframe', links.iframe],
    ['checkoutUrl', answer.checkoutUrl === links.web ? undefined : answer.checkoutUrl],
  ];
  for (const [name, link] of named) {
    if (link === undefined) continue;
    const protocol = protocolOf(link);
    if (protocol === 'https:' || (allowHttp && protocol === 'http:')) continue;
    const what = protocol === undefined ? 'a relative or malformed URL' : `a "${protocol}" URL`;
    return `${what} as ${name}, not an absolute https URL`;
  }
  return undefined;
}

/** The scheme of an absolute URL (`https:`), or `undefined` for a relative or malformed one. */
function protocolOf(link: string): string | undefined {
  // The usual link, without building a URL object (half the cost).
  if (link.startsWith('https://') && URL.canParse(link)) return 'https:';
  try {
    return new URL(link).protocol;
  } catch {
    return undefined;
  }
}
