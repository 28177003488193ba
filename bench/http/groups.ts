/**
 * The HTTP comparisons. Each group runs in a child process of its own, so that one SDK's globals
 * (Cashfree's Sentry, Juspay's logger) and one group's sockets cannot touch another group's figures;
 * within a group, payroute and its baselines share the process and are interleaved.
 * The `juspay` and `flowwise` groups also run payroute through `createGateway` (id `gateway`), with a
 * single provider entry routed to the loopback server.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadPayroute, type Payroute } from '../dist.js';
import { axiosFlowwise, axiosJuspay, cashfreeSdk, juspaySdk, payrouteFlowwise, payrouteGateway, payrouteJuspay } from './contenders.js';
import { compare, type Contender, type Distribution, type RunPlan } from './runner.js';

export interface Servers {
  readonly http: string;
  readonly https: string | undefined;
}

interface Group {
  readonly title: string;
  /** The path the provider answers on, to compare the bytes each contender sends. */
  readonly path: string;
  /** Which listener the group needs; a group whose listener is missing is skipped. */
  readonly listener: 'http' | 'https';
  contenders(payroute: Payroute, baseUrl: string): Contender[];
  /** An official SDK doing the same; when it cannot be set up or fails its first call, the group runs without it and says why. */
  sdk?(baseUrl: string): Promise<Contender>;
  /** Requests per contender per round; the SDK groups are slower and get fewer. */
  readonly scale: number;
}

export const groups = {
  juspay: {
    title: 'Juspay, HTTP: payroute vs bare axios',
    path: '/orders',
    listener: 'http',
    contenders: (payroute, url) => [payrouteJuspay(payroute, url), axiosJuspay(url), axiosJuspay(url, true), payrouteGateway(payroute, 'juspay', url)],
    scale: 1,
  },
  flowwise: {
    title: 'Flowwise, HTTP: payroute vs bare axios',
    path: '/router/orders',
    listener: 'http',
    contenders: (payroute, url) => [payrouteFlowwise(payroute, url), axiosFlowwise(url), axiosFlowwise(url, true), payrouteGateway(payroute, 'flowwise', url)],
    scale: 1,
  },
  'juspay-sdk': {
    title: 'Juspay, HTTPS (port 443): payroute vs bare axios vs expresscheckout-nodejs',
    path: '/orders',
    listener: 'https',
    contenders: (payroute, url) => [payrouteJuspay(payroute, url), axiosJuspay(url)],
    sdk: juspaySdk,
    scale: 0.25,
  },
  'cashfree-sdk': {
    title: 'Flowwise/Cashfree, HTTP: payroute vs bare axios vs cashfree-pg',
    path: '/router/orders',
    listener: 'http',
    contenders: (payroute, url) => [payrouteFlowwise(payroute, url), axiosFlowwise(url)],
    sdk: cashfreeSdk,
    scale: 0.5,
  },
} satisfies Record<string, Group>;

export type GroupName = keyof typeof groups;

export interface GroupResult {
  readonly group: GroupName;
  readonly title: string;
  readonly contenders: ReadonlyArray<{ readonly id: string; readonly label: string; readonly bodyBytes: number }>;
  /** Set when a baseline does not send exactly payroute's bytes. */
  readonly bodyNote: string | undefined;
  /** Why the group's SDK was left out, when it was. */
  readonly sdkSkipped: string | undefined;
  readonly runs: ReadonlyArray<{ readonly plan: RunPlan; readonly results: Readonly<Record<string, Distribution>> }>;
}

/**
 * The measured plans: concurrency 1 and 64, 24 interleaved rounds each (a whole number of
 * `roundOrders` cycles for three or four contenders), after a warm-up.
 */
export function plans(scale: number, quick: boolean): RunPlan[] {
  const factor = quick ? scale / 10 : scale;
  const size = (n: number) => Math.max(20, Math.round(n * factor));
  return [
    { concurrency: 1, batch: size(200), rounds: 24, warmup: size(1000) },
    { concurrency: 64, batch: size(800), rounds: 24, warmup: size(4000) },
  ];
}

async function lastBody(servers: Servers, path: string): Promise<string> {
  const response = await fetch(`${servers.http}/__last?path=${encodeURIComponent(path)}`);
  return response.text();
}

/** Runs one group in this process (the child's side). */
async function runGroup(name: GroupName, servers: Servers, quick: boolean): Promise<GroupResult> {
  const group: Group = groups[name];
  const baseUrl = servers[group.listener];
  if (baseUrl === undefined) throw new Error(`group ${name} needs the ${group.listener} listener`);
  const payroute = await loadPayroute();
  const contenders = group.contenders(payroute, baseUrl);

  // One call each, checked, and the bytes each one sent, so a baseline sending less is visible.
  const bodies: string[] = [];
  for (const contender of contenders) {
    await contender.send();
    bodies.push(await lastBody(servers, group.path));
  }
  let sdkSkipped: string | undefined;
  if (group.sdk) {
    try {
      const sdk = await group.sdk(baseUrl);
      await sdk.send();
      bodies.push(await lastBody(servers, group.path));
      contenders.push(sdk);
    } catch (error) {
      sdkSkipped = error instanceof Error ? error.message : String(error);
    }
  }
  const reference = bodies[0] ?? '';
  const differing = contenders.filter((_, i) => bodies[i] !== reference).map((c) => c.id);
  const bodyNote = differing.length === 0 ? undefined : `differs from payroute's: ${differing.join(', ')}`;

  const runs = [];
  for (const plan of plans(group.scale, quick)) {
    const results = await compare(contenders, plan);
    runs.push({ plan, results: Object.fromEntries(results) });
  }
  return {
    group: name,
    title: group.title,
    contenders: contenders.map((c, i) => ({ id: c.id, label: c.label, bodyBytes: Buffer.byteLength(bodies[i] ?? '') })),
    bodyNote,
    sdkSkipped,
    runs,
  };
}

/** Runs a group in a child process (the parent's side); `env` adds e.g. `NODE_EXTRA_CA_CERTS`. */
export function runGroupInChild(name: GroupName, servers: Servers, quick: boolean, env: Record<string, string>): Promise<GroupResult> {
  const child = fork(fileURLToPath(import.meta.url), [name, JSON.stringify(servers), quick ? 'quick' : 'full'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let result: GroupResult | undefined;
    child.on('message', (message) => {
      const reply = message as { ok: true; result: GroupResult } | { ok: false; error: string };
      if (reply.ok) result = reply.result;
      else reject(new Error(`group ${name}: ${reply.error}`));
    });
    child.on('error', reject);
    child.on('close', (code) => (result ? resolve(result) : reject(new Error(`group ${name} exited with code ${code}`))));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [name, servers, mode] = process.argv.slice(2);
  try {
    const result = await runGroup(name as GroupName, JSON.parse(servers ?? '{}') as Servers, mode === 'quick');
    process.send?.({ ok: true, result }, () => process.exit(0));
  } catch (error) {
    process.send?.({ ok: false, error: error instanceof Error ? error.message : String(error) }, () => process.exit(1));
  }
}
