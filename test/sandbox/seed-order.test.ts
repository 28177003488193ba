import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { juspay } from '../../providers/juspay/index.js';
import { startSandbox, type Sandbox } from '../../providers/entries/sandbox.js';
import { order } from './helpers.js';

describe('seedOrder, on every sandbox server', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('is taken by the servers whose provider keeps no orders of its own, and changes nothing there', async () => {
    expect(sandbox.juspay.seedOrder(order('SEED1')).isOk()).toBe(true);
    expect(sandbox.flowwise.seedOrder(order('SEED1')).isOk()).toBe(true);
    expect(sandbox.juspay.orders.size).toBe(0);
    expect(sandbox.flowwise.orders.size).toBe(0);
    // The order is still created from the request alone.
    expect((await juspay(sandbox.juspay.adapterOptions).createOrder(order('SEED1', { amount: 500 }))).isOk()).toBe(true);
    expect(sandbox.juspay.orders.get('SEED1')?.order.amount).toBe(5);
  });

  it('refuses an invalid order, naming its fields, never its values', () => {
    const refused = sandbox.flowwise.seedOrder({ orderId: 'bad id!', amount: 1.5, currency: 'XYZ' })._unsafeUnwrapErr();
    expect(refused.name).toBe('PayrouteConfigError');
    expect(refused.fields.map((f) => f.path).sort()).toEqual(['amount', 'currency', 'orderId']);
    expect(refused.message).not.toContain('bad id!');
  });
});
