import { existsSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startNginx, type Nginx } from './nginx.js';
import { freePort } from './ports.js';
import { killSlotSessions } from './procs.js';
import { runBundle, type RunOptions, type RunResult } from './runner.js';
import { startSshd, type Sshd } from './sshd.js';
import { makeTempDir } from './tempdir.js';

/** The test app: /health answers 200 with its version, or 500 when BROKEN is in the release or the host's shared/. */
export const APP_SERVER = `const http = require('http');
const fs = require('fs');
const path = require('path');
const version = fs.readFileSync(path.join(__dirname, 'VERSION'), 'utf8').trim();
const broken = fs.existsSync(path.join(__dirname, 'BROKEN')) || fs.existsSync(path.join(__dirname, '..', '..', 'shared', 'BROKEN_HOST'));
const server = http.createServer((req, res) => {
  if (req.url === '/env') { res.writeHead(200); res.end(JSON.stringify(process.env)); return; }
  const status = req.url === '/health' && broken ? 500 : 200;
  res.writeHead(status, { 'content-type': 'text/plain', 'x-version': version });
  res.end(req.url === '/health' ? version : 'hello from ' + version);
});
server.keepAliveTimeout = 1000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => { server.close(() => process.exit(0)); setTimeout(() => process.exit(0), 3000).unref(); });
`;

/** Writes the test app's release `version` (plus `extra` files) into `dir` and returns `dir`. */
export function writeRelease(dir: string, version: string, extra: Record<string, string> = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'server.js'), APP_SERVER);
  writeFileSync(join(dir, 'VERSION'), `${version}\n`);
  for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir, name), content);
  return dir;
}

/** deploy-ssh inputs for a blue-green deploy of the test app behind the test bed's nginx. */
export function blueGreenInputs(target: {
  hosts: string[];
  fingerprints: string[];
  privateKey: string;
  app: string;
  version: string;
  deployPath: string;
  source: string;
  ports: readonly [number, number];
  nginxCommand: string;
}): Record<string, string> {
  return {
    hosts: target.hosts.join('\n'),
    'ssh-key': target.privateKey,
    'host-fingerprint': target.fingerprints.join('\n'),
    app: target.app,
    version: target.version,
    'deploy-path': target.deployPath,
    source: target.source,
    proxy: 'nginx',
    ports: `${target.ports[0]},${target.ports[1]}`,
    'start-command': 'node server.js',
    'proxy-test-command': `${target.nginxCommand} -t`,
    'proxy-reload-command': `${target.nginxCommand} -s reload`,
    'health-interval': '200ms',
    'health-timeout': '5s',
    'health-success-threshold': '2',
    drain: '1s',
  };
}

/** deploy-ssh inputs that rollback takes too (the rest it reads from the release's manifest). */
export const ROLLBACK_SHARED = [
  'hosts',
  'ssh-key',
  'host-fingerprint',
  'app',
  'deploy-path',
  'health-interval',
  'health-timeout',
  'health-success-threshold',
  'drain',
];

/** Rollback inputs from a deploy's: the connection, app and gate settings rollback shares. */
export function rollbackInputs(deployInputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    ROLLBACK_SHARED.filter((k) => deployInputs[k] !== undefined).map((k) => [k, deployInputs[k]!]),
  );
}

/** A deploy target: real sshd and a private nginx whose upstream is the file deploy-kit owns. */
export interface TargetHost {
  sshd: Sshd;
  nginx: Nginx;
  deployPath: string;
  ports: [number, number];
  root: string;
  /** Writes an app release to a local directory and returns it. */
  makeRelease(version: string, extra?: Record<string, string>): string;
  /** Inputs for deploy-ssh aimed at this host (blue-green behind nginx). */
  inputs(version: string, source: string, overrides?: Record<string, string>): Record<string, string>;
  deploy(version: string, overrides?: Record<string, string>, options?: RunOptions): Promise<RunResult>;
  /** Runs the rollback action against this host (default target unless `to` is given). */
  rollback(overrides?: Record<string, string>, options?: RunOptions): Promise<RunResult>;
  current(): string | undefined;
  history(): Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startTargetHost(
  app = 'shop',
  options: { sshdEnv?: Record<string, string> } = {},
): Promise<TargetHost> {
  const temp = makeTempDir('target');
  const deployPath = join(temp.path, 'srv', app);
  const ports: [number, number] = [await freePort(), await freePort()];
  const upstreamPath = join(deployPath, '.deploy-kit', 'upstream.conf');
  const sshd = await startSshd({ env: options.sshdEnv });
  // As the README tells users: create the include once, pointing at the blue port.
  const nginx = await startNginx({ app, upstreamPort: ports[0], upstreamPath });
  const nginxCommand = nginx.command.join(' ');
  const sources = join(temp.path, 'sources');
  mkdirSync(sources);
  const host: TargetHost = {
    sshd,
    nginx,
    deployPath,
    ports,
    root: temp.path,
    makeRelease: (version, extra = {}) => writeRelease(join(sources, version), version, extra),
    inputs: (version, source, overrides = {}) => ({
      ...blueGreenInputs({
        hosts: [`${sshd.user}@${sshd.host}:${sshd.port}`],
        fingerprints: [sshd.fingerprint],
        privateKey: sshd.privateKey,
        app,
        version,
        deployPath,
        source,
        ports,
        nginxCommand,
      }),
      ...overrides,
    }),
    deploy: (version, overrides = {}, options = {}) => {
      const source = overrides.source ?? host.makeRelease(version);
      return runBundle('deploy-ssh', { ...options, inputs: host.inputs(version, source, overrides) });
    },
    rollback: (overrides = {}, options = {}) =>
      runBundle('rollback', {
        ...options,
        inputs: { ...rollbackInputs(host.inputs('unused', '')), ...overrides },
      }),
    current: () => {
      const link = join(deployPath, 'current');
      return existsSync(link) ? readlinkSync(link).replace(/^releases\//, '') : undefined;
    },
    history: () => {
      const file = join(deployPath, '.deploy-kit', 'history.jsonl');
      if (!existsSync(file)) return [];
      return readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    stop: async () => {
      // Stop any slot processes the tests left running.
      killSlotSessions(deployPath);
      await nginx.stop();
      await sshd.stop();
      temp.remove();
    },
  };
  return host;
}
