import { randomBytes } from 'node:crypto';
import { err, type Result } from 'neverthrow';
import {
  createGateway,
  loadGatewayConfig,
  CONFIG_FILE_VARIABLE,
  CONFIG_VARIABLE,
  type Environment,
  type Gateway,
  type GatewaySession,
  type RoutingError,
} from '../gateway/index.js';
import { parseMinorUnits } from '../money.js';
import type { Order } from '../order.js';
import { startSandboxOf, type SandboxProviders } from '../sandbox/index.js';
import { VERSION } from '../version.js';
import { helpTexts, parseCommand, UsageError, type CreateOrderArgs } from './args.js';
import { formatError, formatSession, toJsonValue } from './format.js';
import { consecutivePorts, offlineGatewayConfig, offlineTypes, type OfflineSandbox } from './offline.js';

/** Where the program writes, and what it reads from its environment: injected so tests run it in-process. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Environment;
  /** Resolves when the user asks the long-running `sandbox` command to stop (Ctrl-C). */
  readonly interrupted: () => Promise<void>;
}

/** Exit codes a shell script can branch on. */
export const EXIT = { ok: 0, failed: 1, usage: 2, configuration: 3 } as const;

const newOrderId = () => `ord${randomBytes(5).toString('hex')}`;

/** What a command works with: the providers it knows (gateway and sandbox alike). */
interface Context {
  readonly io: Io;
  readonly providers: SandboxProviders;
  /** Those with a sandbox, in list order. */
  readonly offline: readonly string[];
}

/** Runs one command line with these providers; never throws, returns the exit code. */
export async function run(argv: readonly string[], io: Io, providers: SandboxProviders): Promise<number> {
  try {
    const offline = offlineTypes(providers);
    const names = providers.filter((p) => offline.includes(p.type)).map((p) => ({ type: p.type, displayName: p.definition.displayName }));
    const command = parseCommand(argv, newOrderId, helpTexts(names));
    const context: Context = { io, providers, offline };
    switch (command.name) {
      case 'help':
        io.stdout(command.text);
        return EXIT.ok;
      case 'version':
        io.stdout(VERSION);
        return EXIT.ok;
      case 'create-order':
        return await createOrderCommand(command.args, context);
      case 'demo':
        return await demoCommand(command.json, context);
      case 'sandbox':
        return await sandboxCommand(command.port, context);
    }
  } catch (error) {
    // The arguments may not have parsed: --json anywhere on the line asks for JSON.
    return reportThrown(error, argv.includes('--json'), io);
  }
}

function reportThrown(error: unknown, json: boolean, io: Io): number {
  const usage = error instanceof UsageError;
  const message = error instanceof Error ? error.message : String(error);
  if (json) {
    const option = usage && error.option !== undefined ? { option: error.option } : {};
    io.stdout(JSON.stringify({ ok: false, error: { kind: usage ? 'usage' : 'internal', message, ...option } }, null, 2));
  } else {
    io.stderr(usage ? `payroute: ${message}\nRun "payroute --help" for usage.` : `payroute: ${message}`);
  }
  return usage ? EXIT.usage : EXIT.failed;
}

async function createOrderCommand(args: CreateOrderArgs, context: Context): Promise<number> {
  const { io, providers } = context;
  const amount = parseMinorUnits(args.amount, args.currency);
  if (amount.isErr()) throw new UsageError(`--amount: ${amount.error.message}`, '--amount');
  const order = toOrder(args, amount.value);
  const options = args.providers.length > 0 ? { providers: args.providers } : {};

  if (args.config !== undefined || io.env[CONFIG_VARIABLE] !== undefined || io.env[CONFIG_FILE_VARIABLE] !== undefined) {
    const config = loadGatewayConfig({ ...(args.config === undefined ? {} : { file: args.config }), env: io.env, providers });
    if (config.isErr()) return report(err(config.error), args.json, io);
    return report(await createGateway(config.value, { providers }).createOrder(order, options), args.json, io);
  }
  return withSandbox(context, async (gateway, sandbox) => {
    seedEverywhere(context, sandbox, order);
    return report(await gateway.createOrder(order, options), args.json, io);
  });
}

async function demoCommand(json: boolean, context: Context): Promise<number> {
  const { io, offline } = context;
  return withSandbox(context, async (gateway, sandbox) => {
    const [primary] = offline;
    const say = (text: string) => (json ? undefined : io.stdout(text));
    say(`payroute demo: an offline sandbox of ${offline.join(', ')} is listening on 127.0.0.1.`);
    say(`Its gateway tries them in that order.\n\n1. Create an order for INR 100.15:\n`);
    const created = await gateway.createOrder(demoOrder());
    say(created.match(formatSession, formatError));
    say(`\n2. Make the sandbox's ${primary} answer HTTP 503, then create another order:\n`);
    if (primary) sandbox[primary]?.setFaults({ failure: { kind: 'status', status: 503 } });
    const fellBack = await gateway.createOrder(demoOrder());
    say(fellBack.match(formatSession, formatError));
    if (fellBack.isOk()) say(`\nThe gateway tried ${primary}, got its 503, and created the order at ${fellBack.value.provider} instead.`);
    if (json) io.stdout(JSON.stringify({ created: toJsonValue(created), fellBack: toJsonValue(fellBack) }, null, 2));
    return created.isOk() && fellBack.isOk() ? EXIT.ok : EXIT.failed;
  });
}

async function sandboxCommand(port: number | undefined, { io, providers, offline }: Context): Promise<number> {
  const sandbox: OfflineSandbox = await startSandboxOf(providers, port === undefined ? {} : consecutivePorts(offline, port));
  for (const type of offline) {
    const server = sandbox[type];
    if (server) io.stdout(`${type.padEnd(16)} ${server.url}  ${JSON.stringify(server.credentials)}`);
  }
  io.stdout('Press Ctrl-C to stop.');
  await io.interrupted();
  await sandbox.close();
  return EXIT.ok;
}

async function withSandbox({ providers, offline }: Context, use: (gateway: Gateway, sandbox: OfflineSandbox) => Promise<number>): Promise<number> {
  const sandbox: OfflineSandbox = await startSandboxOf(providers);
  try {
    return await use(createGateway(offlineGatewayConfig(offline, sandbox), { providers }), sandbox);
  } finally {
    await sandbox.close();
  }
}

/** Prints the result and turns it into the exit code. */
function report(result: Result<GatewaySession, RoutingError>, json: boolean, io: Io): number {
  if (json) io.stdout(JSON.stringify(toJsonValue(result), null, 2));
  else result.match((session) => io.stdout(formatSession(session)), (error) => io.stderr(formatError(error)));
  return result.match(
    () => EXIT.ok,
    (error) => (error.kind === 'validation' ? EXIT.usage : error.kind === 'configuration' ? EXIT.configuration : EXIT.failed),
  );
}

/** Tells each sandbox server the merchant holds this order, as a store (Commerce Engine) must before it is paid. */
function seedEverywhere({ offline }: Context, sandbox: OfflineSandbox, order: Order): void {
  for (const type of offline) sandbox[type]?.seedOrder(order);
}

function demoOrder(): Order {
  return {
    orderId: newOrderId(),
    amount: 10015,
    currency: 'INR',
    customer: { id: 'cust_demo', email: 'demo@example.com', phone: '9999999999' },
    returnUrl: 'https://shop.example.com/return',
  };
}

function toOrder(args: CreateOrderArgs, amount: number): Order {
  const customer = { id: args.customerId, email: args.email, phone: args.phone };
  const given = Object.fromEntries(Object.entries(customer).filter(([, value]) => value !== undefined));
  return {
    orderId: args.orderId,
    amount,
    currency: args.currency,
    ...(Object.keys(given).length > 0 ? { customer: given } : {}),
    ...(args.returnUrl === undefined ? {} : { returnUrl: args.returnUrl }),
    ...(args.description === undefined ? {} : { description: args.description }),
  };
}
