import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commerceEngine } from '../../providers/commerce-engine/index.js';
import { flowwise } from '../../providers/flowwise/index.js';
import { juspay } from '../../providers/juspay/index.js';
import type { LookupProvider } from '../../src/port.js';
import { defaultSandboxCredentials, startSandbox, type Sandbox } from '../../providers/entries/sandbox.js';
import { basicAuth, order } from './helpers.js';

type Name = 'juspay' | 'flowwise' | 'commerce-engine';

const adapters: Readonly<Record<Name, (sandbox: Sandbox) => LookupProvider>> = {
  juspay: (s) => juspay({ ...s.juspay.adapterOptions, timeoutMs: 2_000 }),
  flowwise: (s) => flowwise({ ...s.flowwise.adapterOptions, timeoutMs: 2_000 }),
  'commerce-engine': (s) => commerceEngine({ ...s['commerce-engine'].adapterOptions, timeoutMs: 2_000 }),
};
const names = Object.keys(adapters) as Name[];
const expected = { amount: 10_015, currency: 'INR' };
let next = 0;
/** A fresh order id (letters and digits, so no magic prefix), within Juspay's limits. */
const freshId = () => `GO${Date.now().toString(36)}${next++}`;

describe('sandbox order look-ups over HTTP', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());
  afterEach(() => {
    for (const name of names) sandbox[name].clearFaults();
  });

  /** An order created through the provider's own adapter (seeded first, as Commerce Engine's store needs). */
  async function created(name: Name, orderId = freshId()) {
    const canonical = order(orderId, { returnUrl: 'https://shop.example.com/return' });
    sandbox[name].seedOrder(canonical);
    const session = (await adapters[name](sandbox).createOrder(canonical))._unsafeUnwrap();
    return { orderId, session };
  }

  it.each(names)('%s: finds an order it created, in the same store as create', async (name) => {
    const { orderId, session } = await created(name);
    const state = (await adapters[name](sandbox).getOrder(orderId, { expected }))._unsafeUnwrap();
    expect(state).toMatchObject({ provider: name, orderId, final: false });
    expect(state.status).toBe(name === 'commerce-engine' ? 'pending' : 'created');
    if (name !== 'commerce-engine') expect(state.checkoutUrl).toBe(session.checkoutUrl);
    if (name !== 'flowwise') expect(state.amount).toBe(10_015);
  });

  it.each(names)('%s: an order it never created is not_found', async (name) => {
    const error = (await adapters[name](sandbox).getOrder(freshId()))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'not_found', retryable: false, orderMayExist: false });
  });

  it('answers Juspay\'s documented NOT_FOUND body and its 401', async () => {
    const url = `${sandbox.juspay.url}/orders/NOPE1`;
    const headers = { authorization: basicAuth(defaultSandboxCredentials.juspay.apiKey), 'x-merchantid': defaultSandboxCredentials.juspay.merchantId };
    const missing = await fetch(url, { headers });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ status: 'NOT_FOUND', status_id: 40, order_id: 'NOPE1' });
    const denied = await fetch(url, { headers: { ...headers, authorization: basicAuth('wrong_key') } });
    expect(denied.status).toBe(401);
  });

  it.each(names)('%s: wrong credentials are a 401, authentication', async (name) => {
    const { orderId } = await created(name);
    const wrong =
      name === 'juspay'
        ? juspay({ ...sandbox.juspay.adapterOptions, apiKey: 'wrong_key' })
        : name === 'flowwise'
          ? flowwise({ ...sandbox.flowwise.adapterOptions, clientSecret: 'wrong_secret' })
          : commerceEngine({ ...sandbox['commerce-engine'].adapterOptions, accessToken: 'wrong_token' });
    expect((await wrong.getOrder(orderId))._unsafeUnwrapErr()).toMatchObject({ kind: 'authentication', httpStatus: 401 });
  });

  it.each(names)('%s: configured faults apply to look-ups, unless limited to create-order', async (name) => {
    const { orderId } = await created(name);
    sandbox[name].setFaults({ failure: { kind: 'status', status: 503 } })._unsafeUnwrap();
    expect((await adapters[name](sandbox).getOrder(orderId))._unsafeUnwrapErr()).toMatchObject({ kind: 'provider_unavailable', httpStatus: 503 });
    sandbox[name].setFaults({ failure: { kind: 'reset' }, operations: ['createOrder'] })._unsafeUnwrap();
    expect((await adapters[name](sandbox).getOrder(orderId)).isOk()).toBe(true);
    sandbox[name].setFaults({ failure: { kind: 'reset' }, operations: ['getOrder'] })._unsafeUnwrap();
    expect((await adapters[name](sandbox).getOrder(orderId))._unsafeUnwrapErr().kind).toBe('network');
  });

  it.each(names)('%s: an order id\'s magic prefix faults its look-up', async (name) => {
    expect((await adapters[name](sandbox).getOrder('F502lookup'))._unsafeUnwrapErr()).toMatchObject({ kind: 'provider_unavailable', httpStatus: 502 });
    // FJSN cuts the answer after processing: create stores the order, and its look-up answer is cut too.
    const orderId = `FJSN${freshId()}`.slice(0, 17);
    const canonical = order(orderId, { returnUrl: 'https://shop.example.com/return' });
    sandbox[name].seedOrder(canonical);
    expect((await adapters[name](sandbox).createOrder(canonical))._unsafeUnwrapErr().kind).toBe('unexpected_response');
    expect((await adapters[name](sandbox).getOrder(orderId))._unsafeUnwrapErr()).toMatchObject({ kind: 'unexpected_response', httpStatus: 200 });
  });

  it('moves a Juspay order to paid, refunded and failed, as its look-up then shows', async () => {
    const { orderId } = await created('juspay');
    const provider = adapters.juspay(sandbox);
    sandbox.juspay.setOrderStatus(orderId, 'paid')._unsafeUnwrap();
    const paid = (await provider.getOrder(orderId, { expected }))._unsafeUnwrap();
    expect(paid).toMatchObject({ status: 'paid', final: true, providerStatus: 'CHARGED', providerStatusId: 21, amount: 10_015, amountRefunded: 0 });
    expect(paid.transactionId).toBe(`${defaultSandboxCredentials.juspay.merchantId}-${orderId}-1`);
    sandbox.juspay.setOrderStatus(orderId, 'refunded')._unsafeUnwrap();
    expect((await provider.getOrder(orderId))._unsafeUnwrap()).toMatchObject({ status: 'refunded', final: true, amountRefunded: 10_015 });
    sandbox.juspay.setOrderStatus(orderId, 'failed')._unsafeUnwrap();
    expect((await provider.getOrder(orderId))._unsafeUnwrap()).toMatchObject({ status: 'failed', final: false, providerStatus: 'AUTHORIZATION_FAILED' });
    expect(sandbox.juspay.orders.get(orderId)?.order.status).toBe('AUTHORIZATION_FAILED');
  });

  it('moves a Commerce Engine order to paid: the store reports success with the amount paid', async () => {
    const { orderId } = await created('commerce-engine');
    sandbox['commerce-engine'].setOrderStatus(orderId, 'paid')._unsafeUnwrap();
    const state = (await adapters['commerce-engine'](sandbox).getOrder(orderId, { expected }))._unsafeUnwrap();
    expect(state).toMatchObject({ status: 'paid', final: true, providerStatus: 'success', amount: 10_015, amountPaid: 10_015 });
  });

  it('moves a Flowwise order to PAID, which the adapter reads as unknown since Flowwise does not document it', async () => {
    const { orderId } = await created('flowwise');
    sandbox.flowwise.setOrderStatus(orderId, 'paid')._unsafeUnwrap();
    expect((await adapters.flowwise(sandbox).getOrder(orderId))._unsafeUnwrap()).toMatchObject({ status: 'unknown', providerStatus: 'PAID' });
    sandbox.flowwise.setOrderStatus(orderId, 'expired')._unsafeUnwrap();
    expect((await adapters.flowwise(sandbox).getOrder(orderId))._unsafeUnwrap().providerStatus).toBe('EXPIRED');
  });

  it('refuses a status move it cannot make, naming why, and changes nothing', async () => {
    const { orderId } = await created('juspay');
    expect(sandbox.juspay.setOrderStatus(orderId, 'expired')._unsafeUnwrapErr().fields).toEqual([{ path: 'status', message: 'Juspay has no expired order status' }]);
    expect(sandbox.juspay.setOrderStatus('NEVERMADE', 'paid')._unsafeUnwrapErr().fields[0]?.path).toBe('orderId');
    expect(sandbox.juspay.setOrderStatus(orderId, 'bogus' as 'paid')._unsafeUnwrapErr().fields[0]?.path).toBe('status');
    expect(sandbox.juspay.orders.get(orderId)?.order.status).toBe('NEW');
  });

  it('reports a seeded Commerce Engine order without a payment as pending, all unpaid', async () => {
    const orderId = freshId();
    sandbox['commerce-engine'].seedOrder(order(orderId));
    const state = (await adapters['commerce-engine'](sandbox).getOrder(orderId, { expected }))._unsafeUnwrap();
    expect(state).toMatchObject({ status: 'pending', amount: 10_015, amountPaid: 0 });
  });
});
