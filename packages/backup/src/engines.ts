// Pure builders of dump and restore commands: argv arrays, credentials never among them (they go
// in a 0600 file whose path is in the environment or an option file argument).

export const ENGINES = ['postgres', 'mysql', 'sqlite', 'files'] as const;
export type Engine = (typeof ENGINES)[number];

export interface Connection {
  host: string;
  port?: number;
  user?: string;
  password?: string;
  database: string;
}

export interface PostgresDump {
  engine: 'postgres';
  connection: Connection;
  /** custom (pg_restore's archive) or plain SQL. */
  format: 'custom' | 'plain';
  /** One database, or the whole cluster (pg_dumpall). */
  scope: 'database' | 'cluster';
  /**
   * Custom format: no compression inside the archive (`--compress=0`), for a compressor that
   * compresses the whole stream instead.
   */
  uncompressedArchive?: boolean;
  /** Dump in this exported snapshot (pg_export_snapshot), shared with a counting session. */
  snapshot?: string;
}

export interface MysqlDump {
  engine: 'mysql';
  connection: Connection;
  /**
   * Restore into this database instead of the dump's own (verify: restore's scratch database);
   * the dump's `CREATE DATABASE` and `USE` lines are dropped on the way in.
   */
  restoreInto?: string;
}

export interface SqliteDump {
  engine: 'sqlite';
  /** `database` is the file's path; the rest is unused. */
  connection: Connection;
}

export interface FilesDump {
  engine: 'files';
  /** Paths to archive. */
  paths: string[];
}

/** What to dump, by engine: only the settings an engine has exist for it. */
export type DumpSpec = PostgresDump | MysqlDump | SqliteDump | FilesDump;

/** The engines that dump a database (not files). */
export type DatabaseDump = Exclude<DumpSpec, FilesDump>;

/** File extension of the uncompressed dump. */
export function dumpExtension(spec: DumpSpec): string {
  if (spec.engine === 'postgres')
    return spec.format === 'custom' && spec.scope === 'database' ? 'dump' : 'sql';
  if (spec.engine === 'mysql') return 'sql';
  if (spec.engine === 'sqlite') return 'db';
  return 'tar';
}

/** Where credentials go: a file the caller writes (0600) before running and removes after. */
export interface CredentialFile {
  /** Environment variable naming the file (PGPASSFILE), or undefined for an argv option. */
  envVar?: string;
  /** The file's content. */
  content: string;
}

export function credentialFile(spec: DumpSpec): CredentialFile | undefined {
  if (spec.engine === 'files') return undefined;
  const c = spec.connection;
  if (!c.password) return undefined;
  if (spec.engine === 'postgres') {
    // .pgpass: host:port:database:user:password, with : and \ escaped.
    const esc = (s: string): string => s.replace(/[\\:]/g, '\\$&');
    return {
      envVar: 'PGPASSFILE',
      content: `${esc(c.host)}:${c.port ?? 5432}:*:${esc(c.user ?? 'postgres')}:${esc(c.password)}\n`,
    };
  }
  if (spec.engine === 'mysql') {
    // An option file: quoted, with backslashes and quotes escaped as MySQL reads them.
    const quoted = c.password.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    return { content: `[client]\npassword="${quoted}"\n` };
  }
  return undefined;
}

/** libpq connection options; the password is never among them (PGPASSFILE). */
export function pgConnectionArgs(c: Connection): string[] {
  return [
    '--host',
    c.host,
    '--port',
    String(c.port ?? 5432),
    '--username',
    c.user ?? 'postgres',
    '--no-password',
  ];
}

function mysqlConnectionArgs(c: Connection, optionFile?: string): string[] {
  // --defaults-extra-file must come first; --no-defaults would ignore it.
  const args = optionFile ? [`--defaults-extra-file=${optionFile}`] : ['--no-defaults'];
  if (c.host.startsWith('/')) args.push(`--socket=${c.host}`);
  else args.push(`--host=${c.host}`, `--port=${c.port ?? 3306}`, '--protocol=TCP');
  if (c.user) args.push(`--user=${c.user}`);
  return args;
}

/**
 * The dump command, writing to stdout. `optionFile` is the MySQL credentials file when there is
 * a password. sqlite cannot stream a consistent copy to stdout: it backs up to `sqliteCopy`
 * first (online backup API), which the caller then streams.
 */
export function dumpArgv(spec: DumpSpec, optionFile?: string, sqliteCopy?: string): string[] {
  switch (spec.engine) {
    case 'postgres':
      if (spec.scope === 'cluster') return ['pg_dumpall', ...pgConnectionArgs(spec.connection)];
      return [
        'pg_dump',
        ...pgConnectionArgs(spec.connection),
        `--format=${spec.format === 'custom' ? 'custom' : 'plain'}`,
        ...(spec.format === 'custom' && spec.uncompressedArchive ? ['--compress=0'] : []),
        // A plain dump restores over the existing database only if it drops what it recreates.
        ...(spec.format === 'plain' ? ['--clean', '--if-exists'] : []),
        ...(spec.snapshot ? [`--snapshot=${spec.snapshot}`] : []),
        '--dbname',
        spec.connection.database,
      ];
    case 'mysql':
      return [
        'mariadb-dump',
        ...mysqlConnectionArgs(spec.connection, optionFile),
        '--single-transaction',
        '--routines',
        '--triggers',
        '--events',
        '--databases',
        '--',
        spec.connection.database,
      ];
    case 'sqlite':
      // `.backup` takes its file name as a dot-command argument: quoted for sqlite's own parser.
      if (sqliteCopy === undefined)
        throw new Error('dumpArgv: sqlite backs up to a file: sqliteCopy is needed');
      return ['sqlite3', '-bail', spec.connection.database, `.backup '${sqliteCopy.replace(/'/g, "''")}'`];
    case 'files':
      return ['tar', '--create', '--file=-', '--', ...spec.paths];
  }
}

/** Restores from stdin (sqlite and files: from the file `source`). */
export function restoreArgv(spec: DumpSpec, optionFile?: string, source?: string, into?: string): string[] {
  switch (spec.engine) {
    case 'postgres':
      if (spec.scope === 'cluster' || spec.format === 'plain')
        return [
          'psql',
          ...pgConnectionArgs(spec.connection),
          '--set=ON_ERROR_STOP=1',
          '--quiet',
          '--dbname',
          spec.scope === 'cluster' ? 'postgres' : spec.connection.database,
        ];
      return [
        'pg_restore',
        ...pgConnectionArgs(spec.connection),
        '--clean',
        '--if-exists',
        '--single-transaction',
        '--exit-on-error',
        '--dbname',
        spec.connection.database,
      ];
    case 'mysql':
      return [
        'mariadb',
        ...mysqlConnectionArgs(spec.connection, optionFile),
        ...(spec.restoreInto ? ['--', spec.restoreInto] : []),
      ];
    case 'sqlite':
      if (source === undefined) throw new Error('restoreArgv: sqlite restores from a file: source is needed');
      return ['sqlite3', '-bail', spec.connection.database, `.restore '${source.replace(/'/g, "''")}'`];
    case 'files':
      // Only the configured paths (as tar stored them, without a leading /): an archive holding
      // anything else, planted or not, cannot write outside them.
      return [
        'tar',
        '--extract',
        '--file=-',
        '--directory',
        into ?? '/',
        '--no-wildcards',
        '--',
        ...spec.paths.map((p) => p.replace(/^\/+/, '') || '.'),
      ];
  }
}

/**
 * Text a complete plain dump ends with; absent, the dump was cut short. (Since 15.14 / 16.10 / 17.6,
 * pg_dump closes plain dumps with `\unrestrict <key>` after the marker.)
 */
export function completionMarker(spec: DumpSpec): RegExp | undefined {
  if (spec.engine === 'postgres' && (spec.format === 'plain' || spec.scope === 'cluster'))
    return spec.scope === 'cluster'
      ? /-- PostgreSQL database cluster dump complete\s*(?:--\s*)?(?:\\unrestrict \S+\s*)?$/
      : /-- PostgreSQL database dump complete\s*(?:--\s*)?(?:\\unrestrict \S+\s*)?$/;
  if (spec.engine === 'mysql') return /-- Dump completed(?: on [^\n]*)?\s*$/;
  return undefined;
}

/**
 * One line `DKCOUNT <schema.table> <rows>` per user table (partitioned parents too), counted in the
 * session's snapshot. query_to_xml runs each count inside this one statement.
 */
export const PG_COUNT_ROWS = `SELECT 'DKCOUNT ' || quote_ident(schemaname) || '.' || quote_ident(tablename) || ' ' ||
  (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', schemaname, tablename), false, true, '')))[1]::text
  FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1;`;

/**
 * The same for MariaDB/MySQL, in the client's current database: a statement built from
 * information_schema (names quoted by the server's own QUOTE) and run as a prepared statement,
 * one round trip whatever the number of tables. Names are the bare table names.
 */
export const MYSQL_COUNT_ROWS = `SET SESSION group_concat_max_len = 4294967295;
SELECT COALESCE(GROUP_CONCAT(CONCAT('SELECT CONCAT(''DKCOUNT '', ', QUOTE(table_name), ', '' '', COUNT(*)) FROM \`', REPLACE(table_name, '\`', '\`\`'), '\`') SEPARATOR ' UNION ALL '), 'SELECT 1 FROM DUAL WHERE FALSE') INTO @dk_count
  FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type IN ('BASE TABLE', 'SYSTEM VERSIONED');
PREPARE dk_count FROM @dk_count;
EXECUTE dk_count;
DEALLOCATE PREPARE dk_count;`;

/** The table → rows map of PG_COUNT_ROWS or MYSQL_COUNT_ROWS output (a name may hold spaces). */
export function parseRowCounts(output: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of output.split('\n')) {
    const m = /^DKCOUNT (.+) (\d+)$/.exec(line.trim());
    const [, table, rows] = m ?? [];
    if (table !== undefined) counts.set(table, Number(rows));
  }
  return counts;
}

/** Differences between the source's counts and the restored copy's, one line each; empty = equal. */
export function rowCountDifferences(source: Map<string, number>, restored: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [table, rows] of source) {
    const got = restored.get(table);
    if (got === undefined) out.push(`${table}: missing from the restored copy (${rows} rows in the source)`);
    else if (got !== rows) out.push(`${table}: ${got} rows restored, ${rows} in the source`);
  }
  for (const table of restored.keys())
    if (!source.has(table)) out.push(`${table}: in the restored copy but not in the source`);
  return out;
}
