// deploy-ssh release mode with the start commands users write (no `exec`), under the three shells a
// host's /bin/sh can be: after every step the host's process table has exactly one session per live
// slot, listening on that slot's port, and none for a stopped slot.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { get } from '../support/load.js';
import { ok } from '../support/runner.js';
import { isAlive, sessionSummary, appSessions } from '../support/procs.js';
import { startTargetHost, type TargetHost } from '../support/target-host.js';
import { makeTempDir } from '../support/tempdir.js';

const SHELLS = { dash: '/usr/bin/dash', bash: '/usr/bin/bash', busybox: '/bin/busybox' } as const;
type Shell = keyof typeof SHELLS;

const shellDirs = makeTempDir('shells');
afterAll(() => shellDirs.remove());

/** A PATH whose `sh` is the given shell, for the host's SSH sessions (sshd SetEnv). */
function shellPath(shell: Shell): string {
  const dir = join(shellDirs.path, shell);
  if (!existsSync(dir)) {
    mkdirSync(dir);
    symlinkSync(SHELLS[shell], join(dir, 'sh'));
  }
  // Debian's python3 and node, not a developer's version managers.
  return `${dir}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin`;
}

/** A node app: /health answers 200 with the version, 500 when BROKEN is in the release. */
function nodeApp(options: { ignoreTerm?: boolean; bindAfterMs?: number } = {}): string {
  return `const http = require('http');
const fs = require('fs');
const path = require('path');
const version = fs.readFileSync(path.join(__dirname, 'VERSION'), 'utf8').trim();
const broken = fs.existsSync(path.join(__dirname, 'BROKEN'));
const server = http.createServer((req, res) => {
  const status = req.url === '/health' && broken ? 500 : 200;
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(req.url === '/health' ? version : 'hello from ' + version);
});
server.keepAliveTimeout = 1000;
setTimeout(() => server.listen(Number(process.env.PORT), '127.0.0.1'), ${options.bindAfterMs ?? 0});
${options.ignoreTerm ? "process.on('SIGTERM', () => console.log('ignoring SIGTERM'));" : "process.on('SIGTERM', () => process.exit(0));"}
`;
}

const PYTHON_APP = `import http.server, os, pathlib
here = pathlib.Path(__file__).parent
version = (here / 'VERSION').read_text().strip()
broken = (here / 'BROKEN').exists()
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def do_GET(self):
        status = 500 if self.path == '/health' and broken else 200
        body = (version if self.path == '/health' else 'hello from ' + version).encode()
        self.send_response(status)
        self.send_header('content-length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(os.environ['PORT'])), Handler).serve_forever()
`;

interface App {
  start: string;
  files: Record<string, string>;
  /** Inputs of its own, for every deploy and the rollback. */
  inputs?: Record<string, string>;
}

const APPS: Record<string, App> = {
  'node server.js': { start: 'node server.js', files: { 'server.js': nodeApp() } },
  'npm start': {
    start: 'npm start',
    files: {
      'server.js': nodeApp(),
      'package.json': JSON.stringify({
        name: 'shop',
        version: '1.0.0',
        scripts: { start: 'node server.js' },
      }),
    },
  },
  'python3 app.py': { start: 'python3 app.py', files: { 'app.py': PYTHON_APP } },
  'a script that starts the app and waits': {
    start: 'sh run.sh',
    files: { 'server.js': nodeApp(), 'run.sh': 'echo "starting on $PORT"\nnode server.js &\nwait\n' },
  },
  'an app that ignores SIGTERM': {
    start: 'node server.js',
    files: { 'server.js': nodeApp({ ignoreTerm: true }) },
    // KILL comes after stop-timeout, as after the default 10 s: each of its stops waits it out.
    inputs: { 'stop-timeout': '2s' },
  },
  'an app that binds after 3 s': {
    start: 'node server.js',
    files: { 'server.js': nodeApp({ bindAfterMs: 3000 }) },
  },
};

function release(host: TargetHost, version: string, app: App, extra: Record<string, string> = {}): string {
  return host.makeRelease(version, { ...app.files, ...extra });
}

const gateInputs = {
  'health-timeout': '20s',
  'health-interval': '200ms',
  'health-success-threshold': '2',
  drain: '200ms',
  // npm's update check would reach for the registry.
  env: 'NPM_CONFIG_UPDATE_NOTIFIER=false',
};

/** The gate settings rollback shares (it reads the env file from the release's manifest). */
const rollbackGate = Object.fromEntries(Object.entries(gateInputs).filter(([key]) => key !== 'env'));

/** v1 of the plain node app, live on the blue slot: the starting point of the refusal tests. */
async function deployV1(host: TargetHost): Promise<void> {
  const good = APPS['node server.js']!;
  const v1 = await host.deploy('v1', {
    ...gateInputs,
    'start-command': good.start,
    source: release(host, 'v1', good),
  });
  expect(ok(v1)).toEqual({ exit: 0, log: '' });
}

async function served(host: TargetHost): Promise<string> {
  return (await get(host.nginx.url)).body;
}

/** Runs `body` on a fresh target host whose /bin/sh is `shell`; a failure names the shell. */
async function onHost(shell: Shell, body: (host: TargetHost) => Promise<void>): Promise<void> {
  const host = await startTargetHost('shop', { sshdEnv: { PATH: shellPath(shell) } });
  try {
    await body(host);
  } catch (error) {
    if (error instanceof Error) error.message = `[/bin/sh is ${shell}] ${error.message}`;
    throw error;
  } finally {
    await host.stop();
  }
}

/** The same steps on a host per shell, side by side (the deploys mostly wait). */
async function onEveryShell(body: (host: TargetHost) => Promise<void>): Promise<void> {
  const results = await Promise.allSettled(
    (Object.keys(SHELLS) as Shell[]).map((shell) => onHost(shell, body)),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

describe('apps users write, each under dash, bash and busybox sh', () => {
  test.each(Object.keys(APPS))(
    '%s: v1 → v2 → broken v3 refused → rollback to v1, one session per live slot',
    (name) =>
      onEveryShell(async (host) => {
        const app = APPS[name]!;
        const [blue, green] = host.ports;
        const step = (
          version: string,
          extra: Record<string, string> = {},
          gate: Record<string, string> = {},
        ) =>
          host.deploy(version, {
            ...gateInputs,
            ...app.inputs,
            ...gate,
            'start-command': app.start,
            source: release(host, version, app, extra),
          });
        const v1 = await step('v1');
        expect(ok(v1)).toEqual({ exit: 0, log: '' });
        expect(sessionSummary(host.deployPath)).toEqual([`v1@${blue}`]);
        expect(await served(host)).toBe('hello from v1');

        const v2 = await step('v2');
        expect(v2.exitCode).toBe(0);
        expect(sessionSummary(host.deployPath)).toEqual([`v2@${green}`]);
        expect(await served(host)).toBe('hello from v2');

        // A broken release never turns healthy: a short deadline (past the 3 s bind) decides it.
        const v3 = await step('v3', { BROKEN: '1' }, { 'health-timeout': '5s' });
        expect(v3.exitCode).toBe(1);
        expect(v3.outputs['rolled-back']).toBe('true');
        expect(v3.log).toMatch(/failed its health check/);
        expect(sessionSummary(host.deployPath)).toEqual([`v2@${green}`]);
        expect(await served(host)).toBe('hello from v2');

        const back = await host.rollback({ ...rollbackGate, ...app.inputs, to: 'v1' });
        expect(ok(back)).toEqual({ exit: 0, log: '' });
        expect(sessionSummary(host.deployPath)).toEqual([`v1@${blue}`]);
        expect(await served(host)).toBe('hello from v1');
        expect(host.history().map((h) => [h.version, h.status])).toEqual([
          ['v1', 'success'],
          ['v2', 'success'],
          ['v3', 'failed'],
          ['v1', 'success'],
        ]);
      }),
  );

  test('stop-timeout: an app that takes 3 s to finish on SIGTERM finishes with 6s; with 1s it is killed first', () =>
    onHost('dash', async (host) => {
      // On TERM it finishes its work for 3 s, notes that it did, then exits.
      const graceful = nodeApp().replace(
        "process.on('SIGTERM', () => process.exit(0));",
        `process.on('SIGTERM', () => setTimeout(() => {
  fs.appendFileSync(path.join(__dirname, '..', '..', 'shared', 'stops.log'), 'finished ' + version + '\\n');
  process.exit(0);
}, 3000));`,
      );
      const step = async (version: string, stopTimeout: string): Promise<void> => {
        const result = await host.deploy(version, {
          ...gateInputs,
          'stop-timeout': stopTimeout,
          'start-command': 'node server.js',
          source: host.makeRelease(version, { 'server.js': graceful }),
        });
        expect(ok(result)).toEqual({ exit: 0, log: '' });
      };
      const stops = (): string => {
        const file = join(host.deployPath, 'shared', 'stops.log');
        return existsSync(file) ? readFileSync(file, 'utf8') : '';
      };
      await step('v1', '6s');
      // v1 is stopped after the switch to v2, and has the 6 s to finish.
      await step('v2', '6s');
      expect(stops()).toBe('finished v1\n');
      // Control: v2, stopped with 1 s, is killed before it can finish.
      await step('v3', '1s');
      expect(stops()).toBe('finished v1\n');
      expect(sessionSummary(host.deployPath)).toEqual([`v3@${host.ports[0]}`]);
    }));

  test('an app that exits 1 s after becoming healthy is refused at once; v1 keeps serving', () =>
    onEveryShell(async (host) => {
      await deployV1(host);
      const exiting = nodeApp().replace(
        'res.writeHead(status',
        "if (req.url === '/health') setTimeout(() => process.exit(1), 1000).unref();\n  res.writeHead(status",
      );
      const started = Date.now();
      // A threshold of 8 probes 200 ms apart spans the second after the first healthy answer.
      const v2 = await host.deploy('v2', {
        ...gateInputs,
        'health-success-threshold': '8',
        'start-command': 'node server.js',
        source: host.makeRelease('v2', { 'server.js': exiting }),
      });
      expect(v2.exitCode).toBe(1);
      expect(v2.log).toMatch(/the start command exited during its health gate/);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(sessionSummary(host.deployPath)).toEqual([`v1@${host.ports[0]}`]);
      expect(await served(host)).toBe('hello from v1');
    }));

  test('in place, a release that fails its gate: the previous one, restarted, answers before the deploy returns', () =>
    onEveryShell(async (host) => {
      const port = host.ports[0];
      // Slow to bind, as a real app is: the step must wait for it, not only start it.
      const files = { 'server.js': nodeApp({ bindAfterMs: 1500 }) };
      const step = (version: string, extra: Record<string, string> = {}) =>
        host.deploy(version, {
          ...gateInputs,
          'health-timeout': '5s',
          strategy: 'in-place',
          proxy: 'none',
          ports: String(port),
          'start-command': 'node server.js',
          source: host.makeRelease(version, { ...files, ...extra }),
        });
      const v1 = await step('v1');
      expect(ok(v1)).toEqual({ exit: 0, log: '' });
      const v2 = await step('v2', { BROKEN: '1' });
      expect(v2.exitCode).toBe(1);
      expect(v2.outputs['rolled-back']).toBe('true');
      // One request, no retry: what a smoke test after the step sees.
      expect(await get(`http://127.0.0.1:${port}/`).then((r) => r.body, String)).toBe('hello from v1');
      expect(v2.log).toMatch(/the previous release healthy after/);
    }));

  test('a start command that forks into the background and exits is refused with a clear message', () =>
    onEveryShell(async (host) => {
      await deployV1(host);
      const daemon = `require('child_process').spawn(process.execPath, ['server.js'], { detached: true, stdio: 'ignore' }).unref();`;
      const v2 = await host.deploy('v2', {
        ...gateInputs,
        'start-command': 'node daemon.js',
        // The daemon binds late: the stop comes before it listens, so the port cannot name it.
        source: host.makeRelease('v2', { 'server.js': nodeApp({ bindAfterMs: 2000 }), 'daemon.js': daemon }),
      });
      expect(v2.exitCode).toBe(1);
      expect(v2.log).toMatch(/the start command exited .*must run the app in the foreground/);
      // The daemon escaped the session, but it carries the session's DEPLOY_KIT_SESSION: stopped too.
      expect(sessionSummary(host.deployPath)).toEqual([`v1@${host.ports[0]}`]);
      expect(await served(host)).toBe('hello from v1');
    }));
});

describe('the host as users leave it (dash)', () => {
  let host: TargetHost;
  const app = APPS['node server.js']!;
  beforeAll(async () => {
    host = await startTargetHost('shop', { sshdEnv: { PATH: shellPath('dash') } });
  });
  afterAll(async () => {
    await host.stop();
  });

  test('a foreign process on the idle slot port: the deploy fails before switching, the process untouched', async () => {
    expect(
      (
        await host.deploy('v1', {
          ...gateInputs,
          'start-command': app.start,
          source: release(host, 'v1', app),
        })
      ).exitCode,
    ).toBe(0);
    const foreign: ChildProcess = spawn(
      process.execPath,
      [
        '-e',
        `require('http').createServer((q, r) => r.end('foreign')).listen(${host.ports[1]}, '127.0.0.1')`,
      ],
      { stdio: 'ignore' },
    );
    try {
      await new Promise((r) => setTimeout(r, 500));
      const v2 = await host.deploy('v2', {
        ...gateInputs,
        'start-command': app.start,
        source: release(host, 'v2', app),
      });
      expect(v2.exitCode).toBe(1);
      expect(v2.log).toMatch(
        new RegExp(
          `cannot start the green slot: port ${host.ports[1]} is in use by pid ${foreign.pid} .*which deploy-kit did not start for this app; nothing was switched`,
        ),
      );
      expect(isAlive(foreign.pid!)).toBe(true);
      expect((await get(`http://127.0.0.1:${host.ports[1]}/`)).body).toBe('foreign');
      expect(await served(host)).toBe('hello from v1');
      expect(host.current()).toBe('v1');
      expect(sessionSummary(host.deployPath)).toEqual([`v1@${host.ports[0]}`]);
    } finally {
      foreign.kill('SIGKILL');
    }
  });

  test('a survivor of this app on the idle slot port is stopped, and the deploy says so', async () => {
    // As an older deploy-kit left it: the app outlived its wrapper, and the pid file is gone.
    const survivor = spawn('setsid', ['node', 'server.js'], {
      cwd: join(host.deployPath, 'releases', 'v1'),
      env: { ...process.env, PORT: String(host.ports[1]) },
      stdio: 'ignore',
      detached: true,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(sessionSummary(host.deployPath)).toEqual([`v1@${host.ports[0]}`, `v1@${host.ports[1]}`].sort());
    const v2 = await host.deploy('v2', {
      ...gateInputs,
      'start-command': app.start,
      source: release(host, 'v2', app),
    });
    expect(v2.exitCode).toBe(0);
    expect(v2.log).toMatch(new RegExp(`port ${host.ports[1]}: stopping a leftover process of this app`));
    expect(v2.log).toMatch(/::warning::.*the green slot's port was not free/);
    expect(sessionSummary(host.deployPath)).toEqual([`v2@${host.ports[1]}`]);
    expect(isAlive(survivor.pid!)).toBe(false);
  });

  test('a multi-line build-command whose second line fails fails the deploy; nothing is switched', async () => {
    const before = host.current();
    const v3 = await host.deploy('v3', {
      ...gateInputs,
      'start-command': app.start,
      'build-command': 'echo first > built-1\nfalse\necho third > built-3',
      source: release(host, 'v3', app),
    });
    expect(v3.exitCode).toBe(1);
    expect(v3.log).toMatch(/build failed/);
    expect(existsSync(join(host.deployPath, 'releases', 'v3', 'built-1'))).toBe(true);
    expect(existsSync(join(host.deployPath, 'releases', 'v3', 'built-3'))).toBe(false);
    expect(host.current()).toBe(before);
    expect(await served(host)).toBe(`hello from ${before}`);
  });

  test('SIGKILL of the runner during a build: its processes are gone from the host within seconds; the next deploy proceeds', async () => {
    let killed = false;
    const dead = await host.deploy(
      'killed',
      { ...gateInputs, 'start-command': app.start, 'build-command': 'sleep 60' },
      {
        onSpawn: (child) => {
          const poll = setInterval(() => {
            if (appSessions(host.deployPath).some((s) => s.versions.includes('killed'))) {
              clearInterval(poll);
              killed = true;
              child.kill('SIGKILL');
            }
          }, 20);
          child.on('close', () => clearInterval(poll));
        },
      },
    );
    expect(killed).toBe(true);
    expect(dead.signal).toBe('SIGKILL');
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && appSessions(host.deployPath).some((s) => s.versions.includes('killed')))
      await new Promise((r) => setTimeout(r, 100));
    expect(appSessions(host.deployPath).filter((s) => s.versions.includes('killed'))).toEqual([]);
    const next = await host.deploy('after-kill', {
      ...gateInputs,
      'start-command': app.start,
      source: release(host, 'after-kill', app),
      'lock-timeout': '10s',
    });
    expect(ok(next)).toEqual({ exit: 0, log: '' });
    expect(await served(host)).toBe('hello from after-kill');
  });
});
