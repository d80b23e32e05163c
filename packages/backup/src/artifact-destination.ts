import { createReadStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ActionFailedError, githubFailure, githubRequest, sha256Of, type GitHubApi } from '@deploy-kit/core';
import { LocalDestination, type Destination, type Expected, type StoredFile } from './destination.js';
import type { Compression } from './pipeline.js';

/** The part of @actions/artifact's client this destination uses. */
interface ArtifactClient {
  uploadArtifact(
    name: string,
    files: string[],
    rootDirectory: string,
    options?: { retentionDays?: number; skipArchive?: boolean },
  ): Promise<{ id?: number; size?: number; digest?: string }>;
  listArtifacts(options?: { latest?: boolean }): Promise<{
    artifacts: Array<{ name: string; id: number; size: number; createdAt?: Date; digest?: string }>;
  }>;
  getArtifact(name: string): Promise<{ artifact: { id: number; name: string } }>;
  downloadArtifact(id: number, options?: { path?: string }): Promise<{ downloadPath?: string }>;
  deleteArtifact(name: string): Promise<{ id: number }>;
}

/** The service's `sha256:<hex>` digest, standing in for a `.sha256` sidecar. */
function sidecarOf(digest: string | null | undefined): { sha256?: string } {
  return digest?.startsWith('sha256:') ? { sha256: digest.slice('sha256:'.length) } : {};
}

/** An artifact as the REST API lists it (the fields used here). */
interface RestArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  created_at: string;
  expired: boolean;
  digest?: string | null;
}

/** Pages of 100; a repository with more artifacts than this is listed in part, with a warning. */
const MAX_PAGES = 50;

/**
 * The artifacts of every run of the repository, through the REST API: how a nightly backup job
 * sees the backups earlier runs left, and how its retention removes them. Needs `actions: read`
 * (list, download) and `actions: write` (delete).
 */
export class RepositoryArtifacts {
  constructor(
    private readonly api: GitHubApi,
    private readonly warn: (message: string) => void,
  ) {}

  /** Unexpired artifacts, newest first (the API's order). */
  async list(): Promise<RestArtifact[]> {
    const out: RestArtifact[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const path = `/repos/${this.api.repository}/actions/artifacts?per_page=100&page=${page}`;
      const response = await githubRequest(this.api, 'GET', path);
      if (response.status !== 200)
        throw await githubFailure(
          response,
          `Listing the artifacts of ${this.api.repository}`,
          'actions: read',
        );
      const body = (await response.json()) as { total_count: number; artifacts: RestArtifact[] };
      out.push(...body.artifacts.filter((a) => !a.expired));
      if (body.artifacts.length < 100 || page * 100 >= body.total_count) return out;
    }
    this.warn(
      `${this.api.repository} has more than ${MAX_PAGES * 100} artifacts: only the newest ${MAX_PAGES * 100} were looked at`,
    );
    return out;
  }

  /** The artifact's bytes as stored: the API redirects to a signed URL, fetched without the token. */
  async download(artifact: { id: number; name: string }): Promise<Readable> {
    const path = `/repos/${this.api.repository}/actions/artifacts/${artifact.id}/zip`;
    const redirect = await githubRequest(this.api, 'GET', path, { redirect: 'manual' });
    const location = redirect.headers.get('location');
    if (redirect.status !== 302 || !location)
      throw await githubFailure(redirect, `Downloading the artifact ${artifact.name}`, 'actions: read');
    let response: Response;
    try {
      response = await this.api.fetch(location, { signal: AbortSignal.timeout(60_000) });
    } catch (error) {
      throw new ActionFailedError(
        `Downloading the artifact ${artifact.name} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (response.status !== 200 || !response.body)
      throw new ActionFailedError(
        `Downloading the artifact ${artifact.name}: storage answered HTTP ${response.status}`,
      );
    if (/^application\/(x-)?zip/.test(response.headers.get('content-type') ?? '')) {
      await response.body.cancel();
      throw new ActionFailedError(
        `The artifact ${artifact.name} is a zip archive, not a backup db-backup uploaded (those are stored as is)`,
      );
    }
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  async remove(artifact: { id: number; name: string }): Promise<void> {
    const path = `/repos/${this.api.repository}/actions/artifacts/${artifact.id}`;
    const response = await githubRequest(this.api, 'DELETE', path);
    if (response.status !== 204)
      throw await githubFailure(response, `Deleting the artifact ${artifact.name}`, 'actions: write');
  }
}

/**
 * `destination: artifact`: a workflow artifact of this run, one per backup, holding the file as
 * is (no zip). The backup is written and checked in a private directory on the runner first (the
 * local destination's temporary name, re-read, decompression test), uploaded, then downloaded back
 * from the service and its SHA-256 compared; a mismatch deletes the artifact. The service's digest
 * stands in for the `.sha256` sidecar. With a token, list, retention and restore see the
 * artifacts of every run of the repository (REST API); without one, this run's only.
 */
export class ArtifactDestination implements Destination {
  readonly label = 'artifact';
  private readonly staging: LocalDestination;

  /** IDs of the artifacts the last listing saw, by name (the newest of a name). */
  private readonly listed = new Map<string, number>();

  private constructor(
    private readonly stagingDir: string,
    private readonly client: ArtifactClient,
    private readonly retentionDays?: number,
    private readonly repository?: RepositoryArtifacts,
  ) {
    this.staging = new LocalDestination(stagingDir);
  }

  /** Loads @actions/artifact only for this destination (it is large and rarely needed). */
  static async open(
    stagingDir: string,
    options: { retentionDays?: number; repository?: RepositoryArtifacts } = {},
  ): Promise<ArtifactDestination> {
    const module = (await import('@actions/artifact')) as unknown as {
      DefaultArtifactClient: new () => ArtifactClient;
    };
    return new ArtifactDestination(
      stagingDir,
      new module.DefaultArtifactClient(),
      options.retentionDays,
      options.repository,
    );
  }

  prepare(): Promise<void> {
    return this.staging.prepare();
  }

  openTemp(): Promise<{ tempName: string; sink: Writable; written: Promise<void> }> {
    return this.staging.openTemp();
  }

  async publish(tempName: string, name: string, expected: Expected, compression: Compression): Promise<void> {
    await this.staging.publish(tempName, name, expected, compression);
    try {
      const uploaded = await this.client.uploadArtifact(
        name,
        [join(this.stagingDir, name)],
        this.stagingDir,
        {
          skipArchive: true,
          ...(this.retentionDays ? { retentionDays: this.retentionDays } : {}),
        },
      );
      // What a restore would get: read back from the service, not from what was sent.
      const back = await sha256Of(await this.readThisRun(name));
      const sent = uploaded.digest?.replace(/^sha256:/, '');
      if (back !== expected.sha256 || (sent !== undefined && sent !== expected.sha256)) {
        await this.client.deleteArtifact(name).catch(() => undefined);
        throw new ActionFailedError(
          `The artifact ${name} read back with SHA-256 ${back} (uploaded ${sent ?? '?'}), not ${expected.sha256}: deleted, nothing published`,
        );
      }
    } finally {
      await this.staging.remove(name);
    }
  }

  discard(tempName: string): Promise<void> {
    return this.staging.discard(tempName);
  }

  async list(): Promise<StoredFile[]> {
    if (this.repository) {
      const artifacts = await this.repository.list();
      this.listed.clear();
      for (const a of artifacts) if (!this.listed.has(a.name)) this.listed.set(a.name, a.id);
      return artifacts
        .filter((a) => this.listed.get(a.name) === a.id)
        .map((a) => ({
          name: a.name,
          sizeBytes: a.size_in_bytes,
          mtimeMs: Date.parse(a.created_at),
          ...sidecarOf(a.digest),
        }));
    }
    const { artifacts } = await this.client.listArtifacts({ latest: true });
    return artifacts.map((a) => ({
      name: a.name,
      sizeBytes: a.size,
      mtimeMs: a.createdAt?.getTime() ?? 0,
      ...sidecarOf(a.digest),
    }));
  }

  /** The artifact of this name among every run's, as listed (listing first if need be). */
  private async find(name: string): Promise<{ id: number; name: string }> {
    if (!this.listed.has(name)) await this.list();
    const id = this.listed.get(name);
    if (id === undefined) throw new ActionFailedError(`No artifact named ${name} in ${this.label}`);
    return { id, name };
  }

  async remove(name: string): Promise<void> {
    if (this.repository) {
      await this.repository.remove(await this.find(name));
      this.listed.delete(name);
    } else await this.client.deleteArtifact(name);
  }

  async read(name: string): Promise<Readable> {
    if (this.repository) return this.repository.download(await this.find(name));
    return this.readThisRun(name);
  }

  /** Downloads an artifact of this run into a private directory; the file goes when the stream closes. */
  private async readThisRun(name: string): Promise<Readable> {
    const { artifact } = await this.client.getArtifact(name);
    mkdirSync(this.stagingDir, { recursive: true });
    const dir = mkdtempSync(join(this.stagingDir, 'read-'));
    try {
      await this.client.downloadArtifact(artifact.id, { path: dir });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    const stream = createReadStream(join(dir, name));
    stream.on('close', () => rmSync(dir, { recursive: true, force: true }));
    return stream;
  }

  sweep(ttlMs: number, now: number): Promise<string[]> {
    return this.staging.sweep(ttlMs, now);
  }
}
