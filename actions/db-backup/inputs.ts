import { isAbsolute } from 'node:path';
import { ConfigurationError, hasControlCharacter, messages, type InputReader } from '@deploy-kit/core';
import { readSshConnectionInputs, type SshConnectionInputs } from '@deploy-kit/ssh';
import {
  COMPRESSIONS,
  ENGINES,
  type Compression,
  type Connection,
  type DumpSpec,
  type RetentionPolicy,
  type S3Location,
  ageForms,
  parseAgeIdentity,
  recipientProblem,
} from '@deploy-kit/backup';

export const backupForms = {
  container: 'a container name or ID on the host ([A-Za-z0-9][A-Za-z0-9_.-]*)',
  databaseUrl: 'postgres://user:password@host:5432/name or mysql://user:password@host:3306/name',
  host: "a host name, an IP address, or (mysql) a socket path; not starting with '-'",
  user: "a database user name (letters, digits, _ . @ -), not starting with '-'",
  name: "a database name (letters, digits, _ . -), not starting with '-'; for sqlite, the database file's path",
  destination:
    'local:<absolute directory> on the runner, ssh:<absolute directory> on the host in hosts, s3://<bucket>[/<prefix>], or artifact',
  s3Region: 'an AWS region like eu-west-1',
  prefix: 'letters, digits and . _ - (starting with a letter or digit), at most 64',
  paths: "paths without '..' segments, not starting with '-', one per line",
  restoreFrom: 'the file name of a backup in the destination',
  workflow: 'a workflow file name (backup.yml or .github/workflows/backup.yml)',
  branch: 'a branch name (letters, digits and . _ - /)',
};

const HOST = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|\[[0-9A-Fa-f:.]+\])$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}$/;
const DB_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$/;
const PREFIX = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;
/** Container names and IDs as docker and podman accept them. */
const CONTAINER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const WORKFLOW_FILE = /^(?:\.github\/workflows\/)?[A-Za-z0-9_][A-Za-z0-9._-]{0,200}\.ya?ml$/;
const BRANCH = /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,254}$/;

/** Every input of db-backup/action.yml, read once; keys are the action.yml names. */
export interface Inputs {
  operation: 'backup' | 'restore' | 'list';
  spec: DumpSpec;
  destination: DestinationInputs;
  /** destination artifact: how long GitHub keeps each backup (default: the repository's setting). */
  'retention-days'?: number;
  /** destination artifact: the REST API token for artifacts of other runs (empty: this run's only). */
  'github-token'?: string;
  'github-api-url'?: URL;
  /** destination artifact: workflow files whose runs' artifacts are trusted (empty: this run's own). */
  'artifact-workflow': string[];
  /** destination artifact: branches whose runs' artifacts are trusted (empty: the default branch). */
  'artifact-branches': string[];
  /** Where the dump runs: the runner, or the host in hosts. */
  'run-on': 'runner' | 'ssh';
  /** run-on ssh: the container on the host the tools run in (docker or podman exec). */
  container?: string;
  /** The host for run-on ssh and ssh: destinations (one). */
  ssh?: SshConnectionInputs;
  'name-prefix': string;
  compression: Compression;
  /** true: content check while streaming and the re-read; restore: also a scratch restore with row counts. */
  verify: 'true' | 'false' | 'restore';
  /** age recipients each new backup is encrypted to (empty: stored in the clear). */
  'encrypt-recipients': string[];
  /** The age identity that decrypts: restore, verify: restore. */
  'decrypt-identity'?: string;
  retention: RetentionPolicy;
  'temp-ttl': number;
  'restore-from'?: string;
  'restore-directory': string;
  'safety-backup': boolean;
  timeout: number;
}

function safePath(path: string): boolean {
  return (
    path.length > 0 && !path.startsWith('-') && !hasControlCharacter(path) && !path.split('/').includes('..')
  );
}

/** postgres:// and mysql:// URLs; the password is masked as soon as the URL is read. */
export function parseDatabaseUrl(text: string, engine: 'postgres' | 'mysql'): Connection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigurationError(messages.invalidInput('database-url', backupForms.databaseUrl, text, true));
  }
  const schemes = engine === 'postgres' ? ['postgres:', 'postgresql:'] : ['mysql:', 'mariadb:'];
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(url.username);
  const host = url.hostname;
  if (
    !schemes.includes(url.protocol) ||
    !HOST.test(host) ||
    !DB_NAME.test(database) ||
    (user && !USER.test(user)) ||
    url.search ||
    url.hash
  )
    throw new ConfigurationError(
      `Input 'database-url' must be ${engine === 'postgres' ? 'postgres://user:password@host:5432/name' : 'mysql://user:password@host:3306/name'} (no query or fragment; host, user and name without special characters)`,
    );
  return {
    host: host.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : undefined,
    user: user || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
  };
}

function readRetention(read: InputReader): RetentionPolicy {
  const count = { min: 1, max: 10_000 };
  return {
    keepLast: read.int('keep-last', count),
    keepDaily: read.int('keep-daily', count),
    keepWeekly: read.int('keep-weekly', count),
    keepMonthly: read.int('keep-monthly', count),
    maxAgeMs: read.duration('max-age', { minMs: 60_000 }),
  };
}

export type BackupDestination =
  | { kind: 'local' | 'ssh'; dir: string }
  | { kind: 's3'; bucket: string; prefix: string }
  | { kind: 'artifact' };

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const KEY_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d$/;

/** Where backups go, with everything that kind of destination needs. */
export type DestinationInputs =
  Exclude<BackupDestination, { kind: 's3' }> | { kind: 's3'; location: S3Location };

export function parseDestination(text: string): BackupDestination {
  const bad = (): ConfigurationError =>
    new ConfigurationError(messages.invalidInput('destination', backupForms.destination, text));
  if (text === 'artifact') return { kind: 'artifact' };
  if (text.startsWith('s3://')) {
    const [bucket = '', ...segments] = text.slice(5).replace(/\/+$/, '').split('/');
    if (!BUCKET.test(bucket) || bucket.includes('..') || !segments.every((seg) => KEY_SEGMENT.test(seg)))
      throw bad();
    return { kind: 's3', bucket, prefix: segments.join('/') };
  }
  const kind = text.startsWith('local:') ? 'local' : text.startsWith('ssh:') ? 'ssh' : undefined;
  const dir = kind ? text.slice(kind.length + 1) : '';
  if (!kind || !dir || !isAbsolute(dir) || !safePath(dir)) throw bad();
  return { kind, dir: dir.replace(/\/+$/, '') || '/' };
}

function readDestination(read: InputReader, destination: BackupDestination): DestinationInputs {
  const endpoint = read.url('s3-endpoint', { protocols: ['https:', 'http:'] });
  const region = read.string('s3-region', { pattern: REGION, accepted: backupForms.s3Region });
  const pathStyle = read.boolean('s3-force-path-style');
  if (destination.kind !== 's3') {
    if (endpoint || region)
      throw new ConfigurationError("Inputs 's3-endpoint' and 's3-region' are for an s3:// destination");
    return destination;
  }
  const location: S3Location = {
    bucket: destination.bucket,
    prefix: destination.prefix,
    endpoint: endpoint?.href.replace(/\/$/, ''),
    region: region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    // S3-compatible stores (MinIO, Ceph) usually need path-style addressing.
    forcePathStyle: pathStyle || endpoint !== undefined,
  };
  return { kind: 's3', location };
}

export function readInputs(read: InputReader): Inputs {
  // Secrets first: masked before anything can print them.
  const urlText = read.string('database-url', { secret: true });
  const password = read.string('db-password', { secret: true, raw: true });
  const githubToken = read.string('github-token', { secret: true });
  const identityText = read.string('decrypt-identity', { secret: true, raw: true });
  const identity = identityText === undefined ? undefined : parseAgeIdentity(identityText);
  if (identityText !== undefined && identity === undefined)
    throw new ConfigurationError(
      messages.invalidInput('decrypt-identity', ageForms.identity, identityText, true),
    );
  // It goes in an HTTP header: one line of visible characters (its value is never printed).
  if (githubToken !== undefined && !/^[\x21-\x7e]+$/.test(githubToken))
    throw new ConfigurationError(
      "Input 'github-token' must be a token: one line of printable characters without spaces",
    );
  const operation = read.enum('operation', ['backup', 'restore', 'list'] as const);
  const engine = read.enum('engine', ENGINES);
  const format = read.enum('format', ['custom', 'plain'] as const);
  const scope = read.enum('scope', ['database', 'cluster'] as const);
  if (engine !== 'postgres' && (format !== 'custom' || scope !== 'database'))
    throw new ConfigurationError("Inputs 'format' and 'scope' apply to engine postgres only");
  // Checked below: a socket path (mysql) is a host too.
  const host = read.string('db-host');
  const port = read.int('db-port', { min: 1, max: 65535 });
  const user = read.string('db-user', { pattern: USER, accepted: backupForms.user });
  const nameText = read.string('db-name');
  const paths = read.list('paths', { accepted: backupForms.paths });
  for (const p of paths)
    if (!safePath(p)) throw new ConfigurationError(messages.invalidInput('paths', backupForms.paths, p));

  let connection: Connection | undefined;
  if (engine === 'postgres' || engine === 'mysql') {
    if (urlText !== undefined) {
      if (host || port || user || password || nameText)
        throw new ConfigurationError("Set either 'database-url' or the db-* inputs, not both");
      connection = parseDatabaseUrl(urlText, engine);
    } else {
      if (!nameText && scope !== 'cluster')
        throw new ConfigurationError(
          messages.requiredInput('db-name', "the database to back up (or 'database-url')"),
        );
      if (nameText && !DB_NAME.test(nameText))
        throw new ConfigurationError(messages.invalidInput('db-name', backupForms.name, nameText));
      const socketOk = engine === 'mysql' && host?.startsWith('/') === true && safePath(host);
      if (host && !socketOk && !HOST.test(host))
        throw new ConfigurationError(messages.invalidInput('db-host', backupForms.host, host));
      connection = { host: host ?? '127.0.0.1', port, user, password, database: nameText ?? 'postgres' };
    }
    if (paths.length) throw new ConfigurationError(`Input 'paths' is for engine files`);
  } else if (engine === 'sqlite') {
    if (!nameText || !isAbsolute(nameText) || !safePath(nameText))
      throw new ConfigurationError(
        messages.invalidInput('db-name', 'the absolute path of the SQLite database file', nameText ?? ''),
      );
    if (urlText || host || port || user || password)
      throw new ConfigurationError('engine sqlite reads db-name (the file path) only');
    connection = { host: '', database: nameText };
  } else {
    if (paths.length === 0) throw new ConfigurationError(messages.requiredInput('paths', backupForms.paths));
    if (urlText || host || port || user || password || nameText)
      throw new ConfigurationError("engine files reads 'paths' only");
  }

  const destinationText = read.string('destination', { required: true, accepted: backupForms.destination });
  const destination = parseDestination(destinationText);
  const kind = destination.kind;
  const destinationInputs = readDestination(read, destination);
  const retentionDays = read.int('retention-days', { min: 1, max: 400 });
  if (retentionDays !== undefined && kind !== 'artifact')
    throw new ConfigurationError("Input 'retention-days' is for destination artifact");
  // Artifacts of other runs (list, restore, retention) go through the REST API with this token.
  const githubApiUrl = read.url('github-api-url', { protocols: ['https:', 'http:'] });
  const artifactWorkflow = read.list('artifact-workflow', { accepted: backupForms.workflow });
  for (const w of artifactWorkflow)
    if (!WORKFLOW_FILE.test(w))
      throw new ConfigurationError(messages.invalidInput('artifact-workflow', backupForms.workflow, w));
  const artifactBranches = read.list('artifact-branches', { accepted: backupForms.branch });
  for (const b of artifactBranches)
    if (!BRANCH.test(b) || b.includes('..') || b.endsWith('/') || b.endsWith('.lock'))
      throw new ConfigurationError(messages.invalidInput('artifact-branches', backupForms.branch, b));
  if ((artifactWorkflow.length > 0 || artifactBranches.length > 0) && kind !== 'artifact')
    throw new ConfigurationError(
      "Inputs 'artifact-workflow' and 'artifact-branches' are for destination artifact",
    );
  const runOn = read.enum('run-on', ['runner', 'ssh'] as const);
  const ssh = readSshConnectionInputs(read, { optional: true });
  const needsHost = kind === 'ssh' || runOn === 'ssh';
  if (needsHost && ssh?.hosts.length !== 1)
    throw new ConfigurationError(
      `${runOn === 'ssh' ? 'run-on ssh' : 'destination ssh:'} needs exactly one host in 'hosts' (and its SSH inputs)`,
    );
  if (!needsHost && ssh)
    throw new ConfigurationError(
      "Input 'hosts' is for run-on ssh or destination ssh:; this backup stays on the runner",
    );

  const verify = read.enum('verify', ['true', 'false', 'restore'] as const);
  if (verify === 'restore' && !(engine === 'mysql' || (engine === 'postgres' && scope === 'database')))
    throw new ConfigurationError(
      "Input 'verify': restore (a scratch restore with row counts) is for engine mysql, or postgres with scope database; use true for the others",
    );
  const recipients = read.list('encrypt-recipients', { accepted: ageForms.recipients });
  for (const r of recipients) {
    const problem = recipientProblem(r);
    if (problem) throw new ConfigurationError(`Input 'encrypt-recipients': ${problem}`);
  }
  if (recipients.length > 0 && identity === undefined && (verify === 'restore' || operation === 'restore'))
    throw new ConfigurationError(
      `Input 'decrypt-identity' is required: ${operation === 'restore' ? 'operation restore' : 'verify: restore'} reads the encrypted backup (${ageForms.identity})`,
    );
  const container = read.string('container', { pattern: CONTAINER, accepted: backupForms.container });
  if (container !== undefined && runOn !== 'ssh')
    throw new ConfigurationError(
      "Input 'container' needs 'run-on: ssh': the tools run inside that container on the host",
    );

  const defaultPrefix =
    engine === 'files'
      ? 'files'
      : engine === 'sqlite'
        ? 'sqlite'
        : `${engine}-${connection?.database ?? 'cluster'}`;
  const spec: DumpSpec =
    engine === 'files' || !connection
      ? { engine: 'files', paths }
      : engine === 'postgres'
        ? { engine, connection, format, scope }
        : { engine, connection };
  const prefix =
    read.string('name-prefix', { pattern: PREFIX, accepted: backupForms.prefix }) ?? defaultPrefix;
  if (!PREFIX.test(prefix))
    throw new ConfigurationError(messages.invalidInput('name-prefix', backupForms.prefix, prefix));
  const restoreFrom = read.string('restore-from', { pattern: FILE_NAME, accepted: backupForms.restoreFrom });
  const restoreDirectory = read.string('restore-directory') ?? '/';
  if (!isAbsolute(restoreDirectory) || !safePath(restoreDirectory))
    throw new ConfigurationError(
      messages.invalidInput('restore-directory', 'an absolute directory', restoreDirectory),
    );
  return {
    operation,
    spec,
    destination: destinationInputs,
    'retention-days': retentionDays,
    'github-token': githubToken,
    'artifact-workflow': artifactWorkflow,
    'artifact-branches': artifactBranches,
    'github-api-url': githubApiUrl,
    'run-on': runOn,
    container,
    ssh,
    'name-prefix': prefix,
    compression: read.enum('compression', COMPRESSIONS),
    verify,
    'encrypt-recipients': recipients,
    'decrypt-identity': identity,
    retention: readRetention(read),
    'temp-ttl': read.requiredDuration('temp-ttl', { minMs: 60_000 }),
    'restore-from': restoreFrom,
    'restore-directory': restoreDirectory,
    'safety-backup': read.boolean('safety-backup'),
    timeout: read.requiredDuration('timeout', { minMs: 1000 }),
  };
}
