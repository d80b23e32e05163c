import http from 'node:http';
import type { Duplex } from 'node:stream';
import { proxyAgent, type Header } from '@deploy-kit/core';

export interface ProbeRequest {
  url: URL;
  method: string;
  headers: readonly Header[];
  timeoutMs: number;
  followRedirects: boolean;
  insecureTls: boolean;
  signal?: AbortSignal;
  /** Opens the TCP stream for the request (an SSH tunnel to a port only the host can reach). */
  connect?: (host: string, port: number) => Promise<Duplex>;
}

export interface ProbeResponse {
  /** The URL that answered (after redirects, when followed). */
  url: string;
  /** HTTP status; undefined when no response arrived (refused, timed out, TLS error). */
  status?: number;
  headers: Record<string, string | string[] | undefined>;
  /** The first BODY_LIMIT bytes of the body, as text. */
  body: string;
  latencyMs: number;
  error?: string;
}

export type Probe = (request: ProbeRequest) => Promise<ProbeResponse>;

const BODY_LIMIT = 64 * 1024;
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const TLS_HINTS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate chain cannot be verified',
  CERT_HAS_EXPIRED: 'certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name',
};

function describeError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  const tls = TLS_HINTS[code];
  if (tls) return `TLS verification failed: ${tls} (${code}); set insecure-tls: true only for a test host`;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET') return 'connection reset';
  if (code === 'ENOTFOUND') return 'host not found';
  return error.message || code || 'request failed';
}

/** One request on a fresh connection (no keep-alive: a pooled socket can hide a refused port). */
async function requestOnce(
  request: ProbeRequest,
  url: URL,
  method: string,
  deadline: number,
): Promise<ProbeResponse> {
  // TLS is loaded only for https URLs: it is a noticeable part of a cold start.
  const transport = url.protocol === 'https:' ? (await import('node:https')).default : http;
  // A probe through an SSH tunnel is already routed; a direct one goes where HTTPS_PROXY says.
  const proxied = request.connect ? undefined : await proxyAgent(url);
  const started = performance.now();
  const latency = (): number => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'user-agent': 'deploy-kit-health-gate', accept: '*/*' };
    for (const header of request.headers) headers[header.name.toLowerCase()] = header.value;
    let settled = false;
    const finish = (response: Omit<ProbeResponse, 'latencyMs' | 'url'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      resolve({ url: url.href, latencyMs: latency(), ...response });
    };
    const { connect } = request;
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const req = transport.request(url, {
      method,
      headers,
      rejectUnauthorized: !request.insecureTls,
      // `agent: false` would make Node ignore createConnection; without a tunnel, a fresh agent
      // gives a fresh connection per probe.
      ...(connect
        ? {
            createConnection: (_options: unknown, done: (error: Error | null, socket: Duplex) => void) => {
              connect(url.hostname, port).then(
                (stream) => done(null, stream),
                (error: unknown) =>
                  done(
                    error instanceof Error ? error : new Error(String(error)),
                    undefined as unknown as Duplex,
                  ),
              );
              return undefined;
            },
          }
        : { agent: proxied?.agent ?? false }),
    });
    const timeoutMs = Math.max(1, deadline - performance.now());
    const timer = setTimeout(() => {
      finish({ headers: {}, body: '', error: `no response within ${request.timeoutMs}ms` });
      req.destroy();
    }, timeoutMs);
    const onAbort = (): void => {
      finish({ headers: {}, body: '', error: 'cancelled' });
      req.destroy();
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        headers: {},
        body: '',
        error: proxied
          ? `${describeError(error)} (through the HTTP proxy ${proxied.proxy.label})`
          : describeError(error),
      }),
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (): void =>
        finish({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      res.on('data', (chunk: Buffer) => {
        if (size >= BODY_LIMIT) return;
        chunks.push(chunk.subarray(0, BODY_LIMIT - size));
        size += chunk.length;
        if (size >= BODY_LIMIT) {
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.end();
  });
}

/** Probes a URL once, following redirects only when asked. The timeout covers all hops and the body. */
export const httpProbe: Probe = async (request) => {
  const deadline = performance.now() + request.timeoutMs;
  let url = request.url;
  let method = request.method;
  let total = 0;
  for (let hop = 0; ; hop += 1) {
    const response = await requestOnce(request, url, method, deadline);
    total += response.latencyMs;
    const location = response.headers.location;
    if (
      !request.followRedirects ||
      response.status === undefined ||
      !REDIRECTS.has(response.status) ||
      typeof location !== 'string'
    ) {
      return { ...response, latencyMs: total };
    }
    if (hop >= MAX_REDIRECTS)
      return { ...response, latencyMs: total, error: `more than ${MAX_REDIRECTS} redirects` };
    url = new URL(location, url);
    if (response.status === 303) method = 'GET';
  }
};
