// db-backup against real PostgreSQL 15 and MariaDB clusters started here, SQLite files and a
// directory tree, through the runner harness on the committed bundle.
import { gunzipSync, gzipSync } from 'node:zlib';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { startMariaDb, startPostgres, type MariaDb, type Postgres } from '../support/databases.js';
import { runOk } from '../support/procs.js';
import { ok, runBundle, type RunResult } from '../support/runner.js';
import { assertNoSecret, sampleCommandLines } from '../support/secrets.js';
import { makeTempDir } from '../support/tempdir.js';
import { startSshd } from '../support/sshd.js';
import { createPodman, engineEnv } from '../support/podman.js';
import { startS3 } from '../support/s3.js';
import { startArtifactService } from '../support/artifacts.js';
import { teardown } from '../support/teardown.js';

const PG_PASSWORD = 'pg-Secr3t:with\\odd"chars';
const MY_PASSWORD = 'my-Secr3t"quote\\slash';
let pg: Postgres;
let my: MariaDb;
const temps: Array<{ path: string; remove(): void }> = [];
const tempDir = (name: string): string => {
  const t = makeTempDir(name);
  temps.push(t);
  return t.path;
};

/** The compression pg_restore reads in a stored custom-format archive's header (-1: pg_dump's default, 0: none). */
function archiveCompression(file: string, compression: string): string | undefined {
  const archive = `${tempDir('archive')}/archive.dump`;
  writeFileSync(archive, compression === 'gzip' ? gunzipSync(readFileSync(file)) : readFileSync(file));
  return /Compression: (-?\d+)\n/.exec(
    execFileSync('pg_restore', ['--list', archive], { encoding: 'utf8' }),
  )?.[1];
}

beforeAll(async () => {
  [pg, my] = await Promise.all([startPostgres({ password: PG_PASSWORD }), startMariaDb()]);
  await runOk(my.client[0]!, [
    ...my.client.slice(1),
    '-e',
    `CREATE DATABASE shop; CREATE USER 'backup'@'127.0.0.1' IDENTIFIED BY '${MY_PASSWORD.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}'; GRANT ALL ON *.* TO 'backup'@'127.0.0.1';`,
  ]);
}, 120_000);
afterAll(async () => {
  await teardown(
    () => pg.stop(),
    () => my.stop(),
  );
  for (const t of temps) t.remove();
});

const sql = (statements: string, db = 'shop'): string =>
  execFileSync(pg.psql[0]!, [...pg.psql.slice(1), '-d', db, '-v', 'ON_ERROR_STOP=1', '-c', statements], {
    encoding: 'utf8',
  }).trim();
const mysql = (statements: string): string =>
  execFileSync(my.client[0]!, [...my.client.slice(1), 'shop', '-e', statements], { encoding: 'utf8' }).trim();

/** Every table's rows, in a stable order: what a restore must give back exactly. */
function pgRows(db = 'shop'): string {
  const tables = sql(
    "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'",
    db,
  );
  return tables
    .split(',')
    .filter(Boolean)
    .map(
      (t) =>
        `${t}:${sql(`SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) || count(*) FROM ${t} x`, db)}`,
    )
    .join(' ');
}
function myRows(): string {
  return ['orders', 'items']
    .map(
      (t) =>
        `${t}:${mysql(`SELECT MD5(GROUP_CONCAT(CONCAT_WS(',', id, name) ORDER BY id)), COUNT(*) FROM ${t}`)}`,
    )
    .join(' ');
}

const pgInputs = (dest: string, extra: Record<string, string> = {}): Record<string, string> => ({
  engine: 'postgres',
  'database-url': `postgres://postgres:${encodeURIComponent(PG_PASSWORD)}@127.0.0.1:${pg.port}/shop`,
  destination: `local:${dest}`,
  ...extra,
});
const backup = (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> =>
  runBundle('db-backup', { inputs, env });
const published = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe('PostgreSQL', () => {
  beforeAll(() => {
    execFileSync(pg.psql[0]!, [...pg.psql.slice(1), '-c', 'CREATE DATABASE shop']);
    sql(`CREATE TABLE orders (id serial PRIMARY KEY, customer text, total numeric(10,2), placed timestamptz DEFAULT now());
         CREATE TABLE items (id serial PRIMARY KEY, order_id int REFERENCES orders(id), sku text, note text);
         INSERT INTO orders (customer, total) SELECT 'c' || g, g * 1.5 FROM generate_series(1, 3000) g;
         INSERT INTO items (order_id, sku, note) SELECT 1 + g % 3000, 'sku-' || g, repeat('x', g % 50) FROM generate_series(1, 9000) g;`);
  });

  test.each([
    ['custom', 'gzip'],
    ['plain', 'zstd'],
    ['custom', 'none'],
  ])(
    'round trip: format %s, compression %s — back up, drop, restore, every row back',
    async (format, compression) => {
      const dest = tempDir('pg-dest');
      const before = pgRows();
      const sampler = sampleCommandLines();
      const result = await backup(pgInputs(dest, { format, compression }));
      const argvs = await sampler.stop();
      expect(ok(result)).toEqual({ exit: 0, log: '' });
      expect(result.outputs['backup-path']).toMatch(
        new RegExp(
          `^local:${dest}/postgres-shop-\\d{8}T\\d{6}\\.\\d{3}Z\\.${format === 'custom' ? 'dump' : 'sql'}${compression === 'gzip' ? '\\.gz' : compression === 'zstd' ? '\\.zst' : ''}$`,
        ),
      );
      const file = result.outputs['backup-path']!.slice('local:'.length);
      expect(statSync(file).size).toBe(Number(result.outputs['size-bytes']));
      expect(readFileSync(`${file}.sha256`, 'utf8')).toBe(
        `${result.outputs.sha256}  ${file.split('/').at(-1)}\n`,
      );
      expect(execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]).toBe(
        result.outputs.sha256,
      );
      if (format === 'custom') {
        // Compressed once: by the action's gzip, or (compression: none) by pg_dump itself.
        expect(archiveCompression(file, compression)).toBe(compression === 'gzip' ? '0' : '-1');
      }
      // The password never reached a command line or the log.
      expect([...argvs].filter((a) => a.includes('Secr3t'))).toEqual([]);
      expect([...argvs].some((a) => a.includes('pg_dump'))).toBe(true);
      assertNoSecret(result.log, PG_PASSWORD, 'log');

      sql('DROP TABLE items; DROP TABLE orders;');
      expect(pgRows()).toBe('');
      const restored = await backup(
        pgInputs(dest, { format, compression, operation: 'restore', 'safety-backup': 'false' }),
      );
      expect(ok(restored)).toEqual({ exit: 0, log: '' });
      expect(pgRows()).toBe(before);
    },
  );

  test.each(['custom', 'plain'])(
    "verify: restore (%s): a scratch restore whose row counts match the dump's snapshot while a writer keeps inserting",
    async (format) => {
      const dest = tempDir('pg-verify-restore');
      // A writer inserting all along: counts taken outside the dump's snapshot would not match.
      let writing = true;
      const writer = (async () => {
        while (writing) {
          await new Promise((r) => setTimeout(r, 5));
          await runOk(pg.psql[0]!, [
            ...pg.psql.slice(1),
            '-d',
            'shop',
            '-c',
            "INSERT INTO orders (customer, total) VALUES ('w', 1)",
          ]);
        }
      })();
      const ordersBefore = Number(sql('SELECT count(*) FROM orders'));
      let result: RunResult;
      try {
        result = await backup(pgInputs(dest, { format, verify: 'restore' }));
        // The writer did insert while the backup ran (so the shared snapshot mattered).
        expect(Number(sql('SELECT count(*) FROM orders'))).toBeGreaterThan(ordersBefore);
      } finally {
        writing = false;
        await writer;
      }
      expect(ok(result)).toEqual({ exit: 0, log: '' });
      expect(result.log).toMatch(
        /verify: restore: restored into a scratch database, 2 tables and \d+ rows match the dump's snapshot/,
      );
      expect(result.summary).toMatch(/restored: 2 tables, \d+ rows match/);
      // The scratch database is gone.
      expect(sql("SELECT count(*) FROM pg_database WHERE datname LIKE '%dkverify%'", 'postgres')).toBe('0');
      expect(published(dest)).toHaveLength(2);
    },
  );

  test('verify: restore refuses a backup that does not restore, and publishes nothing', async () => {
    const dest = tempDir('pg-verify-broken');
    // A known trap: a CHECK calling a SQL function that names a table without its schema works in the
    // database, but a restore runs with an empty search_path, so loading the rows fails.
    sql(`CREATE TABLE lookup (v int); INSERT INTO lookup VALUES (1);
         CREATE FUNCTION lookup_ok(x int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT x >= (SELECT min(v) FROM lookup)';
         CREATE TABLE guarded (x int CHECK (lookup_ok(x))); INSERT INTO guarded VALUES (5);`);
    try {
      const result = await backup(pgInputs(dest, { verify: 'restore' }));
      expect(result.exitCode).toBe(1);
      expect(result.log).toMatch(/verify: restore: the backup does not restore into a scratch database/);
      expect(published(dest)).toEqual([]);
      expect(sql("SELECT count(*) FROM pg_database WHERE datname LIKE '%dkverify%'", 'postgres')).toBe('0');
    } finally {
      sql('DROP TABLE guarded; DROP FUNCTION lookup_ok; DROP TABLE lookup;');
    }
  });

  test('restore checks the file, then takes a safety backup, then restores: a file failing its check changes nothing; a failed restore leaves the safety backup listed', async () => {
    const dest = tempDir('pg-safety');
    expect(ok(await backup(pgInputs(dest)))).toEqual({ exit: 0, log: '' });
    const good = published(dest).find((f) => f.endsWith('.dump.gz'))!;
    sql("INSERT INTO orders (customer, total) VALUES ('after-backup', 1)");
    // Other files under later names (a second apart: a name in the future would not be a
    // candidate at all).
    const stamp = /(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z/.exec(good)!;
    const [y = 0, mo = 1, d, h, mi, sec = 0, ms] = stamp.slice(1).map(Number);
    const named = (seconds: number): string =>
      good.replace(
        stamp[0],
        new Date(Date.UTC(y, mo - 1, d, h, mi, sec + seconds, ms)).toISOString().replace(/[-:]/g, ''),
      );
    const safeties = async (): Promise<unknown[]> =>
      JSON.parse(
        (await backup(pgInputs(dest, { operation: 'list', 'name-prefix': 'postgres-shop-safety' }))).outputs
          .backups!,
      ) as unknown[];

    // Cut short, its sidecar's hash untouched: refused before anything happens.
    const cut = named(1);
    writeFileSync(join(dest, cut), readFileSync(join(dest, good)).subarray(0, 500));
    writeFileSync(
      join(dest, `${cut}.sha256`),
      readFileSync(join(dest, `${good}.sha256`), 'utf8').replace(good, cut),
    );
    const refused = await backup(pgInputs(dest, { operation: 'restore', 'restore-from': cut }));
    expect(refused.exitCode).toBe(1);
    expect(refused.log).toMatch(/does not match its sidecar .*not restored/);
    expect(sql("SELECT count(*) FROM orders WHERE customer = 'after-backup'")).toBe('1'); // untouched
    expect(await safeties()).toHaveLength(0);

    // Whole and matching its sidecar, but not an archive: the safety backup is taken, the restore fails.
    const garbage = named(2);
    writeFileSync(join(dest, garbage), gzipSync(Buffer.from('not a pg_dump archive\n')));
    writeFileSync(
      join(dest, `${garbage}.sha256`),
      `${createHash('sha256')
        .update(readFileSync(join(dest, garbage)))
        .digest('hex')}  ${garbage}\n`,
    );
    const failed = await backup(pgInputs(dest, { operation: 'restore', 'restore-from': garbage }));
    expect(failed.exitCode).toBe(1);
    expect(failed.log).toMatch(/Restoring on .* failed \(exit 1\)/);
    expect(sql("SELECT count(*) FROM orders WHERE customer = 'after-backup'")).toBe('1'); // untouched
    expect(await safeties()).toHaveLength(1);

    const restored = await backup(pgInputs(dest, { operation: 'restore', 'restore-from': good }));
    expect(ok(restored)).toEqual({ exit: 0, log: '' });
    expect(restored.outputs['safety-backup-path']).toMatch(
      /postgres-shop-safety-\d{8}T\d{6}\.\d{3}Z\.dump\.gz$/,
    );
    expect(sql("SELECT count(*) FROM orders WHERE customer = 'after-backup'")).toBe('0');
  });

  describe('faults: the step fails, nothing is published, earlier backups stay byte-identical, no retention', () => {
    let dest: string;
    let earlier: Record<string, string>;
    beforeAll(async () => {
      dest = tempDir('pg-faults');
      expect(ok(await backup(pgInputs(dest)))).toEqual({ exit: 0, log: '' });
      earlier = Object.fromEntries(published(dest).map((f) => [f, readFileSync(join(dest, f), 'base64')]));
    });
    const unchanged = (): void => {
      expect(published(dest)).toEqual(Object.keys(earlier).sort());
      for (const [f, content] of Object.entries(earlier))
        expect(readFileSync(join(dest, f), 'base64')).toBe(content);
    };

    test('wrong password', async () => {
      const result = await backup({
        ...pgInputs(dest, { 'keep-last': '1' }),
        'database-url': `postgres://postgres:wrong@127.0.0.1:${pg.port}/shop`,
      });
      expect(result.exitCode).toBe(1);
      expect(result.log).toMatch(
        /Cannot connect to PostgreSQL from the runner: .*password authentication failed/,
      );
      unchanged();
    });

    test.each(['none', 'gzip'])(
      'dump killed mid-way (the backend terminated), compression %s',
      async (compression) => {
        // A table big enough that the dump is still running when its backend is terminated.
        sql(
          `CREATE TABLE IF NOT EXISTS big AS SELECT g AS id, md5(g::text) || repeat('y', 200) AS pad FROM generate_series(1, 400000) g`,
        );
        // Whatever the dump writes into (a file, gzip), its own exit status decides.
        const running = backup(pgInputs(dest, { 'keep-last': '1', compression }));
        let killed = '';
        for (let i = 0; i < 200 && !killed.includes('t'); i += 1) {
          await new Promise((r) => setTimeout(r, 25));
          killed = sql(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pg_dump' AND datname = 'shop'`,
          );
        }
        const result = await running;
        expect(killed).toContain('t');
        expect(result.exitCode).toBe(1);
        expect(result.log).toMatch(/pg_dump exited 1/);
        unchanged();
        sql('DROP TABLE big');
      },
    );

    test('the compressor fails', async () => {
      const bin = tempDir('bad-zstd');
      // A zstd that reads a little, then dies: what a crashing compressor looks like to the pipeline.
      writeFileSync(
        join(bin, 'zstd'),
        '#!/bin/sh\nhead -c 1000 >/dev/null\necho "zstd: out of memory" >&2\nexit 1\n',
      );
      chmodSync(join(bin, 'zstd'), 0o755);
      const result = await backup(pgInputs(dest, { compression: 'zstd', 'keep-last': '1' }), {
        PATH: `${bin}:${process.env.PATH}`,
      });
      expect(result.exitCode).toBe(1);
      expect(result.log).toMatch(/zstd exited 1: zstd: out of memory/);
      unchanged();
    });

    test('a compressor that exits 0 with corrupt output: caught as it streams; verify: false, which checks nothing, publishes it', async () => {
      const bin = tempDir('bad-zstd');
      // The real zstd, then one byte of its output changed: its frame no longer checks out. (gzip
      // runs inside the action, so zstd is the compressor a process can break.)
      writeFileSync(
        join(bin, 'zstd'),
        `#!/bin/sh\nfor a in "$@"; do case "$a" in --decompress|--test) exec /usr/bin/zstd "$@";; esac; done\n/usr/bin/zstd "$@" | perl -e 'binmode STDIN; binmode STDOUT; local $/; my $d = <STDIN>; substr($d, 40, 1) = chr(ord(substr($d, 40, 1)) ^ 0xff); print $d'\n`,
      );
      chmodSync(join(bin, 'zstd'), 0o755);
      const env = { PATH: `${bin}:${process.env.PATH}` };
      const streamed = await backup(pgInputs(dest, { 'keep-last': '1', compression: 'zstd' }), env);
      expect(streamed.exitCode).toBe(1);
      expect(streamed.log).toMatch(
        /zstd --decompress \(verify\) exited 1: .*(Corrupted|checksum|Data corruption)/i,
      );
      unchanged();
      // verify: false checks no content and not that the file decompresses (what pigz checks): the
      // corrupt file goes out with its SHA-256, and only the default above keeps it back.
      const before = new Set(published(dest));
      const unverified = await backup(pgInputs(dest, { compression: 'zstd', verify: 'false' }), env);
      expect(unverified.exitCode).toBe(0);
      expect(unverified.log).not.toMatch(/zstd --decompress/);
      const added = published(dest).filter((f) => !before.has(f));
      const [file] = added.filter((f) => f.endsWith('.zst'));
      expect(file).toBeDefined();
      expect(spawnSync('zstd', ['--quiet', '--test', join(dest, file ?? '')]).status).not.toBe(0);
      // Back to the state the other tests here compare with.
      for (const f of added) rmSync(join(dest, f));
      unchanged();
    });

    test('SIGTERM mid-dump: stops within 5 s, the dump killed, nothing published', async () => {
      sql(
        `CREATE TABLE IF NOT EXISTS big AS SELECT g AS id, md5(g::text) || repeat('y', 200) AS pad FROM generate_series(1, 400000) g`,
      );
      const dumping = (): string =>
        sql(`SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pg_dump' AND datname = 'shop'`);
      let signalledAt = 0;
      const result = await runBundle('db-backup', {
        inputs: pgInputs(dest, { 'keep-last': '1' }),
        onSpawn: (child) => {
          // Once the dump streams into the temporary file.
          const poll = setInterval(() => {
            if (published(dest).length > Object.keys(earlier).length && dumping() === '1') {
              clearInterval(poll);
              signalledAt = Date.now();
              child.kill('SIGTERM');
            }
          }, 20);
          child.on('close', () => clearInterval(poll));
        },
      });
      expect(signalledAt).toBeGreaterThan(0);
      expect(Date.now() - signalledAt).toBeLessThan(5000);
      expect(result.exitCode).toBe(1);
      expect(result.log).toMatch(/Received SIGTERM/);
      unchanged();
      // The dump went with it: no pg_dump session is left on the server.
      for (let i = 0; i < 100 && dumping() !== '0'; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(dumping()).toBe('0');
      sql('DROP TABLE big');
    });

    test('a pg_dump that exits 0 with a cut archive: the archive walk and pg_restore refuse it', async () => {
      const bin = tempDir('cut-pg-dump');
      // The real pg_dump, then only the first two thirds of its archive, and exit status 0.
      writeFileSync(
        join(bin, 'pg_dump'),
        `#!/bin/sh\nfor a in "$@"; do [ "$a" = --version ] && exec /usr/bin/pg_dump "$@"; done\nt=$(mktemp)\n/usr/bin/pg_dump "$@" > "$t" || exit 1\nhead -c $(( $(wc -c < "$t") * 2 / 3 )) "$t"\nrm -f "$t"\n`,
      );
      chmodSync(join(bin, 'pg_dump'), 0o755);
      const result = await backup(pgInputs(dest, { 'keep-last': '1' }), {
        PATH: `${bin}:${process.env.PATH}`,
      });
      expect(result.exitCode).toBe(1);
      expect(result.log).toMatch(
        /The stored archive is not whole: the archive ends inside the data block of entry \d+ .*; pg_restore agrees \(exit 1\)/,
      );
      unchanged();
    });

    test('the database is stopped', async () => {
      const stopped = await startPostgres({ password: PG_PASSWORD });
      const port = stopped.port;
      await stopped.stop();
      const result = await backup({
        ...pgInputs(dest, { 'keep-last': '1' }),
        'database-url': `postgres://postgres:x@127.0.0.1:${port}/shop`,
      });
      expect(result.exitCode).toBe(1);
      expect(result.log).toMatch(
        /Cannot connect to PostgreSQL from the runner: .*(Connection refused|could not connect)/,
      );
      unchanged();
    });
  });

  test('disk full: nothing is published under a final name', async () => {
    const mount = tempDir('tiny');
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount]);
    if (mounted.status !== 0)
      throw new Error(`cannot mount a small tmpfs here: ${mounted.stderr.toString()}`);
    try {
      const result = await backup(pgInputs(mount, { compression: 'none' }));
      expect(result.exitCode).toBe(1);
      expect(result.log).toMatch(/Writing the backup failed: .*ENOSPC/);
      expect(readdirSync(mount)).toEqual([]);
    } finally {
      spawnSync('umount', [mount]);
    }
  });

  test('on disk before its final name: the file and its sidecar fsync-ed, then renamed, then the directory fsync-ed (strace on the step)', async () => {
    const dest = tempDir('pg-durable');
    const trace = join(tempDir('pg-trace'), 'trace.txt');
    let tracer: ReturnType<typeof spawn> | undefined;
    const result = await runBundle('db-backup', {
      inputs: pgInputs(dest),
      onSpawn: (child) => {
        // Every thread of the step (fsync runs on libuv's), with the path behind each descriptor.
        tracer = spawn('strace', [
          '-f',
          '-y',
          '-qq',
          '-e',
          'trace=fsync,fdatasync,rename',
          '-o',
          trace,
          '-p',
          String(child.pid),
        ]);
      },
    });
    await new Promise((resolve) =>
      tracer?.exitCode !== null ? resolve(undefined) : tracer.once('exit', resolve),
    );
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    const final = result.outputs['backup-path']!.slice('local:'.length);
    const lines = readFileSync(trace, 'utf8').split('\n');
    expect(durableBeforeRename(lines, final)).toBe(true);
    // Control: the same trace without its flushes is caught.
    expect(
      durableBeforeRename(
        lines.filter((l) => !/fsync|fdatasync/.test(l)),
        final,
      ),
    ).toBe(false);
  });
});

/**
 * From an strace of the step: the file renamed to `final` and the sidecar renamed to `final.sha256`
 * were each flushed (fsync/fdatasync on a descriptor of that file) before their rename, and the
 * directory after the last of them. A call another thread interrupts is split ("<unfinished ...>"),
 * so only its start is matched: a failed flush fails the step itself.
 */
function durableBeforeRename(lines: string[], final: string): boolean {
  const flushed = (path: string, from: number, to: number): boolean =>
    lines.slice(from, to).some((l) => /\bf(data)?sync\(\d+<([^>]*)>/.exec(l)?.[2] === path);
  const renamed = (target: string): { at: number; source: string } | undefined => {
    for (const [at, line] of lines.entries()) {
      const m = /\brename\("([^"]+)", "([^"]+)"/.exec(line);
      if (m?.[2] === target && m[1]) return { at, source: m[1] };
    }
    return undefined;
  };
  const file = renamed(final);
  const sidecar = renamed(`${final}.sha256`);
  if (!file || !sidecar) return false;
  return (
    flushed(file.source, 0, file.at) &&
    flushed(sidecar.source, 0, sidecar.at) &&
    flushed(dirname(final), Math.max(file.at, sidecar.at), lines.length)
  );
}

describe('MariaDB', () => {
  beforeAll(() => {
    mysql(`CREATE TABLE orders (id INT PRIMARY KEY, name VARCHAR(50));
           CREATE TABLE items (id INT PRIMARY KEY, name TEXT);
           INSERT INTO orders SELECT seq, CONCAT('o', seq) FROM seq_1_to_2000;
           INSERT INTO items SELECT seq, REPEAT('i', seq % 40) FROM seq_1_to_5000;`);
  });

  test('round trip over TCP with a password (option file, never argv)', async () => {
    const dest = tempDir('my-dest');
    const before = myRows();
    const inputs = {
      engine: 'mysql',
      'db-host': '127.0.0.1',
      'db-port': String(my.port),
      'db-user': 'backup',
      'db-password': MY_PASSWORD,
      'db-name': 'shop',
      destination: `local:${dest}`,
    };
    const sampler = sampleCommandLines();
    const result = await backup(inputs);
    const argvs = await sampler.stop();
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect([...argvs].some((a) => a.includes('mariadb-dump'))).toBe(true);
    expect([...argvs].filter((a) => a.includes('Secr3t'))).toEqual([]);
    assertNoSecret(result.log, MY_PASSWORD, 'log');
    mysql('DROP TABLE items; DROP TABLE orders;');
    const restored = await backup({ ...inputs, operation: 'restore', 'safety-backup': 'false' });
    expect(ok(restored)).toEqual({ exit: 0, log: '' });
    expect(myRows()).toBe(before);
  });
});

describe('MariaDB verify: restore', () => {
  const myInputs = (dest: string, database: string, extra: Record<string, string> = {}) => ({
    engine: 'mysql',
    'db-host': '127.0.0.1',
    'db-port': String(my.port),
    'db-user': 'backup',
    'db-password': MY_PASSWORD,
    'db-name': database,
    destination: `local:${dest}`,
    verify: 'restore',
    ...extra,
  });
  const root = (statements: string, database = ''): string =>
    execFileSync(
      my.client[0]!,
      [...my.client.slice(1), ...(database ? [database] : []), '-N', '-e', statements],
      {
        encoding: 'utf8',
      },
    ).trim();
  const scratchLeft = (): string => root("SHOW DATABASES LIKE '%dkverify%'");

  test('the stored dump restored into a scratch database; row counts read from the dump itself, while a writer inserts', async () => {
    root(`CREATE DATABASE vr; USE vr;
      CREATE TABLE vr.\`order items\` (id INT PRIMARY KEY, note TEXT);
      INSERT INTO vr.\`order items\` SELECT seq, CASE seq % 4 WHEN 0 THEN 'a),(b' WHEN 1 THEN 'it''s (x)' WHEN 2 THEN 'line\\nbreak\\\\' ELSE NULL END FROM seq_1_to_30000;
      CREATE TABLE vr.empty_one (id INT);
      CREATE TABLE vr.events (id INT AUTO_INCREMENT PRIMARY KEY, at DATETIME(6));
      CREATE VIEW vr.notes AS SELECT note FROM vr.\`order items\`;
      CREATE TRIGGER stamp BEFORE INSERT ON events FOR EACH ROW SET NEW.at = NOW(6);`);
    const dest = tempDir('my-verify-restore');
    // A writer all along: rows written after the dump's transaction began are not in the dump, and
    // a restore that landed in the source database (not the scratch one) would delete them.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await new Promise((r) => setTimeout(r, 5));
        root('INSERT INTO vr.events () VALUES ()');
        written += 1;
      }
    })();
    let result: RunResult;
    try {
      result = await backup(myInputs(dest, 'vr'));
    } finally {
      writing = false;
      await writer;
    }
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect(written).toBeGreaterThan(0);
    expect(result.log).toMatch(
      /verify: restore: restored into a scratch database, 3 tables and \d+ rows match the rows the dump holds/,
    );
    const rows = Number(/3 tables and (\d+) rows/.exec(result.log)![1]);
    expect(rows).toBeGreaterThanOrEqual(30_000);
    expect(rows).toBeLessThanOrEqual(30_000 + written);
    // The source kept every row its writer wrote; the scratch database is gone.
    expect(Number(root('SELECT COUNT(*) FROM vr.events'))).toBe(written);
    expect(scratchLeft()).toBe('');
    expect(published(dest)).toHaveLength(2);
  });

  test('events: not created in the scratch database; a body naming the source database is refused, the source untouched', async () => {
    // A ticking event that writes into its own database: created in the scratch database it would
    // add rows there while they are counted.
    root(`SET GLOBAL event_scheduler = ON;
      CREATE DATABASE ticks; USE ticks;
      CREATE TABLE ticks.hits (id INT AUTO_INCREMENT PRIMARY KEY, at DATETIME(6));
      INSERT INTO ticks.hits (at) SELECT NOW(6) FROM seq_1_to_100;
      CREATE EVENT ticks.tick ON SCHEDULE EVERY 1 SECOND DO INSERT INTO hits (at) SELECT NOW(6) FROM seq_1_to_50;`);
    try {
      const dest = tempDir('my-verify-events');
      const result = await backup(myInputs(dest, 'ticks'));
      expect(ok(result)).toEqual({ exit: 0, log: '' });
      expect(result.log).toMatch(
        /verify: restore: restored into a scratch database, 1 tables and \d+ rows match/,
      );
      expect(scratchLeft()).toBe('');

      // An event whose body names the source database: in a scratch database it would write there.
      root(`CREATE DATABASE named;
        CREATE TABLE named.audit (id INT);
        INSERT INTO named.audit VALUES (1), (2);
        CREATE EVENT named.purge ON SCHEDULE EVERY 1 HOUR DISABLE DO DELETE FROM named.audit;`);
      const refusedDest = tempDir('my-verify-named');
      const refused = await backup(myInputs(refusedDest, 'named'));
      expect(refused.exitCode).toBe(1);
      expect(refused.log).toMatch(
        /verify: restore: a trigger, routine or event in the dump names the database named itself \(.*DELETE FROM named\.audit.*\); .*use verify: true/,
      );
      expect(published(refusedDest)).toEqual([]);
      expect(scratchLeft()).toBe('');
      expect(root('SELECT COUNT(*) FROM named.audit')).toBe('2');
      // The control: verify: true publishes the same database's backup.
      expect(ok(await backup(myInputs(refusedDest, 'named', { verify: 'true' })))).toEqual({
        exit: 0,
        log: '',
      });
    } finally {
      root('SET GLOBAL event_scheduler = OFF; DROP EVENT IF EXISTS ticks.tick');
    }
  });

  test('a backup its own user cannot restore is refused, and nothing is published', async () => {
    // A known trap: the dump carries each trigger's DEFINER; a backup user without SUPER (or SET
    // USER) dumps it fine but cannot create a trigger defined by someone else when restoring.
    const password = 'Dumper-Pw-7';
    root(`CREATE DATABASE trap;
      CREATE TABLE trap.t (id INT);
      INSERT INTO trap.t VALUES (1), (2);
      CREATE TRIGGER trap.tr BEFORE INSERT ON trap.t FOR EACH ROW SET NEW.id = NEW.id + 0;
      CREATE USER 'dumper'@'127.0.0.1' IDENTIFIED BY '${password}';
      GRANT SELECT, INSERT, CREATE, DROP, ALTER, INDEX, LOCK TABLES, SHOW VIEW, TRIGGER, EVENT, CREATE VIEW, REFERENCES ON *.* TO 'dumper'@'127.0.0.1';`);
    const dest = tempDir('my-verify-trap');
    const plain = await backup(
      myInputs(dest, 'trap', { 'db-user': 'dumper', 'db-password': password, verify: 'true' }),
    );
    // The control: without verify: restore, the same backup is published.
    expect(ok(plain)).toEqual({ exit: 0, log: '' });
    const before = published(dest);
    const result = await backup(myInputs(dest, 'trap', { 'db-user': 'dumper', 'db-password': password }));
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(
      /verify: restore: the backup does not restore into a scratch database .*SUPER/,
    );
    expect(published(dest)).toEqual(before);
    expect(scratchLeft()).toBe('');
    // Nothing happened to the source.
    expect(root('SELECT COUNT(*) FROM trap.t')).toBe('2');
  });

  test('a user that may not create the scratch database gets the reason', async () => {
    root(`CREATE USER 'reader'@'127.0.0.1' IDENTIFIED BY 'Reader-Pw-7';
      GRANT SELECT, SHOW VIEW, TRIGGER, EVENT, LOCK TABLES ON vr.* TO 'reader'@'127.0.0.1';`);
    const dest = tempDir('my-verify-noscratch');
    const result = await backup(myInputs(dest, 'vr', { 'db-user': 'reader', 'db-password': 'Reader-Pw-7' }));
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(
      /verify: restore needs a scratch database, and CREATE DATABASE failed .*Access denied.*\(the user needs the CREATE and DROP privileges\)/,
    );
    expect(published(dest)).toEqual([]);
  });
});

describe('SQLite and files', () => {
  test('SQLite: online backup while a writer holds the database, round trip', async () => {
    const dir = tempDir('sqlite');
    const db = join(dir, 'app.db');
    execFileSync('sqlite3', [
      db,
      'CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 5000) INSERT INTO t SELECT x, hex(randomblob(20)) FROM c;',
    ]);
    const rows = (): string =>
      execFileSync('sqlite3', [db, 'SELECT count(*), sum(length(v)) FROM t'], { encoding: 'utf8' }).trim();
    const before = rows();
    const dest = join(dir, 'backups');
    const inputs = { engine: 'sqlite', 'db-name': db, destination: `local:${dest}`, compression: 'zstd' };
    const result = await backup(inputs);
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect(result.outputs['backup-path']).toMatch(/sqlite-\d{8}T\d{6}\.\d{3}Z\.db\.zst$/);
    execFileSync('sqlite3', [db, 'DELETE FROM t WHERE id > 10']);
    const restored = await backup({ ...inputs, operation: 'restore' });
    expect(ok(restored)).toEqual({ exit: 0, log: '' });
    expect(rows()).toBe(before);
  });

  test('files: .env and uploads archived and restored; a missing path fails', async () => {
    const root = tempDir('files');
    mkdirSync(join(root, 'app', 'uploads'), { recursive: true });
    writeFileSync(join(root, 'app', '.env'), 'DATABASE_URL=postgres://x\n');
    writeFileSync(join(root, 'app', 'uploads', 'a.bin'), Buffer.alloc(100_000, 7));
    const dest = join(root, 'backups');
    const inputs = {
      engine: 'files',
      paths: `${root}/app/.env\n${root}/app/uploads`,
      destination: `local:${dest}`,
    };
    const result = await backup(inputs);
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    writeFileSync(join(root, 'app', '.env'), 'broken\n');
    const restored = await backup({ ...inputs, operation: 'restore', 'safety-backup': 'false' });
    expect(ok(restored)).toEqual({ exit: 0, log: '' });
    expect(readFileSync(join(root, 'app', '.env'), 'utf8')).toBe('DATABASE_URL=postgres://x\n');
    // A backup holding more than the configured paths (planted, or edited): only those paths come back.
    const crafted = tempDir('crafted');
    mkdirSync(join(crafted, 'evil'));
    writeFileSync(join(crafted, 'evil', 'authorized_keys'), 'ssh-ed25519 AAAA attacker\n');
    const newest = published(dest)
      .filter((f) => !f.endsWith('.sha256'))
      .sort()
      .at(-1)!;
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString().replace(/[-:]/g, '');
    const craftedName = newest.replace(/\d{8}T\d{6}\.\d{3}Z/, hourAgo);
    execFileSync('sh', [
      '-c',
      'gzip -dc "$1" > "$4/x.tar" && tar -r -f "$4/x.tar" -C "$3" evil && gzip -c "$4/x.tar" > "$2" && sha256sum "$2" | sed "s|  .*/|  |" > "$2.sha256"',
      'sh',
      join(dest, newest),
      join(dest, craftedName),
      crafted,
      tempDir('crafting'),
    ]);
    const into = tempDir('restore-into');
    const filtered = await backup({
      ...inputs,
      operation: 'restore',
      'safety-backup': 'false',
      'restore-from': craftedName,
      'restore-directory': into,
    });
    expect(ok(filtered)).toEqual({ exit: 0, log: '' });
    expect(readFileSync(join(into, root, 'app', '.env'), 'utf8')).toBe('DATABASE_URL=postgres://x\n');
    expect(existsSync(join(into, 'evil'))).toBe(false);
    rmSync(join(dest, craftedName));
    rmSync(join(dest, `${craftedName}.sha256`));
    const missing = await backup({ ...inputs, paths: `${root}/app/nope` });
    expect(missing.exitCode).toBe(1);
    expect(missing.log).toMatch(/tar exited 2: .*nope.*No such file/);
  });
});

describe('retention (after a successful backup only)', () => {
  test('keep-last keeps the newest; another prefix is untouched; a failed run prunes nothing', async () => {
    const dest = tempDir('retention');
    mkdirSync(dest, { recursive: true });
    // Older backups of this job, one unverified, and another job's file with a different prefix.
    for (const [name, verified] of [
      ['postgres-shop-20260101T000000Z.dump.gz', true],
      ['postgres-shop-20260102T000000Z.dump.gz', true],
      ['postgres-shop-20260103T000000Z.dump.gz', false],
      ['postgres-other-20250101T000000Z.dump.gz', true],
    ] as const) {
      writeFileSync(join(dest, name), 'x');
      if (verified) writeFileSync(join(dest, `${name}.sha256`), `${'0'.repeat(64)}  ${name}\n`);
    }
    const failed = await backup({
      ...pgInputs(dest, { 'keep-last': '1' }),
      'database-url': `postgres://postgres:wrong@127.0.0.1:${pg.port}/shop`,
    });
    expect(failed.exitCode).toBe(1);
    expect(published(dest)).toHaveLength(7);
    const result = await backup(pgInputs(dest, { 'keep-last': '2' }));
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect(result.outputs.pruned).toBe('2');
    const left = published(dest).filter((f) => !f.endsWith('.sha256'));
    expect(left).toEqual(
      [
        'postgres-other-20250101T000000Z.dump.gz',
        'postgres-shop-20260103T000000Z.dump.gz',
        result.outputs['backup-path']!.split('/').at(-1)!,
      ].sort(),
    );
  });
});

describe('destination ssh: a directory on the host', () => {
  test('backs up over the one SSH connection, verified on the host; retention there; restore from there', async () => {
    const sshd = await startSshd();
    try {
      const dir = join(tempDir('ssh-dest'), 'backups');
      const ssh = {
        destination: `ssh:${dir}`,
        hosts: `${sshd.user}@127.0.0.1:${sshd.port}`,
        'ssh-key': sshd.privateKey,
        'host-fingerprint': sshd.fingerprint,
      };
      const before = pgRows();
      const first = await backup({ ...pgInputs(dir, { 'keep-last': '1' }), ...ssh });
      expect(ok(first)).toEqual({ exit: 0, log: '' });
      const second = await backup({ ...pgInputs(dir, { 'keep-last': '1', compression: 'zstd' }), ...ssh });
      expect(ok(second)).toEqual({ exit: 0, log: '' });
      const third = await backup({ ...pgInputs(dir, { 'keep-last': '1' }), ...ssh });
      expect(ok(third)).toEqual({ exit: 0, log: '' });
      expect(third.outputs.pruned).toBe('1'); // the first .dump.gz; the .dump.zst is another job's pattern
      const name = third.outputs['backup-path']!.split('/').at(-1)!;
      expect(third.outputs['backup-path']).toBe(`ssh:${sshd.user}@127.0.0.1:${sshd.port}:${dir}/${name}`);
      expect(readdirSync(dir).sort()).toEqual(
        [
          name,
          `${name}.sha256`,
          second.outputs['backup-path']!.split('/').at(-1)!,
          `${second.outputs['backup-path']!.split('/').at(-1)!}.sha256`,
        ].sort(),
      );
      expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
      expect(execFileSync('sha256sum', [join(dir, name)], { encoding: 'utf8' }).split(' ')[0]).toBe(
        third.outputs.sha256,
      );

      sql('DROP TABLE items; DROP TABLE orders;');
      const restored = await backup({
        ...pgInputs(dir, { operation: 'restore', 'safety-backup': 'false' }),
        ...ssh,
      });
      expect(ok(restored)).toEqual({ exit: 0, log: '' });
      expect(pgRows()).toBe(before);

      // run-on ssh: the dump runs on the host with the host's tools, streamed back to the runner.
      const local = tempDir('from-host');
      const sampler = sampleCommandLines();
      const onHost = await backup({
        ...pgInputs(local, { 'run-on': 'ssh' }),
        ...ssh,
        destination: `local:${local}`,
      });
      const argvs = await sampler.stop();
      expect(ok(onHost)).toEqual({ exit: 0, log: '' });
      expect(onHost.log).toContain('Backed up to local:');
      expect([...argvs].some((a) => a.includes('pg_dump') && a.includes('--dbname'))).toBe(true);
      expect([...argvs].filter((a) => a.includes('Secr3t'))).toEqual([]);
      assertNoSecret(onHost.log, PG_PASSWORD, 'log');
      // Dumped on the host, the archive keeps pg_dump's own compression: its bytes cross the network.
      const fromHost = onHost.outputs['backup-path']!.slice('local:'.length);
      expect(
        execFileSync('pg_restore', ['--list'], {
          input: gunzipSync(readFileSync(fromHost)),
          encoding: 'utf8',
        }),
      ).toMatch(/Compression: -1\n/);
      // Nothing left on the host: the credentials lived in a mktemp -d directory, removed on exit.
      const leftovers = (): string[] =>
        readdirSync('/tmp')
          .filter((d) => d.startsWith('tmp.'))
          .filter((d) => spawnSync('grep', ['-rlsF', 'Secr3t', join('/tmp', d)]).status === 0);
      expect(leftovers()).toEqual([]);
      const planted = join('/tmp', `tmp.dkcontrol${process.pid}`);
      mkdirSync(planted, { recursive: true });
      writeFileSync(join(planted, 'credentials'), 'x:1:*:postgres:pg-Secr3t\n');
      try {
        expect(leftovers()).toEqual([`tmp.dkcontrol${process.pid}`]); // control: the search finds one
      } finally {
        rmSync(planted, { recursive: true, force: true });
      }
      sql('DELETE FROM items WHERE id > 100');
      const hostRestore = await backup({
        ...pgInputs(local, { 'run-on': 'ssh', operation: 'restore', 'safety-backup': 'false' }),
        ...ssh,
        destination: `local:${local}`,
      });
      expect(ok(hostRestore)).toEqual({ exit: 0, log: '' });
      expect(pgRows()).toBe(before);
      const wrong = await backup({
        ...pgInputs(local, { 'run-on': 'ssh' }),
        ...ssh,
        destination: `local:${local}`,
        'database-url': `postgres://postgres:wrong@127.0.0.1:${pg.port}/shop`,
      });
      expect(wrong.exitCode).toBe(1);
      expect(wrong.log).toMatch(
        /Cannot connect to PostgreSQL from the host .*password authentication failed/,
      );

      // A public key where the private key belongs: refused before connecting, with its own message.
      const pub = readFileSync(`${sshd.privateKeyPath}.pub`, 'utf8');
      const badKey = await backup({ ...pgInputs(dir), ...ssh, 'ssh-key': pub });
      expect(badKey.exitCode).toBe(1);
      expect(badKey.log).toMatch(/public key/);
    } finally {
      await sshd.stop();
    }
  });
});

describe('run-on ssh with container: the tools run inside a container on the host', () => {
  test('PostgreSQL dumped and restored through `podman exec` in the container; credentials live and die in there', async () => {
    // The host: sshd whose sessions use a podman of their own. The container: an empty image with the
    // host's /usr, /lib and /etc mounted read-only, so pg_dump is the host's (no image to download).
    const podman = await createPodman();
    const sshd = await startSshd({ env: engineEnv(podman) });
    try {
      const context = join(podman.dir, 'ctx');
      mkdirSync(context, { recursive: true });
      writeFileSync(join(context, 'EMPTY'), '');
      writeFileSync(join(context, 'Containerfile'), 'FROM scratch\nCOPY EMPTY /EMPTY\n');
      await podman.podman(['build', '--network=host', '-t', 'localhost/pgtools:1', context]);
      const name = `pgtools-${process.pid}`;
      await podman.podman([
        'run',
        '-d',
        '--name',
        name,
        '--network=host',
        '-v',
        '/usr:/usr:ro',
        '-v',
        '/lib:/lib:ro',
        '-v',
        '/lib64:/lib64:ro',
        '-v',
        '/bin:/bin:ro',
        '-v',
        '/sbin:/sbin:ro',
        '-v',
        '/etc:/etc:ro',
        '--tmpfs',
        '/tmp',
        'localhost/pgtools:1',
        '/usr/bin/sleep',
        'infinity',
      ]);
      const ssh = {
        'run-on': 'ssh',
        container: name,
        hosts: `${sshd.user}@127.0.0.1:${sshd.port}`,
        'ssh-key': sshd.privateKey,
        'host-fingerprint': sshd.fingerprint,
      };
      const local = tempDir('from-container');
      const before = pgRows();
      const sampler = sampleCommandLines();
      const dumped = await backup({ ...pgInputs(local), ...ssh });
      const argvs = await sampler.stop();
      expect(ok(dumped)).toEqual({ exit: 0, log: '' });
      // The dump ran through the engine's exec into that container, with no password on any argv.
      expect([...argvs].some((a) => a.includes('podman exec -i -- ' + name) && a.includes('pg_dump'))).toBe(
        true,
      );
      expect([...argvs].filter((a) => a.includes('Secr3t'))).toEqual([]);
      assertNoSecret(dumped.log, PG_PASSWORD, 'log');
      // The credentials file was in the container's /tmp, removed on exit.
      const tmpInside = await podman.podman(['exec', name, '/usr/bin/find', '/tmp', '-mindepth', '1']);
      expect(tmpInside.trim()).toBe('');
      sql('DELETE FROM items WHERE id > 100');
      const restored = await backup({
        ...pgInputs(local, { operation: 'restore', 'safety-backup': 'false' }),
        ...ssh,
      });
      expect(ok(restored)).toEqual({ exit: 0, log: '' });
      expect(pgRows()).toBe(before);
      // A container that does not exist: a clear failure, nothing published.
      const missing = await backup({ ...pgInputs(local), ...ssh, container: 'no-such-container' });
      expect(missing.exitCode).toBe(1);
      expect(missing.log).toMatch(/no-such-container/);
      await podman.podman(['rm', '-f', '-t', '0', name]);
    } finally {
      await sshd.stop();
      await podman.remove();
    }
  });
});

describe('destination artifact (the artifact service stand-in, driven by @actions/artifact itself)', () => {
  test('each backup an artifact of the run, read back from the service; listed and restored from there', async () => {
    const service = await startArtifactService();
    try {
      const before = pgRows();
      const first = await backup(
        { ...pgInputs('/unused'), destination: 'artifact', 'retention-days': '14' },
        service.env(),
      );
      expect(ok(first)).toEqual({ exit: 0, log: '' });
      const name = first.outputs['backup-path']!.replace(/^artifact\//, '');
      expect(name).toMatch(/^postgres-shop-\d{8}T\d{6}\.\d{3}Z\.dump\.gz$/);
      const stored = [...service.artifacts.values()];
      expect(stored.map((a) => [a.name, a.finalized])).toEqual([[name, true]]);
      // The file as is (no zip), exactly the bytes hashed, kept 14 days, read back before success.
      expect(createHash('sha256').update(stored[0]!.bytes).digest('hex')).toBe(first.outputs.sha256);
      expect(stored[0]!.bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      expect(Date.parse(stored[0]!.expiresAt!) - Date.now()).toBeGreaterThan(13 * 86_400_000);
      // Read back through the client as a restore would: find it by name, then by ID, then the signed URL.
      expect(service.calls).toEqual([
        'CreateArtifact',
        'FinalizeArtifact',
        'ListArtifacts',
        'ListArtifacts',
        'GetSignedArtifactURL',
      ]);

      const listed = await backup(
        { ...pgInputs('/unused', { operation: 'list' }), destination: 'artifact' },
        service.env(),
      );
      const backups = JSON.parse(listed.outputs.backups!) as Array<{ name: string; verified: boolean }>;
      expect(backups.map((b) => [b.name, b.verified])).toEqual([[name, true]]);

      sql('DROP TABLE items; DROP TABLE orders;');
      const restored = await backup(
        {
          ...pgInputs('/unused', { operation: 'restore', 'safety-backup': 'false' }),
          destination: 'artifact',
        },
        service.env(),
      );
      expect(ok(restored)).toEqual({ exit: 0, log: '' });
      expect(pgRows()).toBe(before);

      // Storage that returns other bytes than were uploaded: the step fails and the artifact is deleted.
      service.corruptNextDownload('*');
      const corrupted = await backup(
        { ...pgInputs('/unused'), destination: 'artifact', 'name-prefix': 'checked' },
        service.env(),
      );
      expect(corrupted.exitCode).toBe(1);
      expect(corrupted.log).toMatch(
        /read back with SHA-256 [0-9a-f]{64} \(uploaded [0-9a-f]{64}\), not [0-9a-f]{64}: deleted, nothing published/,
      );
      expect([...service.artifacts.values()].map((a) => a.name)).toEqual([name]);
      expect(service.calls.at(-1)).toBe('DeleteArtifact');
    } finally {
      await service.close();
    }
  });

  test('nightly runs: retention, list and restore see every run’s artifacts through the REST API', async () => {
    const service = await startArtifactService();
    const token = service.apiToken(['actions:write']);
    const nightly = (run: string, extra: Record<string, string> = {}, githubToken = token) =>
      runBundle('db-backup', {
        inputs: { ...pgInputs('/unused'), destination: 'artifact', ...extra },
        env: service.env(run),
        githubToken,
      });
    const names = (): string[] => [...service.artifacts.values()].map((a) => a.name).sort();
    try {
      const before = pgRows();
      // Another job's backups: never candidates.
      const other = await nightly('run-other', { 'name-prefix': 'other' });
      expect(ok(other)).toEqual({ exit: 0, log: '' });
      const taken: string[] = [];
      for (const run of ['run-1', 'run-2', 'run-3']) {
        const result = await nightly(run, { 'keep-last': '2' });
        expect(ok(result)).toEqual({ exit: 0, log: '' });
        taken.push(result.outputs['backup-path']!.replace(/^artifact\//, ''));
      }
      // The third run pruned the first run's backup: keep-last counted across runs.
      const otherName = other.outputs['backup-path']!.replace(/^artifact\//, '');
      expect(names()).toEqual([taken[1], taken[2], otherName].sort());
      expect(service.calls).toContain('REST DELETE artifacts/:id');

      // A later run (a restore job) lists them and restores the newest, from another run.
      const listed = await nightly('run-restore', { operation: 'list' });
      expect(ok(listed)).toEqual({ exit: 0, log: '' });
      const backups = JSON.parse(listed.outputs.backups!) as Array<{ name: string; verified: boolean }>;
      expect(backups.map((b) => [b.name, b.verified])).toEqual([
        [taken[2], true],
        [taken[1], true],
      ]);
      sql('DROP TABLE items; DROP TABLE orders;');
      service.calls.length = 0;
      const restored = await nightly('run-restore', {
        operation: 'restore',
        'safety-backup': 'false',
        'restore-from': taken[1]!,
      });
      expect(ok(restored)).toEqual({ exit: 0, log: '' });
      expect(pgRows()).toBe(before);
      // Read once: hashed into a private copy, and that copy restored.
      expect(service.calls.filter((c) => c.startsWith('REST GET artifacts'))).toEqual([
        'REST GET artifacts',
        'REST GET artifacts/:id/zip',
      ]);

      // Expired artifacts are listed by the API but are no backups any more.
      service.expire(taken[2]!);
      const afterExpiry = await nightly('run-restore', { operation: 'list' });
      expect(
        (JSON.parse(afterExpiry.outputs.backups!) as Array<{ name: string }>).map((b) => b.name),
      ).toEqual([taken[1]]);

      // A token that may read but not delete: the backup is published, retention fails and says why.
      const readOnly = await nightly('run-4', { 'keep-last': '1' }, service.apiToken(['actions:read']));
      expect(readOnly.exitCode).toBe(1);
      expect(readOnly.log).toMatch(
        /Deleting the artifact .*: HTTP 403 Resource not accessible by integration \(does the token have actions: write\?\)/,
      );
      // A token without actions: read cannot list, and the failure names the permission.
      const none = await nightly('run-restore', { operation: 'list' }, service.apiToken([]));
      expect(none.exitCode).toBe(1);
      expect(none.log).toMatch(/Listing the artifacts of acme\/app: HTTP 403 .*actions: read/);
      assertNoSecret(readOnly.log + none.log + restored.log, token, 'log');
    } finally {
      await service.close();
    }
  });
});

describe('destination artifact: whose artifacts are backups of ours', () => {
  test("a fork's, another workflow's or branch's artifact, a future-dated name and a name not ours: never listed, restored or pruned", async () => {
    const service = await startArtifactService();
    const token = service.apiToken(['actions:write']);
    const root = tempDir('trust');
    mkdirSync(join(root, 'data'), { recursive: true });
    writeFileSync(join(root, 'data', 'ok.txt'), 'the real data\n');
    const inputs = { engine: 'files', paths: `${root}/data`, destination: 'artifact' };
    const nightly = (run: string, extra: Record<string, string> = {}) =>
      runBundle('db-backup', { inputs: { ...inputs, ...extra }, env: service.env(run), githubToken: token });
    try {
      const good = await nightly('run-1');
      expect(ok(good)).toEqual({ exit: 0, log: '' });
      const goodName = good.outputs['backup-path']!.replace(/^artifact\//, '');
      const extension = goodName.slice(goodName.indexOf('.', goodName.indexOf('Z')) + 1);

      // What an attacker uploads: a valid archive that also writes evil/authorized_keys.
      const evil = tempDir('evil');
      mkdirSync(join(evil, 'evil'));
      writeFileSync(join(evil, 'evil', 'authorized_keys'), 'ssh-ed25519 AAAA attacker\n');
      const planted = execFileSync('sh', ['-c', 'tar -c -f - -C "$1" evil | gzip -c', 'sh', evil]);
      const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '');
      const soon = Date.now() + 60_000; // newer than the real backup, within the clock skew allowed
      service.describeRun('fork-run', {
        headRepositoryId: 999,
        headBranch: 'patch-1',
        event: 'pull_request',
      });
      service.describeRun('deploy-run', { path: '.github/workflows/deploy.yml' });
      service.describeRun('branch-run', { headBranch: 'feature' });
      const fork = service.plant('fork-run', `files-${stamp(soon)}.${extension}`, planted).name;
      const otherWorkflow = service.plant(
        'deploy-run',
        `files-${stamp(soon + 1)}.${extension}`,
        planted,
      ).name;
      const otherBranch = service.plant('branch-run', `files-${stamp(soon + 2)}.${extension}`, planted).name;
      const future = service.plant('run-x', `files-20991231T000000.000Z.${extension}`, planted).name;
      const notOurs = service.plant('run-x', `files-latest.${extension}`, planted).name;
      const plantedNames = [fork, otherWorkflow, otherBranch, future, notOurs];

      const listed = await nightly('run-restore', { operation: 'list' });
      expect(ok(listed)).toEqual({ exit: 0, log: '' });
      expect((JSON.parse(listed.outputs.backups!) as Array<{ name: string }>).map((b) => b.name)).toEqual([
        goodName,
      ]);
      expect(listed.log).toMatch(
        /::warning::Ignored 3 artifact\(s\) not uploaded by backup\.yml on main in this repository/,
      );
      expect(listed.log).toContain(`${fork} (another repository's code (a fork's pull request))`);
      expect(listed.log).toContain(`${otherWorkflow} (workflow deploy.yml)`);
      expect(listed.log).toContain(`${otherBranch} (branch feature)`);
      expect(listed.log).toMatch(
        /::warning::Ignored 1 backup\(s\) named with a time in the future .*20991231/,
      );

      // The default restore takes the newest trusted backup; naming a planted one is refused.
      writeFileSync(join(root, 'data', 'ok.txt'), 'changed\n');
      const restored = await nightly('run-restore', { operation: 'restore', 'safety-backup': 'false' });
      expect(ok(restored)).toEqual({ exit: 0, log: '' });
      expect(readFileSync(join(root, 'data', 'ok.txt'), 'utf8')).toBe('the real data\n');
      expect(existsSync('/evil/authorized_keys')).toBe(false);
      for (const name of [fork, future]) {
        const named = await nightly('run-restore', {
          operation: 'restore',
          'safety-backup': 'false',
          'restore-from': name,
        });
        expect(named.exitCode).toBe(1);
        expect(named.log).toMatch(new RegExp(`No backup named ${name.replace(/\./g, '\\.')}`));
      }
      expect(existsSync('/evil/authorized_keys')).toBe(false);

      // Retention counts only trusted backups and deletes none of the planted ones.
      const next = await nightly('run-2', { 'keep-last': '1' });
      expect(ok(next)).toEqual({ exit: 0, log: '' });
      expect(next.outputs.pruned).toBe('1');
      const left = [...service.artifacts.values()].map((a) => a.name);
      expect(left).not.toContain(goodName);
      for (const name of plantedNames) expect(left).toContain(name);

      // A workflow named in artifact-workflow is trusted too (a restore job reading the nightly's).
      const both = await nightly('run-restore', {
        operation: 'list',
        'artifact-workflow': 'backup.yml\ndeploy.yml',
      });
      expect((JSON.parse(both.outputs.backups!) as Array<{ name: string }>).map((b) => b.name)).toContain(
        otherWorkflow,
      );
    } finally {
      await service.close();
    }
  });
});

describe('destination s3:// (an S3-compatible server on loopback)', () => {
  test('PostgreSQL to S3: multipart upload, re-read before the sidecar, retention and restore there', async () => {
    const s3 = await startS3(['backups']);
    try {
      const target = {
        destination: 's3://backups/shop/pg',
        's3-endpoint': s3.endpoint,
      };
      const before = pgRows();
      const first = await backup({ ...pgInputs('/unused', { 'keep-last': '1' }), ...target }, s3.env);
      expect(ok(first)).toEqual({ exit: 0, log: '' });
      expect(first.outputs['backup-path']).toMatch(
        /^s3:\/\/backups\/shop\/pg\/postgres-shop-\d{8}T\d{6}\.\d{3}Z\.dump\.gz$/,
      );
      const second = await backup({ ...pgInputs('/unused', { 'keep-last': '1' }), ...target }, s3.env);
      expect(ok(second)).toEqual({ exit: 0, log: '' });
      expect(second.outputs.pruned).toBe('1');
      const listed = await backup({ ...pgInputs('/unused', { operation: 'list' }), ...target }, s3.env);
      const backups = JSON.parse(listed.outputs.backups!) as Array<{ name: string; verified: boolean }>;
      expect(backups.map((b) => [b.name, b.verified])).toEqual([
        [second.outputs['backup-path']!.split('/').at(-1), true],
      ]);

      sql('DROP TABLE items; DROP TABLE orders;');
      const restored = await backup(
        { ...pgInputs('/unused', { operation: 'restore', 'safety-backup': 'false' }), ...target },
        s3.env,
      );
      expect(ok(restored)).toEqual({ exit: 0, log: '' });
      expect(pgRows()).toBe(before);

      // Larger than one 16 MiB part: a real multipart upload, byte-identical back.
      const root = tempDir('s3-files');
      mkdirSync(join(root, 'uploads'));
      writeFileSync(join(root, 'uploads', 'blob.bin'), randomBytes(40 * 1024 * 1024));
      const files = {
        engine: 'files',
        paths: `${root}/uploads`,
        destination: 's3://backups/files',
        's3-endpoint': s3.endpoint,
      };
      const big = await backup(files, s3.env);
      expect(ok(big)).toEqual({ exit: 0, log: '' });
      expect(Number(big.outputs['size-bytes'])).toBeGreaterThan(32 * 1024 * 1024);
      const original = readFileSync(join(root, 'uploads', 'blob.bin'));
      writeFileSync(join(root, 'uploads', 'blob.bin'), 'overwritten');
      const back = await backup({ ...files, operation: 'restore', 'safety-backup': 'false' }, s3.env);
      expect(ok(back)).toEqual({ exit: 0, log: '' });
      expect(readFileSync(join(root, 'uploads', 'blob.bin')).equals(original)).toBe(true);

      // Wrong credentials: a clear failure before anything is written.
      const denied = await backup(
        { ...pgInputs('/unused'), ...target, destination: 's3://missing-bucket/x' },
        s3.env,
      );
      expect(denied.exitCode).toBe(1);
      expect(denied.log).toMatch(/s3:\/\/missing-bucket\/x: reaching bucket missing-bucket .* failed/);
    } finally {
      await s3.close();
    }
  }, 120_000);
});
