import { once } from 'node:events';
import { run } from '../../src/cli/run.js';
import { builtInProviders } from '../index.js';

// The `payroute` command: the only module that touches process.
const code = await run(
  process.argv.slice(2),
  {
    stdout: (text) => void process.stdout.write(`${text}\n`),
    stderr: (text) => void process.stderr.write(`${text}\n`),
    // Back to the line's start and erase it, then write the new line without ending it.
    status: (text) => void process.stderr.write(`\r\x1b[2K${text}`),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    interrupted: () => Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]).then(() => undefined),
  },
  builtInProviders,
);
process.exitCode = code;
