import { request } from 'node:http';
import type { Duplex } from 'node:stream';
import { ActionFailedError } from '@deploy-kit/core';
import type { CaddyEndpoint } from '../inputs.js';
import type { HostContext } from '../modes/context.js';
import { WRITE_FILE } from '../scripts.js';
import type { ActivationConfig, Slot, SlotState } from '../types.js';
import { drainUntilIdle, switched, type ProxySwitch } from './switch.js';
import { upstreamConfig, UpstreamFile } from './upstream-file.js';

/** Where a `reverse_proxy` handler sits in Caddy's JSON config, as keys from the root. */
type ConfigPath = Array<string | number>;

interface AdminAnswer {
  status: number;
  body: string;
  etag: string | undefined;
}

/** A `reverse_proxy` that sends everything to one of the app's slot ports on this host. */
function proxiesToSlots(node: unknown, ports: readonly number[], at: ConfigPath = []): ConfigPath[] {
  if (Array.isArray(node)) return node.flatMap((child, i) => proxiesToSlots(child, ports, [...at, i]));
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const { upstreams } = record;
  if (record.handler === 'reverse_proxy' && Array.isArray(upstreams) && upstreams.length > 0) {
    const local = upstreams.every((u: unknown) => {
      const dial = typeof u === 'object' && u !== null ? (u as { dial?: unknown }).dial : undefined;
      const match = typeof dial === 'string' ? /^(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)$/.exec(dial) : null;
      return match !== null && ports.includes(Number(match[1]));
    });
    if (local) return [at];
  }
  return Object.entries(record).flatMap(([key, child]) => proxiesToSlots(child, ports, [...at, key]));
}

type AdminEndpoint = Exclude<CaddyEndpoint, { kind: 'off' }>;

/** Caddy's admin API on the host, through the SSH connection: one fresh stream per request. */
class CaddyAdmin {
  constructor(
    private readonly ctx: HostContext,
    private readonly endpoint: AdminEndpoint,
    /** As the user wrote it, for messages. */
    private readonly address: string,
  ) {}

  open(): Promise<Duplex> {
    const { conn } = this.ctx.host;
    const { endpoint } = this;
    return endpoint.kind === 'unix'
      ? conn.forwardSocket(endpoint.path)
      : conn.forward(endpoint.host, endpoint.port);
  }

  /** The running config and its ETag; on `stream` when the caller has just opened one. */
  async readConfig(stream?: Duplex): Promise<{ config: unknown; etag: string | undefined }> {
    const answer = await this.call('GET', '/config/', { stream });
    if (answer.status !== 200) throw this.refused('GET /config/', answer);
    return { config: JSON.parse(answer.body) as unknown, etag: answer.etag };
  }

  /** Requests Caddy has in flight to a slot port (0 once Caddy no longer knows that upstream). */
  async inFlight(port: number): Promise<number> {
    const answer = await this.call('GET', '/reverse_proxy/upstreams');
    if (answer.status !== 200) throw this.refused('GET /reverse_proxy/upstreams', answer);
    const upstreams = JSON.parse(answer.body) as Array<{ address?: string; num_requests?: number }>;
    return upstreams
      .filter((u) => u.address === `127.0.0.1:${port}` || u.address === `localhost:${port}`)
      .reduce((sum, u) => sum + (u.num_requests ?? 0), 0);
  }

  refused(what: string, answer: AdminAnswer): ActionFailedError {
    return new ActionFailedError(
      `${this.ctx.label}: Caddy's admin API at ${this.address} refused ${what} (HTTP ${answer.status}): ${answer.body.trim().slice(0, 300)}`,
    );
  }

  /**
   * One HTTP/1.1 request on a fresh stream (or `stream`). Caddy allows only its own endpoint as the
   * Host (a guard against DNS rebinding): the address itself, or, on a Unix socket, an empty Host.
   */
  async call(
    method: string,
    path: string,
    options: { body?: string; ifMatch?: string; stream?: Duplex } = {},
  ): Promise<AdminAnswer> {
    const stream = options.stream ?? (await this.open());
    const { body, ifMatch } = options;
    const host = this.endpoint.kind === 'unix' ? '' : this.endpoint.address;
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { host, connection: 'close' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (ifMatch !== undefined) headers['if-match'] = ifMatch;
      // setHost false: Node would otherwise turn an empty Host into `localhost:80`.
      const req = request(
        { method, path, headers, setHost: false, createConnection: () => stream },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          // Caddy sends the config's ETag as a trailer (it hashes while it writes).
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              etag: res.headers.etag ?? res.trailers.etag,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

/**
 * Caddy: the app's `reverse_proxy` (the one dialing one of its slot ports) is pointed at the new
 * slot through Caddy's admin API, reached over the SSH connection: one atomic config change that
 * Caddy validates and applies itself (a refused change leaves the running config as it was), no
 * `caddy` process started, no file parsed. The upstream snippet is written too, so a Caddyfile that
 * imports it keeps the live slot on a restart. Drain waits until Caddy reports no request in flight
 * to the old slot. When the admin API is off (`caddy-admin: off`, or nothing listens there), the
 * switch is the snippet and `caddy reload` (UpstreamFile), as for nginx.
 */
export class CaddySwitch implements ProxySwitch {
  private route: Promise<CaddyAdmin | UpstreamFile> | undefined;

  constructor(
    private readonly ctx: HostContext,
    private readonly config: ActivationConfig,
    private readonly endpoint: CaddyEndpoint,
  ) {}

  check(): Promise<void> {
    return this.via().then(() => undefined);
  }

  /** The admin API when it answers (and proxies the app), else the Caddyfile snippet. */
  private via(): Promise<CaddyAdmin | UpstreamFile> {
    this.route ??= this.choose();
    return this.route;
  }

  private async choose(): Promise<CaddyAdmin | UpstreamFile> {
    const { ctx, config, endpoint } = this;
    const file = (): UpstreamFile => new UpstreamFile(ctx, { ...config, proxy: 'caddy' });
    if (endpoint.kind === 'off') return file();
    const admin = new CaddyAdmin(ctx, endpoint, config.caddyAdmin);
    let stream: Duplex;
    try {
      stream = await admin.open();
    } catch (error) {
      ctx.logger.info(
        `${ctx.label}: Caddy's admin API at ${config.caddyAdmin} does not answer (${(error as Error).message}); switching through the Caddyfile snippet and '${config.proxyReloadCommand}'`,
      );
      return file();
    }
    const { config: running } = await admin.readConfig(stream);
    if (proxiesToSlots(running, config.ports).length === 0)
      throw new ActionFailedError(
        `${ctx.label}: Caddy's running config has no reverse_proxy to the app's ports (${config.ports.map((p) => `127.0.0.1:${p}`).join(' or ')}); import the upstream snippet in the site (see the README's Caddy section)`,
      );
    return admin;
  }

  async switchTo(slot: Slot, port: number): Promise<void> {
    const admin = await this.via();
    if (admin instanceof UpstreamFile) return admin.switchTo(slot, port);
    const started = this.ctx.deps.clock.now();
    // If-Match makes the change conditional on the config read: a concurrent change is read again.
    for (let attempt = 1; ; attempt += 1) {
      const { config, etag } = await admin.readConfig();
      for (const path of proxiesToSlots(config, this.config.ports)) pointAt(config, path, port);
      const answer = await admin.call('PATCH', '/config/', { body: JSON.stringify(config), ifMatch: etag });
      if (answer.status === 200) break;
      if (answer.status !== 412 || attempt === 3)
        throw new ActionFailedError(
          `${this.ctx.label}: Caddy refused the switch to port ${port} (HTTP ${answer.status}): ${answer.body.trim()}; its running config is unchanged`,
        );
    }
    switched(this.ctx, slot, started, 'caddy admin API');
    await this.ctx.host.must('caddy-snippet', WRITE_FILE, [this.ctx.path('.deploy-kit', 'upstream.conf')], {
      stdin: upstreamConfig('caddy', this.config.app, port),
    });
  }

  async drain(old: SlotState, maxMs: number): Promise<void> {
    const admin = await this.via();
    if (admin instanceof UpstreamFile) return admin.drain(old, maxMs);
    await drainUntilIdle(this.ctx, old, maxMs, 'request(s) in flight', () => admin.inFlight(old.port));
  }
}

/** Points the `reverse_proxy` at `path` to the slot on `port` (other upstream settings kept). */
function pointAt(config: unknown, path: ConfigPath, port: number): void {
  let node = config as Record<string | number, unknown>;
  for (const key of path) node = node[key] as Record<string | number, unknown>;
  const [first] = node.upstreams as Array<Record<string, unknown>>;
  node.upstreams = [{ ...first, dial: `127.0.0.1:${port}` }];
}
