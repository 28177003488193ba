import { err, ok } from 'neverthrow';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commonOptionsSchema, defineProvider, environmentMessage, environmentRefinement, PayrouteConfigError, secretSchema, type ProviderDefinition } from '../../providers/entries/index.js';
import { useNock } from '../setup-nock.js';

const BASE = 'https://api.kit.example';
const KEY = 'kit_secret_key_0001';
const options = z.strictObject({ ...commonOptionsSchema, apiKey: secretSchema('apiKey') }).refine(environmentRefinement, environmentMessage);

/** A small provider: JSON in, JSON out, its limits declared. */
function definition(overrides: Partial<ProviderDefinition<'kit', z.output<typeof options>, z.input<typeof options>, string, unknown>> = {}) {
  return {
    specificationVersion: 1,
    type: 'kit',
    displayName: 'Kit Pay',
    options,
    baseUrls: { sandbox: BASE, production: BASE },
    capabilities: { dedupesOrderId: true, maxOrderIdLength: 8, amount: { min: 100, max: 1_000_000 } },
    connect: (parsed) => ({ secrets: [parsed.apiKey], context: parsed.apiKey }),
    createOrder: {
      toRequest: (order, _call, key) => ok({ path: '/orders', headers: { 'x-key': key }, body: JSON.stringify({ id: order.orderId }) }),
      fromAnswer: (_response, order) =>
        ok({ session: { orderId: order.orderId, providerOrderId: 'k1', status: 'created', providerStatus: 'NEW', checkoutUrl: `${BASE}/pay`, links: { web: `${BASE}/pay` }, raw: {} } }),
    },
    errorFromAnswer: (response) => ({ message: response.body }),
    ...overrides,
  } satisfies ProviderDefinition<'kit', z.output<typeof options>, z.input<typeof options>, string, unknown>;
}

const order = { orderId: 'kit_1', amount: 10_000, currency: 'INR' };

describe('defineProvider', () => {
  useNock();

  it('builds a factory that carries its type and definition, and instances that list the operations they implement', () => {
    const kit = defineProvider(definition());
    expect(kit.type).toBe('kit');
    expect(kit.definition.displayName).toBe('Kit Pay');
    const provider = kit({ apiKey: KEY, environment: 'sandbox' });
    expect(provider).toMatchObject({ name: 'kit', type: 'kit', capabilities: { operations: ['createOrder'], dedupesOrderId: true, maxOrderIdLength: 8 } });
  });

  it('refuses a definition of a specification version it does not know', () => {
    expect(() => defineProvider({ ...definition(), specificationVersion: 2 as 1 })).toThrow(PayrouteConfigError);
  });

  it("checks the declared order id and amount limits before any request, in the provider's name", () => {
    const provider = defineProvider(definition())({ apiKey: KEY, environment: 'sandbox' });
    expect(provider.validate({ ...order, orderId: 'much_too_long' })._unsafeUnwrapErr().fields).toEqual([{ path: 'orderId', message: 'Kit Pay takes at most 8 characters' }]);
    expect(provider.validate({ ...order, amount: 99 })._unsafeUnwrapErr().fields).toEqual([{ path: 'amount', message: "Kit Pay's minimum is 1.00 INR" }]);
    expect(provider.validate({ ...order, amount: 1_000_001 })._unsafeUnwrapErr().fields).toEqual([{ path: 'amount', message: "Kit Pay's maximum is 10000.00 INR" }]);
    expect(provider.validate(order).isOk()).toBe(true);
  });

  it("keeps the mapping's own words on a field the limits also name, and every other field of both", () => {
    const toRequest = () => err([{ path: 'orderId', message: 'Kit Pay ids are short' }, { path: 'returnUrl', message: 'required' }]);
    const provider = defineProvider(definition({ createOrder: { ...definition().createOrder, toRequest } }))({ apiKey: KEY, environment: 'sandbox' });
    expect(provider.validate({ ...order, orderId: 'much_too_long', amount: 99 })._unsafeUnwrapErr().fields).toEqual([
      { path: 'amount', message: "Kit Pay's minimum is 1.00 INR" },
      { path: 'orderId', message: 'Kit Pay ids are short' },
      { path: 'returnUrl', message: 'required' },
    ]);
  });

  it('runs the definition: the session named after the instance, errors classified by status and cleaned of its secrets', async () => {
    const provider = defineProvider(definition())({ apiKey: KEY, environment: 'sandbox', name: 'kit_main' });
    nock(BASE).post('/orders', { id: 'kit_1' }).matchHeader('x-key', KEY).reply(200, '{}');
    expect((await provider.createOrder(order))._unsafeUnwrap()).toMatchObject({ provider: 'kit_main', orderId: 'kit_1', providerOrderId: 'k1' });
    nock(BASE).post('/orders').reply(401, `wrong key ${KEY}`);
    const error = (await provider.createOrder(order))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'authentication', provider: 'kit_main', httpStatus: 401, providerMessage: 'wrong key [REDACTED]' });
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it("turns a throw in a provider function into that provider's internal error, never a rejection", async () => {
    const fromAnswer = () => {
      throw new Error(`bug with ${KEY}`);
    };
    const provider = defineProvider(definition({ createOrder: { ...definition().createOrder, fromAnswer } }))({ apiKey: KEY, environment: 'sandbox' });
    nock(BASE).post('/orders').reply(200, '{}');
    const error = (await provider.createOrder(order))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'internal', provider: 'kit' });
    expect(JSON.stringify(error)).not.toContain(KEY);
  });
});
