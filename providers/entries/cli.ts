import { once } from 'node:events';
import { run } from '../../src/cli/run.js';
import { builtInProviders } from '../index.js';

// The `payroute` command: the only module that touches process.
const code = await run(
  process.argv.slice(2),
  {
    stdout: (text) => void process.stdout.write(`${text}\n`),
    stderr: (text) => void process.stderr.write(`${text}\n`),
    env: process.env,
    interrupted: () => Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]).then(() => undefined),
  },
  builtInProviders,
);
process.exitCode = code;
