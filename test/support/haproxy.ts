import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort, waitForPort } from './ports.js';
import { stopPid } from './procs.js';
import { makeTempDir } from './tempdir.js';

export interface Haproxy {
  port: number;
  url: string;
  /** The runtime API's admin socket (mode 600: the test's user, who is also the SSH user). */
  socket: string;
  stateFile: string;
  /** One runtime-API command, straight to the socket (for a test's own checks and controls). */
  api(command: string): Promise<string>;
  /** What HAProxy wrote to stderr (warnings, alerts), for failure reports. */
  log(): string;
  /** Stops and starts it again from the same configuration (and the state file). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A private HAProxy (Debian's 2.6) in the foreground, configured as the README tells users: backend
 * `<app>` with servers blue (the first port) and green (the second, disabled until a deploy makes
 * it ready), the admin socket, and the state file deploy-kit writes loaded on a restart.
 */
export async function startHaproxy(options: {
  app: string;
  ports: readonly [number, number];
  stateFile: string;
  /** Where the frontend listens (default 127.0.0.1). */
  address?: string;
  /** Runs HAProxy through this command (e.g. nsenter into a test host's network namespace). */
  wrap?: string[];
}): Promise<Haproxy> {
  const temp = makeTempDir('haproxy');
  const address = options.address ?? '127.0.0.1';
  const port = await freePort();
  const socket = join(temp.path, 'admin.sock');
  const config = join(temp.path, 'haproxy.cfg');
  writeFileSync(
    config,
    `global
  stats socket ${socket} mode 600 level admin

defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s

frontend web
  bind ${address}:${port}
  default_backend ${options.app}

backend ${options.app}
  load-server-state-from-file local
  server-state-file-name ${options.stateFile}
  server blue 127.0.0.1:${options.ports[0]}
  server green 127.0.0.1:${options.ports[1]} disabled
`,
  );
  let stderr = '';
  let pid = 0;
  const start = async (): Promise<void> => {
    const [command, ...args] = [...(options.wrap ?? []), 'haproxy', '-f', config, '-db'];
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    pid = child.pid ?? 0;
    await waitForPort(port, 10_000, address);
  };
  await start();
  return {
    port,
    url: `http://${address}:${port}`,
    socket,
    stateFile: options.stateFile,
    log: () => stderr,
    api: (command) =>
      new Promise((resolve, reject) => {
        const stream = connect(socket);
        let answer = '';
        stream.on('data', (chunk: Buffer) => (answer += chunk.toString()));
        stream.on('error', reject);
        stream.on('close', () => resolve(answer));
        stream.end(`${command}\n`);
      }),
    restart: async () => {
      await stopPid(pid);
      await start();
    },
    stop: async () => {
      await stopPid(pid);
      temp.remove();
    },
  };
}
