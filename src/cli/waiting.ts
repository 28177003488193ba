/** What the waiting line needs of the program's Io. */
export interface WaitingIo {
  readonly stderr: (text: string) => void;
  /** Shows one line on stderr in place of the last one; `''` clears it. */
  readonly status?: (text: string) => void;
  /** Calls `fire` after `ms`; returns what cancels it. */
  readonly setTimer?: (fire: () => void, ms: number) => () => void;
}

/** How long an answer may take before the waiting line appears. */
export const WAITING_AFTER_MS = 1_000;

const realTimer = (fire: () => void, ms: number) => {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};

/** Lines to stderr during a slow call, and the call's end. */
export interface Waiting {
  /** Writes a line to stderr, keeping the waiting line (when shown) below it. */
  note(text: string): void;
  /** Clears the waiting line, or stops it from appearing. */
  done(): void;
}

/**
 * Shows `text` on stderr when the call is still running after `WAITING_AFTER_MS`, and clears it when
 * `done()`; with `show` false (stderr is not a terminal, or JSON was asked for) it never appears.
 */
export function startWaiting(io: WaitingIo, text: string, show: boolean): Waiting {
  const status = show ? io.status : undefined;
  let shown = false;
  const cancel = status ? (io.setTimer ?? realTimer)(() => {
    shown = true;
    status(text);
  }, WAITING_AFTER_MS) : undefined;
  return {
    note(line) {
      if (shown) status?.('');
      io.stderr(line);
      if (shown) status?.(text);
    },
    done() {
      cancel?.();
      if (shown) status?.('');
      shown = false;
    },
  };
}

/** Runs `call` with a waiting line, cleared however it ends. */
export async function withWaiting<T>(waiting: Waiting, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } finally {
    waiting.done();
  }
}
