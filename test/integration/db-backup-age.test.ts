// db-backup with age encryption, through the runner harness on the committed bundle: real
// PostgreSQL 15, MariaDB, SQLite and files; Debian's `age` CLI both ways; an S3 server on loopback.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startMariaDb, startPostgres, type MariaDb, type Postgres } from '../support/databases.js';
import { runOk } from '../support/procs.js';
import { ok, runBundle, type RunResult } from '../support/runner.js';
import { assertNoSecret, sampleCommandLines } from '../support/secrets.js';
import { makeTempDir } from '../support/tempdir.js';
import { startS3 } from '../support/s3.js';
import { teardown } from '../support/teardown.js';

let pg: Postgres;
let my: MariaDb;
const temps: Array<{ path: string; remove(): void }> = [];
const tempDir = (name: string): string => {
  const t = makeTempDir(name);
  temps.push(t);
  return t.path;
};

/** A key pair from age-keygen: the file it writes (what users paste into the secret) and the recipient. */
function keygen(): { file: string; text: string; identity: string; recipient: string } {
  const file = join(tempDir('age-key'), 'key.txt');
  execFileSync('age-keygen', ['-o', file], { stdio: 'ignore' });
  const text = readFileSync(file, 'utf8');
  const identity = text.split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1')) ?? '';
  return {
    file,
    text,
    identity,
    recipient: execFileSync('age-keygen', ['-y', file], { encoding: 'utf8' }).trim(),
  };
}
let key: ReturnType<typeof keygen>;
let other: ReturnType<typeof keygen>;

/** A value no compression hides when stored in the clear: its presence on disk is plaintext. */
const MARKER = 'PLAINTEXT-MARKER-c1e4b7';

beforeAll(async () => {
  key = keygen();
  other = keygen();
  [pg, my] = await Promise.all([startPostgres(), startMariaDb()]);
  execFileSync(pg.psql[0]!, [...pg.psql.slice(1), '-c', 'CREATE DATABASE shop']);
  sql(`CREATE TABLE orders (id serial PRIMARY KEY, customer text, note text);
       INSERT INTO orders (customer, note) SELECT 'c' || g, CASE WHEN g % 500 = 0 THEN '${MARKER}' ELSE repeat('n', g % 40) END FROM generate_series(1, 5000) g;`);
  await runOk(my.client[0]!, [
    ...my.client.slice(1),
    '-e',
    `CREATE DATABASE shop; USE shop; CREATE TABLE orders (id INT PRIMARY KEY, name VARCHAR(50));
     INSERT INTO orders SELECT seq, CONCAT('o', seq) FROM seq_1_to_3000;`,
  ]);
}, 120_000);
afterAll(async () => {
  await teardown(
    () => pg.stop(),
    () => my.stop(),
  );
  for (const t of temps) t.remove();
});

const sql = (statements: string): string =>
  execFileSync(pg.psql[0]!, [...pg.psql.slice(1), '-d', 'shop', '-v', 'ON_ERROR_STOP=1', '-c', statements], {
    encoding: 'utf8',
  }).trim();
const pgRows = (): string =>
  sql("SELECT md5(string_agg(o::text, '|' ORDER BY id)) || count(*) FROM orders o");
const myRows = (): string =>
  execFileSync(
    my.client[0]!,
    [
      ...my.client.slice(1),
      'shop',
      '-N',
      '-e',
      "SELECT MD5(GROUP_CONCAT(CONCAT_WS(',', id, name) ORDER BY id)), COUNT(*) FROM orders",
    ],
    { encoding: 'utf8' },
  ).trim();

const run = (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> =>
  runBundle('db-backup', { inputs, env });
const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);
const pgInputs = (dest: string, extra: Record<string, string> = {}): Record<string, string> => ({
  engine: 'postgres',
  'db-host': pg.host,
  'db-port': String(pg.port),
  'db-user': 'postgres',
  'db-name': 'shop',
  destination: `local:${dest}`,
  ...extra,
});
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Reads every file under `dirs` every few milliseconds until stopped, and names those that ever
 * held the marker: plaintext on disk at any moment of the run.
 */
function watchForPlaintext(dirs: string[]): { stop(): Promise<string[]> } {
  const seen = new Set<string>();
  let watching = true;
  const scan = (dir: string): void => {
    for (const entry of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
      const path = join(dir, entry.name);
      try {
        if (entry.isDirectory()) scan(path);
        else if (entry.isFile() && readFileSync(path).includes(MARKER)) seen.add(path);
      } catch {
        /* removed meanwhile */
      }
    }
  };
  const loop = (async () => {
    while (watching) {
      for (const d of dirs) scan(d);
      await new Promise((r) => setTimeout(r, 10));
    }
    for (const d of dirs) scan(d);
  })();
  return {
    stop: async () => {
      watching = false;
      await loop;
      return [...seen];
    },
  };
}

describe('PostgreSQL', () => {
  test('encrypted as it is written: no plaintext on disk at any point, the identity in no log or command line; restored (control: the same backup in the clear is seen)', async () => {
    const dest = tempDir('age-pg');
    const runnerTemp = tempDir('age-pg-temp');
    const before = pgRows();
    // Plain SQL, uncompressed: stored in the clear, the marker would be there byte for byte.
    const inputs = pgInputs(dest, { format: 'plain', compression: 'none' });
    const env = { RUNNER_TEMP: runnerTemp };

    const clearDest = tempDir('age-pg-clear');
    const control = watchForPlaintext([clearDest, runnerTemp]);
    expect(ok(await run(pgInputs(clearDest, { format: 'plain', compression: 'none' }), env))).toEqual({
      exit: 0,
      log: '',
    });
    expect((await control.stop()).length).toBeGreaterThan(0);

    const watch = watchForPlaintext([dest, runnerTemp]);
    const sampler = sampleCommandLines();
    const result = await run({ ...inputs, 'encrypt-recipients': key.recipient }, env);
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    const file = result.outputs['backup-path']!.slice('local:'.length);
    expect(file).toMatch(/postgres-shop-\d{8}T\d{6}\.\d{3}Z\.sql\.age$/);
    expect(readFileSync(file).subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
    // The sidecar and the output are the SHA-256 of the stored, encrypted bytes.
    expect(result.outputs.sha256).toBe(sha256(file));
    expect(readFileSync(`${file}.sha256`, 'utf8')).toBe(`${sha256(file)}  ${file.split('/').at(-1)}\n`);
    expect(Number(result.outputs['size-bytes'])).toBe(statSync(file).size);
    // What we write, the age CLI decrypts.
    expect(execFileSync('age', ['-d', '-i', key.file, file], { encoding: 'utf8' })).toContain(MARKER);

    sql('DELETE FROM orders WHERE id > 10');
    const restored = await run(
      { ...inputs, operation: 'restore', 'safety-backup': 'false', 'decrypt-identity': key.text },
      env,
    );
    const argvs = await sampler.stop();
    expect(await watch.stop()).toEqual([]);
    expect(ok(restored)).toEqual({ exit: 0, log: '' });
    expect(pgRows()).toBe(before);
    expect([...argvs].some((a) => a.includes('psql'))).toBe(true);
    expect([...argvs].filter((a) => a.includes(key.identity.slice(16)))).toEqual([]);
    assertNoSecret(result.log + restored.log, key.identity, 'log');
    expect(restored.log).toContain(`::add-mask::${key.identity}`);
  });

  test('custom format, gzip, verify: restore: the scratch restore decrypts the stored file; the safety backup is encrypted too', async () => {
    const dest = tempDir('age-pg-custom');
    const keys = {
      'encrypt-recipients': `${other.recipient}\n${key.recipient}`,
      'decrypt-identity': key.text,
    };
    const result = await run(pgInputs(dest, { verify: 'restore', ...keys }));
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect(result.outputs['backup-path']).toMatch(/\.dump\.gz\.age$/);
    expect(result.log).toMatch(
      /verify: restore: restored into a scratch database, 1 tables and 5000 rows match/,
    );
    // Either recipient's identity opens it.
    const file = result.outputs['backup-path']!.slice('local:'.length);
    const archive = join(tempDir('age-pg-custom-plain'), 'a.dump');
    execFileSync('sh', ['-c', 'age -d -i "$1" "$2" | gunzip > "$3"', 'sh', other.file, file, archive]);
    expect(execFileSync('pg_restore', ['--list', archive], { encoding: 'utf8' })).toMatch(
      /TABLE DATA public orders/,
    );

    const before = pgRows();
    const restored = await run(pgInputs(dest, { operation: 'restore', 'decrypt-identity': key.text }));
    expect(ok(restored)).toEqual({ exit: 0, log: '' });
    expect(pgRows()).toBe(before);
    const safety = restored.outputs['safety-backup-path']!;
    expect(safety).toMatch(/postgres-shop-safety-.*\.dump\.gz\.age$/);
    expect(readFileSync(safety.slice('local:'.length)).subarray(0, 22).toString()).toBe(
      'age-encryption.org/v1\n',
    );
  });

  test('a file the age CLI encrypted restores here; list shows the .age backups', async () => {
    const dest = tempDir('age-cli');
    const first = await run(pgInputs(dest, { 'decrypt-identity': key.text, compression: 'gzip' }));
    expect(ok(first)).toEqual({ exit: 0, log: '' });
    // Decrypted by age, encrypted again by age to the recipient, the sidecar rewritten: a file age wrote.
    const file = first.outputs['backup-path']!.slice('local:'.length);
    const plainGz = join(tempDir('age-cli-plain'), 'p.gz');
    execFileSync('age', ['-d', '-i', key.file, '-o', plainGz, file]);
    execFileSync('age', ['-r', key.recipient, '-o', file, plainGz]);
    writeFileSync(`${file}.sha256`, `${sha256(file)}  ${file.split('/').at(-1)}\n`);

    const listed = await run(pgInputs(dest, { operation: 'list', 'decrypt-identity': key.text }));
    expect(JSON.parse(listed.outputs.backups!)).toEqual([
      expect.objectContaining({ name: file.split('/').at(-1), verified: true }),
    ]);
    const before = pgRows();
    sql('DELETE FROM orders WHERE id > 100');
    const restored = await run(
      pgInputs(dest, { operation: 'restore', 'safety-backup': 'false', 'decrypt-identity': key.identity }),
    );
    expect(ok(restored)).toEqual({ exit: 0, log: '' });
    expect(pgRows()).toBe(before);
  });

  test('refused before anything is restored: another identity; a file cut short or altered (its sidecar rewritten to match)', async () => {
    const dest = tempDir('age-refused');
    const made = await run(pgInputs(dest, { 'encrypt-recipients': key.recipient, format: 'plain' }));
    expect(ok(made)).toEqual({ exit: 0, log: '' });
    const file = made.outputs['backup-path']!.slice('local:'.length);
    const name = file.split('/').at(-1)!;
    const original = readFileSync(file);
    // The database now differs from the backup: a restore that ran would change it.
    sql(`INSERT INTO orders (customer, note) VALUES ('after-the-backup', 'x')`);
    const state = pgRows();
    const listing = files(dest);
    const attempt = (identity: string) =>
      run(
        pgInputs(dest, {
          format: 'plain',
          operation: 'restore',
          'decrypt-identity': identity,
          'encrypt-recipients': key.recipient,
        }),
      );

    const wrong = await attempt(other.text);
    expect(wrong.exitCode).toBe(1);
    expect(wrong.log).toContain(
      `${name} is not encrypted to 'decrypt-identity' (no recipient of the file matches it); not restored`,
    );

    const tamper = (bytes: Buffer): void => {
      writeFileSync(file, bytes);
      writeFileSync(`${file}.sha256`, `${sha256(file)}  ${name}\n`);
    };
    tamper(original.subarray(0, Math.floor(original.length / 2)));
    const cut = await attempt(key.identity);
    expect(cut.exitCode).toBe(1);
    expect(cut.log).toContain(`${name} does not decrypt to its end (cut short or altered)`);
    const altered = Buffer.from(original);
    altered[original.length - 5000] = altered[original.length - 5000]! ^ 1;
    tamper(altered);
    const flipped = await attempt(key.identity);
    expect(flipped.exitCode).toBe(1);
    expect(flipped.log).toContain(`${name} does not decrypt to its end (cut short or altered)`);
    // Nothing restored, no safety backup taken, the database as it was.
    expect(pgRows()).toBe(state);
    expect(files(dest)).toEqual(listing);
    for (const r of [wrong, cut, flipped]) assertNoSecret(r.log, key.identity, 'log');
  });

  test('an unencrypted backup to s3:// warns once, naming the input; an encrypted one does not', async () => {
    const s3 = await startS3(['backups']);
    try {
      const target = { destination: 's3://backups/pg', 's3-endpoint': s3.endpoint };
      const clear = await run({ ...pgInputs('/unused'), ...target }, s3.env);
      expect(ok(clear)).toEqual({ exit: 0, log: '' });
      expect(clear.log.match(/::warning::[^\n]*stored unencrypted[^\n]*/g)).toEqual([
        "::warning::Backups to s3://backups/pg are stored unencrypted: anyone who can read it holds a copy of the data. Set 'encrypt-recipients' (an age public key from age-keygen) to encrypt them",
      ]);
      const sealed = await run(
        { ...pgInputs('/unused'), ...target, 'encrypt-recipients': key.recipient },
        s3.env,
      );
      expect(ok(sealed)).toEqual({ exit: 0, log: '' });
      expect(sealed.log).not.toMatch(/unencrypted/);
      expect(sealed.outputs['backup-path']).toMatch(/^s3:\/\/backups\/pg\/postgres-shop-.*\.dump\.gz\.age$/);
      const restored = await run(
        {
          ...pgInputs('/unused'),
          ...target,
          operation: 'restore',
          'safety-backup': 'false',
          'decrypt-identity': key.identity,
        },
        s3.env,
      );
      expect(ok(restored)).toEqual({ exit: 0, log: '' });
    } finally {
      await s3.close();
    }
  });
});

describe('MariaDB, SQLite and files', () => {
  test('MariaDB: encrypted, verify: restore through the identity, round trip', async () => {
    const dest = tempDir('age-my');
    const inputs = {
      engine: 'mysql',
      // Over the socket as root (unix_socket authentication): no password to handle here.
      'db-host': my.socket,
      'db-user': 'root',
      'db-name': 'shop',
      destination: `local:${dest}`,
      'encrypt-recipients': key.recipient,
      'decrypt-identity': key.text,
    };
    const before = myRows();
    const result = await run({ ...inputs, verify: 'restore', compression: 'zstd' });
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect(result.outputs['backup-path']).toMatch(/\.sql\.zst\.age$/);
    await runOk(my.client[0]!, [...my.client.slice(1), 'shop', '-e', 'DELETE FROM orders WHERE id > 5']);
    const restored = await run({
      ...inputs,
      compression: 'zstd',
      operation: 'restore',
      'safety-backup': 'false',
    });
    expect(ok(restored)).toEqual({ exit: 0, log: '' });
    expect(myRows()).toBe(before);
  });

  test('SQLite and files: encrypted round trips', async () => {
    const dir = tempDir('age-sqlite');
    const db = join(dir, 'app.db');
    execFileSync('sqlite3', [
      db,
      `CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 2000) INSERT INTO t SELECT x, '${MARKER}' || x FROM c;`,
    ]);
    const count = (): string =>
      execFileSync('sqlite3', [db, 'SELECT count(*) FROM t'], { encoding: 'utf8' }).trim();
    const sqliteInputs = {
      engine: 'sqlite',
      'db-name': db,
      destination: `local:${join(dir, 'backups')}`,
      compression: 'none',
      'decrypt-identity': key.identity,
    };
    const result = await run(sqliteInputs);
    expect(ok(result)).toEqual({ exit: 0, log: '' });
    expect(result.outputs['backup-path']).toMatch(/\.db\.age$/);
    expect(readFileSync(result.outputs['backup-path']!.slice('local:'.length)).includes(MARKER)).toBe(false);
    execFileSync('sqlite3', [db, 'DELETE FROM t WHERE id > 10']);
    expect(ok(await run({ ...sqliteInputs, operation: 'restore' }))).toEqual({ exit: 0, log: '' });
    expect(count()).toBe('2000');

    const root = tempDir('age-files');
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'app', '.env'), `SECRET=${MARKER}\n`);
    const filesInputs = {
      engine: 'files',
      paths: `${root}/app`,
      destination: `local:${join(root, 'backups')}`,
      'encrypt-recipients': key.recipient,
    };
    const made = await run(filesInputs);
    expect(ok(made)).toEqual({ exit: 0, log: '' });
    expect(made.outputs['backup-path']).toMatch(/\.tar\.gz\.age$/);
    writeFileSync(join(root, 'app', '.env'), 'broken\n');
    const restored = await run({
      ...filesInputs,
      operation: 'restore',
      'safety-backup': 'false',
      'decrypt-identity': key.text,
    });
    expect(ok(restored)).toEqual({ exit: 0, log: '' });
    expect(readFileSync(join(root, 'app', '.env'), 'utf8')).toBe(`SECRET=${MARKER}\n`);
  });
});
