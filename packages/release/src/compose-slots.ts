import { createHash } from 'node:crypto';
import { ConfigurationError, type YamlLibrary } from '@deploy-kit/core';
import type { Slot } from './types.js';

/** The file in each blue-green compose release that holds both slots' variants of its services. */
export const SLOTS_FILE = 'compose.slots.yaml';
/** Beside it: what the in-place services' definitions hash to, so an unchanged database is left running. */
export const IN_PLACE_HASH_FILE = 'in-place.sha256';
/** The label that keeps a service with a published port out of blue-green (a database, say). */
export const IN_PLACE_LABEL = 'deploy-kit.in-place';

/** Blue-green compose: which services run twice, and the rendered file that names them per slot. */
export interface ComposeSlotPlan {
  /** Services started beside the old ones in the new slot: first the one whose port the proxy fronts. */
  services: string[];
  /** Services updated in place, only when their definition (or a variable it uses) changed. */
  inPlace: string[];
  /** compose.slots.yaml: `<service>-blue` and `<service>-green` for each blue-green service. */
  file: string;
  inPlaceSha256: string;
}

/** A blue-green service's name in `slot`: two compose services, so both can run at once. */
export function slotService(service: string, slot: Slot): string {
  return `${service}-${slot}`;
}

type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fileError(detail: string): ConfigurationError {
  return new ConfigurationError(`Input 'compose-file': ${detail}`);
}

function labelled(service: Mapping): boolean {
  const { labels } = service;
  if (Array.isArray(labels)) return labels.some((l) => String(l).trim() === `${IN_PLACE_LABEL}=true`);
  return isMapping(labels) && String(labels[IN_PLACE_LABEL]) === 'true';
}

/** Splits on `:` outside `${…}` and `[…]` (`127.0.0.1:${PORT:-80}:8080`, `[::1]:80:8080`). */
function splitPort(spec: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < spec.length; i += 1) {
    const c = spec.charAt(i);
    if (c === '$' && spec.charAt(i + 1) === '{') depth += 1;
    else if (c === '[') depth += 1;
    else if ((c === '}' || c === ']') && depth > 0) depth -= 1;
    if (c === ':' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** One `ports` entry with its host port replaced by `port`; the host address and protocol kept. */
export function publishOn(entry: unknown, port: number, service: string): unknown {
  if (isMapping(entry)) {
    if (entry.target === undefined) throw fileError(`service ${service}: a long-form port needs 'target'`);
    return { ...entry, published: String(port) };
  }
  if (typeof entry !== 'string' && typeof entry !== 'number')
    throw fileError(`service ${service}: a port must be a string, number or mapping`);
  const text = String(entry);
  const slash = text.lastIndexOf('/');
  const [spec, protocol] =
    slash > text.lastIndexOf('}') ? [text.slice(0, slash), text.slice(slash)] : [text, ''];
  const parts = splitPort(spec);
  const container = parts.at(-1) ?? '';
  if (container === '' || parts.length > 3)
    throw fileError(
      `service ${service}: cannot read the port '${text}' ([host-ip:][host-port:]container-port)`,
    );
  // Only a container port: the slot port on loopback, where the proxy on the host reaches it.
  const address = parts.length === 3 ? parts[0] : parts.length === 1 ? '127.0.0.1' : undefined;
  return `${address === undefined ? '' : `${address}:`}${port}:${container}${protocol}`;
}

/** depends_on kept only for `keep`, renamed by `rename` (list and mapping forms). */
function withDependencies(
  service: Mapping,
  keep: (name: string) => boolean,
  rename: (name: string) => string,
): Mapping {
  const { depends_on: deps, ...rest } = service;
  if (deps === undefined) return rest;
  if (Array.isArray(deps)) {
    const kept = deps.map(String).filter(keep).map(rename);
    return kept.length ? { ...rest, depends_on: kept } : rest;
  }
  if (!isMapping(deps)) return rest;
  const kept = Object.entries(deps).filter(([name]) => keep(name));
  return kept.length
    ? { ...rest, depends_on: Object.fromEntries(kept.map(([n, v]) => [rename(n), v])) }
    : rest;
}

/** Docker compose: the slot variant answers to the service's own name on its networks too. */
function withAlias(service: Mapping, alias: string): Mapping {
  const { networks } = service;
  const names = Array.isArray(networks)
    ? networks.map(String)
    : isMapping(networks)
      ? Object.keys(networks)
      : ['default'];
  const entries = names.map((name) => {
    const current = isMapping(networks) && isMapping(networks[name]) ? networks[name] : {};
    const aliases = Array.isArray(current.aliases) ? current.aliases.map(String) : [];
    return [name, { ...current, aliases: [...new Set([...aliases, alias])] }] as const;
  });
  return { ...service, networks: Object.fromEntries(entries) };
}

/**
 * Renders the blue-green form of a compose file: each service in `named` (default: the one that
 * publishes a port, unless labelled deploy-kit.in-place) becomes `<name>-blue` on the blue port and
 * `<name>-green` on the green one, so the new slot starts beside the old; its depends_on keeps only
 * blue-green services, so bringing a slot up never recreates a database. Everything is checked here,
 * before any host is touched.
 */
export function planComposeSlots(
  content: string,
  options: {
    named: readonly string[];
    ports: readonly [number, number];
    engine: 'docker' | 'podman';
    /** The project env file's pairs (VERSION, IMAGE, env): an in-place service using one changes with it. */
    env: ReadonlyArray<readonly [string, string]>;
  },
  /** `loadYaml()`'s: passed in, so the plan stays synchronous and the parser loads only in compose mode. */
  yaml: YamlLibrary,
): ComposeSlotPlan {
  let doc: unknown;
  try {
    doc = yaml.parse(content, { merge: true, maxAliasCount: 1000 });
  } catch (error) {
    throw fileError(
      `not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
  if (!isMapping(doc) || !isMapping(doc.services) || Object.keys(doc.services).length === 0)
    throw fileError("no 'services' mapping");
  const all = doc.services;
  for (const [name, service] of Object.entries(all))
    if (!isMapping(service)) throw fileError(`service ${name} is not a mapping`);
  const service = (name: string): Mapping => {
    const found = all[name];
    return isMapping(found) ? found : {};
  };
  const publishes = (name: string): boolean =>
    Array.isArray(service(name).ports) && (service(name).ports as unknown[]).length > 0;
  for (const name of options.named) {
    if (!(name in all))
      throw new ConfigurationError(`Input 'services': ${name} is not a service of the compose file`);
    if (labelled(service(name)))
      throw new ConfigurationError(
        `Input 'services': ${name} is labelled ${IN_PLACE_LABEL}=true; a service is either blue-green or in place`,
      );
  }
  const names = options.named.length
    ? [...options.named]
    : Object.keys(all).filter((name) => publishes(name) && !labelled(service(name)));
  const fronted = names.filter(publishes);
  if (fronted.length !== 1) {
    const found = fronted.length ? `${fronted.join(', ')} publish ports` : 'none publishes a port';
    throw new ConfigurationError(
      `Input 'services': blue-green compose fronts exactly one service with a published port, and ${found}; name the fronted service (and any worker that should run beside it) in 'services', and label services that cannot run twice ${IN_PLACE_LABEL}: "true"`,
    );
  }
  const [front] = fronted as [string];
  const ports = service(front).ports as unknown[];
  if (ports.length !== 1)
    throw fileError(
      `service ${front} publishes ${ports.length} ports; blue-green moves one, the one the proxy fronts`,
    );
  const blueGreen = new Set(names);
  const inPlace = Object.keys(all).filter((name) => !blueGreen.has(name));
  for (const name of names) {
    const s = service(name);
    if (s.container_name !== undefined)
      throw fileError(
        `service ${name} sets container_name, so it cannot run twice; remove it or label it ${IN_PLACE_LABEL}: "true"`,
      );
    if (s.network_mode === 'host')
      throw fileError(`service ${name} uses network_mode: host, so both slots would bind the same port`);
    for (const taken of ['blue', 'green'] as const)
      if (slotService(name, taken) in all)
        throw fileError(`a service is already named ${slotService(name, taken)}`);
  }
  const services: Mapping = {};
  for (const name of inPlace)
    services[name] = withDependencies(
      service(name),
      (dep) => !blueGreen.has(dep),
      (dep) => dep,
    );
  for (const name of names) {
    for (const slot of ['blue', 'green'] as const) {
      let variant = withDependencies(
        service(name),
        (dep) => blueGreen.has(dep),
        (dep) => slotService(dep, slot),
      );
      if (name === front)
        variant = { ...variant, ports: [publishOn(ports[0], options.ports[slot === 'blue' ? 0 : 1], name)] };
      // podman-compose 1.0 ignores network aliases (it names the container after the service itself).
      if (options.engine === 'docker') variant = withAlias(variant, name);
      services[slotService(name, slot)] = variant;
    }
  }
  const top = Object.fromEntries(Object.entries(doc).filter(([key]) => key !== 'services'));
  const rendered = { ...top, services };
  const inPlaceDefinition = JSON.stringify({ top, services: inPlace.map((name) => [name, services[name]]) });
  const used = new Set([...inPlaceDefinition.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
  const values = options.env.filter(([key]) => used.has(key));
  const inPlaceSha256 = createHash('sha256')
    .update(JSON.stringify([inPlaceDefinition, values]))
    .digest('hex');
  return {
    services: [front, ...names.filter((n) => n !== front)],
    inPlace,
    file: yaml.stringify(rendered, { lineWidth: 0 }),
    inPlaceSha256,
  };
}
