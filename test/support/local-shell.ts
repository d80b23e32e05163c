import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { CancelledError } from '@deploy-kit/core';
import { SshError, type ExecOptions, type ExecResult, type RemoteShell } from '@deploy-kit/ssh';

/**
 * The RemoteShell of this machine: the same argv (deploy-kit's fixed remote scripts) run under the
 * local `sh`, as the test's user. It behaves like an SSH channel where the scripts can tell: output
 * collected the same way, and on a deadline, a cancel or `close()` the command's stdin ends (what a
 * closed channel does to a tethered remote command) instead of a signal it never gets over SSH.
 * For fast unit tests of the deploy core; the sshd suites stay the integration layer.
 */
export class LocalShell implements RemoteShell {
  private readonly running = new Set<ChildProcessWithoutNullStreams>();

  exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new CancelledError());
        return;
      }
      const [command = '', ...args] = argv;
      const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      this.running.add(child);
      let stdout = '';
      let stderr = '';
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.running.delete(child);
        outcome();
      };
      const hangUp = (reason: Error): void => {
        endChannel(child);
        settle(() => reject(reason));
      };
      const timer = options.timeoutMs
        ? setTimeout(
            () => hangUp(new SshError('timeout', `remote command timed out after ${options.timeoutMs}ms`)),
            options.timeoutMs,
          )
        : undefined;
      const onAbort = (): void => hangUp(new CancelledError());
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.stdout) child.stdout.pipe(options.stdout);
      else
        child.stdout.on('data', (chunk: Buffer) => {
          const text = chunk.toString('utf8');
          stdout += text;
          options.onOutput?.(text, 'stdout');
        });
      child.stderr.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        stderr += text;
        options.onOutput?.(text, 'stderr');
      });
      child.on('error', (error) => settle(() => reject(error)));
      child.on('close', (code, signal) =>
        settle(() => resolve({ code, signal: signal ?? undefined, stdout, stderr })),
      );
      child.stdin.on('error', () => undefined);
      const { stdin } = options;
      if (stdin === undefined) child.stdin.end();
      else if (typeof stdin === 'string' || Buffer.isBuffer(stdin)) child.stdin.end(stdin);
      else {
        stdin.on('error', (error: Error) => hangUp(error));
        stdin.pipe(child.stdin);
      }
    });
  }

  forward(host: string, port: number): Promise<Duplex> {
    return opened(connect(port, host), `cannot open a tunnel to ${host}:${port}`);
  }

  forwardSocket(path: string): Promise<Duplex> {
    return opened(connect(path), `cannot open the socket ${path} on the host`);
  }

  /** Hangs up: every running command's stdin ends, as over a closed SSH connection. */
  close(): void {
    for (const child of this.running) endChannel(child);
    this.running.clear();
  }
}

/** The socket once connected, or SshConnection's error for a channel that would not open. */
function opened(socket: Socket, what: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('error', (error) => reject(new SshError('network', `${what}: ${error.message}`)));
  });
}

function endChannel(child: ChildProcessWithoutNullStreams): void {
  child.stdin.destroy();
  child.stdout.destroy();
  child.stderr.destroy();
}
