import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { CancelledError } from './errors.js';

export interface LocalExecOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Data for the process's stdin (a password for `login --password-stdin`), never argv. */
  stdin?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
}

export interface LocalExecResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a local program from an argv array (no shell); I/O injected into actions as `exec`. */
export type LocalExec = (argv: readonly string[], options?: LocalExecOptions) => Promise<LocalExecResult>;

const KEEP = 1024 * 1024;

export const localExec: LocalExec = (argv, options = {}) =>
  new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    const [command = '', ...args] = argv;
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    // A character split between two reads is decoded whole, not as two replacement characters.
    const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = decoders[stream].write(chunk);
      if (stream === 'stdout') stdout = (stdout + text).slice(-KEEP);
      else stderr = (stderr + text).slice(-KEEP);
      options.onOutput?.(text, stream);
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    const kill = (): void => {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    };
    const timer = options.timeoutMs ? setTimeout(kill, options.timeoutMs) : undefined;
    options.signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', kill);
      if (options.signal?.aborted) reject(new CancelledError());
      else resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
  });
