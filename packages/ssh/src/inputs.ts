import { ConfigurationError, type InputReader } from '@deploy-kit/core';
import { checkPinCoverage, parseFingerprintPins, parseKnownHosts, type HostKeyPolicy } from './hostkeys.js';
import { checkPrivateKey, keyMessages } from './keys.js';
import { isValidUser, parseTarget, TARGET_FORM, type SshTarget } from './target.js';
import { connect, loadSsh2, type SshAuth, type SshConnection } from './connection.js';
import type { Clock, Logger } from '@deploy-kit/core';

/** How to reach hosts over SSH (each action.yml; docs/architecture.md): deploy-ssh, rollback, db-backup, health-gate. */
export interface SshConnectionInputs {
  hosts: SshTarget[];
  'ssh-key'?: string;
  'ssh-key-passphrase'?: string;
  password?: string;
  hostKeys: HostKeyPolicy;
  'proxy-jump'?: SshTarget;
  'connect-timeout': number;
  /** Said once when connecting: host-key settings that are allowed but weaker than they could be. */
  warnings: string[];
}

/** Connection inputs plus how a run goes over a fleet (actions that change hosts). */
export interface SshInputs extends SshConnectionInputs {
  'command-timeout': number;
  'max-parallel': number;
  'fail-fast': boolean;
}

export const sshMessages = {
  noHostKeyPolicy: (): string =>
    "Set 'host-fingerprint' (SHA256:… from 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub' on the host) or 'known-hosts' " +
    "(from 'ssh-keyscan -p <port> <host>'), or set 'insecure-skip-host-key-check: true' to connect to an unverified host",
  noCredentials: (): string => "Set 'ssh-key' (recommended) or 'password' to authenticate",
  bothHostKeyInputs: (): string => "Set either 'host-fingerprint' or 'known-hosts', not both",
};

/**
 * Reads the connection inputs. With `optional`, an empty `hosts` means "no SSH" (health-gate
 * probing directly) and returns undefined; the other inputs are still validated.
 */
export function readSshConnectionInputs(
  read: InputReader,
  options: { optional: true },
): SshConnectionInputs | undefined;
export function readSshConnectionInputs(
  read: InputReader,
  options?: { optional?: false },
): SshConnectionInputs;
export function readSshConnectionInputs(
  read: InputReader,
  options: { optional?: boolean } = {},
): SshConnectionInputs | undefined {
  // Secrets first: registered (masked) before anything else can print them.
  const sshKey = read.string('ssh-key', { secret: true, raw: true });
  const passphrase = read.string('ssh-key-passphrase', { secret: true, raw: true });
  const password = read.string('password', { secret: true, raw: true });
  const user = read.string('user', { required: true, accepted: 'a user name (letters, digits, _ . -)' });
  if (!isValidUser(user))
    throw new ConfigurationError(
      `Input 'user' must be a user name (letters, digits, _ . -), got ${JSON.stringify(user)}`,
    );
  const port = read.requiredInt('port', { min: 1, max: 65535 });
  const hosts = read
    .list('hosts', { required: !options.optional, accepted: `one or more ${TARGET_FORM}` })
    .map((h) => parseTarget('hosts', h, { user, port }));
  const fingerprints = read.list('host-fingerprint');
  const knownHosts = read.string('known-hosts', { raw: true });
  const insecure = read.boolean('insecure-skip-host-key-check');
  const proxyJumpText = read.string('proxy-jump');
  const connectTimeout = read.requiredDuration('connect-timeout', { minMs: 1000, maxMs: 600_000 });

  const pins = parseFingerprintPins('host-fingerprint', fingerprints);
  const entries = knownHosts ? parseKnownHosts('known-hosts', knownHosts) : [];
  if (pins.length > 0 && entries.length > 0) throw new ConfigurationError(sshMessages.bothHostKeyInputs());
  let hostKeys: HostKeyPolicy;
  if (pins.length > 0) hostKeys = { kind: 'fingerprints', pins };
  else if (entries.length > 0) hostKeys = { kind: 'known-hosts', entries };
  else if (insecure) hostKeys = { kind: 'insecure' };
  else if (hosts.length === 0) hostKeys = { kind: 'insecure' };
  else throw new ConfigurationError(sshMessages.noHostKeyPolicy());
  if (hosts.length === 0) return undefined;
  if (!sshKey && !password) throw new ConfigurationError(sshMessages.noCredentials());
  if (passphrase && !sshKey) throw new ConfigurationError(keyMessages.passphraseWithoutKey());
  const proxyJump = proxyJumpText ? parseTarget('proxy-jump', proxyJumpText, { user, port: 22 }) : undefined;
  const warnings: string[] = [];
  if (hostKeys.kind === 'fingerprints') {
    const warning = checkPinCoverage('host-fingerprint', pins, [...hosts, ...(proxyJump ? [proxyJump] : [])]);
    if (warning) warnings.push(warning);
  }
  return {
    hosts,
    'ssh-key': sshKey,
    'ssh-key-passphrase': passphrase,
    password,
    hostKeys,
    'proxy-jump': proxyJump,
    'connect-timeout': connectTimeout,
    warnings,
  };
}

/** Checks the key with ssh2's parser (distinct message per mistake) before any connection. */
export async function prepareAuth(inputs: SshConnectionInputs): Promise<SshAuth> {
  if (!inputs['ssh-key']) return { password: inputs.password };
  const { utils } = await loadSsh2();
  const key = checkPrivateKey(inputs['ssh-key'], inputs['ssh-key-passphrase'], utils.parseKey.bind(utils));
  return { privateKey: key, passphrase: inputs['ssh-key-passphrase'], password: inputs.password };
}

export type Connector = (target: SshTarget) => Promise<SshConnection>;

/**
 * How to connect to any of the hosts with the inputs' host-key policy, timeout and bastion. The
 * credentials are checked (and the inputs' warnings logged) once, at the first connection: an
 * action's entry can hand it to run(), which validates everything before anything connects.
 * Every action that reaches hosts connects through this.
 */
export function sshConnector(
  inputs: SshConnectionInputs,
  ctx: { logger: Logger; clock: Clock; signal: AbortSignal },
): Connector {
  let prepared: Promise<SshAuth> | undefined;
  const bastion = inputs['proxy-jump'];
  return async (target) => {
    if (!prepared) {
      prepared = prepareAuth(inputs);
      for (const warning of inputs.warnings) ctx.logger.warning(warning);
    }
    const auth = await prepared;
    return connect({
      target,
      auth,
      hostKeys: inputs.hostKeys,
      connectTimeoutMs: inputs['connect-timeout'],
      proxyJump: bastion ? { target: bastion, auth } : undefined,
      logger: ctx.logger,
      clock: ctx.clock,
      signal: ctx.signal,
    });
  };
}
