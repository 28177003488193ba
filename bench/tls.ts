/**
 * A throw-away self-signed certificate for 127.0.0.1, made with `openssl` at bench time, so the
 * loopback provider can speak HTTPS (Juspay's SDK speaks nothing else). Clients trust it through
 * `NODE_EXTRA_CA_CERTS`, keeping certificate verification on for every contender.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { TlsFiles } from './http/server.js';

export function makeCertificate(dir: string): { files: TlsFiles } | { skipped: string } {
  const files = { key: join(dir, 'key.pem'), cert: join(dir, 'cert.pem') };
  const run = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', files.key, '-out', files.cert],
    { encoding: 'utf8' },
  );
  if (run.error) return { skipped: `openssl could not be run (${(run.error as NodeJS.ErrnoException).code ?? run.error.message})` };
  if (run.status !== 0) return { skipped: `openssl failed: ${run.stderr.trim().split('\n').at(-1) ?? ''}` };
  return { files };
}
