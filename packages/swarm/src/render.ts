import { createHash } from 'node:crypto';
import { ConfigurationError, mapStrings } from '@deploy-kit/core';
import { imageReferenceForm, isImageReference, registryOf } from '@deploy-kit/image';

/**
 * The stack file deploy-swarm hands to `docker stack deploy`, rendered by us: `docker stack deploy`
 * ignores `.env` files (moby#29133), so variables are interpolated here, before connecting; images
 * are pinned to digests; configs and secrets get content-hashed names (moby#35048); services get
 * safe update defaults. Everything here is pure: files and variables come in, documents go out.
 */

export type Doc = Record<string, unknown>;

export const SERVICE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
const SERVICE_FORM = 'compose service names of letters, digits, _ . - (starting with a letter or digit)';

const isMap = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Looks a variable up: the `env` input first, then the runner's environment. */
export type Lookup = (name: string) => string | undefined;

export interface Interpolation {
  /** Variables used without a value or default: compose substitutes '' and warns, so do we. */
  unset: string[];
}

const VARIABLE =
  /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^}])*))?\}|([A-Za-z_][A-Za-z0-9_]*)|(\{[^}]*\}?))/g;

/** Compose's interpolation of one string: $$, $VAR, ${VAR}, ${VAR:-d}, ${VAR-d}, ${VAR:?m}, ${VAR?m}, ${VAR:+a}, ${VAR+a}. */
export function interpolate(text: string, lookup: Lookup, where: string, seen: Interpolation): string {
  return text.replace(
    VARIABLE,
    (_m, dollar?: string, braced?: string, op?: string, arg?: string, bare?: string, bad?: string) => {
      if (dollar) return '$';
      if (bad !== undefined)
        throw new ConfigurationError(
          `${where}: invalid interpolation ${JSON.stringify(`$${bad}`)}; write \${NAME}, \${NAME:-default} or \${NAME:?message} (or $$ for a literal $)`,
        );
      const name = braced ?? bare ?? '';
      const value = lookup(name);
      const empty = value === undefined || value === '';
      switch (op) {
        case ':-':
          return empty ? (arg ?? '') : value;
        case '-':
          return value ?? arg ?? '';
        case ':?':
        case '?':
          if (op === ':?' ? empty : value === undefined)
            throw new ConfigurationError(
              `${where}: required variable ${name} is ${value === undefined ? 'not set' : 'empty'}${arg ? `: ${arg}` : ''} (set it in 'env' or the job's environment)`,
            );
          return value ?? '';
        case ':+':
          return empty ? '' : (arg ?? '');
        case '+':
          return value === undefined ? '' : (arg ?? '');
        default:
          if (value === undefined && !seen.unset.includes(name)) seen.unset.push(name);
          return value ?? '';
      }
    },
  );
}

/** Interpolates every string value (not keys) of a parsed compose document. */
export function interpolateDocument(
  doc: unknown,
  lookup: Lookup,
  file: string,
  seen: Interpolation,
): unknown {
  return mapStrings(doc, (text, path) => interpolate(text, lookup, `${file}: ${path}`, seen));
}

/** Later files override earlier ones: mappings merge key by key, anything else is replaced. */
export function mergeDocuments(docs: readonly Doc[]): Doc {
  const merge = (a: unknown, b: unknown): unknown => {
    if (isMap(a) && isMap(b)) {
      const out: Doc = { ...a };
      for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
      return out;
    }
    return b;
  };
  return docs.reduce<Doc>((acc, d) => merge(acc, d) as Doc, {});
}

/** A file the stack references (configs/secrets `file:`), read on the runner. */
export interface StackFile {
  kind: 'config' | 'secret';
  key: string;
  /** Name in the swarm: `<stack>_<key>-<first 12 hex of its SHA-256>`. */
  name: string;
  content: Buffer;
}

export interface ServicePlan {
  name: string;
  /** The image as written (after interpolation). */
  image: string;
  /** Publishes a port in host mode: two tasks cannot share it on one node, so updates stop first. */
  hostPorts: boolean;
}

export interface RenderedStack {
  doc: Doc;
  services: ServicePlan[];
  files: StackFile[];
  unset: string[];
}

export const UPDATE_DEFAULTS = { parallelism: 1, failure_action: 'rollback', monitor: '10s' } as const;

function publishesHostPort(service: Doc): boolean {
  const ports = service.ports;
  return Array.isArray(ports) && ports.some((p) => isMap(p) && p.mode === 'host');
}

/**
 * Parses, interpolates and merges the compose files, then checks what deploy-swarm needs:
 * services with valid names and images, configs/secrets from files (read through `readFile`).
 */
export function renderStack(
  stack: string,
  files: ReadonlyArray<{ path: string; text: string }>,
  lookup: Lookup,
  parse: (text: string) => unknown,
  readFile: (key: string, path: string, kind: 'config' | 'secret') => Buffer,
): RenderedStack {
  const seen: Interpolation = { unset: [] };
  const docs = files.map(({ path, text }) => {
    let parsed: unknown;
    try {
      parsed = parse(text);
    } catch (error) {
      throw new ConfigurationError(
        `Input 'compose-file': ${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    if (!isMap(parsed))
      throw new ConfigurationError(
        `Input 'compose-file': ${path} is not a compose file (a mapping with 'services')`,
      );
    return interpolateDocument(parsed, lookup, path, seen) as Doc;
  });
  const doc = mergeDocuments(docs);
  const servicesDoc = doc.services;
  if (!isMap(servicesDoc) || Object.keys(servicesDoc).length === 0)
    throw new ConfigurationError(
      `Input 'compose-file': no services in ${files.map((f) => f.path).join(', ')}`,
    );
  const services: ServicePlan[] = [];
  for (const [name, value] of Object.entries(servicesDoc)) {
    if (!SERVICE.test(name))
      throw new ConfigurationError(
        `Input 'compose-file': service ${JSON.stringify(name)} is not ${SERVICE_FORM}`,
      );
    if (!isMap(value)) throw new ConfigurationError(`Input 'compose-file': service ${name} is not a mapping`);
    if (value.build !== undefined && value.image === undefined)
      throw new ConfigurationError(
        `Input 'compose-file': service ${name} has 'build' but no 'image'; a swarm runs images from a registry (build them with build-image)`,
      );
    const image = value.image;
    if (typeof image !== 'string' || !isImageReference(image))
      throw new ConfigurationError(
        `Input 'compose-file': service ${name}: 'image' must be ${imageReferenceForm}, got ${JSON.stringify(image)}`,
      );
    services.push({ name, image, hostPorts: publishesHostPort(value) });
  }
  const stackFiles: StackFile[] = [];
  for (const kind of ['config', 'secret'] as const) {
    const section = doc[`${kind}s`];
    if (section === undefined) continue;
    if (!isMap(section)) throw new ConfigurationError(`Input 'compose-file': '${kind}s' is not a mapping`);
    for (const [key, def] of Object.entries(section)) {
      if (!SERVICE.test(key))
        throw new ConfigurationError(
          `Input 'compose-file': ${kind} ${JSON.stringify(key)} is not a valid name`,
        );
      if (!isMap(def)) throw new ConfigurationError(`Input 'compose-file': ${kind} ${key} is not a mapping`);
      if (def.external) continue;
      if (typeof def.file !== 'string')
        throw new ConfigurationError(
          `Input 'compose-file': ${kind} ${key} needs 'file' (or 'external: true'); deploy-swarm creates ${kind}s from files`,
        );
      const content = readFile(key, def.file, kind);
      const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
      stackFiles.push({ kind, key, name: `${stack}_${key}-${hash}`, content });
    }
  }
  return { doc, services, files: stackFiles, unset: seen.unset };
}

/** `failure_action: rollback`, one task at a time, start-first where a port allows: what the user did not set. */
export function withUpdateDefaults(doc: Doc, services: readonly ServicePlan[]): Doc {
  const out = structuredClone(doc);
  const section = out.services as Record<string, Doc>;
  for (const service of services) {
    const def = section[service.name] ?? {};
    const deploy = isMap(def.deploy) ? def.deploy : {};
    const order = service.hostPorts ? 'stop-first' : 'start-first';
    const update = isMap(deploy.update_config) ? deploy.update_config : {};
    const rollback = isMap(deploy.rollback_config) ? deploy.rollback_config : {};
    deploy.update_config = { ...UPDATE_DEFAULTS, order, ...update };
    deploy.rollback_config = { parallelism: 1, order, ...rollback };
    def.deploy = deploy;
    section[service.name] = def;
  }
  return out;
}

/**
 * The document for one purpose: `deploy` points configs/secrets at the staged files, `record`
 * (the history kept for rollback) at the swarm objects by name, so no secret is stored on disk.
 * `images` maps each service to the reference it runs (pinned where it could be).
 */
export function stackDocument(
  doc: Doc,
  files: readonly StackFile[],
  images: ReadonlyMap<string, string>,
  purpose: 'deploy' | 'record',
): Doc {
  // Rendered values are final: `docker stack deploy` interpolates again, so every $ is doubled.
  const out = escapeDollars(doc) as Doc;
  if (out.version === undefined) out.version = '3.8';
  for (const [name, def] of Object.entries(out.services as Record<string, Doc>)) {
    const image = images.get(name);
    if (image) def.image = image;
  }
  for (const file of files) {
    const section = out[`${file.kind}s`] as Record<string, Doc>;
    section[file.key] =
      purpose === 'deploy'
        ? { name: file.name, file: `./files/${file.kind}-${file.key}` }
        : { name: file.name, external: true };
  }
  return out;
}

/** Every string value with `$` written `$$`, which compose reads back as one literal `$`. */
export function escapeDollars(value: unknown): unknown {
  return mapStrings(value, (text) => text.replace(/\$/g, '$$$$'));
}

/** `repo@sha256:…` entries (docker image inspect's RepoDigests) → the one for this image's repository. */
export function pinImage(image: string, repoDigests: readonly string[]): string | undefined {
  if (image.includes('@sha256:')) return image;
  const repo = repositoryOf(image);
  const candidates = [repo, repo.replace(/^docker\.io\//, ''), repo.replace(/^docker\.io\/library\//, '')];
  const match = repoDigests.find((d) => candidates.includes(d.slice(0, d.indexOf('@'))));
  return match ? `${image}${match.slice(match.indexOf('@'))}` : undefined;
}

/** The repository of a reference: without tag or digest, with docker.io's implicit names filled in. */
export function repositoryOf(image: string): string {
  const bare = (image.split('@')[0] ?? image).replace(/:[^/:]*$/, '');
  if (registryOf(bare) !== 'docker.io' || bare.startsWith('docker.io/')) return bare;
  return bare.includes('/') ? `docker.io/${bare}` : `docker.io/library/${bare}`;
}
