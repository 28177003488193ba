// acme-pay.ts — a provider of your own, written with the kit the built-in providers use.
import { z } from 'zod';
import {
  commonOptionsSchema,
  defineProvider,
  environmentMessage,
  environmentRefinement,
  err,
  ok,
  parseJsonBody,
  secretSchema,
  toFieldIssues,
  unreadableAnswer,
  type ProviderDefinition,
} from 'payroute';

// The options: credentials plus what every provider takes (name, environment, baseUrl, timeoutMs).
const acmePayOptions = z.strictObject({ ...commonOptionsSchema, apiKey: secretSchema('apiKey') }).refine(environmentRefinement, environmentMessage);

// The wire format: what Acme Pay answers to POST /v1/orders.
const acmeOrder = z.looseObject({ id: z.string(), reference: z.string(), status: z.string(), pay_url: z.string(), amount_minor: z.number(), currency: z.string() });
const acmeError = z.looseObject({ error: z.looseObject({ code: z.string(), message: z.string() }) });
type AcmeOrder = z.infer<typeof acmeOrder>;

export const acmePay = defineProvider({
  specificationVersion: 1,
  type: 'acme-pay',
  displayName: 'Acme Pay',
  options: acmePayOptions,
  baseUrls: { sandbox: 'https://sandbox.acmepay.example', production: 'https://api.acmepay.example' },
  // Acme Pay answers a repeated reference with the order it has: a retry after a timeout is safe.
  capabilities: { dedupesOrderId: true, maxOrderIdLength: 40, amount: { min: 100 } },
  connect: (options) => ({
    secrets: [options.apiKey],
    context: { headers: { Authorization: `Bearer ${options.apiKey}`, 'Content-Type': 'application/json' } },
  }),
  createOrder: {
    toRequest: (order, _call, { headers }) =>
      order.returnUrl === undefined
        ? err([{ path: 'returnUrl', message: 'Acme Pay requires a return URL' }])
        : ok({
            path: '/v1/orders',
            headers,
            body: JSON.stringify({ reference: order.orderId, amount_minor: order.amount, currency: order.currency, return_url: order.returnUrl }),
          }),
    fromAnswer: (response) => {
      const body = parseJsonBody(response.body);
      if (body.isErr()) return err(unreadableAnswer(body.error));
      const parsed = acmeOrder.safeParse(body.value);
      if (!parsed.success) return err(unreadableAnswer(`a body that is not an Acme Pay order (${toFieldIssues(parsed.error).map((f) => f.path).join(', ')})`));
      const answer = parsed.data;
      const session = {
        orderId: answer.reference,
        providerOrderId: answer.id,
        status: answer.status === 'open' ? ('created' as const) : ('unknown' as const),
        providerStatus: answer.status,
        checkoutUrl: answer.pay_url,
        links: { web: answer.pay_url },
        raw: answer,
      };
      // The core checks what the answer states against the order: its id, amount and currency.
      return ok({ session, amount: { text: String(answer.amount_minor), minor: answer.amount_minor }, currency: answer.currency });
    },
  },
  errorFromAnswer: (response) => {
    const body = parseJsonBody(response.body);
    if (body.isErr()) return { unreadable: body.error };
    const parsed = acmeError.safeParse(body.value);
    if (!parsed.success) return { unreadable: "a body that is not Acme Pay's error format" };
    const { code, message } = parsed.data.error;
    return { code, message, kind: code === 'duplicate_reference' ? 'duplicate_order' : undefined };
  },
} satisfies ProviderDefinition<'acme-pay', z.output<typeof acmePayOptions>, z.input<typeof acmePayOptions>, { headers: Record<string, string> }, AcmeOrder>);
