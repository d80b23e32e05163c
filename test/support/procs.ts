import { execFile, spawn, type SpawnOptions } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { promisify } from 'node:util';

export const execFileAsync = promisify(execFile);

export interface RunResultText {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a command with an argv array (never a shell string) and returns its output and exit code. */
export function run(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { input?: string; timeoutMs?: number } = {},
): Promise<RunResultText> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...options,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code: code ?? -1 });
    });
    if (options.input !== undefined) {
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(options.input);
    }
  });
}

/** Like run() but throws with the command's stderr when it fails. */
export async function runOk(
  command: string,
  args: readonly string[],
  options: Parameters<typeof run>[2] = {},
): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a process by PID: SIGTERM, then SIGKILL after a grace period; waits until it is gone. */
export async function stopPid(pid: number, graceMs = 5000): Promise<void> {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  if (isAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 25));
  }
}

export function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether a command exists on PATH (or as an absolute path). */
export function hasCommand(command: string): boolean {
  if (command.startsWith('/')) return existsSync(command);
  return (process.env.PATH ?? '').split(':').some((dir) => existsSync(`${dir}/${command}`));
}

/** One session of processes running from a release of a deploy path, as the host's /proc shows it. */
export interface AppSession {
  sid: number;
  /** The release directory name each member runs in (its working directory). */
  versions: string[];
  pids: number[];
  commands: string[];
  /** TCP ports a member of the session listens on. */
  ports: number[];
}

/** The fields of /proc/<pid>/stat after the command name (state first, then ppid…); undefined once gone. */
export function statFields(pid: string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** Listening TCP sockets: inode → port. */
function listeningInodes(): Map<string, number> {
  const result = new Map<string, number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '0A' && f[1] && f[9])
        result.set(f[9], parseInt(f[1].slice(f[1].lastIndexOf(':') + 1), 16));
    }
  }
  return result;
}

/**
 * The host's process table for one app: every live process whose working directory is under
 * `<deployPath>/releases/`, grouped by session, with the ports each session listens on.
 */
export function appSessions(deployPath: string): AppSession[] {
  const prefix = `${deployPath}/releases/`;
  const listening = listeningInodes();
  const sessions = new Map<number, AppSession>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let cwd: string;
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      continue;
    }
    if (!cwd.startsWith(prefix)) continue;
    const fields = statFields(pid);
    if (!fields || fields[0] === 'Z') continue;
    const sid = Number(fields[3]);
    const session = sessions.get(sid) ?? { sid, versions: [], pids: [], commands: [], ports: [] };
    sessions.set(sid, session);
    const version = cwd.slice(prefix.length).split('/')[0] ?? '';
    if (!session.versions.includes(version)) session.versions.push(version);
    session.pids.push(Number(pid));
    try {
      session.commands.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim());
    } catch {
      /* gone */
    }
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      /* gone */
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      const port = inode === undefined ? undefined : listening.get(inode);
      if (port !== undefined && !session.ports.includes(port)) session.ports.push(port);
    }
  }
  return [...sessions.values()];
}

/** A compact view for assertions: one `version@ports` entry per session, sorted. */
export function sessionSummary(deployPath: string): string[] {
  return appSessions(deployPath)
    .map((s) => `${s.versions.join('+')}@${s.ports.sort().join(',')}`)
    .sort();
}

/**
 * Kills the sessions deploy-kit started for a deploy path's slots (each pid file holds a session
 * id), so nothing a test deployed outlives it.
 */
export function killSlotSessions(deployPath: string): void {
  for (const slot of ['blue', 'green', 'app']) {
    const pid = readPid(`${deployPath}/.deploy-kit/run/${slot}.pid`);
    if (!pid) continue;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}
