import { PassThrough } from 'node:stream';
import { ActionFailedError, lineEcho, type Logger } from '@deploy-kit/core';
import { runScript, scriptArgv, type ExecOptions, type ExecResult, type RemoteShell } from '@deploy-kit/ssh';
import { TETHER } from './supervise.js';

/** Deadline for each clean-up step (history line, lock release) once the run is cancelled. */
export const CANCELLED_STEP_MS = 1500;

/** The last line of a command's stderr, short, for an error message (the full text is logged fenced). */
export function stderrTail(stderr: string): string {
  const lines = stderr.trim().split('\n');
  const last = (lines[lines.length - 1] ?? '').trim();
  return last.length > 300 ? `${last.slice(0, 300)}…` : last;
}

/** Runs our fixed scripts on one host, streaming user-command output to the log, fenced. */
export class RemoteHost {
  constructor(
    readonly conn: RemoteShell,
    readonly label: string,
    private readonly logger: Logger,
    private readonly commandTimeoutMs: number,
    private readonly signal: AbortSignal,
  ) {}

  /**
   * A script without stdin data runs tethered (see TETHER): it and whatever it started in its
   * session end when this run's channel does, even when the runner is killed.
   */
  async script(
    name: string,
    script: string,
    args: readonly string[],
    options: ExecOptions & { echo?: boolean } = {},
  ): Promise<ExecResult> {
    const echo = options.echo ? lineEcho(this.logger) : undefined;
    const argv = scriptArgv(`dk-${name}`, script, args);
    // Kept open and never written: its end, when the channel goes, is what stops the command.
    const tether = options.stdin === undefined ? new PassThrough() : undefined;
    try {
      return await this.conn.exec(tether ? scriptArgv('dk-tether', TETHER, argv) : argv, {
        timeoutMs: this.commandTimeoutMs,
        signal: this.signal,
        ...options,
        ...(tether ? { stdin: tether } : {}),
        ...(echo ? { onOutput: (text: string) => echo.write(text) } : {}),
      });
    } finally {
      echo?.end();
      if (tether) {
        tether.unpipe();
        tether.destroy();
      }
    }
  }

  /** Like script(), but a non-zero exit is an ActionFailedError naming the step and the host. */
  async must(
    name: string,
    script: string,
    args: readonly string[],
    options: ExecOptions & { echo?: boolean } = {},
  ): Promise<ExecResult> {
    const result = await this.script(name, script, args, options);
    if (result.code !== 0) {
      // Echoed commands already streamed their stderr; show it (fenced) for the others.
      if (!options.echo && result.stderr.trim()) this.logger.untrusted(result.stderr.trim());
      throw this.failed(name, result);
    }
    return result;
  }

  /**
   * A user's own commands (a hook), through ssh-run's runner: the script and `env` travel on
   * stdin, never on a command line, it runs with `set -eu` in `dir`, its output is echoed fenced,
   * and it is stopped with its session when the channel goes. A non-zero exit is an ActionFailedError.
   */
  async userScript(
    name: string,
    script: string,
    options: { env: ReadonlyArray<readonly [string, string]>; dir: string },
  ): Promise<void> {
    const echo = lineEcho(this.logger);
    try {
      const result = await runScript(this.conn, {
        script,
        env: options.env,
        shell: 'sh',
        workingDirectory: options.dir,
        stop: true,
        timeoutMs: this.commandTimeoutMs,
        signal: this.signal,
        onOutput: (text) => echo.write(text),
      });
      if (result.code !== 0) throw this.failed(name, result);
    } finally {
      echo.end();
    }
  }

  /** The error for a failed step: the step, the host, the exit, and the last stderr line (outputs and Slack say why). */
  private failed(name: string, result: Pick<ExecResult, 'code' | 'signal' | 'stderr'>): ActionFailedError {
    const tail = stderrTail(result.stderr);
    return new ActionFailedError(
      `${this.label}: ${name} failed (exit ${result.code ?? result.signal ?? '?'})${tail ? `: ${tail}` : ''}`,
    );
  }
}
