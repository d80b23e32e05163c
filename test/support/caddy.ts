import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitForPort } from './ports.js';
import { stopPid } from './procs.js';
import { makeTempDir } from './tempdir.js';

export interface Caddy {
  port: number;
  url: string;
  /** The admin endpoint as the `caddy-admin` input names it: `127.0.0.1:<port>` or `unix//…`. */
  admin: string;
  /** `caddy validate` / `caddy reload` for this instance's Caddyfile (the fallback switch). */
  testCommand: string;
  reloadCommand: string;
  /** Caddy's running config, straight from its admin API (TCP endpoints only). */
  config(): Promise<unknown>;
  /** What Caddy logged, for failure reports. */
  log(): string;
  /** Stops and starts it again from the Caddyfile (which imports the snippet deploy-kit writes). */
  restart(): Promise<void>;
  /** Stops the process and keeps its files (a Caddy that is down). */
  halt(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A private Caddy (Debian's 2.6) as the README tells users: the site imports the app's snippet
 * from the upstream file deploy-kit writes; its admin endpoint on a port of its own (or a Unix
 * socket), so several instances never meet on :2019; nothing persisted outside its directory.
 */
export async function startCaddy(options: {
  app: string;
  snippet: string;
  admin?: 'tcp' | 'unix';
}): Promise<Caddy> {
  const temp = makeTempDir('caddy');
  const port = await freePort();
  const admin =
    options.admin === 'unix' ? `unix/${join(temp.path, 'admin.sock')}` : `127.0.0.1:${await freePort()}`;
  const caddyfile = join(temp.path, 'Caddyfile');
  writeFileSync(
    caddyfile,
    `{
	admin ${admin}
	auto_https off
}

import ${options.snippet}

http://127.0.0.1:${port} {
	import ${options.app}
}
`,
  );
  const env = {
    ...process.env,
    HOME: temp.path,
    XDG_CONFIG_HOME: join(temp.path, 'config'),
    XDG_DATA_HOME: join(temp.path, 'data'),
  };
  let output = '';
  let pid = 0;
  const start = async (): Promise<void> => {
    const child = spawn('caddy', ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    pid = child.pid ?? 0;
    await waitForPort(port).catch((error: unknown) => {
      throw new Error(`Caddy did not start: ${output}`, { cause: error });
    });
  };
  await start();
  const cli = `env HOME=${temp.path} XDG_CONFIG_HOME=${env.XDG_CONFIG_HOME} XDG_DATA_HOME=${env.XDG_DATA_HOME} caddy`;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    admin,
    testCommand: `${cli} validate --config ${caddyfile} --adapter caddyfile`,
    reloadCommand: `${cli} reload --config ${caddyfile} --adapter caddyfile`,
    config: async () => {
      const response = await fetch(`http://${admin}/config/`);
      return response.json();
    },
    log: () => output,
    restart: async () => {
      await stopPid(pid);
      await start();
    },
    halt: () => stopPid(pid),
    stop: async () => {
      await stopPid(pid);
      temp.remove();
    },
  };
}
