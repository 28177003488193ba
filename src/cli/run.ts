import { randomBytes } from 'node:crypto';
import { err, type Result } from 'neverthrow';
import {
  createGateway,
  loadGatewayConfig,
  CONFIG_FILE_VARIABLE,
  CONFIG_VARIABLE,
  type Environment,
  type Gateway,
  type GatewayGetOrderOptions,
  type GatewayHooks,
  type GatewaySession,
  type RoutingError,
} from '../gateway/index.js';
import { parseMinorUnits, toMajorUnits } from '../money.js';
import type { Order } from '../order.js';
import type { ExpectedAmount, OrderState } from '../order-state.js';
import { sandboxOrderStatusSchema } from '../sandbox/behaviour.js';
import { startSandboxOf, type SandboxProviders } from '../sandbox/index.js';
import { VERSION } from '../version.js';
import { helpTexts, parseCommand, UsageError, type CreateOrderArgs, type GetOrderArgs } from './args.js';
import { formatAttemptEvent, formatError, formatSession, formatSkipEvent, formatState, toJsonValue } from './format.js';
import { consecutivePorts, offlineGatewayConfig, offlineTypes, type OfflineSandbox } from './offline.js';
import { colourFor, type Style } from './terminal.js';
import { startWaiting, withWaiting, type Waiting, type WaitingIo } from './waiting.js';

/** Where the program writes, and what it reads from its environment: injected so tests run it in-process. */
export interface Io extends WaitingIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Read for the configuration, and for `NO_COLOR`, `FORCE_COLOR` and `TERM`. */
  readonly env: Environment;
  /** Resolves when the user asks the long-running `sandbox` command to stop (Ctrl-C). */
  readonly interrupted: () => Promise<void>;
  /** stdout is a terminal: text output is coloured (unless `NO_COLOR`). Not a terminal when left out. */
  readonly stdoutIsTTY?: boolean;
  /** stderr is a terminal: errors are coloured, and a waiting line shows while a provider is slow. */
  readonly stderrIsTTY?: boolean;
}

/** What a command needs to talk to a person: the colours of each stream, `--verbose`'s hooks, the waiting line. */
interface Terminal {
  readonly out: Style;
  readonly err: Style;
  /** The gateway's hooks: with `--verbose`, every attempt and skip on stderr as it ends. */
  readonly hooks: GatewayHooks;
  /** Runs a call that reaches providers, showing the waiting line on a terminal while it is slow. */
  waitFor<T>(call: () => Promise<T>): Promise<T>;
}

function terminalOf(io: Io, json: boolean, verbose = false): Terminal {
  const err = colourFor(io.stderrIsTTY, io.env);
  let waiting: Waiting | undefined;
  const note = (text: string) => (waiting ? waiting.note(text) : io.stderr(text));
  return {
    out: colourFor(io.stdoutIsTTY, io.env),
    err,
    hooks: verbose ? { onAttempt: (event) => note(formatAttemptEvent(event, err)), onSkip: (event) => note(formatSkipEvent(event, err)) } : {},
    waitFor: (call) => {
      waiting = startWaiting(io, 'waiting for the provider to answer...', !json && io.stderrIsTTY === true);
      return withWaiting(waiting, call).finally(() => {
        waiting = undefined;
      });
    },
  };
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
      case 'get-order':
        return await getOrderCommand(command.args, context);
      case 'demo':
        return await demoCommand(command.json, command.verbose, context);
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
  const order = toOrder(args, minorUnits(args.amount, args.currency));
  const options = args.providers.length > 0 ? { providers: args.providers } : {};
  const terminal = terminalOf(io, args.json, args.verbose);
  const send = (gateway: Gateway) => terminal.waitFor(async () => gateway.createOrder(order, options));

  if (usesConfig(args.config, io.env)) {
    const config = loadGatewayConfig({ ...(args.config === undefined ? {} : { file: args.config }), env: io.env, providers });
    if (config.isErr()) return report(err(config.error), args.json, io, SESSION, terminal);
    return report(await send(createGateway(config.value, { providers, hooks: terminal.hooks })), args.json, io, SESSION, terminal);
  }
  return withSandbox(context, async (gateway, sandbox) => {
    seedEverywhere(context, sandbox, order);
    return report(await send(gateway), args.json, io, SESSION, terminal);
  }, terminal.hooks);
}

async function getOrderCommand(args: GetOrderArgs, context: Context): Promise<number> {
  const { io, providers, offline } = context;
  const expected = args.amount === undefined ? undefined : { amount: minorUnits(args.amount, args.currency), currency: args.currency };
  const terminal = terminalOf(io, args.json);

  if (usesConfig(args.config, io.env)) {
    if (args.status !== undefined) throw new UsageError("--status works only offline: it moves the sandbox's demo order");
    const config = loadGatewayConfig({ ...(args.config === undefined ? {} : { file: args.config }), env: io.env, providers });
    if (config.isErr()) return report(err(config.error), args.json, io, STATE, terminal);
    const gateway = createGateway(config.value, { providers });
    return report(await terminal.waitFor(async () => gateway.getOrder(args.orderId, lookupOptions(gateway, args.provider, expected))), args.json, io, STATE, terminal);
  }
  const type = args.provider ?? offline[0] ?? '';
  if (!offline.includes(type)) throw new UsageError(`--provider must be one of ${offline.join(', ')} offline`);
  const status = args.status === undefined ? undefined : sandboxOrderStatusSchema.safeParse(args.status);
  if (status && !status.success) throw new UsageError(`--status must be one of ${sandboxOrderStatusSchema.options.join(', ')}`);
  return withSandbox(context, async (gateway, sandbox) => {
    const demo: Order = { orderId: args.orderId, amount: expected?.amount ?? 10_015, currency: args.currency, returnUrl: 'https://shop.example.com/return' };
    seedEverywhere(context, sandbox, demo);
    const created = await gateway.createOrder(demo, { providers: [type] });
    if (created.isErr()) return report(err(created.error), args.json, io, STATE, terminal);
    const moved = status?.data === undefined ? undefined : sandbox[type]?.setOrderStatus(demo.orderId, status.data);
    if (moved?.isErr()) throw new UsageError(`--status: ${moved.error.fields.map((f) => f.message).join('; ')}`);
    const price = `${toMajorUnits(demo.amount, demo.currency).unwrapOr(String(demo.amount))} ${demo.currency}`;
    io.stderr(
      `offline: the sandbox starts empty, so payroute first created order ${demo.orderId} (${price}) at ${type}` +
        `${status?.data === undefined ? '' : ` and moved it to ${status.data}`}, then looked it up.`,
    );
    const options = lookupOptions(gateway, args.provider, { amount: demo.amount, currency: demo.currency });
    return report(await gateway.getOrder(demo.orderId, options), args.json, io, STATE, terminal);
  });
}

function usesConfig(file: string | undefined, env: Environment): boolean {
  return file !== undefined || env[CONFIG_VARIABLE] !== undefined || env[CONFIG_FILE_VARIABLE] !== undefined;
}

/** An amount typed in major units as minor units, or the usage error that says why not. */
function minorUnits(amount: string, currency: string): number {
  const minor = parseMinorUnits(amount, currency);
  if (minor.isErr()) throw new UsageError(`--amount: ${minor.error.message}`, '--amount');
  return minor.value;
}

/** The look-up's options: each configured provider in configuration order, or only the one `--provider` names. */
function lookupOptions(gateway: Gateway, only: string | undefined, expected: ExpectedAmount | undefined): GatewayGetOrderOptions {
  const configured = gateway.health().map((entry) => entry.provider);
  if (only !== undefined && !configured.includes(only)) {
    throw new UsageError(`--provider: no provider "${only}" is configured (configured: ${configured.join(', ')})`);
  }
  return { ...(only !== undefined && { provider: only }), ...(expected && { expected }) };
}

async function demoCommand(json: boolean, verbose: boolean, context: Context): Promise<number> {
  const { io, offline } = context;
  const terminal = terminalOf(io, json, verbose);
  const shown = (result: Result<GatewaySession, RoutingError>) => result.match((session) => formatSession(session, terminal.out), (error) => formatError(error, terminal.out));
  return withSandbox(context, async (gateway, sandbox) => {
    const [primary] = offline;
    const say = (text: string) => (json ? undefined : io.stdout(text));
    say(`payroute demo: an offline sandbox of ${offline.join(', ')} is listening on 127.0.0.1.`);
    say(`Its gateway tries them in that order.\n\n1. Create an order for INR 100.15:\n`);
    const created = await terminal.waitFor(async () => gateway.createOrder(demoOrder()));
    say(shown(created));
    say(`\n2. Make the sandbox's ${primary} answer HTTP 503, then create another order:\n`);
    if (primary) sandbox[primary]?.setFaults({ failure: { kind: 'status', status: 503 } });
    const fellBack = await terminal.waitFor(async () => gateway.createOrder(demoOrder()));
    say(shown(fellBack));
    if (fellBack.isOk()) say(`\nThe gateway tried ${primary}, got its 503, and created the order at ${fellBack.value.provider} instead.`);
    if (json) io.stdout(JSON.stringify({ created: toJsonValue(created), fellBack: toJsonValue(fellBack) }, null, 2));
    return created.isOk() && fellBack.isOk() ? EXIT.ok : EXIT.failed;
  }, terminal.hooks);
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

async function withSandbox(
  { providers, offline }: Context,
  use: (gateway: Gateway, sandbox: OfflineSandbox) => Promise<number>,
  hooks: GatewayHooks = {},
): Promise<number> {
  const sandbox: OfflineSandbox = await startSandboxOf(providers);
  try {
    return await use(createGateway(offlineGatewayConfig(offline, sandbox), { providers, hooks }), sandbox);
  } finally {
    await sandbox.close();
  }
}

/** How a command shows its success: as text, and under which key in JSON. */
interface Shown<T> {
  readonly format: (value: T, style: Style) => string;
  readonly key: 'session' | 'order';
}
const SESSION: Shown<GatewaySession> = { format: formatSession, key: 'session' };
const STATE: Shown<OrderState> = { format: formatState, key: 'order' };

/** Prints the result and turns it into the exit code. */
function report<T>(result: Result<T, RoutingError>, json: boolean, io: Io, shown: Shown<T>, terminal: Terminal): number {
  if (json) io.stdout(JSON.stringify(toJsonValue(result, shown.key), null, 2));
  else result.match((value) => io.stdout(shown.format(value, terminal.out)), (error) => io.stderr(formatError(error, terminal.err)));
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
