/**
 * A stand-in for Slack (the one part that cannot run here): an HTTPS server on loopback that
 * answers like Slack's incoming webhooks and Web API (chat.postMessage, chat.update), including
 * its error shapes, rate limiting with Retry-After, and Block Kit validation against the kept
 * schema. The action reaches it over real TLS, trusting its certificate via NODE_EXTRA_CA_CERTS.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { selfSignedCert, startHttpServer, type TestServer } from './http.js';
import { fixturesDir } from './paths.js';
import { makeTempDir } from './tempdir.js';

export interface SlackRequest {
  path: string;
  at: number;
  authorization?: string;
  contentType?: string;
  body: Record<string, unknown>;
}

/** A forced answer for the next request(s), as Slack gives when it is rate limiting or down. */
export interface ForcedReply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface SlackStandIn {
  url: string;
  webhookUrl: string;
  apiUrl: string;
  token: string;
  channelId: string;
  /** Env for the action process so it trusts the stand-in's certificate. */
  env: Record<string, string>;
  requests: SlackRequest[];
  /** Messages posted through the Web API, by ts (updated in place by chat.update). */
  messages: Map<string, Record<string, unknown>>;
  /** Answers the next `times` requests with `reply` (Infinity: until reset()). */
  force(reply: ForcedReply, times?: number): void;
  reset(): void;
  server: TestServer;
  stop(): Promise<void>;
}

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
const blockKit = ajv.compile(
  JSON.parse(readFileSync(join(fixturesDir, 'schemas', 'slack-block-kit.schema.json'), 'utf8')) as object,
);

/** The checks Slack applies to a message payload; returns Slack's error code, or undefined if fine. */
export function slackPayloadError(body: Record<string, unknown>): string | undefined {
  const { blocks, text } = body;
  if (blocks === undefined) return typeof text === 'string' && text !== '' ? undefined : 'no_text';
  if (!Array.isArray(blocks) || blocks.length > 50 || !blockKit(blocks)) return 'invalid_blocks';
  return undefined;
}

export async function startSlack(): Promise<SlackStandIn> {
  const tls = await selfSignedCert();
  const temp = makeTempDir('slack');
  const caFile = join(temp.path, 'ca.pem');
  writeFileSync(caFile, tls.cert);
  const token = 'xoxb-1111111111-2222222222-abcdefghijklmnopqrstuvwx';
  const webhookPath = '/services/T0000DK01/B0000DK01/Zq9sEcReTwEbHoOkPaTh24';
  const channelId = 'C0DEPLOY01';
  const requests: SlackRequest[] = [];
  const messages = new Map<string, Record<string, unknown>>();
  let forced: { reply: ForcedReply; left: number } | undefined;
  let tsCounter = 100;

  const json = (res: ServerResponse, value: unknown, status = 200): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(value));
  };
  const text = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      /* Slack answers invalid_payload below */
    }
    const path = req.url ?? '';
    requests.push({
      path,
      at: Date.now(),
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body,
    });
    if (forced && forced.left > 0) {
      forced.left -= 1;
      res.writeHead(forced.reply.status, { 'content-type': 'text/plain', ...forced.reply.headers });
      res.end(forced.reply.body ?? '');
      return;
    }
    if (req.method !== 'POST') return text(res, 405, 'invalid_method');
    if (path.startsWith('/services/')) {
      if (path !== webhookPath) return text(res, 404, 'no_service');
      if (raw === '' || Object.keys(body).length === 0) return text(res, 400, 'invalid_payload');
      const error = slackPayloadError(body);
      return error ? text(res, 400, error) : text(res, 200, 'ok');
    }
    const method = path.replace(/^\/api\//, '');
    if (method !== 'chat.postMessage' && method !== 'chat.update')
      return json(res, { ok: false, error: 'unknown_method' }, 404);
    const auth = req.headers.authorization;
    if (!auth) return json(res, { ok: false, error: 'not_authed' });
    if (auth !== `Bearer ${token}`) return json(res, { ok: false, error: 'invalid_auth' });
    const channel = body.channel === '#deploys' || body.channel === channelId ? channelId : undefined;
    if (!channel) return json(res, { ok: false, error: 'channel_not_found' });
    const error = slackPayloadError(body);
    if (error) return json(res, { ok: false, error });
    if (method === 'chat.update') {
      const ts = typeof body.ts === 'string' ? body.ts : '';
      if (!messages.has(ts)) return json(res, { ok: false, error: 'message_not_found' });
      messages.set(ts, body);
      return json(res, { ok: true, channel, ts, text: body.text });
    }
    const ts = `1763856000.${String(tsCounter++).padStart(6, '0')}`;
    messages.set(ts, body);
    return json(res, { ok: true, channel, ts, message: { text: body.text, ts } });
  };

  const server = await startHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  }, tls);
  return {
    url: server.url,
    webhookUrl: `${server.url}${webhookPath}`,
    apiUrl: `${server.url}/api/`,
    token,
    channelId,
    env: { NODE_EXTRA_CA_CERTS: caFile },
    requests,
    messages,
    force: (reply, times = 1) => {
      forced = { reply, left: times };
    },
    reset: () => {
      forced = undefined;
      requests.length = 0;
    },
    server,
    stop: async () => {
      await server.close();
      temp.remove();
    },
  };
}
