import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './ports.js';
import { readPid, runOk, stopPid, waitFor } from './procs.js';
import { makeTempDir } from './tempdir.js';

/** sshd_config lines every test sshd shares (the single-host one and the fleet's). */
export const TEST_SSHD_OPTIONS = [
  'PasswordAuthentication no',
  'KbdInteractiveAuthentication no',
  'PermitRootLogin yes',
  'StrictModes no',
  'UsePAM no',
  'MaxStartups 100:30:200',
  'MaxSessions 50',
  // This machine's root ~/.bashrc runs `pyenv init` (117 ms), which bash sources for every SSH
  // command; a deploy user's stock ~/.bashrc returns at once when not interactive. SHLVL=1 makes
  // bash skip it, so timings reflect deploy-kit, not this machine's dotfiles.
  'SetEnv SHLVL=1',
];

/** TEST_SSHD_OPTIONS with extra session environment: sshd honours only the first SetEnv line. */
export function sshdOptions(env: Record<string, string> = {}): string[] {
  const extra = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  return TEST_SSHD_OPTIONS.map((line) => (line.startsWith('SetEnv ') ? [line, ...extra].join(' ') : line));
}

/**
 * A network-namespace host's sshd files in `root`: its own host key, `publicKey` authorised, and
 * an sshd_config listening on `address`:22 with the shared test options (plus `env` for sessions).
 * Returns the host key's `SHA256:` fingerprint.
 */
export async function prepareHostSshd(
  root: string,
  address: string,
  publicKey: string,
  env: Record<string, string> = {},
): Promise<string> {
  await runOk('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(root, 'hostkey')]);
  copyFileSync(publicKey, join(root, 'authorized_keys'));
  chmodSync(join(root, 'authorized_keys'), 0o600);
  writeFileSync(
    join(root, 'sshd_config'),
    [
      'Port 22',
      `ListenAddress ${address}`,
      `HostKey ${join(root, 'hostkey')}`,
      `AuthorizedKeysFile ${join(root, 'authorized_keys')}`,
      `PidFile ${join(root, 'sshd.pid')}`,
      ...sshdOptions(env),
      '',
    ].join('\n'),
  );
  return (await runOk('ssh-keygen', ['-lf', join(root, 'hostkey.pub')])).split(' ')[1] ?? '';
}

export interface Sshd {
  host: string;
  port: number;
  user: string;
  dir: string;
  /** Private key (OpenSSH format) authorised for `user`. */
  privateKey: string;
  privateKeyPath: string;
  /** `SHA256:…` of the host key, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** A known_hosts line for `[127.0.0.1]:port`. */
  knownHostsLine: string;
  logPath: string;
  pid: number;
  stop(): Promise<void>;
}

/** A real OpenSSH server on 127.0.0.1 and a free port, configured as docs/testbed.md describes. */
export async function startSshd(
  options: {
    hostKeyType?: 'ed25519' | 'rsa' | 'ecdsa';
    extraHostKeyTypes?: Array<'rsa' | 'ecdsa'>;
    /** Environment for every session (sshd's SetEnv), e.g. the host's podman configuration. */
    env?: Record<string, string>;
    /**
     * Log in as this user instead of the test's own (scripts/testbed makes `dk-deploy`, a user that
     * is not root). sshd reads the key file as that user, so the directory is made readable.
     */
    loginUser?: string;
  } = {},
): Promise<Sshd> {
  const temp = makeTempDir('sshd');
  const dir = temp.path;
  const port = await freePort();
  const keyType = options.hostKeyType ?? 'ed25519';
  await runOk('ssh-keygen', ['-q', '-t', keyType, '-N', '', '-f', join(dir, 'hostkey')]);
  const extraKeys = options.extraHostKeyTypes ?? [];
  for (const type of extraKeys)
    await runOk('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', join(dir, `hostkey_${type}`)]);
  await runOk('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    'deploy-kit-test',
    '-f',
    join(dir, 'id'),
  ]);
  copyFileSync(join(dir, 'id.pub'), join(dir, 'authorized_keys'));
  chmodSync(join(dir, 'authorized_keys'), options.loginUser ? 0o644 : 0o600);
  if (options.loginUser) chmodSync(dir, 0o755);
  mkdirSync('/run/sshd', { recursive: true });
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'hostkey')}`,
      ...extraKeys.map((type) => `HostKey ${join(dir, `hostkey_${type}`)}`),
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'LogLevel VERBOSE',
      ...sshdOptions(options.env),
      '',
    ].join('\n'),
  );
  const logPath = join(dir, 'sshd.log');
  await runOk('/usr/sbin/sshd', ['-f', join(dir, 'sshd_config'), '-E', logPath]);
  await waitForPort(port);
  await waitFor(() => readPid(join(dir, 'sshd.pid')) !== undefined, 5000, 'the sshd pid file');
  const pid = readPid(join(dir, 'sshd.pid'));
  if (!pid) throw new Error(`sshd did not write its pid file: ${readFileSync(logPath, 'utf8')}`);
  const fingerprint = (await runOk('ssh-keygen', ['-lf', join(dir, 'hostkey.pub')])).split(' ')[1]!;
  const hostPub = readFileSync(join(dir, 'hostkey.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
  return {
    host: '127.0.0.1',
    port,
    user: options.loginUser ?? userInfo().username,
    dir,
    privateKey: readFileSync(join(dir, 'id'), 'utf8'),
    privateKeyPath: join(dir, 'id'),
    fingerprint,
    knownHostsLine: `[127.0.0.1]:${port} ${hostPub}`,
    logPath,
    pid,
    stop: async () => {
      await stopPid(pid);
      temp.remove();
    },
  };
}

/** Runs a command through the system ssh client against a test sshd (used to check the bed itself). */
export function sshArgs(sshd: Sshd, command: string[]): string[] {
  return [
    '-i',
    sshd.privateKeyPath,
    '-p',
    String(sshd.port),
    '-o',
    'BatchMode=yes',
    '-o',
    `UserKnownHostsFile=${join(sshd.dir, 'known_hosts')}`,
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'LogLevel=ERROR',
    `${sshd.user}@${sshd.host}`,
    '--',
    ...command,
  ];
}
