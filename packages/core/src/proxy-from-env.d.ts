// proxy-from-env ships no types: the one function deploy-kit calls.
declare module 'proxy-from-env' {
  /** The proxy URL for `url` under the *_PROXY and NO_PROXY variables, or '' for a direct connection. */
  export function getProxyForUrl(url: string | URL): string;
}
