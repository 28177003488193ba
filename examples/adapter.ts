// One adapter, one order, against the offline sandbox. Run: npx tsx examples/adapter.ts
import { toMinorUnits } from 'payroute';
import { juspay } from 'payroute/juspay';
import { startSandbox } from 'payroute/sandbox';

const sandbox = await startSandbox();
// With a real account: juspay({ apiKey: process.env.JUSPAY_API_KEY!, merchantId: 'acme', environment: 'sandbox' })
const provider = juspay(sandbox.juspay.adapterOptions);

const result = await provider.createOrder({
  orderId: 'ord1001',
  amount: toMinorUnits('100.15', 'INR'),
  currency: 'INR',
  customer: { id: 'cust_1', email: 'a@example.com', phone: '9999999999' },
  returnUrl: 'https://shop.example.com/return',
  providerOptions: { juspay: { getClientAuthToken: true, udf: { udf6: 'cart 42' } } },
});

result.match(
  (session) => console.log(`created ${session.orderId} at ${session.provider}: pay at ${session.checkoutUrl} (token ${session.clientAuthToken})`),
  (error) => console.error(`failed: ${error.kind}: ${error.message}`),
);
await sandbox.close();
process.exitCode = result.isOk() ? 0 : 1;
