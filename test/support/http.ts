import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { runOk } from './procs.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, index: number) => void;

export interface TestServer {
  url: string;
  port: number;
  /** Requests received so far. */
  count(): number;
  /** Headers of every request received, in order. */
  requests: Array<{
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
    at: number;
    /** The client's address (a proxy's own, when the request came through one). */
    from: string;
  }>;
  close(): Promise<void>;
}

export interface TlsMaterial {
  key: string;
  cert: string;
}

/** A self-signed certificate for 127.0.0.1/localhost, made with openssl for this test run. */
export async function selfSignedCert(): Promise<TlsMaterial> {
  const dir = mkdtempSync(join(tmpdir(), 'dk-tls-'));
  try {
    await runOk('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts a real HTTP(S) server on 127.0.0.1 (or `host`) with a free port; the handler sees the
 * request index.
 */
export async function startHttpServer(
  handler: Handler,
  tls?: TlsMaterial,
  host = '127.0.0.1',
): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const sockets = new Set<Socket>();
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      at: Date.now(),
      from: req.socket.remoteAddress ?? '',
    });
    handler(req, res, requests.length - 1);
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    count: () => requests.length,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function reply(
  res: ServerResponse,
  status: number,
  body = '',
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'text/plain', ...headers });
  res.end(body);
}

/**
 * An IPv4 address of this machine that is not loopback: clients that never proxy loopback
 * (@actions/http-client) must see a proxied server there.
 */
export function nonLoopbackAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((a) => a?.family === 'IPv4' && !a.internal)?.address;
  if (!address) throw new Error('This machine has no IPv4 address besides loopback');
  return address;
}
