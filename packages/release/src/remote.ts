import { ActionFailedError, lineEcho, type Logger } from '@deploy-kit/core';
import { scriptArgv, type ExecOptions, type ExecResult, type SshConnection } from '@deploy-kit/ssh';

/** Deadline for each clean-up step (history line, lock release) once the run is cancelled. */
export const CANCELLED_STEP_MS = 1500;

/** Runs our fixed scripts on one host, streaming user-command output to the log, fenced. */
export class RemoteHost {
  constructor(
    readonly conn: SshConnection,
    readonly label: string,
    private readonly logger: Logger,
    private readonly commandTimeoutMs: number,
    private readonly signal: AbortSignal,
  ) {}

  async script(
    name: string,
    script: string,
    args: readonly string[],
    options: ExecOptions & { echo?: boolean } = {},
  ): Promise<ExecResult> {
    const echo = options.echo ? lineEcho(this.logger) : undefined;
    try {
      return await this.conn.exec(scriptArgv(`dk-${name}`, script, args), {
        timeoutMs: this.commandTimeoutMs,
        signal: this.signal,
        ...options,
        ...(echo ? { onOutput: (text: string) => echo.write(text) } : {}),
      });
    } finally {
      echo?.end();
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
      throw new ActionFailedError(
        `${this.label}: ${name} failed (exit ${result.code ?? result.signal ?? '?'})`,
      );
    }
    return result;
  }
}
