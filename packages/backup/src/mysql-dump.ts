import { Transform } from 'node:stream';

// mariadb-dump / mysqldump output, read as it streams. The dump escapes newlines inside string
// values (`\n`), so a statement's kind shows at the start of a line. mysqldump writes an INSERT
// on one line; mariadb-dump (10.x) puts `INSERT INTO … VALUES` on a line and each row on its own.

const NEWLINE = 0x0a;
const QUOTE = 0x27; // '
const BACKSLASH = 0x5c;
const OPEN = 0x28; // (
const CLOSE = 0x29; // )
const SEMICOLON = 0x3b;

/** The table name of a `CREATE TABLE` or `INSERT INTO … VALUES` line start, backticks undone. */
const CREATE_TABLE = /^CREATE TABLE `((?:[^`]|``)+)` \(/;
const INSERT_VALUES = /^INSERT INTO `((?:[^`]|``)+)` VALUES(?: |$)/;
/** Longest line start needed to recognise one (a 64-character name, every character doubled). */
const HEAD_BYTES = 'INSERT INTO ` VALUES '.length + 64 * 4 * 2;

/** `head` holds bytes as latin1 characters (a chunk may end inside a UTF-8 character). */
const unquote = (name: string): string => Buffer.from(name.replace(/``/g, '`'), 'latin1').toString('utf8');

/**
 * Counts the rows a MariaDB/MySQL dump holds, per table, from its `CREATE TABLE` statements (a
 * table with no rows counts 0) and the tuples of its `INSERT INTO … VALUES (…),(…);` statements.
 * Strings are followed with their backslash escapes, so a `),(` inside a value is not a row.
 * `verify: restore` compares a scratch restore with these counts: the dump has no snapshot another
 * session could share, so the dump itself says what a restore must bring back.
 */
export class DumpRowCounter {
  private readonly rows = new Map<string, number>();
  /** The start of the current line, while it is too short to say what it is. */
  private head = '';
  private state: 'line-start' | 'skip-line' | 'values' = 'line-start';
  private table = '';
  private inString = false;
  private escaped = false;
  private depth = 0;

  counts(): Map<string, number> {
    return new Map(this.rows);
  }

  feed(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'skip-line') {
        const nl = chunk.indexOf(NEWLINE, i);
        if (nl === -1) return;
        i = nl + 1;
        this.state = 'line-start';
      } else if (this.state === 'line-start') {
        i = this.readHead(chunk, i);
      } else {
        i = this.readValues(chunk, i);
      }
    }
  }

  /** Collects a line's start until it can tell an INSERT or CREATE TABLE from anything else. */
  private readHead(chunk: Buffer, from: number): number {
    const nl = chunk.indexOf(NEWLINE, from);
    const lineEnd = nl === -1 ? chunk.length : nl;
    const take = Math.min(lineEnd - from, HEAD_BYTES - this.head.length);
    this.head += chunk.toString('latin1', from, from + take);
    const complete = nl !== -1 && from + take === nl;
    const insert = INSERT_VALUES.exec(this.head);
    if (insert) {
      this.table = unquote(insert[1] ?? '');
      this.rows.set(this.table, this.rows.get(this.table) ?? 0);
      this.state = 'values';
      this.inString = false;
      this.escaped = false;
      this.depth = 0;
      // The values begin right after the matched text; re-read whatever of them `head` took.
      const consumedBytes = this.head.length - insert[0].length;
      this.head = '';
      return from + take - consumedBytes;
    }
    const create = CREATE_TABLE.exec(this.head);
    if (create) {
      const table = unquote(create[1] ?? '');
      this.rows.set(table, this.rows.get(table) ?? 0);
    }
    if (create || complete || this.head.length >= HEAD_BYTES || !couldStillMatch(this.head)) {
      this.head = '';
      if (complete) {
        this.state = 'line-start';
        return nl + 1;
      }
      this.state = 'skip-line';
      return from + take;
    }
    return from + take;
  }

  /** Counts the tuples of an INSERT's VALUES list, up to the `;` that ends it. */
  private readValues(chunk: Buffer, from: number): number {
    let rows = 0;
    let i = from;
    for (; i < chunk.length; i += 1) {
      const byte = chunk[i] ?? 0;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
      } else if (byte === QUOTE) this.inString = true;
      else if (byte === OPEN) {
        if (this.depth === 0) rows += 1;
        this.depth += 1;
      } else if (byte === CLOSE) this.depth -= 1;
      else if (byte === SEMICOLON && this.depth === 0) {
        this.state = 'skip-line';
        i += 1;
        break;
      }
    }
    this.rows.set(this.table, (this.rows.get(this.table) ?? 0) + rows);
    return i;
  }
}

/** Whether more of the line could still make it an INSERT or a CREATE TABLE line. */
function couldStillMatch(head: string): boolean {
  return ['INSERT INTO `', 'CREATE TABLE `'].some((p) =>
    head.length < p.length ? p.startsWith(head) : head.startsWith(p),
  );
}

/**
 * A MariaDB dump made fit for verify: restore's scratch database, as it streams:
 * - its `CREATE DATABASE` and `USE` lines are dropped, so a dump taken with `--databases` restores
 *   into the database the client names instead of over its source;
 * - its events are not created (their `CREATE … EVENT` statements dropped): the event scheduler
 *   would run them while the check counts rows, and they would write;
 * - a trigger, routine or event body that names the source database (`shop.t`, `` `shop`.t``) is
 *   recorded in `namesSource`: created in the scratch database it would act on the source, so the
 *   check refuses such a dump.
 * Lines are looked at by their start (a few bytes); only those inside `DELIMITER ;;` blocks (the
 * bodies, small) are held whole, so multi-megabyte INSERT lines still stream.
 */
export class ScratchRestoreFilter extends Transform {
  /** The first body line naming the source database, if one does. */
  namesSource?: string;
  private head = Buffer.alloc(0);
  private state: 'line-start' | 'pass' | 'drop' = 'line-start';
  private inBlock = false;
  private inEvents = false;
  private droppingEvent = false;
  private readonly source: RegExp;

  constructor(sourceDatabase: string) {
    super();
    const name = sourceDatabase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.source = new RegExp(`(?:^|[^\\w$])(?:\`${name}\`|${name})\\.`);
  }

  /** Whether `line` (without its newline) goes to the restore, updating the state it implies. */
  private keep(line: string): boolean {
    if (!this.inBlock) {
      if (line.startsWith('CREATE DATABASE ') || line.startsWith('USE `')) return false;
      if (line.startsWith('-- Dumping events for database')) this.inEvents = true;
      else if (line.startsWith('-- Dumping routines') || line.startsWith('-- Table structure'))
        this.inEvents = false;
      if (line === 'DELIMITER ;;') this.inBlock = true;
      return true;
    }
    if (line === 'DELIMITER ;') {
      this.inBlock = false;
      return true;
    }
    const named = this.namesSource === undefined ? this.source.exec(line) : null;
    if (named) {
      const from = Math.max(0, named.index - 60);
      this.namesSource = `${from > 0 ? '…' : ''}${line.slice(from, named.index + 60).trim()}`;
    }
    if (this.inEvents && (this.droppingEvent || line.startsWith('/*!50106 CREATE*/'))) {
      this.droppingEvent = !line.trimEnd().endsWith(';;');
      return false;
    }
    return true;
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null, data?: Buffer) => void,
  ): void {
    const out: Buffer[] = [];
    let i = 0;
    while (i < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, i);
      const lineEnd = nl === -1 ? chunk.length : nl + 1;
      if (this.state !== 'line-start') {
        if (this.state === 'pass') out.push(chunk.subarray(i, lineEnd));
        if (nl !== -1) this.state = 'line-start';
        i = lineEnd;
        continue;
      }
      // Outside a block the line's start decides; inside one the whole line is needed.
      const want = this.inBlock ? MAX_BODY_LINE : LINE_HEAD;
      const take = Math.min(lineEnd - i, want - this.head.length);
      this.head = Buffer.concat([this.head, chunk.subarray(i, i + take)]);
      i += take;
      const lineDone = this.head[this.head.length - 1] === NEWLINE;
      if (!lineDone && this.head.length < want) continue; // the chunk ended first: wait for more
      const text = this.head.toString('latin1');
      const kept = this.keep(lineDone ? text.slice(0, -1) : text);
      if (kept) out.push(this.head);
      this.head = Buffer.alloc(0);
      this.state = lineDone ? 'line-start' : kept ? 'pass' : 'drop';
    }
    callback(null, Buffer.concat(out));
  }

  override _flush(callback: (error?: Error | null, data?: Buffer) => void): void {
    const text = this.head.toString('latin1');
    callback(null, this.head.length > 0 && this.keep(text) ? this.head : Buffer.alloc(0));
  }
}

/** Bytes of a line's start that decide what it is outside a block. */
const LINE_HEAD = 64;
/** A body line longer than this is judged by its first MiB (bodies are a few lines of SQL). */
const MAX_BODY_LINE = 1 << 20;
