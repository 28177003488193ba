// proxy-from-env 2.x ships no declarations.
declare module 'proxy-from-env' {
  /** The proxy URL for `url` from `*_PROXY` and `NO_PROXY` in `process.env`, or `''` for none. */
  export function getProxyForUrl(url: string | URL): string;
}
