import type { Agent } from 'node:http';
import { getProxyForUrl } from 'proxy-from-env';
import { ConfigurationError, errorMessage } from './errors.js';

/**
 * Self-hosted runners behind an HTTP proxy: every outbound HTTP client honours HTTPS_PROXY,
 * HTTP_PROXY, ALL_PROXY and NO_PROXY (either case) as the runner and curl read them. Which proxy a
 * URL takes is decided by proxy-from-env; the tunnelling is undici's ProxyAgent (fetch) and
 * https-proxy-agent / http-proxy-agent (node:http: the health probes, the S3 SDK). None is loaded
 * unless a proxy variable is set. SSH is not affected: it has `proxy-jump`. @actions/artifact and
 * @actions/tool-cache read the same variables through @actions/http-client.
 */

const VARIABLES = ['https_proxy', 'http_proxy', 'all_proxy'];

/** Whether any proxy variable is set (the common case, none, loads nothing). */
/** A CommonJS package's exports: bundled, they sit on `default`; loaded natively, on the namespace. */
function exportsOf<D, N extends object>(loaded: N & { default?: D }): D | N {
  return loaded.default ?? loaded;
}

export function proxyConfigured(): boolean {
  return VARIABLES.some((v) => process.env[v] || process.env[v.toUpperCase()]);
}

export interface Proxy {
  url: URL;
  /** How it may be printed: scheme, host and port, never credentials. */
  label: string;
}

/** The proxy a request to `target` goes through, or undefined for a direct connection. */
export function proxyFor(target: URL): Proxy | undefined {
  const text = getProxyForUrl(target.href);
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigurationError(
      `The proxy for ${target.protocol}// requests (HTTPS_PROXY / HTTP_PROXY / ALL_PROXY) must be a URL like http://proxy.internal:3128`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigurationError(
      `The proxy ${url.protocol}//${url.host} is not an HTTP proxy: HTTPS_PROXY / HTTP_PROXY must be http:// or https:// URLs`,
    );
  return { url, label: `${url.protocol}//${url.host}` };
}

const SOCKET_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ENOTFOUND: 'was not found',
  ECONNRESET: 'reset the connection',
};

/** What went wrong on the way through the proxy, naming it (its credentials left out). */
export function proxyFailure(proxy: Proxy, target: URL, error: unknown): string {
  // undici nests the reason (fetch failed → Request was cancelled → Proxy response (403) …).
  let cause = error;
  for (let depth = 0; depth < 5; depth += 1) {
    const inner = (cause as { cause?: unknown } | undefined)?.cause;
    if (inner === undefined || inner === null) break;
    cause = inner;
  }
  const code = String((cause as { code?: unknown } | undefined)?.code);
  const detail = SOCKET_FAILURES[code] ?? `failed: ${errorMessage(cause)}`;
  return `HTTP proxy ${proxy.label} ${detail} (reaching ${target.host}); check HTTPS_PROXY / HTTP_PROXY, or add ${target.hostname} to NO_PROXY`;
}

type UndiciModule = typeof import('undici');
type ProxyDispatcher = InstanceType<UndiciModule['ProxyAgent']>;

/**
 * `fetch` that goes through the proxy the environment names for each URL, and straight to those
 * NO_PROXY lists. Without a proxy variable it is the global fetch itself.
 */
export function proxiedFetch(): typeof fetch {
  if (!proxyConfigured()) return globalThis.fetch;
  const agents = new Map<string, ProxyDispatcher>();
  const proxied = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const target = new URL(input instanceof Request ? input.url : input);
    const proxy = proxyFor(target);
    if (!proxy) return globalThis.fetch(input, init);
    const loaded = await import('undici');
    // CommonJS: bundled, its exports sit on `default`.
    const undici = exportsOf(loaded);
    let agent = agents.get(proxy.url.href);
    if (!agent) {
      agent = new undici.ProxyAgent(proxy.url.href);
      agents.set(proxy.url.href, agent);
    }
    try {
      // undici's own fetch: the global one cannot take this dispatcher on Node 20. Its Response is
      // the same class Node's fetch answers with (Node's fetch is undici).
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- see above
      return await undici.fetch(target, { ...init, dispatcher: agent });
    } catch (error) {
      // An abort or timeout is the caller's to report, as without a proxy.
      const name = (error as { name?: unknown }).name;
      if (name === 'AbortError' || name === 'TimeoutError') throw error;
      // Shaped as fetch's own failure (its cause says why, undici's error inside that), so every
      // caller reports it as it reports a network error.
      const reason = new Error(proxyFailure(proxy, target, error), { cause: error });
      // eslint-disable-next-line preserve-caught-error -- the caught error is the cause's cause
      throw new TypeError('fetch failed', { cause: reason });
    }
  };
  return proxied;
}

/** The node:http agent that tunnels to `target` through its proxy, or undefined for a direct connection. */
export async function proxyAgent(target: URL): Promise<{ agent: Agent; proxy: Proxy } | undefined> {
  const proxy = proxyFor(target);
  if (!proxy) return undefined;
  // CommonJS packages: bundled, their exports sit on `default`; loaded natively, on the namespace.
  if (target.protocol === 'https:') {
    const loaded = await import('https-proxy-agent');
    const { HttpsProxyAgent } = exportsOf(loaded);
    return { agent: new HttpsProxyAgent(proxy.url), proxy };
  }
  const loaded = await import('http-proxy-agent');
  const { HttpProxyAgent } = exportsOf(loaded);
  return { agent: new HttpProxyAgent(proxy.url), proxy };
}
