// db-backup's pure parts: names, retention tables, dump/restore argv, credential files, inputs.
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { parse } from 'yaml';
import { ConfigurationError, InputReader, SecretRegistry } from '@deploy-kit/core';
import {
  backupName,
  completionMarker,
  credentialFile,
  dumpArgv,
  parseBackupName,
  parseRowCounts,
  planRetention,
  restoreArgv,
  rowCountDifferences,
  DumpRowCounter,
  ScratchRestoreFilter,
  walkCustomArchive,
  checkReadBack,
  runPipeline,
  type BackupFile,
  type DumpSpec,
  type PostgresDump,
  type RetentionPolicy,
} from '@deploy-kit/backup';
import { readInputs } from '../../actions/db-backup/inputs.js';
import { testBadInputs, type BadInput } from '../support/bad-inputs.js';
import { injectionStrings } from '../support/injections.js';

// Generated with age-keygen for these tests only.
const AGE_IDENTITY = 'AGE-SECRET-KEY-166STLJQCGQHH0VU5YRRK399UCUVFM8N94NVLHZGTAXEJKZS7L5XS2T48YC';
const AGE_RECIPIENT = 'age1cp84t4m20eywrpa5q9kmkfnm0clgyafltjuxhff67eg4yr808uzq9lf46s';
const AGE_RECIPIENT_2 = 'age180fcychf83wdauztph2gy43fhhdrek7n84ye0q0edduj5pmu8s9q9hl5qn';
import { repoRoot } from '../support/paths.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);

test('names sort by time, are unique to the millisecond, and parse back for their own prefix only', () => {
  const name = backupName('postgres-shop', NOW + 123, 'dump.gz');
  expect(name).toBe('postgres-shop-20261123T030000.123Z.dump.gz');
  expect(parseBackupName(name, 'postgres-shop', 'dump.gz')).toBe(NOW + 123);
  expect(parseBackupName('postgres-shop-20261123T030000Z.dump.gz', 'postgres-shop', 'dump.gz')).toBe(NOW);
  expect(parseBackupName(name, 'postgres', 'dump.gz')).toBeUndefined(); // 'shop-…' is not a time
  expect(parseBackupName(name, 'postgres-shop', 'sql.gz')).toBeUndefined();
  expect(
    parseBackupName('postgres-shop-safety-20261123T030000.123Z.dump.gz', 'postgres-shop', 'dump.gz'),
  ).toBeUndefined();
});

/** One backup a day at 03:00 for `days` days up to NOW; `failed` days have none. */
function daily(days: number, failed: number[] = [], unverified: number[] = []): BackupFile[] {
  const files: BackupFile[] = [];
  for (let i = 0; i < days; i += 1) {
    if (failed.includes(i)) continue;
    const takenAt = NOW - i * DAY;
    files.push({
      name: backupName('p', takenAt, 'dump.gz'),
      takenAt,
      sizeBytes: 1,
      verified: !unverified.includes(i),
    });
  }
  return files;
}
const daysAgo = (names: string[]): number[] =>
  names.map((n) => Math.round((NOW - parseBackupName(n, 'p', 'dump.gz')!) / DAY)).sort((a, b) => a - b);

/** The connection a database engine's spec holds (files have none). */
const connectionOf = (spec: DumpSpec) => (spec.engine === 'files' ? undefined : spec.connection);

describe('retention', () => {
  test.each<[string, BackupFile[], RetentionPolicy, number[]]>([
    ['keep-last 3', daily(10), { keepLast: 3 }, [0, 1, 2]],
    ['keep-last 3 with failures interleaved', daily(10, [1, 2]), { keepLast: 3 }, [0, 3, 4]],
    ['keep-daily 7 over 30 days', daily(30), { keepDaily: 7 }, [0, 1, 2, 3, 4, 5, 6]],
    [
      'keep-daily 5 with failed days: the last 5 days that have a backup',
      daily(20, [2, 3, 7]),
      { keepDaily: 5 },
      [0, 1, 4, 5, 6],
    ],
    // NOW is a Monday: ISO weeks start on days 0, 7, 14, …
    ['keep-weekly 3', daily(40), { keepWeekly: 3 }, [0, 1, 8]],
    ['keep-monthly 2 (newest of November and of October)', daily(60), { keepMonthly: 2 }, [0, 23]],
    ['keep-daily 3 + keep-weekly 2', daily(30), { keepDaily: 3, keepWeekly: 2 }, [0, 1, 2]],
    ['max-age 5 days', daily(30), { maxAgeMs: 5 * DAY }, [0, 1, 2, 3, 4, 5]],
    ['max-age 2 days + keep-last 4', daily(30), { maxAgeMs: 2 * DAY, keepLast: 4 }, [0, 1, 2, 3]],
    [
      'the newest verified is kept even when newer unverified ones fill keep-last',
      daily(10, [], [0, 1]),
      { keepLast: 2 },
      [0, 1, 2],
    ],
    ['no policy keeps everything', daily(5), {}, [0, 1, 2, 3, 4]],
  ])('%s', (_name, files, policy, kept) => {
    const decision = planRetention(files, policy, NOW);
    expect(daysAgo(decision.keep.map((f) => f.name))).toEqual(kept);
    expect(decision.keep.length + decision.delete.length).toBe(files.length);
    expect(decision.refused).toBeUndefined();
  });

  test('a policy that would delete everything is refused: nothing deleted', () => {
    const decision = planRetention(
      daily(10).map((f) => ({ ...f, takenAt: f.takenAt - 400 * DAY })),
      { maxAgeMs: DAY },
      NOW,
    );
    expect(decision.delete).toEqual([]);
    expect(decision.refused).toMatch(/would delete all 10 backup\(s\); nothing was deleted/);
  });

  test('control: without the newest-verified rule, the test above would lose every verified backup', () => {
    const files = daily(10, [], [0, 1]);
    const decision = planRetention(files, { keepLast: 2 }, NOW);
    const verifiedKept = decision.keep.filter((f) => f.verified);
    expect(verifiedKept).toHaveLength(1);
    expect(files.slice(0, 2).every((f) => !f.verified)).toBe(true);
  });
});

describe('argv', () => {
  const pg: PostgresDump = {
    engine: 'postgres',
    connection: { host: 'db.internal', port: 5433, user: 'backup', password: 'p@ss:w\\d', database: 'shop' },
    format: 'custom',
    scope: 'database',
  };
  test.each<[string, DumpSpec, string[]]>([
    [
      'postgres custom',
      pg,
      [
        'pg_dump',
        '--host',
        'db.internal',
        '--port',
        '5433',
        '--username',
        'backup',
        '--no-password',
        '--format=custom',
        '--dbname',
        'shop',
      ],
    ],
    [
      'postgres custom, compressed outside pg_dump',
      { ...pg, uncompressedArchive: true },
      [
        'pg_dump',
        '--host',
        'db.internal',
        '--port',
        '5433',
        '--username',
        'backup',
        '--no-password',
        '--format=custom',
        '--compress=0',
        '--dbname',
        'shop',
      ],
    ],
    [
      'postgres plain drops what it recreates',
      { ...pg, format: 'plain' },
      [
        'pg_dump',
        '--host',
        'db.internal',
        '--port',
        '5433',
        '--username',
        'backup',
        '--no-password',
        '--format=plain',
        '--clean',
        '--if-exists',
        '--dbname',
        'shop',
      ],
    ],
    [
      'postgres cluster',
      { ...pg, scope: 'cluster' },
      ['pg_dumpall', '--host', 'db.internal', '--port', '5433', '--username', 'backup', '--no-password'],
    ],
    [
      'mysql',
      {
        ...pg,
        engine: 'mysql',
        connection: { host: '127.0.0.1', port: 3307, user: 'u', password: 'x', database: 'shop' },
      },
      [
        'mariadb-dump',
        '--defaults-extra-file=/run/my.cnf',
        '--host=127.0.0.1',
        '--port=3307',
        '--protocol=TCP',
        '--user=u',
        '--single-transaction',
        '--routines',
        '--triggers',
        '--events',
        '--databases',
        '--',
        'shop',
      ],
    ],
    [
      'files',
      { engine: 'files', paths: ['/srv/app/.env', '-rf'] },
      ['tar', '--create', '--file=-', '--', '/srv/app/.env', '-rf'],
    ],
  ])('%s', (_name, spec, argv) => {
    expect(dumpArgv(spec, '/run/my.cnf')).toEqual(argv);
    expect(dumpArgv(spec, '/run/my.cnf').join(' ')).not.toContain('p@ss');
  });

  test('restore commands stop at the first error', () => {
    expect(restoreArgv(pg)).toEqual(
      expect.arrayContaining([
        'pg_restore',
        '--single-transaction',
        '--exit-on-error',
        '--clean',
        '--if-exists',
      ]),
    );
    expect(restoreArgv({ ...pg, format: 'plain' })).toEqual(
      expect.arrayContaining(['psql', '--set=ON_ERROR_STOP=1']),
    );
  });

  test('credential files escape what .pgpass and option files treat specially', () => {
    expect(credentialFile(pg)).toEqual({
      envVar: 'PGPASSFILE',
      content: 'db.internal:5433:*:backup:p@ss\\:w\\\\d\n',
    });
    const my = credentialFile({
      engine: 'mysql',
      connection: { host: 'h', password: 'a"b\\c', database: 'd' },
    });
    expect(my).toEqual({ content: '[client]\npassword="a\\"b\\\\c"\n' });
  });

  test('completion markers, including the \\unrestrict line of current pg_dump', () => {
    const plain = completionMarker({ ...pg, format: 'plain' })!;
    expect(plain.test('x\n--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict abc123\n\n')).toBe(
      true,
    );
    expect(plain.test('x\n--\n-- PostgreSQL database dump complete\n--\n\n')).toBe(true);
    expect(plain.test('COPY public.t (a) FROM stdin;\n1\n')).toBe(false);
    expect(
      completionMarker({ engine: 'mysql', connection: pg.connection })!.test(
        '-- Dump completed on 2026-11-23  3:00:00\n',
      ),
    ).toBe(true);
  });
});

const FP = 'SHA256:' + 'A'.repeat(43);
// Read, not parsed: the key is only checked when the action connects.
const KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const SSH = { destination: 'ssh:/var/backups', hosts: 'db.example', 'host-fingerprint': FP, 'ssh-key': KEY };

describe('inputs', () => {
  const spec = parse(readFileSync(join(repoRoot, 'db-backup', 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const defaults = Object.fromEntries(Object.entries(spec.inputs).map(([k, v]) => [k, v.default ?? '']));
  // What the runner fills in for the expressions.
  defaults['github-token'] = 'ghs_token';
  defaults['github-api-url'] = 'https://api.github.com';
  const base = { engine: 'postgres', 'db-name': 'shop', destination: 'local:/var/backups' };
  const read = (values: Record<string, string>, secrets = new SecretRegistry()) =>
    readInputs(new InputReader((name) => ({ ...defaults, ...base, ...values })[name], secrets));

  test('age keys: recipients one per line; the identity alone or as age-keygen writes its file, masked', () => {
    const secrets = new SecretRegistry();
    const file = `# created: 2026-12-04T13:59:13Z\n# public key: ${AGE_RECIPIENT}\n${AGE_IDENTITY}\n`;
    const inputs = read(
      { 'encrypt-recipients': `${AGE_RECIPIENT}\n${AGE_RECIPIENT_2}\n`, 'decrypt-identity': file },
      secrets,
    );
    expect(inputs['encrypt-recipients']).toEqual([AGE_RECIPIENT, AGE_RECIPIENT_2]);
    expect(inputs['decrypt-identity']).toBe(AGE_IDENTITY);
    expect(secrets.redact(`key ${AGE_IDENTITY}`)).not.toContain(AGE_IDENTITY);
    expect(read({})['encrypt-recipients']).toEqual([]);
  });

  test('database-url: parsed, password masked with its encoded forms', () => {
    const secrets = new SecretRegistry();
    const inputs = read({ 'db-name': '', 'database-url': 'postgres://app:s%3Acret@db:5433/shop' }, secrets);
    expect(connectionOf(inputs.spec)).toEqual({
      host: 'db',
      port: 5433,
      user: 'app',
      password: 's:cret',
      database: 'shop',
    });
    expect(secrets.redact('url postgres://app:s%3Acret@db:5433/shop')).not.toContain('s%3Acret');
    expect(inputs['name-prefix']).toBe('postgres-shop');
  });

  const bad: BadInput[] = [
    ['operation', { operation: 'copy' }, /Input 'operation' must be one of backup, restore, list/],
    ['engine', { engine: 'oracle' }, /Input 'engine' must be one of postgres, mysql, sqlite, files/],
    [
      'database-url',
      { 'db-name': '', 'database-url': 'postgres://u:p@h/db;rm -rf /' },
      /Input 'database-url' must be postgres:\/\//,
    ],
    [
      'database-url',
      { 'db-name': '', 'database-url': 'mysql://u@h/db' },
      /Input 'database-url' must be postgres:\/\//,
    ],
    ['db-host', { 'db-host': '-oProxyCommand=x' }, /Input 'db-host' must be a host name/],
    ['db-port', { 'db-port': '70000' }, /Input 'db-port' must be an integer/],
    ['db-user', { 'db-user': 'a b' }, /Input 'db-user' must be a database user name/],
    [
      'db-password',
      { 'db-password': 'x', 'database-url': 'postgres://u@h/db', 'db-name': '' },
      /either 'database-url' or the db-\* inputs/,
    ],
    ['db-name', { 'db-name': '../etc' }, /Input 'db-name' must be a database name/],
    ['format', { format: 'tar' }, /Input 'format' must be one of custom, plain/],
    ['scope', { scope: 'all' }, /Input 'scope' must be one of database, cluster/],
    [
      'paths',
      { engine: 'files', 'db-name': '', paths: '/srv/../etc' },
      /Input 'paths' must be paths without '\.\.'/,
    ],
    ['destination', { destination: '/var/backups' }, /Input 'destination' must be local:/],
    ['destination', { destination: 'local:relative/dir' }, /Input 'destination' must be local:/],
    ['name-prefix', { 'name-prefix': '../x' }, /Input 'name-prefix' must be letters/],
    ['compression', { compression: 'xz' }, /Input 'compression' must be one of gzip, zstd, none/],
    ['keep-last', { 'keep-last': '0' }, /Input 'keep-last' must be an integer/],
    ['keep-daily', { 'keep-daily': '-1' }, /Input 'keep-daily' must be an integer/],
    ['keep-weekly', { 'keep-weekly': 'x' }, /Input 'keep-weekly' must be an integer/],
    ['keep-monthly', { 'keep-monthly': '1.5' }, /Input 'keep-monthly' must be an integer/],
    ['max-age', { 'max-age': '30 days' }, /Input 'max-age' must be a duration/],
    ['temp-ttl', { 'temp-ttl': '10s' }, /Input 'temp-ttl' must be a duration.*between/],
    ['restore-from', { 'restore-from': '../../etc/passwd' }, /Input 'restore-from' must be the file name/],
    [
      'restore-directory',
      { 'restore-directory': 'rel' },
      /Input 'restore-directory' must be an absolute directory/,
    ],
    ['safety-backup', { 'safety-backup': 'no' }, /Input 'safety-backup' must be true or false/],
    ['timeout', { timeout: 'soon' }, /Input 'timeout' must be a duration/],
    ['destination', { destination: 's3://Bad_Bucket/x' }, /Input 'destination' must be local:/],
    ['destination', { destination: 's3://backups/../etc' }, /Input 'destination' must be local:/],
    [
      's3-endpoint',
      { destination: 's3://backups/x', 's3-endpoint': 'ftp://minio' },
      /Input 's3-endpoint' must be/,
    ],
    [
      's3-endpoint',
      { 's3-endpoint': 'https://minio.example' },
      /'s3-endpoint' and 's3-region' are for an s3:\/\/ destination/,
    ],
    [
      's3-region',
      { destination: 's3://backups/x', 's3-region': 'EU' },
      /Input 's3-region' must be an AWS region/,
    ],
    [
      's3-force-path-style',
      { destination: 's3://backups/x', 's3-force-path-style': 'yes' },
      /must be true or false/,
    ],
    [
      'hosts',
      { destination: 'ssh:/b', hosts: 'a.example,b.example', 'host-fingerprint': FP, 'ssh-key': KEY },
      /exactly one host/,
    ],
    [
      'hosts',
      { destination: 'ssh:/b', hosts: '-oProxyCommand=x', 'host-fingerprint': FP, 'ssh-key': KEY },
      /Input 'hosts' must be/,
    ],
    [
      'hosts',
      { hosts: 'db.example', 'host-fingerprint': FP, 'ssh-key': KEY },
      /Input 'hosts' is for run-on ssh or destination ssh:/,
    ],
    ['run-on', { 'run-on': 'host' }, /Input 'run-on' must be one of runner, ssh/],
    ['run-on', { 'run-on': 'ssh' }, /run-on ssh needs exactly one host in 'hosts'/],
    ['container', { container: 'pg' }, /Input 'container' needs 'run-on: ssh'/],
    ['retention-days', { 'retention-days': '7' }, /Input 'retention-days' is for destination artifact/],
    ['retention-days', { destination: 'artifact', 'retention-days': '0' }, /Input 'retention-days' must be/],
    [
      'github-token',
      { destination: 'artifact', 'github-token': 'ghs_a\nb' },
      /Input 'github-token' must be a token/,
    ],
    [
      'github-api-url',
      { destination: 'artifact', 'github-api-url': 'ftp://api.example.com' },
      /Input 'github-api-url' must be a URL starting with https:\/\/ or http:\/\//,
    ],
    ['artifact-workflow', { 'artifact-workflow': 'backup.yml' }, /are for destination artifact/],
    ...['../backup.yml', 'backup.sh', '$(id).yml', '; rm -rf /', '-x.yml', '.github/workflows/../x.yml'].map(
      (value): BadInput => [
        'artifact-workflow',
        { destination: 'artifact', 'artifact-workflow': value },
        /Input 'artifact-workflow' must be a workflow file name/,
      ],
    ),
    ['artifact-branches', { 'artifact-branches': 'main' }, /are for destination artifact/],
    ...['-main', 'a..b', 'feature/', 'x.lock', '$(id)', 'a b', '`id`'].map((value): BadInput => [
      'artifact-branches',
      { destination: 'artifact', 'artifact-branches': value },
      /Input 'artifact-branches' must be a branch name/,
    ]),
    ['destination', { destination: 'artifacts' }, /Input 'destination' must be .* or artifact/],
    ['verify', { verify: 'yes' }, /Input 'verify' must be one of true, false, restore/],
    [
      'verify',
      { engine: 'sqlite', 'db-name': '/srv/app.db', verify: 'restore' },
      /restore .* is for engine mysql, or postgres with scope database/,
    ],
    [
      'container',
      { ...SSH, 'run-on': 'ssh', container: 'pg;id' },
      /Input 'container' must be a container name/,
    ],
    ['user', { ...SSH, user: 'a;b' }, /Input 'user' must be a user name/],
    ['port', { ...SSH, port: '0' }, /Input 'port' must be an integer/],
    ['ssh-key-passphrase', { ...SSH, 'ssh-key': '', password: 'x', 'ssh-key-passphrase': 'p' }, /passphrase/],
    ['password', { ...SSH, 'ssh-key': '', password: '' }, /Set 'ssh-key' \(recommended\) or 'password'/],
    ['host-fingerprint', { ...SSH, 'host-fingerprint': 'MD5:00' }, /Input 'host-fingerprint'/],
    [
      'known-hosts',
      { ...SSH, 'host-fingerprint': '', 'known-hosts': 'not a known_hosts line' },
      /Input 'known-hosts'/,
    ],
    [
      'insecure-skip-host-key-check',
      { ...SSH, 'insecure-skip-host-key-check': 'yes' },
      /must be true or false/,
    ],
    ['proxy-jump', { ...SSH, 'proxy-jump': 'bastion;id' }, /Input 'proxy-jump' must be/],
    [
      'encrypt-recipients',
      {
        'encrypt-recipients':
          'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
      },
      /Input 'encrypt-recipients': 'ssh-ed25519 AAAAC3NzaC1l…' is an SSH key: age SSH recipients are not supported by the age library/,
    ],
    [
      'encrypt-recipients',
      { 'encrypt-recipients': `${AGE_RECIPIENT}\nage1short` },
      /Input 'encrypt-recipients': 'age1short' is not age X25519 recipients \(age1…/,
    ],
    [
      'decrypt-identity',
      { 'decrypt-identity': 'AGE-SECRET-KEY-1NOTAKEY' },
      /Input 'decrypt-identity' must be an age identity \(AGE-SECRET-KEY-1…, or the whole file age-keygen writes\), got a value of 23 characters/,
    ],
    [
      'decrypt-identity',
      { operation: 'restore', 'encrypt-recipients': AGE_RECIPIENT },
      /Input 'decrypt-identity' is required: operation restore reads the encrypted backup/,
    ],
    [
      'decrypt-identity',
      { verify: 'restore', 'encrypt-recipients': AGE_RECIPIENT },
      /Input 'decrypt-identity' is required: verify: restore reads the encrypted backup/,
    ],
    ['connect-timeout', { ...SSH, 'connect-timeout': '0s' }, /Input 'connect-timeout' must be a duration/],
  ];
  // ssh-key is parsed when the action prepares to connect: its bad values are in the integration test.
  testBadInputs(read, bad, Object.keys(spec.inputs), ['ssh-key']);

  test.each(injectionStrings('/tmp/dk-pwned'))(
    'injection %j is refused wherever it reaches a command or path',
    (value) => {
      for (const values of <Array<Record<string, string>>>[
        { 'db-host': value },
        { 'db-user': value },
        { 'db-name': value },
        { 'name-prefix': value },
        { ...SSH, 'run-on': 'ssh', container: value },
        { 'restore-from': value },
        { 'encrypt-recipients': value },
        { 'encrypt-recipients': `${AGE_RECIPIENT}${value}` },
        { 'decrypt-identity': value },
        { 'decrypt-identity': `${AGE_IDENTITY}${value}` },
        { destination: `local:/x/${value}` },
        { destination: `s3://backups/${value}` },
      ]) {
        // `; touch x` as part of an absolute destination path is a legal directory name; what would
        // climb out, break a line or read as an option is refused.
        const harmless = values.destination?.startsWith('local:') === true && !/\n|\.\./.test(value);
        if (!harmless) expect(() => read(values)).toThrow(ConfigurationError);
      }
      // A URL's path is normalised by the URL parser (`/../../etc` is `/etc`): whatever survives
      // must be a plain database name.
      let database: string | undefined;
      try {
        database = connectionOf(
          read({ 'db-name': '', 'database-url': `postgres://u:p@h/${value}` }).spec,
        )?.database;
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigurationError);
      }
      expect(database ?? 'refused').toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/);
      expect(database ?? '').not.toContain('..');
    },
  );
});

describe('verify: restore row counts', () => {
  test('parsed from the counting query, compared table by table', () => {
    const source = parseRowCounts('DKCOUNT public.orders 3000\nDKCOUNT public.items 9000\nnoise\n');
    expect([...source]).toEqual([
      ['public.orders', 3000],
      ['public.items', 9000],
    ]);
    expect(rowCountDifferences(source, new Map(source))).toEqual([]);
    expect(
      rowCountDifferences(
        source,
        new Map([
          ['public.orders', 2999],
          ['public.extra', 1],
        ]),
      ),
    ).toEqual([
      'public.orders: 2999 rows restored, 3000 in the source',
      'public.items: missing from the restored copy (9000 rows in the source)',
      'public.extra: in the restored copy but not in the source',
    ]);
  });

  test("pg_dump shares the counting session's snapshot", () => {
    const argv = dumpArgv({
      engine: 'postgres',
      connection: { host: 'db', database: 'shop' },
      format: 'custom',
      scope: 'database',
      snapshot: '00000003-0000001B-1',
    });
    expect(argv).toContain('--snapshot=00000003-0000001B-1');
  });
});

/** A mariadb-dump as it writes one: a table with awkward strings, an empty one, a view. */
const MARIADB_DUMP = [
  '-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)',
  '/*!40101 SET NAMES utf8mb4 */;',
  'CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;',
  '',
  'USE `shop`;',
  'DROP TABLE IF EXISTS `order items`;',
  'CREATE TABLE `order items` (',
  '  `id` int(11) NOT NULL,',
  '  `name` text DEFAULT NULL',
  ') ENGINE=InnoDB;',
  'LOCK TABLES `order items` WRITE;',
  // mariadb-dump: one row a line.
  'INSERT INTO `order items` VALUES',
  "(1,'a),(b'),",
  "(2,'it\\'s (x);'),",
  '(3,NULL),',
  "(4,'back\\\\'),",
  "(5,'ünï\\ncode');",
  // mysqldump: the statement on one line.
  "INSERT INTO `order items` VALUES (6,'USE `shop`;');",
  'UNLOCK TABLES;',
  'CREATE TABLE `empty``one` (',
  '  `id` int(11) NOT NULL',
  ') ENGINE=InnoDB;',
  '/*!50001 CREATE TABLE `v` (',
  '  `id` tinyint NOT NULL',
  ') ENGINE=MyISAM */;',
  '-- Dump completed on 2026-12-02  0:00:00',
  '',
].join('\n');

describe('MariaDB dumps read as they stream', () => {
  const expected = [
    ['order items', 6],
    ['empty`one', 0],
  ];
  test.each([1, 2, 3, 7, 64, 1 << 20])(
    'rows per table from the INSERT tuples, in chunks of %i bytes',
    (size) => {
      const counter = new DumpRowCounter();
      const bytes = Buffer.from(MARIADB_DUMP, 'utf8');
      for (let i = 0; i < bytes.length; i += size) counter.feed(bytes.subarray(i, i + size));
      expect([...counter.counts()]).toEqual(expected);
    },
  );

  test('a dump cut inside an INSERT counts only the rows it holds', () => {
    const counter = new DumpRowCounter();
    counter.feed(Buffer.from("CREATE TABLE `t` (\n) ;\nINSERT INTO `t` VALUES (1,'x'),(2,'y"));
    expect(counter.counts().get('t')).toBe(2);
  });

  test.each([1, 5, 16, 1 << 20])(
    'CREATE DATABASE and USE lines dropped for a restore into another database (chunks of %i bytes)',
    async (size) => {
      const { kept } = await filtered(MARIADB_DUMP, size);
      const expectedText = MARIADB_DUMP.split('\n')
        .filter((line) => !line.startsWith('CREATE DATABASE ') && !line.startsWith('USE `'))
        .join('\n');
      expect(kept).toBe(expectedText);
      // The data line that merely contains "USE `shop`;" stays.
      expect(kept).toContain("VALUES (6,'USE `shop`;');");
    },
  );
});

/** The events and routines sections of a mariadb-dump (10.11), with `body` as the event's action. */
const eventsDump = (body: string): string =>
  [
    "INSERT INTO `hits` VALUES ('shop.x is data, not a body');",
    '--',
    "-- Dumping events for database 'shop'",
    '--',
    '/*!50106 SET @save_time_zone= @@TIME_ZONE */ ;',
    '/*!50106 DROP EVENT IF EXISTS `ev` */;',
    'DELIMITER ;;',
    '/*!50003 SET @saved_cs_client      = @@character_set_client */ ;;',
    "/*!50106 CREATE*/ /*!50117 DEFINER=`root`@`localhost`*/ /*!50106 EVENT `ev` ON SCHEDULE EVERY 1 SECOND STARTS '2026-12-04 08:09:17' ON COMPLETION NOT PRESERVE ENABLE DO " +
      body,
    '*/ ;;',
    '/*!50003 SET character_set_client  = @saved_cs_client */ ;;',
    'DELIMITER ;',
    '/*!50106 SET TIME_ZONE= @save_time_zone */ ;',
    '',
    '--',
    "-- Dumping routines for database 'shop'",
    '--',
    'DELIMITER ;;',
    'CREATE DEFINER=`root`@`localhost` PROCEDURE `p`()',
    'BEGIN SELECT 1; END',
    ';;',
    'DELIMITER ;',
    '',
  ].join('\n');

async function filtered(text: string, size: number): Promise<{ kept: string; namesSource?: string }> {
  const filter = new ScratchRestoreFilter('shop');
  const out: Buffer[] = [];
  filter.on('data', (c: Buffer) => out.push(c));
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) filter.write(bytes.subarray(i, i + size));
  filter.end();
  await new Promise((resolve) => filter.on('end', resolve));
  return { kept: Buffer.concat(out).toString('utf8'), namesSource: filter.namesSource };
}

describe('the scratch restore: no events, and no body naming the source database', () => {
  test.each([1, 7, 64, 1 << 20])(
    'events are not created; everything else is kept (chunks of %i bytes)',
    async (size) => {
      const text = eventsDump('INSERT INTO hits VALUES (NOW(6))');
      const { kept, namesSource } = await filtered(text, size);
      expect(kept).toBe(
        text
          .split('\n')
          .filter((line) => !line.startsWith('/*!50106 CREATE*/') && line !== '*/ ;;')
          .join('\n'),
      );
      expect(kept).toContain('BEGIN SELECT 1; END');
      expect(namesSource).toBeUndefined();
    },
  );

  test.each([
    ['INSERT INTO shop.hits VALUES (NOW(6))', true],
    ['INSERT INTO `shop`.`hits` VALUES (NOW(6))', true],
    ['DELETE FROM shop.orders', true],
    ['INSERT INTO myshop.hits VALUES (1)', false],
    ['INSERT INTO hits VALUES (1)', false],
  ])('a body %j names the source database: %s', async (body, names) => {
    for (const size of [3, 1 << 20]) {
      const { namesSource } = await filtered(eventsDump(body), size);
      expect(namesSource !== undefined).toBe(names);
    }
  });
});

/** A custom-format archive as pg_dump writes one to a pipe: the fields walkCustomArchive reads. */
function customArchive(
  minor: number,
  blocks: Array<{ id: number; type?: number; chunks: number[] }>,
): Buffer {
  const parts: Buffer[] = [Buffer.from('PGDMP', 'latin1'), Buffer.from([1, minor, 0, 4, 8, 1])];
  const int = (n: number): void => {
    const b = Buffer.alloc(5);
    b[0] = n < 0 ? 1 : 0;
    b.writeUInt32LE(Math.abs(n), 1);
    parts.push(b);
  };
  const str = (s: string | null): void => {
    if (s === null) return int(-1);
    int(Buffer.byteLength(s));
    parts.push(Buffer.from(s));
  };
  if (minor >= 15) parts.push(Buffer.from([1]));
  else int(-1);
  for (let i = 0; i < 7; i += 1) int(i);
  str('shop');
  str('15.18');
  str('15.18');
  const entries = [{ id: 1, data: false }, ...blocks.map((b) => ({ id: b.id, data: true }))];
  int(entries.length);
  for (const e of entries) {
    int(e.id);
    int(e.data ? 1 : 0);
    for (const s of ['0', '0', `t${e.id}`, e.data ? 'TABLE DATA' : 'TABLE']) str(s);
    int(e.data ? 3 : 2);
    for (const s of ['CREATE x;', '', 'COPY x FROM stdin;', 'public', '']) str(s);
    if (minor >= 14) str('heap');
    if (minor >= 16) int(114);
    str('postgres');
    str('false');
    str('1');
    str(null);
    parts.push(Buffer.from([e.data ? 1 : 3, 0, 0, 0, 0, 0, 0, 0, 0]));
  }
  for (const b of blocks) {
    parts.push(Buffer.from([b.type ?? 1]));
    int(b.id);
    if (b.type === 3) int(16385);
    for (const length of b.chunks) {
      int(length);
      parts.push(Buffer.alloc(length, 0x78));
    }
    int(0);
    if (b.type === 3) int(0);
  }
  return Buffer.concat(parts);
}

describe('custom-format archive walk', () => {
  const walk = (bytes: Buffer, chunk = 7) => {
    const pieces: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
    return walkCustomArchive(Readable.from(pieces));
  };
  const blocks = [
    { id: 2, chunks: [40, 3] },
    { id: 3, chunks: [] },
    { id: 4, type: 3, chunks: [25] },
  ];

  test.each([14, 15, 16])('archive version 1.%i: header, TOC and every block read', async (minor) => {
    await expect(walk(customArchive(minor, blocks))).resolves.toEqual({
      version: `1.${minor}`,
      entries: 4,
      dataBlocks: 3,
    });
  });

  test('control: the archive cut at any byte fails the walk', async () => {
    const whole = customArchive(14, blocks);
    for (let cut = 0; cut < whole.length; cut += 1)
      await expect(walk(whole.subarray(0, cut), 5)).rejects.toThrow(/ends/);
  });

  test.each([
    [
      'bytes after the last block',
      (a: Buffer) => Buffer.concat([a, Buffer.from([1])]),
      /ends inside a data block header/,
    ],
    [
      'a block the TOC does not announce',
      // Block type 1, dump ID 9 (sign byte, 4 bytes), no chunks (length 0).
      (a: Buffer) => Buffer.concat([a, Buffer.from([1, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0])]),
      /data block of entry 9 is not announced/,
    ],
    [
      'an unknown block type',
      () => customArchive(14, [{ id: 2, type: 7, chunks: [] }]),
      /unknown block type 7/,
    ],
    ['a newer archive version', () => customArchive(17, []), /version 1\.17 is not one this check reads/],
    ['not an archive', () => Buffer.from('-- PostgreSQL database dump\n'), /no PGDMP header/],
  ])('refused: %s', async (_name, make, message) => {
    await expect(walk(make(customArchive(14, blocks)))).rejects.toThrow(message);
  });

  test('a block announced but never written', async () => {
    const whole = customArchive(14, blocks);
    const withoutLast = customArchive(14, blocks.slice(0, 2));
    // The TOC of `whole` announces block 4; cut right where block 4 would start.
    const tocAndTwo = whole.subarray(0, whole.length - (5 + 1 + 5 + 5 + 25 + 5 + 5));
    expect(withoutLast.length).toBeLessThan(whole.length);
    await expect(walk(tocAndTwo)).rejects.toThrow(/ends before the data of 1 entry \(first: 4\)/);
  });
});

describe('verify: false checks no content, not even that the file decompresses', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dk-noverify-'));
    writeFileSync(join(dir, 'dump'), randomBytes(1 << 20));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([true, false])(
    'gzip output decompressed again as it is written: decompress %s',
    async (decompress) => {
      const out = join(dir, `out-${decompress}`);
      const result = await runPipeline({
        dump: { argv: ['cat', join(dir, 'dump')], env: process.env },
        compression: 'gzip',
        decompress,
        sink: createWriteStream(out),
      });
      expect(result.rawBytes).toBe(1 << 20);
      expect(result.decompresses).toBe(decompress);
      expect(gunzipSync(readFileSync(out))).toEqual(readFileSync(join(dir, 'dump')));
    },
  );

  test('the re-read decompresses a stored gzip only when asked; size and SHA-256 always', async () => {
    // A gzip header and then bytes that are not deflate: the file does not decompress.
    const broken = Buffer.concat([gzipSync(Buffer.from('x')).subarray(0, 10), randomBytes(4096)]);
    const expected = { sizeBytes: broken.length, sha256: createHash('sha256').update(broken).digest('hex') };
    const open = (): Readable => Readable.from([broken]);
    await expect(
      checkReadBack(broken.length, open, { ...expected, decompressOnReRead: true }, 'gzip', 'the file'),
    ).rejects.toThrow(/does not decompress/);
    await expect(
      checkReadBack(broken.length, open, { ...expected, decompressOnReRead: false }, 'gzip', 'the file'),
    ).resolves.toBeUndefined();
    // Control: the size and the SHA-256 are checked either way.
    await expect(
      checkReadBack(
        broken.length,
        open,
        { ...expected, sha256: '0'.repeat(64), decompressOnReRead: false },
        'gzip',
        'the file',
      ),
    ).rejects.toThrow(/SHA-256/);
    await expect(
      checkReadBack(broken.length - 1, open, { ...expected, decompressOnReRead: false }, 'gzip', 'the file'),
    ).rejects.toThrow(/bytes/);
  });
});

describe('the pipeline with an archive walk', () => {
  test.each(['none', 'gzip'] as const)(
    'a walk that gives up at the first bytes does not stall the backup (compression %s): the rest is read and dropped',
    async (compression) => {
      const dir = mkdtempSync(join(tmpdir(), 'dk-walk-'));
      try {
        const input = join(dir, 'not-an-archive');
        writeFileSync(input, randomBytes(4 << 20));
        const result = await runPipeline({
          dump: { argv: ['cat', input], env: process.env },
          walk: walkCustomArchive,
          compression,
          // Off, as with verify: false: the walk reads through the decompression, which runs anyway.
          decompress: false,
          sink: createWriteStream(join(dir, 'out')),
        });
        expect(result.rawBytes).toBe(4 << 20);
        expect(result.walkFailure).toMatch(/no PGDMP header/);
        expect(result.decompresses).toBe(compression === 'gzip');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    20_000,
  );
});
