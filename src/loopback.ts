import { isIPv4 } from 'node:net';

/**
 * True when a parsed URL's host is this machine: `localhost`, an IPv4 literal in 127.0.0.0/8, or `[::1]`.
 * Judged from the parsed host, never from the URL's text, so `http://127.evil.example` is not loopback.
 */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname;
  if (host === 'localhost' || host === '[::1]') return true;
  return isIPv4(host) && host.startsWith('127.');
}
