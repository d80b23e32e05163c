import { createReadStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import {
  ActionFailedError,
  errorMessage,
  githubFailure,
  githubRequest,
  sha256Of,
  type GitHubApi,
} from '@deploy-kit/core';
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
  workflow_run?: {
    id?: number;
    repository_id?: number;
    head_repository_id?: number;
    head_branch?: string | null;
  } | null;
}

/**
 * Whose artifacts are backups of ours: runs of this repository's own code (never a fork's pull
 * request, whose runs upload into the same list), of the named workflow files, on the named
 * branches. Unset parts are resolved from the run (GITHUB_REPOSITORY_ID, GITHUB_WORKFLOW_REF) and
 * the repository (its default branch).
 */
export interface ArtifactTrust {
  repositoryId?: number;
  /** Workflow file names (`backup.yml`); empty: the current run's. */
  workflows: string[];
  /** Branches; empty: the repository's default branch. */
  branches: string[];
  /** `owner/repo/.github/workflows/x.yml@refs/…` of the current run, when there is one. */
  workflowRef?: string;
}

const workflowFile = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Pages of 100; a repository with more artifacts than this is listed in part, with a warning. */
const MAX_PAGES = 50;

/**
 * The artifacts of every run of the repository, through the REST API: how a nightly backup job
 * sees the backups earlier runs left, and how its retention removes them. Needs `actions: read`
 * (list, download) and `actions: write` (delete).
 */
export class RepositoryArtifacts {
  private resolved?: { repositoryId: number; workflows: string[]; branches: string[] };
  private readonly runPaths = new Map<number, string | undefined>();

  constructor(
    private readonly api: GitHubApi,
    private readonly warn: (message: string) => void,
    private readonly trust: ArtifactTrust = { workflows: [], branches: [] },
  ) {}

  private async getJson(path: string, what: string): Promise<Record<string, unknown>> {
    const response = await githubRequest(this.api, 'GET', path);
    if (response.status !== 200) throw await githubFailure(response, what, 'actions: read');
    return (await response.json()) as Record<string, unknown>;
  }

  /** The trust rules with the run's and the repository's defaults filled in (once). */
  private async rules(): Promise<{ repositoryId: number; workflows: string[]; branches: string[] }> {
    if (this.resolved) return this.resolved;
    const { trust } = this;
    let repositoryId = trust.repositoryId;
    let branches = trust.branches;
    if (repositoryId === undefined || branches.length === 0) {
      const repo = await this.getJson(`/repos/${this.api.repository}`, `Reading ${this.api.repository}`);
      repositoryId ??= typeof repo.id === 'number' ? repo.id : undefined;
      if (branches.length === 0 && typeof repo.default_branch === 'string') branches = [repo.default_branch];
    }
    if (repositoryId === undefined || branches.length === 0)
      throw new ActionFailedError(
        `The REST API did not say the id and default branch of ${this.api.repository}`,
      );
    let workflows = trust.workflows.map(workflowFile);
    if (workflows.length === 0) {
      const current = /\/\.github\/workflows\/([^@/]+)@/.exec(trust.workflowRef ?? '')?.[1];
      if (!current)
        throw new ActionFailedError(
          "Set 'artifact-workflow' to the workflow file whose backups to trust (GITHUB_WORKFLOW_REF does not name this run's)",
        );
      workflows = [current];
    }
    this.resolved = { repositoryId, workflows, branches };
    return this.resolved;
  }

  /** The workflow file of a run (one request per run, remembered). */
  private async runWorkflow(runId: number): Promise<string | undefined> {
    if (!this.runPaths.has(runId)) {
      const run = await this.getJson(
        `/repos/${this.api.repository}/actions/runs/${runId}`,
        `Reading the workflow run ${runId}`,
      );
      this.runPaths.set(runId, typeof run.path === 'string' ? workflowFile(run.path) : undefined);
    }
    return this.runPaths.get(runId);
  }

  /** Why an artifact is not one of ours, or undefined when it is. */
  private async distrust(a: RestArtifact): Promise<string | undefined> {
    const rules = await this.rules();
    const run = a.workflow_run;
    if (!run || run.id === undefined) return 'no workflow run';
    if (run.repository_id !== rules.repositoryId || run.head_repository_id !== rules.repositoryId)
      return "another repository's code (a fork's pull request)";
    if (!run.head_branch || !rules.branches.includes(run.head_branch))
      return `branch ${run.head_branch ?? '?'}`;
    const workflow = await this.runWorkflow(run.id);
    if (!workflow || !rules.workflows.includes(workflow)) return `workflow ${workflow ?? '?'}`;
    return undefined;
  }

  /**
   * Unexpired artifacts of trusted runs, newest first (the API's order); the others are left out
   * of list, restore and retention alike, and named in one warning.
   */
  async list(): Promise<RestArtifact[]> {
    const all = await this.listAll();
    const trusted: RestArtifact[] = [];
    const ignored: string[] = [];
    for (const a of all) {
      const why = await this.distrust(a);
      if (why === undefined) trusted.push(a);
      else ignored.push(`${a.name} (${why})`);
    }
    if (ignored.length > 0) {
      const rules = await this.rules();
      this.warn(
        `Ignored ${ignored.length} artifact(s) not uploaded by ${rules.workflows.join(', ')} on ${rules.branches.join(', ')} in this repository: ${ignored.slice(0, 10).join(', ')}${ignored.length > 10 ? ', …' : ''}`,
      );
    }
    return trusted;
  }

  /** Unexpired artifacts of every run, newest first. */
  private async listAll(): Promise<RestArtifact[]> {
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
      throw new ActionFailedError(`Downloading the artifact ${artifact.name} failed: ${errorMessage(error)}`);
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
