import { PassThrough, type Readable, type Writable } from 'node:stream';
import { ActionFailedError, proxyAgent } from '@deploy-kit/core';
import {
  checkReadBack,
  SIDECAR,
  sidecarText,
  parseSidecar,
  type Destination,
  type Expected,
  type StoredFile,
} from './destination.js';
import type { Compression } from './pipeline.js';

export interface S3Location {
  bucket: string;
  /** Key prefix without leading or trailing slash ('' for the bucket root). */
  prefix: string;
  /** S3-compatible endpoint (MinIO, Ceph, R2…); undefined: AWS. */
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
}

type S3Module = typeof import('@aws-sdk/client-s3');
type StorageModule = typeof import('@aws-sdk/lib-storage');

/** Multipart part size: large dumps go up in 16 MiB parts, two at a time (memory stays flat). */
const PART_BYTES = 16 * 1024 * 1024;

/**
 * Backups in S3 or an S3-compatible store. The object is uploaded with a multipart upload, so it
 * exists only once complete; it is then re-read (size, SHA-256, decompression) before its
 * `.sha256` sidecar object marks it verified. A failed check deletes it. Credentials come from
 * the standard AWS environment (AWS_ACCESS_KEY_ID…, a profile, or the runner's role).
 */
export class S3Destination implements Destination {
  readonly label: string;
  private constructor(
    private readonly s3: S3Module,
    private readonly storage: StorageModule,
    private readonly client: InstanceType<S3Module['S3Client']>,
    private readonly location: S3Location,
  ) {
    this.label = `s3://${location.bucket}${location.prefix ? `/${location.prefix}` : ''}`;
  }

  /** The AWS SDK is large: it is loaded only for an s3:// destination. */
  static async open(location: S3Location): Promise<S3Destination> {
    // CommonJS packages: bundled, their exports sit on `default`; loaded natively, on the namespace.
    const [s3Module, storageModule] = await Promise.all([
      import('@aws-sdk/client-s3') as Promise<S3Module & { default?: S3Module }>,
      import('@aws-sdk/lib-storage') as Promise<StorageModule & { default?: StorageModule }>,
    ]);
    const s3 = s3Module.default ?? s3Module;
    const storage = storageModule.default ?? storageModule;
    // Behind an HTTP proxy (HTTPS_PROXY, NO_PROXY), the SDK's node:http requests tunnel through it.
    const proxied = await proxyAgent(
      new URL(location.endpoint ?? `https://${location.bucket}.s3.${location.region}.amazonaws.com`),
    );
    const client = new s3.S3Client({
      ...(proxied ? { requestHandler: { httpAgent: proxied.agent, httpsAgent: proxied.agent } } : {}),
      region: location.region,
      endpoint: location.endpoint,
      forcePathStyle: location.forcePathStyle,
      // Checksums only where S3 requires them: many S3-compatible stores reject the aws-chunked
      // trailers newer SDKs send by default. Integrity is ours anyway: SHA-256, re-read.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return new S3Destination(s3, storage, client, location);
  }

  private key(name: string): string {
    return this.location.prefix ? `${this.location.prefix}/${name}` : name;
  }

  private fail(what: string, error: unknown): ActionFailedError {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new ActionFailedError(`${this.label}: ${what} failed: ${message}`);
  }

  async prepare(): Promise<void> {
    try {
      await this.client.send(new this.s3.HeadBucketCommand({ Bucket: this.location.bucket }));
    } catch (error) {
      throw this.fail(
        `reaching bucket ${this.location.bucket} (does it exist, and may these credentials use it?)`,
        error,
      );
    }
  }

  /** The name given is the final one: a multipart upload is invisible until it completes. */
  openTemp(name?: string): Promise<{ tempName: string; sink: Writable; written: Promise<void> }> {
    if (!name) throw new Error('S3Destination.openTemp needs the final name');
    const sink = new PassThrough({ highWaterMark: 1 << 20 });
    const upload = new this.storage.Upload({
      client: this.client,
      params: { Bucket: this.location.bucket, Key: this.key(name), Body: sink },
      partSize: PART_BYTES,
      queueSize: 2,
      leavePartsOnError: false,
    });
    const written = upload.done().then(
      () => undefined,
      (error: unknown) => {
        throw this.fail(`uploading ${name}`, error);
      },
    );
    written.catch(() => undefined);
    return Promise.resolve({ tempName: name, sink, written });
  }

  async publish(tempName: string, name: string, expected: Expected, compression: Compression): Promise<void> {
    const head = await this.client
      .send(new this.s3.HeadObjectCommand({ Bucket: this.location.bucket, Key: this.key(tempName) }))
      .catch((error: unknown) => {
        throw this.fail(`reading back ${name}`, error);
      });
    await checkReadBack(
      head.ContentLength,
      () => this.read(name),
      expected,
      compression,
      `${this.label}/${name}`,
    );
    await this.client
      .send(
        new this.s3.PutObjectCommand({
          Bucket: this.location.bucket,
          Key: this.key(`${name}${SIDECAR}`),
          Body: sidecarText(expected.sha256, name),
          ContentType: 'text/plain',
        }),
      )
      .catch((error: unknown) => {
        throw this.fail(`writing ${name}${SIDECAR}`, error);
      });
  }

  async discard(tempName: string): Promise<void> {
    // Either no object exists (the upload never completed) or it failed its checks: remove it.
    await this.client
      .send(new this.s3.DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.key(tempName) }))
      .catch(() => undefined);
  }

  async list(): Promise<StoredFile[]> {
    const objects: Array<{ name: string; size: number; mtime: number }> = [];
    let token: string | undefined;
    do {
      const page = await this.client
        .send(
          new this.s3.ListObjectsV2Command({
            Bucket: this.location.bucket,
            Prefix: this.location.prefix ? `${this.location.prefix}/` : undefined,
            ContinuationToken: token,
          }),
        )
        .catch((error: unknown) => {
          throw this.fail('listing', error);
        });
      for (const o of page.Contents ?? []) {
        const name = (o.Key ?? '').slice(this.location.prefix ? this.location.prefix.length + 1 : 0);
        if (name && !name.includes('/'))
          objects.push({ name, size: o.Size ?? 0, mtime: o.LastModified?.getTime() ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    const names = new Set(objects.map((o) => o.name));
    const files: StoredFile[] = [];
    for (const o of objects) {
      if (o.name.endsWith(SIDECAR)) continue;
      let sha256: string | undefined;
      if (names.has(`${o.name}${SIDECAR}`)) {
        const body = await this.client.send(
          new this.s3.GetObjectCommand({
            Bucket: this.location.bucket,
            Key: this.key(`${o.name}${SIDECAR}`),
          }),
        );
        sha256 = parseSidecar((await body.Body?.transformToString()) ?? '');
      }
      files.push({ name: o.name, sizeBytes: o.size, mtimeMs: o.mtime, sha256 });
    }
    return files;
  }

  async remove(name: string): Promise<void> {
    // Sidecar first: an object without one is never taken for a verified backup.
    for (const key of [`${name}${SIDECAR}`, name])
      await this.client
        .send(new this.s3.DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.key(key) }))
        .catch((error: unknown) => {
          throw this.fail(`deleting ${key}`, error);
        });
  }

  async read(name: string): Promise<Readable> {
    const object = await this.client
      .send(new this.s3.GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(name) }))
      .catch((error: unknown) => {
        throw this.fail(`reading ${name}`, error);
      });
    return object.Body as Readable;
  }

  /** Aborts multipart uploads of killed runs older than `ttlMs` (their parts cost storage). */
  async sweep(ttlMs: number, now: number): Promise<string[]> {
    const page = await this.client
      .send(
        new this.s3.ListMultipartUploadsCommand({
          Bucket: this.location.bucket,
          Prefix: this.location.prefix ? `${this.location.prefix}/` : undefined,
        }),
      )
      .catch(() => ({ Uploads: [] }));
    const aborted: string[] = [];
    for (const upload of page.Uploads ?? []) {
      if (!upload.Key || !upload.UploadId || now - (upload.Initiated?.getTime() ?? now) < ttlMs) continue;
      await this.client
        .send(
          new this.s3.AbortMultipartUploadCommand({
            Bucket: this.location.bucket,
            Key: upload.Key,
            UploadId: upload.UploadId,
          }),
        )
        .catch(() => undefined);
      aborted.push(upload.Key);
    }
    return aborted;
  }
}
