// npm run demo: the whole deploy flow on an embedded target, nothing to set up. An SSH server on
// 127.0.0.1 (ssh2's server side, host key pinned by fingerprint) stands in for a host; the real
// deploy-ssh and rollback code (the committed CLI bundle) deploy a sample app v1, then v2, then a
// broken v3 that the health gate rejects and switches back from, then roll back to v1 on purpose.
// Everything lives in a temporary directory and is stopped and removed at the end.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoTarget } from './demo-target.mjs';

const cli = fileURLToPath(new URL('../bin/deploy-kit.js', import.meta.url));
const started = Date.now();
const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const say = (text) => process.stdout.write(`\n${bold(text)}\n`);

const APP = `const http = require('http');
const fs = require('fs');
const version = fs.readFileSync(__dirname + '/VERSION', 'utf8').trim();
const broken = fs.existsSync(__dirname + '/BROKEN');
http.createServer((req, res) => {
  const status = req.url === '/health' && broken ? 500 : 200;
  res.writeHead(status, { 'content-type': 'text/plain', 'x-version': version });
  res.end(req.url === '/health' ? (broken ? 'database unreachable' : 'ok ' + version) : 'hello from ' + version + '\\n');
}).listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
`;

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function get(port) {
  return new Promise((resolve) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', agent: false, timeout: 2000 }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(body.trim()));
      })
      .on('error', (error) => resolve(`(no answer: ${error.code ?? error.message})`));
  });
}

function runCli(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** Stops every app the deploys started (their pid files hold process-group leaders). */
function stopApps(root) {
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.pid')) {
        const pid = Number(readFileSync(path, 'utf8').trim());
        if (pid > 1) {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
      }
    }
  };
  if (existsSync(root)) walk(root);
}

const root = mkdtempSync(join(tmpdir(), 'deploy-kit-demo-'));
const target = await startDemoTarget();
let ok;
try {
  const port = await freePort();
  const deployPath = join(root, 'srv', 'shop');
  const release = (version, broken = false) => {
    const dir = join(root, 'build', version);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'server.js'), APP);
    writeFileSync(join(dir, 'VERSION'), version);
    if (broken) writeFileSync(join(dir, 'BROKEN'), '');
    return dir;
  };
  const connection = [
    '--hosts',
    `deploy@${target.host}:${target.port}`,
    '--host-fingerprint',
    target.fingerprint,
    '--app',
    'shop',
    '--deploy-path',
    deployPath,
    '--health-interval',
    '200ms',
    '--health-timeout',
    '4s',
    '--health-success-threshold',
    '2',
  ];
  // The key goes in through the environment, as a secret would: never on a command line.
  const env = { DEPLOY_KIT_SSH_KEY: target.privateKey, GITHUB_RUN_ID: String(process.pid) };
  const deploy = (version, broken) =>
    runCli(
      [
        'deploy-ssh',
        ...connection,
        '--version',
        version,
        '--source',
        release(version, broken),
        '--strategy',
        'in-place',
        '--ports',
        String(port),
        '--start-command',
        'node server.js',
      ],
      env,
    );

  say(`deploy-kit demo: an SSH target on ${target.host}:${target.port} (host key ${target.fingerprint}),`);
  say(`releases under ${deployPath}, the app on port ${port}`);

  say('1/4  Deploy v1: upload, switch, health gate');
  const v1 = await deploy('v1');
  const after1 = await get(port);
  say(`     → exit ${v1}; the app says: ${after1}`);

  say('2/4  Deploy v2');
  const v2 = await deploy('v2');
  const after2 = await get(port);
  say(`     → exit ${v2}; the app says: ${after2}`);

  say('3/4  Deploy v3, whose /health answers 500: the gate must reject it and switch back to v2');
  const v3 = await deploy('v3', true);
  const after3 = await get(port);
  say(`     → exit ${v3} (${v3 === 1 ? 'rejected, switched back' : 'unexpected'}); the app says: ${after3}`);

  say('4/4  Roll back to v1 on purpose (what the rollback workflow does): no upload, same lock and gate');
  const back = await runCli(['rollback', ...connection, '--to', 'v1', '--reason', 'demo: back to v1'], env);
  const after4 = await get(port);
  say(`     → exit ${back}; the app says: ${after4}`);

  ok =
    v1 === 0 &&
    after1 === 'hello from v1' &&
    v2 === 0 &&
    after2 === 'hello from v2' &&
    v3 === 1 &&
    after3 === 'hello from v2' &&
    back === 0 &&
    after4 === 'hello from v1';
  say(
    ok
      ? `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: v1 → v2 → v3 rejected (v2 kept serving) → back to v1.`
      : 'The demo did not go as expected: see the output above.',
  );
} finally {
  stopApps(root);
  await target.stop();
  if (!process.env.DEPLOY_KIT_DEMO_KEEP) rmSync(root, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
