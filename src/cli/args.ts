import { parseArgs } from 'node:util';
import { currencyExponent } from '../currencies.js';

/** A mistake in how the program was called: printed with the command's help, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  /** @param option the option at fault, such as `--amount`, when there is one. */
  constructor(
    message: string,
    readonly option?: string,
  ) {
    super(message);
  }
}

/** The providers the command line knows, in the order its offline gateway tries them. */
export interface CliProvider {
  /** Its `type`, as `--provider` and configurations name it: `juspay`. */
  readonly type: string;
  /** Its name in sentences: `Juspay`. */
  readonly displayName: string;
}

/** `a`, `a and b`, `a, b and c` (or `or`). */
function listed(words: readonly string[], last: 'and' | 'or'): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1) ?? ''}`;
}

/** The help texts, naming the providers the command line was given. */
export function helpTexts(providers: readonly CliProvider[]) {
  const names = providers.map((p) => p.displayName);
  const [first = '', second = ''] = names;
  const order = names.map((name, i) => (i === 0 ? `${name} first` : i === names.length - 1 && i > 1 ? `${name} last` : `${name} as backup`));
  return {
    main: MAIN_HELP.replace('{providers}', listed(names, 'or')).replace('{first}', first),
    'create-order': CREATE_ORDER_HELP.replace('{order}', listed(order, 'and')).replace('{types}', listed(providers.map((p) => p.type), 'and')),
    'get-order': GET_ORDER_HELP.replace('{firstType}', providers[0]?.type ?? ''),
    demo: DEMO_HELP.replace('{sandbox}', listed([first, second].filter(Boolean), 'and')).replaceAll('{first}', first).replaceAll('{second}', second),
    sandbox: SANDBOX_HELP,
  };
}

const MAIN_HELP = `Usage: payroute <command> [options]

Create payment orders at {providers} through one gateway.

Commands:
  create-order   create one order and print the unified result
  get-order      look an order up and print its state (status, amount, whether it is final)
  demo           create an order at the offline sandbox, then show a fallback when {first} fails
  sandbox        run the offline sandbox servers until interrupted

Options:
  -h, --help     show help (also: payroute <command> --help)
  -v, --version  print the version

With no --config and no PAYROUTE_CONFIG / PAYROUTE_CONFIG_FILE, every command works offline
against payroute's sandbox: no provider account is needed.`;

const CREATE_ORDER_HELP = `Usage: payroute create-order --amount <decimal> [options]

Creates one order through the gateway and prints the result.

Options:
  --amount <decimal>      amount in major units, such as 100.15 (required)
  --currency <code>       ISO 4217 currency (default INR)
  --order-id <id>         merchant order id (default: a new one, such as ord1a2b3c4d)
  --provider <name>       try only this configured provider; repeat for a list in order
  --customer-id <id>      customer id
  --email <address>       customer email
  --phone <digits>        customer phone
  --return-url <url>      where the customer returns after paying
  --description <text>    order description
  --config <file>         gateway config (JSON); talks to the real providers it names
  --json                  print JSON instead of text
  --verbose               also print every attempt and skip on stderr, as they happen
  -h, --help              show this help

Without --config (or PAYROUTE_CONFIG / PAYROUTE_CONFIG_FILE) it starts the offline sandbox and a
gateway with {order}; --provider names them
{types}.

Exit codes: 0 created, 1 the provider(s) refused or failed, 2 bad arguments or order,
3 bad configuration. With --json, errors are JSON on stdout too: { "ok": false, "error": {...} },
"kind": "usage" (with the "option") for bad arguments.

Example:
  payroute create-order --amount 100.15 --currency INR --order-id ord1001`;

const GET_ORDER_HELP = `Usage: payroute get-order --order-id <id> [options]

Looks an order up and prints its state: the canonical status, whether it is final, the amount in the
provider's answer, and what the provider calls the status.

Options:
  --order-id <id>         merchant order id (required)
  --provider <name>       ask only this provider; without it each one is asked in turn, first found wins
  --amount <decimal>      the amount you charged, such as 100.15: an answer with another amount or
                          currency fails (offline: also the amount of the demo order; default 100.15)
  --currency <code>       ISO 4217 currency of --amount (default INR)
  --status <status>       offline only: move the demo order to pending, paid, failed, expired, cancelled
                          or refunded before looking it up (each provider has only some of them)
  --config <file>         gateway config (JSON); asks the real providers it names
  --json                  print JSON instead of text
  -h, --help              show this help

Without --config (or PAYROUTE_CONFIG / PAYROUTE_CONFIG_FILE) it works offline, and the sandbox starts
empty: an order that create-order made is gone when that command ends. So offline, get-order first
creates the demo order --order-id at --provider (default {firstType}), optionally moves it to --status, and
then looks it up, saying so on stderr.

Exit codes: 0 found, 1 not found or the provider failed, 2 bad arguments, 3 bad configuration.

Example:
  payroute get-order --order-id ord1001 --status paid`;

const DEMO_HELP = `Usage: payroute demo [--json] [--verbose]

Starts the offline sandbox ({sandbox} over HTTP on 127.0.0.1), creates an order through a
gateway with {first} first and {second} as backup, then makes the sandbox's {first} answer 503 and
creates a second order, which falls back to {second}. Needs no account and no network.

Options:
  --json       print JSON instead of text
  --verbose    also print every attempt and skip on stderr, as they happen
  -h, --help   show this help`;

const SANDBOX_HELP = `Usage: payroute sandbox [--port <n>]

Runs the offline sandbox servers on 127.0.0.1 and prints their URLs and credentials, until Ctrl-C.

Options:
  --port <n>   first port to listen on (the next providers take the next ports); default: any free port
  -h, --help   show this help`;

export interface CreateOrderArgs {
  readonly amount: string;
  readonly currency: string;
  readonly orderId: string;
  readonly providers: readonly string[];
  readonly customerId?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly returnUrl?: string;
  readonly description?: string;
  readonly config?: string;
  readonly json: boolean;
  readonly verbose: boolean;
}

export interface GetOrderArgs {
  readonly orderId: string;
  readonly provider?: string;
  /** The expected amount as typed, in major units. */
  readonly amount?: string;
  readonly currency: string;
  readonly status?: string;
  readonly config?: string;
  readonly json: boolean;
}

export type Command =
  | { readonly name: 'help'; readonly text: string }
  | { readonly name: 'version' }
  | { readonly name: 'create-order'; readonly args: CreateOrderArgs }
  | { readonly name: 'get-order'; readonly args: GetOrderArgs }
  | { readonly name: 'demo'; readonly json: boolean; readonly verbose: boolean }
  | { readonly name: 'sandbox'; readonly port?: number };

type HelpTexts = ReturnType<typeof helpTexts>;

/** Reads the command line; throws `UsageError` with a sentence a shell user understands. */
export function parseCommand(argv: readonly string[], newOrderId: () => string, help: HelpTexts): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    return { name: 'help', text: helpFor(help, rest[0]) ?? help.main };
  }
  if (command === '-v' || command === '--version') return { name: 'version' };
  const text = helpFor(help, command);
  if (text === undefined) throw new UsageError(`unknown command "${command}"`);
  if (rest.includes('-h') || rest.includes('--help')) return { name: 'help', text };
  if (command === 'demo') {
    const { json, verbose } = parse(rest, { json: { type: 'boolean' }, verbose: { type: 'boolean' } });
    return { name: 'demo', json: json === true, verbose: verbose === true };
  }
  if (command === 'sandbox') {
    const { port } = parse(rest, { port: { type: 'string' } });
    if (port === undefined) return { name: 'sandbox' };
    const number = Number(port);
    if (!Number.isInteger(number) || number < 1 || number > 65535) throw new UsageError('--port must be a port number from 1 to 65535', '--port');
    return { name: 'sandbox', port: number };
  }
  if (command === 'get-order') return { name: 'get-order', args: getOrderArgs(rest) };
  return { name: 'create-order', args: createOrderArgs(rest, newOrderId) };
}

function helpFor(help: HelpTexts, command: string | undefined): string | undefined {
  return command === 'create-order' || command === 'get-order' || command === 'demo' || command === 'sandbox' ? help[command] : undefined;
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<O extends Options>(args: readonly string[], options: O) {
  const given = withNegativeValues(args, options);
  try {
    return parseArgs({ args: given, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const option = /'(--?[\w-]+)/.exec(message)?.[1];
    if (option !== undefined && /argument is ambiguous/.test(message)) {
      const next = given[given.indexOf(option) + 1] ?? '';
      throw new UsageError(`${option} needs a value; "${next}" starts with a dash, so it is read as an option (write ${option}=${next} if it is the value)`, option);
    }
    throw new UsageError(message.replace(/\. To specify.*$/s, ''), option);
  }
}

/** `--amount -5` as `--amount=-5`: a negative number is a value (for its option to judge), never an option. */
function withNegativeValues(args: readonly string[], options: Options): string[] {
  const joined: string[] = [];
  for (const arg of args) {
    const previous = joined.at(-1);
    const takesValue = previous?.startsWith('--') === true && options?.[previous.slice(2)]?.type === 'string';
    if (takesValue && /^-\.?\d/.test(arg)) joined[joined.length - 1] = `${previous}=${arg}`;
    else joined.push(arg);
  }
  return joined;
}

function createOrderArgs(rest: readonly string[], newOrderId: () => string): CreateOrderArgs {
  const values = parse(rest, {
    amount: { type: 'string' },
    currency: { type: 'string', default: 'INR' },
    'order-id': { type: 'string' },
    provider: { type: 'string', multiple: true },
    'customer-id': { type: 'string' },
    email: { type: 'string' },
    phone: { type: 'string' },
    'return-url': { type: 'string' },
    description: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  });
  if (values.amount === undefined) throw new UsageError('--amount is required, such as --amount 100.15', '--amount');
  const currency = values.currency.toUpperCase();
  if (currencyExponent(currency) === undefined) {
    throw new UsageError(`--currency: "${values.currency}" is not an ISO 4217 currency code payroute knows, such as INR`, '--currency');
  }
  const optional = {
    customerId: values['customer-id'],
    email: values.email,
    phone: values.phone,
    returnUrl: values['return-url'],
    description: values.description,
    config: values.config,
  };
  return {
    amount: values.amount,
    currency,
    orderId: values['order-id'] ?? newOrderId(),
    providers: values.provider ?? [],
    json: values.json,
    verbose: values.verbose,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

function getOrderArgs(rest: readonly string[]): GetOrderArgs {
  const values = parse(rest, {
    'order-id': { type: 'string' },
    provider: { type: 'string' },
    amount: { type: 'string' },
    currency: { type: 'string', default: 'INR' },
    status: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const orderId = values['order-id'];
  if (orderId === undefined) throw new UsageError('--order-id is required, such as --order-id ord1001');
  const optional = { provider: values.provider, amount: values.amount, status: values.status, config: values.config };
  return {
    orderId,
    currency: values.currency.toUpperCase(),
    json: values.json,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}
