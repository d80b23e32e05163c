import { formatAnnotation, formatCommand } from './commands.js';
import { fenceUntrusted } from './fence.js';
import type { SecretRegistry } from './secrets.js';

export interface Logger {
  info(message: string): void;
  debug(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  /** Output of a remote host or child process: never interpreted as workflow commands. */
  untrusted(text: string): void;
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
}

export type Write = (line: string) => void;

/**
 * Writes workflow commands for the GitHub runner. The runner masks `::add-mask::` values, and we
 * redact them too, so a log copied outside the runner (or an echoing server) cannot leak them.
 */
export class ActionsLogger implements Logger {
  constructor(
    private readonly secrets: SecretRegistry,
    private readonly write: Write = (line) => process.stdout.write(`${line}\n`),
    private readonly fence: (text: string) => string = fenceUntrusted,
  ) {}

  private emit(line: string): void {
    this.write(this.secrets.redact(line));
  }
  /**
   * The runner splits lines on a bare \r too, and reads a line that starts with `::` as a workflow
   * command: a message carrying text we did not write (a commit header, an S3 key) with such a line
   * is fenced whole, so it prints as text.
   */
  info(message: string): void {
    const lines = message.split(/\r\n|\r|\n/);
    const text = lines.join('\n');
    this.emit(lines.some((line) => line.trimStart().startsWith('::')) ? this.fence(text) : text);
  }
  debug(message: string): void {
    this.emit(formatCommand('debug', message));
  }
  warning(message: string): void {
    this.emit(formatAnnotation('warning', message));
  }
  error(message: string): void {
    this.emit(formatAnnotation('error', message));
  }
  untrusted(text: string): void {
    if (text.length > 0) this.emit(this.fence(text));
  }
  async group<T>(title: string, body: () => Promise<T>): Promise<T> {
    this.emit(formatCommand('group', title));
    try {
      return await body();
    } finally {
      this.write('::endgroup::');
    }
  }
}

/** Plain output for the CLI; nobody masks for us there, so every line is redacted here. */
export class ConsoleLogger implements Logger {
  constructor(
    private readonly secrets: SecretRegistry,
    private readonly write: Write = (line) => process.stderr.write(`${line}\n`),
    private readonly verbose = false,
  ) {}

  private emit(prefix: string, message: string): void {
    this.write(this.secrets.redact(`${prefix}${message}`));
  }
  info(message: string): void {
    this.emit('', message);
  }
  debug(message: string): void {
    if (this.verbose) this.emit('debug: ', message);
  }
  warning(message: string): void {
    this.emit('warning: ', message);
  }
  error(message: string): void {
    this.emit('error: ', message);
  }
  untrusted(text: string): void {
    for (const line of text.split('\n')) this.emit('  | ', line);
  }
  async group<T>(title: string, body: () => Promise<T>): Promise<T> {
    this.emit('▶ ', title);
    return body();
  }
}

/** Collects lines in memory (tests). */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(message);
  }
  debug(message: string): void {
    this.lines.push(`debug: ${message}`);
  }
  warning(message: string): void {
    this.lines.push(`warning: ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error: ${message}`);
  }
  untrusted(text: string): void {
    this.lines.push(`untrusted: ${text}`);
  }
  async group<T>(title: string, body: () => Promise<T>): Promise<T> {
    this.lines.push(`group: ${title}`);
    return body();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

/**
 * Streams a process's output to the log as untrusted text: whole lines only (so a secret split
 * across two chunks is still redacted), batched into one fence every `intervalMs` instead of one per
 * chunk. Call `end()` when the process exits to flush the rest. `prefix` starts every line (a host's
 * name, when several hosts print at once).
 */
export function lineEcho(
  logger: Logger,
  intervalMs = 200,
  prefix = '',
): { write(text: string): void; end(): void } {
  let buffer = '';
  let timer: NodeJS.Timeout | undefined;
  const flush = (all: boolean): void => {
    timer = undefined;
    const cut = all ? buffer.length : buffer.lastIndexOf('\n') + 1;
    if (cut === 0) return;
    const text = buffer.slice(0, cut).replace(/\n$/, '');
    buffer = buffer.slice(cut);
    logger.untrusted(prefix ? text.replace(/^/gm, prefix) : text);
  };
  return {
    write(text) {
      buffer += text;
      timer ??= setTimeout(() => flush(false), intervalMs);
    },
    end() {
      if (timer) clearTimeout(timer);
      flush(true);
    },
  };
}
