/**
 * The pure CPU cost per order, with tinybench: payroute's validation and mapping of the canonical
 * order into the provider's request (`validate`, which runs everything `createOrder` does before
 * sending: zod schema, provider rules, amount conversion, encoding), and of the provider's answer
 * into an `OrderSession`, against what a caller writing the request by hand does per order.
 */
import { Bench } from 'tinybench';
import { fromFlowwiseResponse } from '../providers/flowwise/response.js';
import { fromJuspayResponse } from '../providers/juspay/response.js';
import { checkAnswer, type AnswerCheck, type ProviderAnswer } from '../src/answer.js';
import { orderSchema } from '../src/order.js';
import type { Payroute } from './dist.js';
import { credentials, flowwiseAnswer, juspayAnswer, order } from './fixtures.js';

export interface MicroPair {
  readonly id: string;
  readonly figure: string;
  readonly payroute: { readonly label: string; readonly meanUs: number; readonly medianUs: number; readonly rme: number };
  readonly baseline: { readonly label: string; readonly meanUs: number; readonly medianUs: number; readonly rme: number };
}

type Task = () => unknown;

interface PairSpec {
  readonly id: string;
  readonly figure: string;
  readonly payroute: readonly [label: string, run: Task];
  readonly baseline: readonly [label: string, run: Task];
}

// A sink the optimiser cannot see through, so no task is dead code.
let sink: unknown;
const keep = (value: unknown) => {
  sink = value;
};

/** The hand-built Juspay request: map the order's fields by hand and encode them. */
function handBuiltJuspay(): string {
  const c = order.customer;
  return new URLSearchParams([
    ['order_id', order.orderId],
    ['amount', (order.amount / 100).toFixed(2)],
    ['currency', order.currency],
    ['customer_id', c.id],
    ['customer_email', c.email],
    ['customer_phone', c.phone],
    ['first_name', c.firstName],
    ['last_name', c.lastName],
    ['return_url', order.returnUrl],
    ['description', order.description],
    ['metadata.cart', order.metadata.cart],
  ]).toString();
}

/** The hand-built Flowwise request. */
function handBuiltFlowwise(): string {
  const c = order.customer;
  return JSON.stringify({
    order_id: order.orderId,
    order_amount: order.amount / 100,
    order_currency: order.currency,
    customer_details: { customer_id: c.id, customer_email: c.email, customer_phone: c.phone },
    order_note: order.description,
    order_tags: order.metadata,
    return_base_url: order.returnUrl,
  });
}

export async function measureMicro(payroute: Payroute, quick: boolean): Promise<MicroPair[]> {
  const juspay = payroute.juspay({ ...credentials.juspay, baseUrl: 'http://127.0.0.1:9' });
  const flowwise = payroute.flowwise({ ...credentials.flowwise, baseUrl: 'http://127.0.0.1:9' });
  const juspayResponse = { status: 200, headers: { 'content-type': 'application/json' }, body: juspayAnswer(order.orderId) };
  const flowwiseResponse = { status: 200, headers: { 'content-type': 'application/json' }, body: flowwiseAnswer(order.orderId) };
  // What `defineAdapter` runs on every 2xx answer after the provider's mapping.
  const sent = orderSchema.parse(order);
  const checked = (answer: ProviderAnswer<unknown>, check: AnswerCheck) => checkAnswer(answer, sent, check) ?? answer.session;

  const pairs: PairSpec[] = [
    {
      id: 'juspay-request',
      figure: 'Juspay request: validate + map + encode, per order',
      payroute: ['juspay().validate(order)', () => keep(juspay.validate(order))],
      baseline: ['hand-built URLSearchParams', () => keep(handBuiltJuspay())],
    },
    {
      id: 'flowwise-request',
      figure: 'Flowwise request: validate + map + encode, per order',
      payroute: ['flowwise().validate(order)', () => keep(flowwise.validate(order))],
      baseline: ['hand-built JSON.stringify', () => keep(handBuiltFlowwise())],
    },
    {
      id: 'juspay-response',
      figure: 'Juspay answer: parse + check + map to OrderSession',
      payroute: ['fromJuspayResponse (source)', () => keep(fromJuspayResponse(juspayResponse, sent).map((a) => checked(a, { caseInsensitiveOrderIds: true, allowHttpLinks: false })))],
      baseline: ['JSON.parse', () => keep(JSON.parse(juspayResponse.body))],
    },
    {
      id: 'flowwise-response',
      figure: 'Flowwise answer: parse + check + map to OrderSession',
      payroute: ['fromFlowwiseResponse (source)', () => keep(fromFlowwiseResponse(flowwiseResponse).map((a) => checked(a, { allowHttpLinks: false })))],
      baseline: ['JSON.parse', () => keep(JSON.parse(flowwiseResponse.body))],
    },
  ];

  // Every call must be a success, or the timing would be of an error path.
  if (juspay.validate(order).isErr() || flowwise.validate(order).isErr()) throw new Error('the bench order does not validate');

  const bench = new Bench({ time: quick ? 200 : 1500, warmupTime: quick ? 100 : 500, timestampProvider: 'hrtimeNow' });
  for (const pair of pairs) {
    bench.add(`${pair.id}:payroute`, pair.payroute[1]);
    bench.add(`${pair.id}:baseline`, pair.baseline[1]);
  }
  await bench.run();
  void sink;

  const stats = (name: string) => {
    const result = bench.getTask(name)?.result;
    if (!result || !('latency' in result)) throw new Error(`tinybench task ${name} did not complete`);
    return { meanUs: result.latency.mean * 1000, medianUs: result.latency.p50 * 1000, rme: result.latency.rme };
  };
  return pairs.map((pair) => ({
    id: pair.id,
    figure: pair.figure,
    payroute: { label: pair.payroute[0], ...stats(`${pair.id}:payroute`) },
    baseline: { label: pair.baseline[0], ...stats(`${pair.id}:baseline`) },
  }));
}
