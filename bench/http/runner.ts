/**
 * Latency and throughput of several HTTP clients against one server, measured in one process and
 * interleaved: each round runs one batch per contender, in an order that changes from round to round
 * (`roundOrders`), so drift (CPU frequency, the server's JIT, GC) is spread over all of them alike. Each request
 * is timed with `process.hrtime.bigint()`; throughput is requests over the wall time of the batches.
 *
 * A load generator such as autocannon cannot do this job: it drives its own HTTP client, and what is
 * measured here is the client library itself (payroute, bare axios, the official SDKs).
 */

/** One client under test. `send` resolves when an order was created and rejects otherwise. */
export interface Contender {
  readonly id: string;
  readonly label: string;
  send(): Promise<void>;
}

export interface RunPlan {
  readonly concurrency: number;
  /** Requests per contender in each measured round. */
  readonly batch: number;
  readonly rounds: number;
  /** Requests per contender sent before measuring (JIT, connection pool, TLS sessions). */
  readonly warmup: number;
}

export interface Distribution {
  readonly samples: number;
  readonly medianUs: number;
  readonly p99Us: number;
  readonly meanUs: number;
  readonly ordersPerSecond: number;
  /** CPU time (user + system) of the client process per order: steadier than latency on a shared machine. */
  readonly cpuUsPerOrder: number;
  /** The same, round by round, in the order the rounds ran: for ratios paired round by round (`pairedRatio`). */
  readonly cpuUsByRound: readonly number[];
  readonly errors: number;
  readonly firstError: string | undefined;
}

interface Tally {
  readonly latenciesNs: number[];
  wallNs: bigint;
  cpuUs: number;
  readonly cpuUsByRound: number[];
  errors: number;
  firstError: string | undefined;
}

async function runBatch(contender: Contender, count: number, concurrency: number, tally: Tally | undefined): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const start = process.hrtime.bigint();
      try {
        await contender.send();
        tally?.latenciesNs.push(Number(process.hrtime.bigint() - start));
      } catch (error) {
        if (tally) {
          tally.errors++;
          // Only the message: an AxiosError's other fields hold the request headers, credentials included.
          tally.firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }
  };
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (tally) {
    tally.wallNs += process.hrtime.bigint() - started;
    const used = process.cpuUsage(cpu);
    tally.cpuUs += used.user + used.system;
    tally.cpuUsByRound.push((used.user + used.system) / count);
  }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

function summarise(tally: Tally): Distribution {
  const sorted = Float64Array.from(tally.latenciesNs).sort();
  const total = tally.latenciesNs.reduce((sum, ns) => sum + ns, 0);
  return {
    samples: sorted.length,
    medianUs: percentile(sorted, 0.5) / 1000,
    p99Us: percentile(sorted, 0.99) / 1000,
    meanUs: sorted.length === 0 ? Number.NaN : total / sorted.length / 1000,
    ordersPerSecond: tally.wallNs === 0n ? 0 : (sorted.length * 1e9) / Number(tally.wallNs),
    cpuUsPerOrder: sorted.length === 0 ? Number.NaN : tally.cpuUs / sorted.length,
    cpuUsByRound: tally.cpuUsByRound,
    errors: tally.errors,
    firstError: tally.firstError,
  };
}

/**
 * `of`'s client CPU per order over `base`'s: the median of their ratios round by round. Two contenders'
 * batches of one round run back to back, so a burst of other work on the machine or a major GC moves
 * one round's ratio, not the result, as it would move a ratio of totals.
 */
export function pairedRatio(of: Distribution, base: Distribution): number {
  const ratios = of.cpuUsByRound.map((cpu, round) => cpu / (base.cpuUsByRound[round] ?? Number.NaN)).filter(Number.isFinite);
  return percentile(Float64Array.from(ratios).sort(), 0.5);
}

/**
 * The contenders' order in successive rounds: a Williams design, in which each contender runs right
 * after every other one equally often. A batch inherits the garbage (and the young objects a scavenge
 * must copy) of the batch before it; with one fixed rotation each contender would always follow the
 * same one, and a light baseline that always follows another light one would be flattered.
 */
export function roundOrders(count: number): number[][] {
  const first = [0];
  for (let low = 1, high = count - 1; first.length < count; ) first.push(first.length % 2 === 1 ? low++ : high--);
  const rows = first.map((_, shift) => first.map((index) => (index + shift) % count));
  // With an odd count, the rows backwards as well balance it.
  return count % 2 === 1 ? [...rows, ...rows.map((row) => [...row].reverse())] : rows;
}

/** Runs the plan for every contender, interleaved; returns each one's distribution by id. */
export async function compare(contenders: readonly Contender[], plan: RunPlan): Promise<Map<string, Distribution>> {
  for (const contender of contenders) await runBatch(contender, plan.warmup, plan.concurrency, undefined);
  const tallies = contenders.map((): Tally => ({ latenciesNs: [], wallNs: 0n, cpuUs: 0, cpuUsByRound: [], errors: 0, firstError: undefined }));
  const orders = roundOrders(contenders.length);
  for (let round = 0; round < plan.rounds; round++) {
    for (const index of orders[round % orders.length] ?? []) {
      const contender = contenders[index];
      const tally = tallies[index];
      if (contender && tally) await runBatch(contender, plan.batch, plan.concurrency, tally);
    }
  }
  return new Map(contenders.map((contender, i) => [contender.id, summarise(tallies[i] as Tally)]));
}
