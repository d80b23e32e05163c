import type { Duplex, Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel, ConnectConfig } from 'ssh2';
import { CancelledError, throwIfCancelled, type Clock, type Logger } from '@deploy-kit/core';
import { FALLBACK_KEY_TYPES, algorithmsFor, hostKeyCheck, pinsFor, type HostKeyPolicy } from './hostkeys.js';
import { commandLine } from './quote.js';
import { formatTarget, type SshTarget } from './target.js';

export type SshErrorKind = 'host-key' | 'auth' | 'network' | 'timeout' | 'protocol' | 'cancelled';

/** An SSH failure, with the kind deciding whether a retry can help. */
export class SshError extends Error {
  override readonly name = 'SshError';
  constructor(
    readonly kind: SshErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface SshAuth {
  privateKey?: string;
  passphrase?: string;
  password?: string;
}

export interface ConnectOptions {
  target: SshTarget;
  auth: SshAuth;
  hostKeys: HostKeyPolicy;
  connectTimeoutMs: number;
  /** Bastion to hop through; its host key is checked against the same policy. */
  proxyJump?: { target: SshTarget; auth: SshAuth };
  logger: Logger;
  clock: Clock;
  signal?: AbortSignal;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  random?: () => number;
}

export interface ExecOptions {
  stdin?: string | Buffer | Readable;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with output as it arrives (for streaming to the log, fenced by the caller). */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  /** Binary stdout (a file being read back) goes here, with backpressure, instead of being collected. */
  stdout?: Writable;
  /**
   * Characters of collected stdout kept (the tail): OUTPUT_LIMIT unless given. Output parsed whole
   * (a release's file listing, which grows with the release) needs a bound of its own.
   */
  stdoutLimit?: number;
}

export interface ExecResult {
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
}

const OUTPUT_LIMIT = 1024 * 1024;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
]);

type Ssh2Module = typeof import('ssh2');
let ssh2Module: Promise<Ssh2Module> | undefined;

/** ssh2 is loaded on first use, so validating inputs (and failing fast on bad ones) stays cheap. */
export async function loadSsh2(): Promise<Ssh2Module> {
  ssh2Module ??= import('ssh2').then((m) => (m as Ssh2Module & { default?: Ssh2Module }).default ?? m);
  return ssh2Module;
}

function classify(error: Error & { level?: string; code?: string }): SshError {
  if (error instanceof SshError) return error;
  if (error.level === 'client-authentication') {
    return new SshError('auth', 'authentication failed: the server accepted none of the offered credentials');
  }
  if (error.code && NETWORK_CODES.has(error.code))
    return new SshError('network', `${error.code}: ${error.message}`);
  if (/timed out/i.test(error.message)) return new SshError('timeout', error.message);
  if (error.level === 'client-socket' || error.level === 'client-timeout')
    return new SshError('network', error.message);
  return new SshError('protocol', error.message);
}

/** One SSH connection per host per run, reused for every command, transfer and tunnel. */
/**
 * What deploy-kit needs of a host: run an argv there (data on stdin, exit status back), reach a
 * port as the host sees it, hang up (which ends every tethered remote command). SshConnection is
 * the real one; fast unit tests run the same remote scripts through a local one.
 */
export interface RemoteShell {
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  forward(host: string, port: number): Promise<Duplex>;
  /** A stream to a Unix socket on the host, opened as the SSH user (HAProxy's runtime API). */
  forwardSocket(path: string): Promise<Duplex>;
  close(): void;
}

export class SshConnection implements RemoteShell {
  private closed = false;

  constructor(
    private readonly client: Client,
    readonly target: SshTarget,
    readonly hostKey: { fingerprint: string; type: string },
    private readonly bastion?: SshConnection,
  ) {
    client.on('close', () => {
      this.closed = true;
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs argv on the host: quoted at this one boundary, data on stdin, exit code and signal reported. */
  exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const command = commandLine(argv);
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new CancelledError());
        return;
      }
      // The deadline and the cancel cover opening the channel too: a server that never answers the
      // open must not hold a cancelled run past the runner's grace period.
      let settled = false;
      let channel: ClientChannel | undefined;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        outcome();
      };
      // On timeout or cancel, fail at once: OpenSSH may ignore the signal request, and waiting for
      // the channel to close would wait for the remote command itself. Remote steps are idempotent.
      const stop = (reason: Error): void => {
        if (channel) {
          try {
            channel.signal('KILL');
          } catch {
            /* not supported by every server */
          }
          channel.close();
        }
        settle(() => reject(reason));
      };
      const timer = options.timeoutMs
        ? setTimeout(
            () => stop(new SshError('timeout', `remote command timed out after ${options.timeoutMs}ms`)),
            options.timeoutMs,
          )
        : undefined;
      const onAbort = (): void => stop(new CancelledError());
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.client.exec(command, (error, opened: ClientChannel) => {
        if (error) {
          settle(() => reject(classify(error)));
          return;
        }
        channel = opened;
        // Given up while the channel was opening: close it, nobody is waiting for it.
        if (settled) {
          opened.close();
          return;
        }
        let stdout = '';
        let stderr = '';
        const append = (current: string, text: string, limit: number): string => {
          const next = current + text;
          return next.length > limit ? next.slice(next.length - limit) : next;
        };
        // A character split between two packets is decoded whole, not as two replacement characters
        // (a listed name with one would no longer match its file).
        const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
        if (options.stdout) opened.pipe(options.stdout);
        else
          opened.on('data', (chunk: Buffer) => {
            const text = decoders.stdout.write(chunk);
            stdout = append(stdout, text, options.stdoutLimit ?? OUTPUT_LIMIT);
            options.onOutput?.(text, 'stdout');
          });
        opened.stderr.on('data', (chunk: Buffer) => {
          const text = decoders.stderr.write(chunk);
          stderr = append(stderr, text, OUTPUT_LIMIT);
          options.onOutput?.(text, 'stderr');
        });
        opened.on('close', (code: number | null | undefined, signalName?: string) => {
          // The bytes of a character the output ended in the middle of: a replacement character.
          stdout += decoders.stdout.end();
          stderr += decoders.stderr.end();
          settle(() => {
            if (code === undefined || code === null) {
              if (signalName) resolve({ code: null, signal: signalName, stdout, stderr });
              else reject(new SshError('network', 'connection lost during a remote command'));
            } else resolve({ code, signal: signalName, stdout, stderr });
          });
        });
        const { stdin } = options;
        if (stdin === undefined) opened.end();
        else if (typeof stdin === 'string' || Buffer.isBuffer(stdin)) opened.end(stdin);
        else {
          stdin.on('error', (e: Error) => stop(e));
          stdin.pipe(opened);
        }
      });
    });
  }

  /** A TCP stream to host:port as seen from the server (probing a port only the host can reach). */
  forward(host: string, port: number): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      this.client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => {
        if (error)
          reject(new SshError('network', `cannot open a tunnel to ${host}:${port}: ${error.message}`));
        else resolve(channel);
      });
    });
  }

  forwardSocket(path: string): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      // OpenSSH's direct-streamlocal channel: sshd connects as the SSH user, so the socket's own
      // permissions decide, and nothing (socat, nc) needs to be installed on the host.
      this.client.openssh_forwardOutStreamLocal(path, (error, channel) => {
        if (error)
          reject(new SshError('network', `cannot open the socket ${path} on the host: ${error.message}`));
        else resolve(channel);
      });
    });
  }

  close(): void {
    this.closed = true;
    this.client.end();
    this.bastion?.close();
  }
}

interface AttemptResult {
  connection?: SshConnection;
  error?: SshError;
  seen?: { fingerprint: string; type: string };
}

function attempt(
  ssh2: Ssh2Module,
  options: ConnectOptions,
  algorithms: string[] | undefined,
  readyTimeoutMs: number,
  sock?: Duplex,
  bastion?: SshConnection,
): Promise<AttemptResult> {
  const { target, auth } = options;
  const check = hostKeyCheck(options.hostKeys, target.host, target.port);
  const offered = algorithms ?? check.algorithms;
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    let seen: { fingerprint: string; type: string } | undefined;
    let rejectedKey = false;
    let settled = false;
    const settle = (result: AttemptResult): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = (): void => {
      client.end();
      settle({ error: new SshError('cancelled', 'cancelled') });
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // Every command is a few small packets each way: with Nagle on, each waits for the peer's
    // delayed ACK, which multiplied the time of a one-line remote command on loopback.
    client.on('connect', () => client.setNoDelay(true));
    client.on('ready', () => {
      // hostVerifier ran before 'ready' and recorded the key; without one there is no connection.
      if (seen) settle({ connection: new SshConnection(client, target, seen, bastion), seen });
      else settle({ error: new SshError('host-key', 'the server presented no host key') });
    });
    client.on('error', (error: Error & { level?: string; code?: string }) => {
      client.end();
      if (rejectedKey) {
        settle({ error: new SshError('host-key', 'host key rejected'), seen });
        return;
      }
      settle({ error: classify(error), seen });
    });
    client.on('close', () =>
      settle({ error: new SshError('network', 'connection closed before it was ready'), seen }),
    );
    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.user,
      readyTimeout: Math.max(1, Math.round(readyTimeoutMs)),
      keepaliveInterval: options.keepaliveIntervalMs ?? 10_000,
      keepaliveCountMax: options.keepaliveCountMax ?? 3,
      // Called after key exchange and before authentication: a wrong key never sees credentials.
      hostVerifier: (key: Buffer) => {
        const verdict = check.verify(key);
        seen = { fingerprint: verdict.fingerprint, type: verdict.type };
        if (!verdict.ok) rejectedKey = true;
        return verdict.ok;
      },
      ...(offered
        ? {
            algorithms: {
              serverHostKey: offered as NonNullable<ConnectConfig['algorithms']>['serverHostKey'],
            },
          }
        : {}),
      ...(sock ? { sock } : {}),
      ...(auth.privateKey ? { privateKey: auth.privateKey, passphrase: auth.passphrase } : {}),
      ...(auth.password ? { password: auth.password } : {}),
      tryKeyboard: false,
    };
    client.connect(config);
  });
}

/**
 * Connects with host-key verification before authentication, keepalive, and bounded retries with
 * jitter for network errors only: never after a host-key or authentication failure. The whole
 * connect, retries included, fits within `connectTimeoutMs`.
 */
export async function connect(options: ConnectOptions): Promise<SshConnection> {
  const ssh2 = await loadSsh2();
  const { clock, logger } = options;
  const started = clock.now();
  const deadline = started + options.connectTimeoutMs;
  const random = options.random ?? Math.random;

  let bastion: SshConnection | undefined;
  if (options.proxyJump) {
    bastion = await connect({
      ...options,
      target: options.proxyJump.target,
      auth: options.proxyJump.auth,
      proxyJump: undefined,
    });
  }
  const label = formatTarget(options.target);
  const untypedPins =
    options.hostKeys.kind === 'fingerprints' &&
    pinsFor(options.hostKeys.pins, options.target.host, options.target.port).some((p) => !p.type);
  let algorithms: string[] | undefined;
  const triedTypes = new Set<string>();
  let rejected: { fingerprint: string; type: string } | undefined;
  let lastError: SshError | undefined;
  let networkRetries = 0;
  for (let tries = 0; tries < 10; tries += 1) {
    throwIfCancelled(options.signal);
    const remaining = deadline - clock.now();
    if (remaining <= 0) break;
    const sock = bastion ? await bastion.forward(options.target.host, options.target.port) : undefined;
    const result = await attempt(ssh2, options, algorithms, remaining, sock, bastion);
    if (result.connection) {
      if (options.hostKeys.kind === 'insecure') {
        logger.warning(
          `Host key of ${label} NOT verified (insecure-skip-host-key-check): it presented ${result.seen?.type ?? '?'} ` +
            `${result.seen?.fingerprint ?? '?'}; pin it with host-fingerprint.`,
        );
      }
      return result.connection;
    }
    const { error } = result;
    if (!error) break;
    if (error.kind === 'cancelled') throw new CancelledError();
    if (error.kind === 'host-key' && result.seen) {
      rejected = result.seen;
      triedTypes.add(result.seen.type);
    }
    // A pin without a key type may be for another of the host's keys: ask for each type in turn
    // (a type the host lacks fails the handshake; that is expected here, not a network error).
    const fallingBack =
      untypedPins && (error.kind === 'host-key' || algorithms !== undefined) && error.kind !== 'auth';
    const next = fallingBack ? FALLBACK_KEY_TYPES.find((t) => !triedTypes.has(t)) : undefined;
    if (next) {
      triedTypes.add(next);
      algorithms = algorithmsFor([next]);
      continue;
    }
    if (rejected) {
      bastion?.close();
      throw new SshError(
        'host-key',
        `Host key verification failed for ${label}: the server presented ${rejected.type} ${rejected.fingerprint}, ` +
          'which matches none of the pinned keys (host-fingerprint / known-hosts). No credentials were sent.',
      );
    }
    if (error.kind === 'auth') {
      bastion?.close();
      throw new SshError(
        'auth',
        `Authentication to ${label} failed: the server accepted none of the offered credentials`,
      );
    }
    lastError = error;
    if (error.kind !== 'network' && error.kind !== 'timeout') break;
    networkRetries += 1;
    if (networkRetries >= 4) break;
    const backoff = Math.min(deadline - clock.now(), 250 * 2 ** (networkRetries - 1) * (0.5 + random()));
    if (backoff <= 0) break;
    logger.debug(`SSH connect to ${label} failed (${error.message}); retrying in ${Math.round(backoff)}ms`);
    await clock.sleep(backoff, options.signal);
  }
  bastion?.close();
  throw new SshError(
    lastError?.kind === 'timeout' ? 'timeout' : 'network',
    `Cannot connect to ${label} within ${Math.round(options.connectTimeoutMs / 1000)}s: ${lastError?.message ?? 'timed out'}`,
  );
}
