/**
 * Pure argv builders for the container engines (as Kamal builds its commands): nothing here runs
 * anything, so every flag is covered by table-driven tests. Secrets never appear: build secrets go
 * by file (`src=`), registry passwords on stdin.
 */
export type Engine = 'docker' | 'podman';

export type CacheSpec = { kind: 'none' } | { kind: 'gha'; scope: string } | { kind: 'registry'; ref: string };

export interface BuildSpec {
  engine: Engine;
  context: string;
  file?: string;
  /** Full references, name:tag, for every image name and tag. */
  refs: string[];
  labels: ReadonlyArray<[string, string]>;
  platforms: readonly string[];
  buildArgs: ReadonlyArray<[string, string]>;
  /** BuildKit/podman secrets by id, each read from a 0600 file. */
  secrets: ReadonlyArray<{ id: string; file: string }>;
  target?: string;
  cache: CacheSpec;
  push: boolean;
  /** docker: buildx's --metadata-file; podman: --iidfile. */
  metadataFile: string;
}

export function buildArgv(spec: BuildSpec): string[] {
  const argv = spec.engine === 'docker' ? ['docker', 'buildx', 'build'] : ['podman', 'build'];
  if (spec.file) argv.push('--file', spec.file);
  for (const ref of spec.refs) argv.push('--tag', ref);
  for (const [key, value] of spec.labels) argv.push('--label', `${key}=${value}`);
  if (spec.platforms.length > 0) argv.push('--platform', spec.platforms.join(','));
  for (const [key, value] of spec.buildArgs) argv.push('--build-arg', `${key}=${value}`);
  for (const secret of spec.secrets) argv.push('--secret', `id=${secret.id},src=${secret.file}`);
  if (spec.target) argv.push('--target', spec.target);
  if (spec.engine === 'docker') {
    if (spec.cache.kind === 'gha') {
      // The cache service URL and token come from the runner's environment, never argv.
      argv.push('--cache-from', `type=gha,scope=${spec.cache.scope}`);
      argv.push('--cache-to', `type=gha,mode=max,scope=${spec.cache.scope}`);
    } else if (spec.cache.kind === 'registry') {
      argv.push('--cache-from', `type=registry,ref=${spec.cache.ref}`);
      argv.push('--cache-to', `type=registry,ref=${spec.cache.ref},mode=max`);
    }
    argv.push('--metadata-file', spec.metadataFile);
    argv.push(spec.push ? '--push' : '--load');
  } else {
    argv.push('--layers');
    if (spec.cache.kind === 'registry')
      argv.push('--cache-from', spec.cache.ref, '--cache-to', spec.cache.ref);
    argv.push('--iidfile', spec.metadataFile);
  }
  // '--' would end options for podman but not for buildx; a context never starts with '-' (validated).
  argv.push(spec.context);
  return argv;
}

/** podman pushes each reference itself; the digest file holds the manifest digest it pushed. */
export function pushArgv(ref: string, digestFile: string): string[] {
  return ['podman', 'push', '--digestfile', digestFile, ref];
}

export function loginArgv(engine: Engine, registry: string, username: string): string[] {
  return [engine, 'login', '--username', username, '--password-stdin', registry];
}

export function logoutArgv(engine: Engine, registry: string): string[] {
  return [engine, 'logout', registry];
}

/** A gha cache scope per image and platform, so matrix legs do not evict each other's layers. */
export function ghaScope(image: string, platform: string | undefined): string {
  return `${image}${platform ? `-${platform}` : ''}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}
