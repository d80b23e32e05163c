import { createHash, createHmac } from 'node:crypto';
import { ConfigurationError, messages } from '@deploy-kit/core';

/** SSH wire-format key types and the host-key algorithms that negotiate them. */
const ALGORITHMS_BY_TYPE: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};
const TYPE_ALIASES: Record<string, string> = {
  ED25519: 'ssh-ed25519',
  ECDSA: 'ecdsa-sha2-nistp256',
  RSA: 'ssh-rsa',
};

export const FINGERPRINT_FORM =
  "SHA256:<43 base64 characters>, optionally with its key type ('ssh-ed25519 SHA256:…' or 'SHA256:… (ED25519)'), " +
  "one line per host as 'host=SHA256:…' (or 'host:port=…') when there are several";

export interface FingerprintPin {
  fingerprint: string;
  /** Wire key type when the user named it; undefined means "any type". */
  type?: string;
  /** The host (and port, when given) this pin is for; undefined: a bare pin, for any host. */
  host?: { name: string; port?: number };
}

export interface KnownHost {
  /** Patterns as written: plain names, `[host]:port`, or hashed `|1|salt|hash`. */
  hosts: string[];
  type: string;
  key: Buffer;
  revoked: boolean;
}

export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type is the first string of the SSH wire encoding of a public key. */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  return key.subarray(4, 4 + length).toString('latin1');
}

export function algorithmsFor(types: Iterable<string>): string[] {
  const result = new Set<string>();
  for (const type of types) for (const algorithm of ALGORITHMS_BY_TYPE[type] ?? [type]) result.add(algorithm);
  return [...result];
}

export function parseFingerprintPins(input: string, items: readonly string[]): FingerprintPin[] {
  return items.map((item) => {
    // `host=…`, `host:port=…` or `[v6]:port=…` names the host; a bare pin has no `=` before SHA256.
    const named = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::(\d{1,5}))?=(.+)$/.exec(item.trim());
    const [, name = '', port, namedPin = ''] = named ?? [];
    const host = named
      ? { name: name.replace(/^\[|\]$/g, ''), ...(port ? { port: Number(port) } : {}) }
      : undefined;
    const pin = named ? namedPin : item;
    const match = /^(?:([a-z0-9-]+@?[a-z0-9.-]*)\s+)?(SHA256:[A-Za-z0-9+/]{43})=?(?:\s+\((\w+)\))?$/.exec(
      pin.trim(),
    );
    if (!match) throw new ConfigurationError(messages.invalidInput(input, FINGERPRINT_FORM, item));
    const [, prefixType, fingerprint = '', suffixType] = match;
    const type = prefixType ?? (suffixType ? TYPE_ALIASES[suffixType.toUpperCase()] : undefined);
    if ((prefixType && !ALGORITHMS_BY_TYPE[prefixType]) || (suffixType && !type)) {
      throw new ConfigurationError(messages.invalidInput(input, FINGERPRINT_FORM, item));
    }
    return { fingerprint, type, ...(host ? { host } : {}) };
  });
}

/**
 * The pins that apply to one host: those naming it (by name, and port when the pin gives one), or
 * else the bare pins. One host's key can then never stand in for another's.
 */
export function pinsFor(pins: readonly FingerprintPin[], host: string, port: number): FingerprintPin[] {
  const named = pins.filter((p) => p.host && p.host.name === host && (p.host.port ?? port) === port);
  return named.length > 0 ? named : pins.filter((p) => !p.host);
}

/**
 * Checks the pins against the hosts they are for: every named host must be one of `targets`, and
 * every target must have a pin. Returns a warning when one bare pin is used for several hosts.
 */
export function checkPinCoverage(
  input: string,
  pins: readonly FingerprintPin[],
  targets: ReadonlyArray<{ host: string; port: number }>,
): string | undefined {
  for (const pin of pins) {
    if (!pin.host) continue;
    const { name, port } = pin.host;
    if (!targets.some((t) => t.host === name && (port === undefined || t.port === port)))
      throw new ConfigurationError(
        `Input '${input}' pins ${name}${port === undefined ? '' : `:${port}`}, which is not one of 'hosts' or 'proxy-jump'`,
      );
  }
  const unpinned = targets.filter((t) => pinsFor(pins, t.host, t.port).length === 0);
  if (unpinned.length > 0)
    throw new ConfigurationError(
      `Input '${input}' has no pin for ${unpinned.map((t) => `${t.host}:${t.port}`).join(', ')}: add a line 'host=SHA256:…' for each host`,
    );
  const bareUsers = targets.filter((t) => pinsFor(pins, t.host, t.port).every((p) => !p.host));
  if (bareUsers.length > 1)
    return `'${input}': the same unnamed pins are accepted for ${bareUsers.length} hosts (${bareUsers.map((t) => t.host).join(', ')}), so one host's key would be accepted for another; pin each host as 'host=SHA256:…'`;
  return undefined;
}

export const KNOWN_HOSTS_FORM = 'known_hosts lines: [@revoked] host[,host…] key-type base64-key';

export function parseKnownHosts(input: string, text: string): KnownHost[] {
  const entries: KnownHost[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let revoked = false;
    if (fields[0] === '@revoked') {
      revoked = true;
      fields.shift();
    } else if (fields[0]?.startsWith('@')) {
      throw new ConfigurationError(
        messages.invalidInput(input, `${KNOWN_HOSTS_FORM} (${fields[0]} is not supported)`, line),
      );
    }
    const [hosts, type, base64] = fields;
    const key = base64 && /^[A-Za-z0-9+/]+=*$/.test(base64) ? Buffer.from(base64, 'base64') : undefined;
    if (!hosts || !type || !key || keyTypeOf(key) !== type) {
      throw new ConfigurationError(messages.invalidInput(input, KNOWN_HOSTS_FORM, line));
    }
    entries.push({ hosts: hosts.split(','), type, key, revoked });
  }
  return entries;
}

function patternMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  if (!/[*?]/.test(pattern)) return pattern === name;
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return regex.test(name);
}

/** The names OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostNames(host: string, port: number): string[] {
  return port === 22 ? [host] : [`[${host}]:${port}`];
}

export function knownHostsFor(entries: readonly KnownHost[], host: string, port: number): KnownHost[] {
  const names = knownHostNames(host, port);
  return entries.filter((entry) => {
    const negated = entry.hosts.some(
      (p) => p.startsWith('!') && names.some((n) => patternMatches(p.slice(1), n)),
    );
    return !negated && entry.hosts.some((p) => !p.startsWith('!') && names.some((n) => patternMatches(p, n)));
  });
}

export type HostKeyPolicy =
  | { kind: 'fingerprints'; pins: FingerprintPin[] }
  | { kind: 'known-hosts'; entries: KnownHost[] }
  | { kind: 'insecure' };

export interface HostKeyCheck {
  /** Host-key algorithms to offer, so the server presents a key of a pinned type. */
  algorithms?: string[];
  verify(key: Buffer): { ok: boolean; fingerprint: string; type: string };
}

/** Builds the check for one host. Undefined algorithms = negotiate as usual (no type was pinned). */
export function hostKeyCheck(policy: HostKeyPolicy, host: string, port: number): HostKeyCheck {
  const describe = (key: Buffer) => ({ fingerprint: fingerprintOf(key), type: keyTypeOf(key) });
  switch (policy.kind) {
    case 'insecure':
      return { verify: (key) => ({ ok: true, ...describe(key) }) };
    case 'fingerprints': {
      const pins = pinsFor(policy.pins, host, port);
      const types = pins.flatMap((p) => (p.type === undefined ? [] : [p.type]));
      return {
        algorithms: types.length === pins.length && pins.length > 0 ? algorithmsFor(types) : undefined,
        verify: (key) => {
          const seen = describe(key);
          const ok = pins.some(
            (p) => p.fingerprint === seen.fingerprint && (!p.type || p.type === seen.type),
          );
          return { ok, ...seen };
        },
      };
    }
    case 'known-hosts': {
      const entries = knownHostsFor(policy.entries, host, port);
      const trusted = entries.filter((e) => !e.revoked);
      return {
        algorithms: trusted.length > 0 ? algorithmsFor(trusted.map((e) => e.type)) : ['ssh-ed25519'],
        verify: (key) => {
          const seen = describe(key);
          const revoked = entries.some((e) => e.revoked && e.key.equals(key));
          return { ok: !revoked && trusted.some((e) => e.key.equals(key)), ...seen };
        },
      };
    }
  }
}

/** Key types to try one at a time when a fingerprint pin names no type (RSA+ED25519 hosts). */
export const FALLBACK_KEY_TYPES = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa',
];
