import { createReadStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { ActionFailedError, sha256Of } from '@deploy-kit/core';
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

/**
 * `destination: artifact`: a workflow artifact of this run, one per backup, holding the file as
 * is (no zip). The backup is written and checked in a private directory on the runner first (the
 * local destination's temporary name, re-read, decompression test), uploaded, then downloaded back
 * from the service and its SHA-256 compared; a mismatch deletes the artifact. The service's digest
 * stands in for the `.sha256` sidecar. Artifacts belong to a run: list, retention and restore see
 * this run's.
 */
export class ArtifactDestination implements Destination {
  readonly label = 'artifact';
  private readonly staging: LocalDestination;

  private constructor(
    private readonly stagingDir: string,
    private readonly client: ArtifactClient,
    private readonly retentionDays?: number,
  ) {
    this.staging = new LocalDestination(stagingDir);
  }

  /** Loads @actions/artifact only for this destination (it is large and rarely needed). */
  static async open(stagingDir: string, retentionDays?: number): Promise<ArtifactDestination> {
    const module = (await import('@actions/artifact')) as unknown as {
      DefaultArtifactClient: new () => ArtifactClient;
    };
    return new ArtifactDestination(stagingDir, new module.DefaultArtifactClient(), retentionDays);
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
      const back = await sha256Of(await this.read(name));
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
    const { artifacts } = await this.client.listArtifacts({ latest: true });
    return artifacts.map((a) => ({
      name: a.name,
      sizeBytes: a.size,
      mtimeMs: a.createdAt?.getTime() ?? 0,
      ...(a.digest?.startsWith('sha256:') ? { sha256: a.digest.slice('sha256:'.length) } : {}),
    }));
  }

  async remove(name: string): Promise<void> {
    await this.client.deleteArtifact(name);
  }

  /** Downloads the artifact into a private directory; the file goes when the stream closes. */
  async read(name: string): Promise<Readable> {
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
