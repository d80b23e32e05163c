import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort, waitForPort } from './ports.js';
import { readPid, run, runOk, stopPid, waitFor } from './procs.js';
import { makeTempDir } from './tempdir.js';

export interface Nginx {
  port: number;
  url: string;
  dir: string;
  /** The file deploy-kit owns: `upstream <app> { server 127.0.0.1:<port>; }`. */
  upstreamPath: string;
  /** argv prefix for this private instance: `nginx -p <dir> -c <dir>/nginx.conf`. */
  command: string[];
  setUpstream(port: number): void;
  test(): Promise<{ ok: boolean; output: string }>;
  reload(): Promise<void>;
  /** The `[error]` lines of its error log (why a request got a 502/504), for failure reports. */
  errors(): string[];
  stop(): Promise<void>;
}

export function upstreamConf(app: string, port: number): string {
  return `upstream ${app} { server 127.0.0.1:${port}; }\n`;
}

/** A private nginx (its own prefix, pid, logs) proxying to the upstream file, as docs/testbed.md describes. */
export async function startNginx(options: {
  app?: string;
  upstreamPort: number;
  upstreamPath?: string;
  /** Extra directives for the proxied location (a load balancer's over remote nodes). */
  location?: string;
}): Promise<Nginx> {
  const app = options.app ?? 'app';
  const temp = makeTempDir('nginx');
  const dir = temp.path;
  const port = await freePort();
  mkdirSync(join(dir, 'logs'));
  mkdirSync(join(dir, 'tmp'));
  const upstreamPath = options.upstreamPath ?? join(dir, 'upstream.conf');
  mkdirSync(dirname(upstreamPath), { recursive: true });
  writeFileSync(upstreamPath, upstreamConf(app, options.upstreamPort));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon on;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  # Production-style: do not recycle busy keep-alive connections every 1,000 requests (nginx default),
  # which races with clients that write the next request at once.
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  include ${upstreamPath};
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://${app};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      ${options.location ?? ''}
    }
  }
}
`,
  );
  const command = ['/usr/sbin/nginx', '-p', dir, '-c', conf];
  await runOk(command[0]!, [...command.slice(1)]);
  await waitForPort(port);
  const pidFile = join(dir, 'nginx.pid');
  await waitFor(() => readPid(pidFile) !== undefined, 5000, 'nginx pid file');
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    dir,
    upstreamPath,
    command,
    setUpstream: (upstream) => writeFileSync(upstreamPath, upstreamConf(app, upstream)),
    test: async () => {
      const result = await run(command[0]!, [...command.slice(1), '-t']);
      return { ok: result.code === 0, output: result.stderr };
    },
    reload: async () => {
      await runOk(command[0]!, [...command.slice(1), '-s', 'reload']);
    },
    errors: () => {
      const log = join(dir, 'logs', 'error.log');
      if (!existsSync(log)) return [];
      return readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line.includes('[error]'));
    },
    stop: async () => {
      const pid = readPid(pidFile);
      if (pid) await stopPid(pid);
      temp.remove();
    },
  };
}
