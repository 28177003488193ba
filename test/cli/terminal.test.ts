/**
 * The command line for a person at a terminal: colour only on a terminal and never under NO_COLOR,
 * a waiting line on stderr while a provider is slow, and --verbose's attempts and skips. The terminal,
 * the environment and the timer are injected through the Io, so no test waits for real time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, run, type Io } from '../../src/cli/run.js';
import { colourFor, PLAIN } from '../../src/cli/terminal.js';
import { WAITING_AFTER_MS } from '../../src/cli/waiting.js';
import { builtInProviders } from '../../providers/index.js';
import { startSandbox, type Sandbox } from '../../providers/entries/sandbox.js';

const ESC = '\x1b[';
const stripAnsi = (text: string) => text.replace(/\x1b\[\d+m/g, '');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  /** Every call of `status`, in order ('' clears the line). */
  status: string[];
  /** The delay of every timer set. */
  timers: number[];
}

/** Runs the CLI; `timerFires` says whether a timer's time comes before the answer does. */
async function cli(argv: string[], io: Partial<Io> = {}, timerFires = false): Promise<Ran> {
  const out: string[] = [];
  const errors: string[] = [];
  const status: string[] = [];
  const timers: number[] = [];
  const code = await run(argv, {
    stdout: (text) => out.push(text),
    stderr: (text) => errors.push(text),
    status: (text) => status.push(text),
    setTimer: (fire, ms) => {
      timers.push(ms);
      if (timerFires) fire();
      return () => undefined;
    },
    env: {},
    interrupted: () => Promise.resolve(),
    ...io,
  }, builtInProviders);
  return { code, stdout: out.join('\n'), stderr: errors.join('\n'), status, timers };
}

describe('colour', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [undefined, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [true, { TERM: 'dumb' }, false],
    [false, { FORCE_COLOR: '1' }, true],
    [true, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    [true, { FORCE_COLOR: '0' }, false],
  ])('on a terminal: %s, with %j: coloured %s', (isTTY, env, coloured) => {
    expect(colourFor(isTTY, env) !== PLAIN).toBe(coloured);
  });

  it('colours the text output on a terminal, the values still aligned', async () => {
    const { code, stdout } = await cli(['create-order', '--amount', '100.15', '--order-id', 'ord3001'], { stdoutIsTTY: true });
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain(`${ESC}32mcreated (CREATED)${ESC}39m`);
    const columns = stripAnsi(stdout).split('\n').map((line) => /^[a-z ]+:\s+/.exec(line)?.[0].length);
    expect(new Set(columns).size).toBe(1);
  });

  it('prints plain text when stdout is not a terminal, or NO_COLOR is set', async () => {
    for (const io of [{ stdoutIsTTY: false }, { stdoutIsTTY: true, env: { NO_COLOR: '1' } }]) {
      const { stdout } = await cli(['create-order', '--amount', '100.15'], io);
      expect(stdout).toMatch(/status:\s+created \(CREATED\)/);
      expect(stdout).not.toContain(ESC);
    }
  });

  it('colours an error on stderr by stderr, not stdout', async () => {
    const argv = ['create-order', '--amount', '10', '--order-id', 'F503demo', '--provider', 'juspay'];
    expect((await cli(argv, { stderrIsTTY: true })).stderr).toContain(`${ESC}31mall_providers_failed at payroute${ESC}39m`);
    expect((await cli(argv, { stdoutIsTTY: true })).stderr).not.toContain(ESC);
  });

  it('keeps --json output free of colour on a terminal', async () => {
    const { stdout } = await cli(['create-order', '--amount', '100.15', '--json'], { stdoutIsTTY: true, stderrIsTTY: true, env: { FORCE_COLOR: '1' } });
    expect(stdout).not.toContain(ESC);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, session: { status: 'created' } });
  });
});

describe('the waiting line', () => {
  const argv = ['create-order', '--amount', '100.15'];

  it(`appears on a terminal's stderr when the answer takes over ${WAITING_AFTER_MS} ms, and is cleared when it comes`, async () => {
    const { code, status, timers } = await cli(argv, { stderrIsTTY: true }, true);
    expect(code).toBe(EXIT.ok);
    expect(timers).toEqual([WAITING_AFTER_MS]);
    expect(status).toEqual(['waiting for the provider to answer...', '']);
  });

  it('never appears when the answer comes first', async () => {
    const { status, timers } = await cli(argv, { stderrIsTTY: true }, false);
    expect(timers).toEqual([WAITING_AFTER_MS]);
    expect(status).toEqual([]);
  });

  it('is not shown when stderr is not a terminal, nor with --json', async () => {
    for (const [args, io] of [[argv, { stderrIsTTY: false }], [[...argv, '--json'], { stderrIsTTY: true }]] as const) {
      const { status, timers } = await cli([...args], io, true);
      expect(timers).toEqual([]);
      expect(status).toEqual([]);
    }
  });
});

describe('--verbose', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('prints every attempt and skip on stderr, the result on stdout as without it', async () => {
    const { apiKey, merchantId, baseUrl } = sandbox.juspay.adapterOptions;
    const config = {
      providers: {
        usd_only: { type: 'juspay', apiKey, merchantId, baseUrl, currencies: ['USD'] },
        failing: { type: 'juspay', apiKey, merchantId, baseUrl },
        main: { type: 'flowwise', ...sandbox.flowwise.adapterOptions },
      },
      routing: { strategy: 'priority', order: ['usd_only', 'failing', 'main'] },
    };
    sandbox.juspay.setFaults({ failure: { kind: 'status', status: 503 } });
    const argv = ['create-order', '--amount', '5'];
    const verbose = await cli([...argv, '--order-id', 'ord3002', '--verbose'], { env: { PAYROUTE_CONFIG: JSON.stringify(config) } });
    expect(verbose.code).toBe(EXIT.ok);
    expect(verbose.stderr.split('\n').map((line) => line.replace(/\d+ ms/, 'N ms'))).toEqual([
      'skipped usd_only: ineligible',
      'attempt 1 at failing: failed: provider_unavailable, HTTP 503 after N ms',
      'attempt 1 at main: created after N ms',
    ]);
    const quiet = await cli([...argv, '--order-id', 'ord3003'], { env: { PAYROUTE_CONFIG: JSON.stringify(config) } });
    expect(quiet.stderr).toBe('');
    const same = (stdout: string) => stdout.replace(/\d+ ms/g, 'N ms').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'DATE').replace(/ord3003|ord3002/g, 'ORDER').replace(/\b(ord|cf)?_?[0-9a-f]{32}\b/g, 'ID');
    expect(same(verbose.stdout)).toBe(same(quiet.stdout));
  });

  it('keeps the waiting line below the lines it prints', async () => {
    const { status, stderr } = await cli(['demo', '--verbose'], { stderrIsTTY: true }, true);
    expect(stripAnsi(stderr)).toContain('attempt 1 at juspay: created');
    expect(status.filter((text) => text !== '').length).toBeGreaterThan(1);
    expect(status.at(-1)).toBe('');
  });
});

it('prints the version with --version and -v', async () => {
  for (const flag of ['--version', '-v']) expect((await cli([flag])).stdout).toMatch(/^\d+\.\d+\.\d+$/);
});
