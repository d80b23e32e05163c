import { chownSync, mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, waitForPort } from './ports.js';
import { readPid, runOk, stopPid, waitFor } from './procs.js';
import { makeTempDir } from './tempdir.js';
import { existsSync } from 'node:fs';

export interface Postgres {
  port: number;
  host: string;
  socketDir: string;
  user: string;
  dataDir: string;
  /** psql argv prefix connecting to this cluster as the postgres user. */
  psql: string[];
  stop(): Promise<void>;
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

async function postgresUid(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await runOk('id', ['-u', 'postgres'])).trim());
  const gid = Number((await runOk('id', ['-g', 'postgres'])).trim());
  return { uid, gid };
}

/** A throwaway PostgreSQL 15 cluster owned by the postgres user (it refuses to run as root). */
/** With `password`, TCP connections need it (scram-sha-256); the socket stays trusted for setup. */
export async function startPostgres(options: { password?: string } = {}): Promise<Postgres> {
  const temp = makeTempDir('pg');
  const { uid, gid } = await postgresUid();
  chownSync(temp.path, uid, gid);
  const dataDir = join(temp.path, 'data');
  const port = await freePort();
  const asPostgres = (cmd: string, args: string[]): Promise<string> =>
    runOk('runuser', ['-u', 'postgres', '--', cmd, ...args]);
  const auth = options.password ? ['--auth-local=trust', '--auth-host=scram-sha-256'] : ['-A', 'trust'];
  await asPostgres(`${PG_BIN}/initdb`, ['-D', dataDir, ...auth, '-U', 'postgres', '--no-sync']);
  await asPostgres(`${PG_BIN}/pg_ctl`, [
    '-D',
    dataDir,
    '-l',
    join(temp.path, 'pg.log'),
    '-w',
    '-o',
    `-p ${port} -k ${temp.path} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  await waitForPort(port);
  if (options.password)
    await runOk('psql', [
      '-h',
      temp.path,
      '-p',
      String(port),
      '-U',
      'postgres',
      '-X',
      '-q',
      '-c',
      `ALTER USER postgres PASSWORD '${options.password}'`,
    ]);
  return {
    port,
    host: '127.0.0.1',
    socketDir: temp.path,
    user: 'postgres',
    dataDir,
    // Over the socket when TCP needs a password: test setup is not what is being tested.
    psql: [
      'psql',
      '-h',
      options.password ? temp.path : '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'postgres',
      '-X',
      '-A',
      '-t',
    ],
    stop: async () => {
      await asPostgres(`${PG_BIN}/pg_ctl`, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(
        async () => {
          const pid = readPid(join(dataDir, 'postmaster.pid'));
          if (pid) await stopPid(pid);
        },
      );
      temp.remove();
    },
  };
}

export interface MariaDb {
  port: number;
  socket: string;
  /** mariadb client argv prefix connecting as root over the socket. */
  client: string[];
  stop(): Promise<void>;
}

export async function startMariaDb(): Promise<MariaDb> {
  const temp = makeTempDir('mariadb');
  const dataDir = join(temp.path, 'data');
  mkdirSync(dataDir);
  const port = await freePort();
  const socket = join(temp.path, 'my.sock');
  await runOk(
    'mariadb-install-db',
    [`--datadir=${dataDir}`, '--user=root', '--auth-root-authentication-method=socket', '--skip-test-db'],
    { timeoutMs: 120_000 },
  );
  const child = spawn(
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--socket=${socket}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--user=root',
      `--pid-file=${join(temp.path, 'my.pid')}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=32M',
    ],
    { stdio: 'ignore' },
  );
  child.unref();
  await waitForPort(port, 30_000);
  await waitFor(() => existsSync(socket), 10_000, 'mariadb socket');
  return {
    port,
    socket,
    client: ['mariadb', '--no-defaults', `--socket=${socket}`, '-u', 'root', '-N', '-B'],
    stop: async () => {
      if (child.pid) await stopPid(child.pid, 15_000);
      temp.remove();
    },
  };
}
