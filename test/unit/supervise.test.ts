// The supervision scripts run locally under dash, bash and busybox sh (no SSH): the same text a
// host runs, with `sh` on the PATH being the shell under test.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import {
  SLOT_CHECK,
  SLOT_GUARD,
  START_SUPERVISED,
  STOP_SUPERVISED,
  SUPERVISE_EXIT,
  TETHER,
} from '../../packages/release/src/supervise.js';
import * as remoteScripts from '../../packages/release/src/scripts.js';
import * as supervision from '../../packages/release/src/supervise.js';

const { RUN_USER_COMMAND } = remoteScripts;
import { makeTempDir } from '../support/tempdir.js';

const SHELLS = { dash: '/usr/bin/dash', bash: '/usr/bin/bash', busybox: '/bin/busybox' } as const;
type Shell = keyof typeof SHELLS;

/** The stop line deploy-kit had before: dash rejects `--`, so only the wrapper shell died. */
const OLD_STOP = `set -u
pid=$(cat -- "$1")
kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
sleep 0.5`;

const temp = makeTempDir('supervise');
afterAll(() => temp.remove());

function pathFor(shell: Shell): string {
  const dir = join(temp.path, `bin-${shell}`);
  if (!existsSync(dir)) {
    mkdirSync(dir);
    symlinkSync(SHELLS[shell], join(dir, 'sh'));
  }
  return `${dir}:/usr/local/bin:/usr/bin:/bin`;
}

function run(
  shell: Shell,
  script: string,
  args: string[],
  input = '',
): { code: number | null; out: string; err: string } {
  const r = spawnSync('sh', ['-c', script, 'dk-test', ...args], {
    env: { ...process.env, PATH: pathFor(shell) },
    encoding: 'utf8',
    input,
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Live members of a session, from /proc. */
function members(sid: number): number[] {
  const result: number[] = [];
  for (const pid of spawnSync('ls', ['/proc'], { encoding: 'utf8' }).stdout.split('\n')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      if (fields[0] !== 'Z' && Number(fields[3]) === sid) result.push(Number(pid));
    } catch {
      /* gone */
    }
  }
  return result;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once something accepts connections on the port (10 s at most). */
async function listening(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return;
    await sleep(50);
  }
  throw new Error(`nothing listens on ${port}`);
}
const LISTEN = `require('net').createServer().listen(Number(process.env.PORT), '127.0.0.1')`;

describe.each(Object.keys(SHELLS) as Shell[])('under %s', (shell) => {
  let dir: string;
  let n = 0;
  beforeEach(() => {
    n += 1;
    dir = join(temp.path, `${shell}-${n}`);
    mkdirSync(join(dir, 'releases', 'v1'), { recursive: true });
    mkdirSync(join(dir, '.deploy-kit', 'run'), { recursive: true });
    writeFileSync(join(dir, 'releases', 'v1', 'server.js'), LISTEN);
  });
  const pidFile = () => join(dir, '.deploy-kit', 'run', 'blue.pid');
  const start = (command: string, port: number | '') =>
    run(shell, START_SUPERVISED, [
      join(dir, 'releases', 'v1'),
      join(dir, 'env'),
      command,
      String(port),
      pidFile(),
      join(dir, 'app.log'),
      dir,
      '1',
    ]);
  const sid = () => Number(readFileSync(pidFile(), 'utf8'));

  test('stop ends every process of the session (a start command without exec), and says so', async () => {
    const port = await freePort();
    expect(start('node server.js', port)).toMatchObject({ code: 0 });
    await listening(port);
    const started = sid();
    expect(members(started).length).toBeGreaterThanOrEqual(1);
    const check = run(shell, SLOT_CHECK, [pidFile(), String(port), join(dir, 'app.log')]);
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/^serving: pid \d+ \(node server\.js/);
    const stop = run(shell, STOP_SUPERVISED, [pidFile(), '1']);
    expect(stop).toMatchObject({ code: 0, out: `stopped session ${started}\n` });
    expect(members(started)).toEqual([]);
    expect(existsSync(pidFile())).toBe(false);
  });

  test('a process that ignores TERM is killed after the grace time', async () => {
    expect(start(`trap '' TERM; sh -c "trap '' TERM; sleep 30" & wait`, '')).toMatchObject({ code: 0 });
    await sleep(300);
    const started = sid();
    expect(members(started).length).toBeGreaterThanOrEqual(2);
    const before = Date.now();
    expect(run(shell, STOP_SUPERVISED, [pidFile(), '1'])).toMatchObject({ code: 0 });
    expect(Date.now() - before).toBeGreaterThanOrEqual(900);
    expect(members(started)).toEqual([]);
  });

  test('a foreign listener on the port: start refuses (exit 8) naming it, and leaves it alone', async () => {
    const port = await freePort();
    const foreign: ChildProcess = spawn(process.execPath, ['-e', LISTEN], {
      env: { ...process.env, PORT: String(port) },
      stdio: 'ignore',
    });
    try {
      await listening(port);
      const result = start('node server.js', port);
      expect(result.code).toBe(SUPERVISE_EXIT.portBusy);
      expect(result.err).toMatch(new RegExp(`port ${port} is in use by pid ${foreign.pid} \\(.*node -e`));
      expect(existsSync(pidFile())).toBe(false);
      expect(foreign.exitCode).toBeNull();
    } finally {
      foreign.kill('SIGKILL');
    }
  });

  test("this app's survivor on the port (pid file lost) is stopped before the start", async () => {
    const port = await freePort();
    const survivor = spawn('setsid', [process.execPath, 'server.js'], {
      cwd: join(dir, 'releases', 'v1'),
      env: { ...process.env, PORT: String(port) },
      stdio: 'ignore',
    });
    await listening(port);
    const result = start('node server.js', port);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`port ${port}: stopping a leftover process of this app`));
    await sleep(100);
    expect(members(survivor.pid!)).toEqual([]);
    run(shell, STOP_SUPERVISED, [pidFile(), '1']);
  });

  test('check: exit 3 with the log tail once the process exits; exit 5 when another process holds the port', async () => {
    const port = await freePort();
    expect(start('echo "bye from the app"; exit 1', port)).toMatchObject({ code: 0 });
    await sleep(300);
    const exited = run(shell, SLOT_CHECK, [pidFile(), String(port), join(dir, 'app.log')]);
    expect(exited.code).toBe(SUPERVISE_EXIT.exited);
    expect(exited.out).toMatch(/has exited; the end of its log:\n {2}\| bye from the app/);

    expect(start('sleep 30', port)).toMatchObject({ code: 0 });
    const stranger = spawn(process.execPath, ['-e', LISTEN], {
      env: { ...process.env, PORT: String(port) },
      stdio: 'ignore',
    });
    try {
      await listening(port);
      const held = run(shell, SLOT_CHECK, [pidFile(), String(port), join(dir, 'app.log')]);
      expect(held.code).toBe(SUPERVISE_EXIT.foreignListener);
      expect(held.out).toMatch(
        new RegExp(`port ${port} is held by pid ${stranger.pid} .*not by the started process`),
      );
    } finally {
      stranger.kill('SIGKILL');
      run(shell, STOP_SUPERVISED, [pidFile(), '1']);
    }
    const quiet = await freePort();
    expect(start('sleep 30', quiet)).toMatchObject({ code: 0 });
    expect(run(shell, SLOT_CHECK, [pidFile(), String(quiet), join(dir, 'app.log')]).code).toBe(
      SUPERVISE_EXIT.notListening,
    );
    run(shell, STOP_SUPERVISED, [pidFile(), '1']);
  });

  /**
   * A start command that forks a daemon into a session of its own and exits; the daemon's pid.
   * Stubborn: the daemon ignores TERM, and so does the start command, which stays and waits.
   */
  async function daemonize(stubborn = false): Promise<number> {
    const daemonPid = join(dir, 'daemon.pid');
    const ignore = stubborn ? 'trap "" TERM; ' : '';
    const fork = `setsid sh -c 'echo $$ > "$0"; ${ignore}exec sleep 30' ${JSON.stringify(daemonPid)} &`;
    const command = stubborn ? `trap '' TERM; ${fork} sleep 30 & wait` : fork;
    expect(start(command, '')).toMatchObject({ code: 0 });
    const deadline = Date.now() + 5000;
    while (!existsSync(daemonPid) && Date.now() < deadline) await sleep(20);
    const pid = Number(readFileSync(daemonPid, 'utf8'));
    expect(members(pid)).toEqual([pid]);
    return pid;
  }

  test('a daemon the start command left outside its session (not listening yet) is stopped; a near-miss marker is not', async () => {
    const daemon = await daemonize();
    // A stranger whose marker differs only by a suffix: matching is exact, not by prefix.
    const stranger = spawn('sleep', ['30'], {
      env: { ...process.env, DEPLOY_KIT_SESSION: `${sid()}:${pidFile()}x` },
      stdio: 'ignore',
    });
    try {
      expect(run(shell, STOP_SUPERVISED, [pidFile(), '1'])).toMatchObject({ code: 0 });
      expect(members(daemon)).toEqual([]);
      expect(stranger.exitCode).toBeNull();
    } finally {
      stranger.kill('SIGKILL');
    }
  });

  test('control: without the marker stop, that daemon survives the stop', async () => {
    const markerStop = ' "env:$dk_sid:$dk_pf"';
    expect(STOP_SUPERVISED).toContain(markerStop);
    const daemon = await daemonize();
    try {
      expect(run(shell, STOP_SUPERVISED.replace(markerStop, ''), [pidFile(), '1'])).toMatchObject({
        code: 0,
      });
      expect(members(daemon)).toEqual([daemon]);
    } finally {
      process.kill(daemon, 'SIGKILL');
    }
  });

  /**
   * A slot whose session member, escaped daemon and leftover listener (no marker, outside the
   * session, its cwd in a release) all ignore TERM; `stop` is STOP_SUPERVISED or a variant.
   * Returns the stop's duration in ms, after checking that nothing of the three is left.
   */
  async function stopStubborn(stop: string, grace: number): Promise<number> {
    const port = await freePort();
    const daemon = await daemonize(true);
    const leftover = spawn('setsid', [process.execPath, '-e', `process.on('SIGTERM', () => {}); ${LISTEN}`], {
      cwd: join(dir, 'releases', 'v1'),
      env: { ...process.env, PORT: String(port) },
      stdio: 'ignore',
    });
    await listening(port);
    const session = sid();
    await sleep(200);
    const before = Date.now();
    const result = run(shell, stop, [pidFile(), String(grace), String(port), dir]);
    const took = Date.now() - before;
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toMatch(new RegExp(`port ${port}: stopping a leftover process of this app`));
    expect([...members(session), ...members(daemon), ...members(leftover.pid ?? 0)]).toEqual([]);
    return took;
  }

  // A stop that waited once per kind would take at least two graces: the check below and its control.
  const GRACE_S = 3;

  test('a stop waits the grace once for everything it stops, however many kinds ignore TERM', async () => {
    const took = await stopStubborn(STOP_SUPERVISED, GRACE_S);
    expect(took).toBeGreaterThanOrEqual(GRACE_S * 1000 - 100);
    expect(took).toBeLessThan(2 * GRACE_S * 1000);
  });

  // The control tests the check, not the shell: once is enough.
  (shell === 'dash' ? test : () => undefined)(
    'control: a stop that waits per kind takes the grace twice, which the check above refuses',
    async () => {
      const oneWait = 'dk_stop "$dk_grace" "4:$dk_sid" "env:$dk_sid:$dk_pf" "$@"';
      expect(STOP_SUPERVISED).toContain(oneWait);
      const twoWaits = 'dk_stop "$dk_grace" "4:$dk_sid" && dk_stop "$dk_grace" "env:$dk_sid:$dk_pf" "$@"';
      const took = await stopStubborn(STOP_SUPERVISED.replace(oneWait, twoWaits), GRACE_S);
      expect(took).toBeGreaterThanOrEqual(2 * GRACE_S * 1000);
    },
  );

  test('guard: the end of stdin stops a daemon the start command left too', async () => {
    const daemon = await daemonize();
    expect(run(shell, SLOT_GUARD, [pidFile(), '1'], '').code).toBe(0);
    expect(members(daemon)).toEqual([]);
  });

  test('guard: "keep" leaves the slot running; the end of stdin stops it', async () => {
    expect(start('sleep 30', '')).toMatchObject({ code: 0 });
    const kept = sid();
    expect(run(shell, SLOT_GUARD, [pidFile(), '1'], 'keep\n').code).toBe(0);
    expect(members(kept).length).toBeGreaterThan(0);
    expect(run(shell, SLOT_GUARD, [pidFile(), '1'], '').code).toBe(0);
    expect(members(kept)).toEqual([]);
  });

  test('tether: the command and its children end when stdin ends; otherwise its exit code passes through', async () => {
    const sidFile = join(dir, 'tethered.sid');
    const child = spawn(
      'sh',
      ['-c', TETHER, 'dk-tether', 'sh', '-c', 'echo $$ > "$1"; sleep 30 & wait', 'dk-cmd', sidFile],
      {
        env: { ...process.env, PATH: pathFor(shell) },
        stdio: ['pipe', 'ignore', 'ignore'],
      },
    );
    await sleep(300);
    const commandSid = Number(readFileSync(sidFile, 'utf8'));
    expect(commandSid).not.toBe(child.pid);
    expect(members(commandSid).length).toBeGreaterThanOrEqual(2);
    child.stdin.end();
    await new Promise((r) => child.on('close', r));
    await sleep(200);
    expect(members(commandSid)).toEqual([]);
    expect(run(shell, TETHER, ['sh', '-c', 'echo out; exit 3'])).toMatchObject({ code: 3, out: 'out\n' });
  });

  test('a multi-line user command stops at its first failing line', () => {
    const result = run(shell, RUN_USER_COMMAND, [dir, join(dir, 'none.env'), 'echo one\nfalse\necho three']);
    expect(result).toMatchObject({ code: 1, out: 'one\n' });
  });
});

test('control: the old stop line under dash leaves the app of a start command without exec running', async () => {
  const dir = join(temp.path, 'control');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'server.js'), LISTEN);
  const port = await freePort();
  // As the old start did: the wrapper sh is the session leader, the app its child.
  const wrapper = spawn('setsid', ['dash', '-c', 'node server.js'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  await listening(port);
  writeFileSync(join(dir, 'pid'), String(wrapper.pid));
  const sessionBefore = members(wrapper.pid!);
  expect(sessionBefore.length).toBe(2);
  run('dash', OLD_STOP, [join(dir, 'pid')]);
  const survivors = members(wrapper.pid!);
  expect(survivors.length).toBe(1);
  for (const pid of survivors) process.kill(pid, 'SIGKILL');
});

describe('every remote script parses under dash, bash and busybox sh', () => {
  const scripts = Object.entries<unknown>({ ...remoteScripts, ...supervision }).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  test.each(
    (Object.keys(SHELLS) as Shell[]).flatMap((shell) => scripts.map(([name, text]) => [shell, name, text])),
  )('%s: %s', (shell, _name, text) => {
    const r = spawnSync('sh', ['-n', '-c', text], {
      env: { ...process.env, PATH: pathFor(shell as Shell) },
      encoding: 'utf8',
    });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  });
  test.each(Object.keys(SHELLS) as Shell[])(
    'control: %s -n rejects a script that does not parse',
    (shell) => {
      const r = spawnSync('sh', ['-n', '-c', 'if [ -f x ]; then echo'], {
        env: { ...process.env, PATH: pathFor(shell) },
      });
      expect(r.status).not.toBe(0);
    },
  );
});
