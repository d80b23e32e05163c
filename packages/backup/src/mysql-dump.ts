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
      this.table = unquote(insert[1]!);
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
      const table = unquote(create[1]!);
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
      const byte = chunk[i]!;
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
 * Drops the dump's `CREATE DATABASE` and `USE` lines, so a dump taken with `--databases` restores
 * into the database the client names (a scratch database) instead of over its source.
 */
export function withoutDatabaseSwitches(): Transform {
  const prefixes = ['CREATE DATABASE ', 'USE `'];
  const switches = (text: string): boolean => prefixes.some((p) => text.startsWith(p));
  const longest = Math.max(...prefixes.map((p) => p.length));
  let head = Buffer.alloc(0);
  let state: 'line-start' | 'pass' | 'drop' = 'line-start';
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const out: Buffer[] = [];
      let i = 0;
      while (i < chunk.length) {
        const nl = chunk.indexOf(NEWLINE, i);
        const lineEnd = nl === -1 ? chunk.length : nl + 1;
        if (state !== 'line-start') {
          if (state === 'pass') out.push(chunk.subarray(i, lineEnd));
          if (nl !== -1) state = 'line-start';
          i = lineEnd;
          continue;
        }
        const take = Math.min(lineEnd - i, longest - head.length);
        head = Buffer.concat([head, chunk.subarray(i, i + take)]);
        i += take;
        const text = head.toString('latin1');
        const lineDone = text.endsWith('\n');
        if (!lineDone && head.length < longest) continue; // the chunk ended first: wait for more
        const drop = switches(text);
        if (!drop) out.push(head);
        head = Buffer.alloc(0);
        state = lineDone ? 'line-start' : drop ? 'drop' : 'pass';
      }
      callback(null, Buffer.concat(out));
    },
    flush(callback) {
      const text = head.toString('latin1');
      callback(null, switches(text) ? Buffer.alloc(0) : head);
    },
  });
}
