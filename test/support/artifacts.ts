import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startHttpServer, type TestServer } from './http.js';

/**
 * A stand-in for GitHub's artifact service as @actions/artifact talks to it: the Twirp JSON API of
 * the results service (CreateArtifact, FinalizeArtifact, ListArtifacts, GetSignedArtifactURL,
 * DeleteArtifact) with the runtime token's `Actions.Results:<run>:<job>` scope checked on every
 * call, and Azure block-blob upload (Put Block, Put Block List) and download on signed URLs.
 * Beside it, the REST API's artifact endpoints for the repository (list every run's artifacts,
 * paged; download by a 302 to a signed URL; delete), with GitHub's answers to a token without
 * the permission (403 "Resource not accessible by integration") or an unknown one (401).
 * The service cannot run here; this follows its protocol, and the tests drive the real client.
 */
export interface StoredArtifact {
  id: number;
  name: string;
  runBackendId: string;
  bytes: Buffer;
  finalized: boolean;
  expiresAt?: string;
  mimeType?: string;
  createdAt: string;
}

export interface ArtifactService {
  server: TestServer;
  /**
   * Env for an action process of the run `runBackendId`: results URL, a runtime token for it,
   * GITHUB_RUN_ID, GITHUB_REPOSITORY and GITHUB_API_URL (this server).
   */
  env(runBackendId?: string): Record<string, string>;
  /** A REST API token (as `github.token` is) with these permissions. */
  apiToken(permissions: Array<'actions:read' | 'actions:write'>): string;
  /** Marks an artifact expired (the REST API still lists it, with `expired: true`). */
  expire(name: string): void;
  artifacts: Map<number, StoredArtifact>;
  /** Twirp methods called, in order. */
  calls: string[];
  /** Flips a byte of what the next download of `name` (or '*': of any) returns (storage corruption). */
  corruptNextDownload(name: string): void;
  /**
   * Says what run `runBackendId` was, as the REST API reports it (default: this repository's own
   * code, workflow backup.yml, branch main): a fork's pull request has another head repository.
   */
  describeRun(runBackendId: string, run: Partial<RunInfo>): void;
  /** Stores a finalized artifact of run `runBackendId` directly (what another run uploaded). */
  plant(runBackendId: string, name: string, bytes: Buffer): StoredArtifact;
  close(): Promise<void>;
}

/** A workflow run as the REST API describes it (the fields the trust rules read). */
export interface RunInfo {
  headRepositoryId: number;
  headBranch: string;
  /** The workflow file, `.github/workflows/<name>`. */
  path: string;
  event: string;
}

/** The repository's id and default branch, as GET /repos/{owner}/{repo} says. */
export const REPOSITORY = { name: 'acme/app', id: 4242, defaultBranch: 'main' };
const DEFAULT_RUN: RunInfo = {
  headRepositoryId: REPOSITORY.id,
  headBranch: 'main',
  path: '.github/workflows/backup.yml',
  event: 'schedule',
};

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** A JWT the client only decodes (GitHub signs it; nothing on the runner verifies it). */
function runtimeToken(run: string, job: string): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.GenericRead Actions.Results:${run}:${job}` })}.sig`;
}

export async function startArtifactService(): Promise<ArtifactService> {
  const artifacts = new Map<number, StoredArtifact>();
  const blocks = new Map<string, Map<string, Buffer>>();
  const calls: string[] = [];
  const corrupt = new Set<string>();
  let nextId = 1000;
  const tokens = new Map<string, string>();
  const runIds = new Map<string, number>();
  const apiTokens = new Map<string, Set<string>>();
  const repository = REPOSITORY.name;
  const runs = new Map<string, RunInfo>();
  const runOf = (backendId: string): RunInfo => runs.get(backendId) ?? DEFAULT_RUN;
  const backendOf = (id: number): string | undefined => [...runIds].find(([, v]) => v === id)?.[0];
  let base = '';
  const runIdOf = (backendId: string): number => {
    if (!runIds.has(backendId)) runIds.set(backendId, 9000 + runIds.size + 1);
    return runIds.get(backendId)!;
  };

  const scopeOf = (req: IncomingMessage): { run: string; job: string } | undefined => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const payload = token?.split('.')[1];
    if (!payload) return undefined;
    const scp = (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { scp?: string }).scp ?? '';
    const m = /Actions\.Results:([^: ]+):([^: ]+)/.exec(scp);
    return m ? { run: m[1]!, job: m[2]! } : undefined;
  };

  const twirp = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
    calls.push(method);
    const scope = scopeOf(req);
    if (!scope) return json(res, 401, { code: 'unauthenticated', msg: 'invalid runtime token' });
    const request = JSON.parse((await body(req)).toString() || '{}') as Record<string, unknown>;
    if (request.workflow_run_backend_id !== scope.run || request.workflow_job_run_backend_id !== scope.job)
      return json(res, 403, { code: 'permission_denied', msg: 'backend IDs do not match the token' });
    const ofRun = [...artifacts.values()].filter((a) => a.runBackendId === scope.run && a.finalized);
    switch (method) {
      case 'CreateArtifact': {
        const name = String(request.name);
        if (
          [...artifacts.values()].some((a) => a.runBackendId === scope.run && a.name === name && a.finalized)
        )
          return json(res, 409, { code: 'already_exists', msg: `an artifact named ${name} already exists` });
        const id = nextId++;
        artifacts.set(id, {
          id,
          name,
          runBackendId: scope.run,
          bytes: Buffer.alloc(0),
          finalized: false,
          expiresAt: request.expires_at as string | undefined,
          mimeType: request.mime_type as string | undefined,
          createdAt: new Date().toISOString(),
        });
        return json(res, 200, { ok: true, signed_upload_url: `${base}/blob/${id}?sig=upload` });
      }
      case 'FinalizeArtifact': {
        const found = [...artifacts.values()].find(
          (a) => a.runBackendId === scope.run && a.name === request.name,
        );
        if (!found) return json(res, 404, { code: 'not_found', msg: 'no such artifact' });
        if (String(found.bytes.length) !== String(request.size))
          return json(res, 400, { code: 'invalid_argument', msg: 'size does not match the uploaded blob' });
        found.finalized = true;
        return json(res, 200, { ok: true, artifact_id: String(found.id) });
      }
      case 'ListArtifacts': {
        const nameFilter = request.name_filter as string | undefined;
        const idFilter = request.id_filter as string | undefined;
        const list = ofRun.filter(
          (a) =>
            (nameFilter === undefined || a.name === nameFilter) &&
            (idFilter === undefined || String(a.id) === idFilter),
        );
        return json(res, 200, {
          artifacts: list.map((a) => ({
            workflow_run_backend_id: a.runBackendId,
            workflow_job_run_backend_id: scope.job,
            database_id: String(a.id),
            name: a.name,
            size: String(a.bytes.length),
            created_at: a.createdAt,
            digest: `sha256:${createHash('sha256').update(a.bytes).digest('hex')}`,
          })),
        });
      }
      case 'GetSignedArtifactURL': {
        const found = ofRun.find((a) => a.name === request.name);
        if (!found) return json(res, 404, { code: 'not_found', msg: 'no such artifact' });
        return json(res, 200, {
          signed_url: `${base}/blob/${found.id}/${encodeURIComponent(found.name)}?sig=read`,
        });
      }
      case 'DeleteArtifact': {
        const found = ofRun.find((a) => a.name === request.name);
        if (!found) return json(res, 404, { code: 'not_found', msg: 'no such artifact' });
        artifacts.delete(found.id);
        return json(res, 200, { ok: true, artifact_id: String(found.id) });
      }
      default:
        return json(res, 404, { code: 'bad_route', msg: `no method ${method}` });
    }
  };

  const blob = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const id = Number(/^\/blob\/(\d+)/.exec(url.pathname)?.[1]);
    const artifact = artifacts.get(id);
    if (!artifact) {
      res.writeHead(404).end();
      return;
    }
    const headers = {
      'x-ms-request-id': String(Date.now()),
      'x-ms-version': '2024-11-04',
      etag: '"0x1"',
      'last-modified': new Date().toUTCString(),
    };
    if (req.method === 'PUT' && url.searchParams.get('comp') === 'block') {
      const staged = blocks.get(String(id)) ?? new Map<string, Buffer>();
      staged.set(url.searchParams.get('blockid') ?? '', await body(req));
      blocks.set(String(id), staged);
      res.writeHead(201, headers).end();
      return;
    }
    if (req.method === 'PUT' && url.searchParams.get('comp') === 'blocklist') {
      const xml = (await body(req)).toString();
      const ids = [...xml.matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)].map((m) => m[1]!);
      const staged = blocks.get(String(id)) ?? new Map<string, Buffer>();
      artifact.bytes = Buffer.concat(ids.map((b) => staged.get(b) ?? Buffer.alloc(0)));
      blocks.delete(String(id));
      res.writeHead(201, headers).end();
      return;
    }
    if (req.method === 'PUT') {
      // Put Blob: the whole content in one request.
      artifact.bytes = await body(req);
      res.writeHead(201, headers).end();
      return;
    }
    if (req.method === 'GET') {
      let bytes = artifact.bytes;
      if ((corrupt.delete(artifact.name) || corrupt.delete('*')) && bytes.length > 0) {
        bytes = Buffer.from(bytes);
        const middle = bytes.length >> 1;
        bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
      }
      res.writeHead(200, {
        ...headers,
        'content-type': artifact.mimeType ?? 'application/octet-stream',
        'content-length': String(bytes.length),
        'content-disposition': `attachment; filename="${artifact.name}"`,
      });
      res.end(bytes);
      return;
    }
    res.writeHead(405).end();
  };

  const rest = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const path = url.pathname;
    const runMatch = /^\/repos\/([^/]+\/[^/]+)(?:\/actions\/runs\/(\d+))?$/.exec(path);
    if (runMatch && req.method === 'GET') {
      calls.push(`REST GET ${runMatch[2] ? 'runs/:id' : 'repository'}`);
      const token = /^(?:Bearer|token) (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !apiTokens.has(token))
        return json(res, 401, { message: 'Bad credentials', status: '401' });
      if (runMatch[1] !== repository) return json(res, 404, { message: 'Not Found', status: '404' });
      if (!runMatch[2])
        return json(res, 200, {
          id: REPOSITORY.id,
          full_name: repository,
          default_branch: REPOSITORY.defaultBranch,
        });
      const backend = backendOf(Number(runMatch[2]));
      if (!backend) return json(res, 404, { message: 'Not Found', status: '404' });
      const run = runOf(backend);
      return json(res, 200, {
        id: Number(runMatch[2]),
        path: run.path,
        event: run.event,
        head_branch: run.headBranch,
        repository: { id: REPOSITORY.id, full_name: repository },
        head_repository: { id: run.headRepositoryId },
      });
    }
    const m = /^\/repos\/([^/]+\/[^/]+)\/actions\/artifacts(?:\/(\d+)(\/zip)?)?$/.exec(path);
    const route = !m ? undefined : `${req.method} artifacts${m[2] ? '/:id' : ''}${m[3] ? '/zip' : ''}`;
    calls.push(`REST ${route ?? `${req.method} ${path}`}`);
    const token = /^(?:Bearer|token) (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const granted = token ? apiTokens.get(token) : undefined;
    if (!granted) return json(res, 401, { message: 'Bad credentials', status: '401' });
    if (!m || m[1] !== repository) return json(res, 404, { message: 'Not Found', status: '404' });
    const needs = req.method === 'DELETE' ? 'actions:write' : 'actions:read';
    // A write permission implies read, as GitHub's permission levels do.
    if (!granted.has(needs) && !(needs === 'actions:read' && granted.has('actions:write')))
      return json(res, 403, { message: 'Resource not accessible by integration', status: '403' });
    const visible = [...artifacts.values()].filter((a) => a.finalized).sort((a, b) => b.id - a.id);
    const expired = (a: StoredArtifact): boolean =>
      a.expiresAt !== undefined && Date.parse(a.expiresAt) < Date.now();
    if (route === 'GET artifacts') {
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
      const page = Number(url.searchParams.get('page') ?? 1);
      const named = url.searchParams.get('name');
      const all = visible.filter((a) => named === null || a.name === named);
      return json(res, 200, {
        total_count: all.length,
        artifacts: all.slice((page - 1) * perPage, page * perPage).map((a) => ({
          id: a.id,
          node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
          name: a.name,
          size_in_bytes: a.bytes.length,
          url: `${base}/repos/${repository}/actions/artifacts/${a.id}`,
          archive_download_url: `${base}/repos/${repository}/actions/artifacts/${a.id}/zip`,
          expired: expired(a),
          digest: `sha256:${createHash('sha256').update(a.bytes).digest('hex')}`,
          created_at: a.createdAt,
          updated_at: a.createdAt,
          expires_at: a.expiresAt ?? null,
          workflow_run: {
            id: runIdOf(a.runBackendId),
            repository_id: REPOSITORY.id,
            head_repository_id: runOf(a.runBackendId).headRepositoryId,
            head_branch: runOf(a.runBackendId).headBranch,
          },
        })),
      });
    }
    const found = visible.find((a) => a.id === Number(m[2]));
    if (!found) return json(res, 404, { message: 'Not Found', status: '404' });
    if (route === 'GET artifacts/:id/zip') {
      if (expired(found)) return json(res, 410, { message: 'Artifact has expired', status: '410' });
      res.writeHead(302, { location: `${base}/blob/${found.id}/${encodeURIComponent(found.name)}?sig=read` });
      res.end();
      return;
    }
    if (route === 'DELETE artifacts/:id') {
      artifacts.delete(found.id);
      res.writeHead(204).end();
      return;
    }
    return json(res, 404, { message: 'Not Found', status: '404' });
  };

  const server = await startHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const handled = url.pathname.startsWith(SERVICE)
      ? twirp(req, res, url.pathname.slice(SERVICE.length))
      : url.pathname.startsWith('/blob/')
        ? blob(req, res, url)
        : url.pathname.startsWith('/repos/')
          ? rest(req, res, url)
          : Promise.resolve(void res.writeHead(404).end());
    handled.catch((error: unknown) => json(res, 500, { code: 'internal', msg: String(error) }));
  });
  base = server.url;
  return {
    server,
    artifacts,
    calls,
    env: (run = 'run-backend-1') => {
      const token = tokens.get(run) ?? runtimeToken(run, 'job-backend-1');
      tokens.set(run, token);
      return {
        ACTIONS_RESULTS_URL: `${server.url}/`,
        ACTIONS_RUNTIME_TOKEN: token,
        GITHUB_RUN_ID: String(runIdOf(run)),
        GITHUB_REPOSITORY: repository,
        GITHUB_REPOSITORY_ID: String(REPOSITORY.id),
        GITHUB_WORKFLOW_REF: `${repository}/${runOf(run).path}@refs/heads/${runOf(run).headBranch}`,
        GITHUB_API_URL: server.url,
      };
    },
    apiToken: (permissions) => {
      const token = `ghs_${randomBytes(18).toString('hex')}`;
      apiTokens.set(token, new Set(permissions));
      return token;
    },
    expire: (name) => {
      for (const a of artifacts.values())
        if (a.name === name) a.expiresAt = new Date(Date.now() - 1000).toISOString();
    },
    corruptNextDownload: (name) => corrupt.add(name),
    describeRun: (runBackendId, run) => runs.set(runBackendId, { ...runOf(runBackendId), ...run }),
    plant: (runBackendId, name, bytes) => {
      runIdOf(runBackendId);
      const artifact: StoredArtifact = {
        id: nextId++,
        name,
        runBackendId,
        bytes,
        finalized: true,
        createdAt: new Date().toISOString(),
      };
      artifacts.set(artifact.id, artifact);
      return artifact;
    },
    close: () => server.close(),
  };
}
