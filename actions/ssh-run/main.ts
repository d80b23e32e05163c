import { statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import {
  ActionFailedError,
  assertTrustedEvent,
  CancelledError,
  ConfigurationError,
  eachLimited,
  errorMessage,
  lineEcho,
  messages,
  Summary,
  type ActionContext,
  type ActionDefinition,
} from '@deploy-kit/core';
import {
  download,
  formatTarget,
  runScript,
  SshError,
  sshConnector,
  upload,
  type SshConnection,
  type SshTarget,
  type TransferPair,
} from '@deploy-kit/ssh';
import { readInputs, type Inputs } from './inputs.js';

/** How one host's run ended. */
export type HostRunStatus = 'ok' | 'failed' | 'timeout' | 'skipped';

export interface HostRun {
  host: string;
  status: HostRunStatus;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  /** The captured start of stdout (capture-limit), and whether more was printed. */
  stdout: string;
  truncated: boolean;
  error: string | null;
}

const TAIL = 1024;

/** Local paths of upload/download, resolved against the workspace; a relative one may not leave it. */
function localPairs(pairs: readonly TransferPair[], input: string, workspace: string): TransferPair[] {
  return pairs.map((pair) => {
    const local = resolve(workspace, pair.local);
    const outside = relative(workspace, local).startsWith('..');
    if (!isAbsolute(pair.local) && outside)
      throw new ConfigurationError(
        messages.invalidInput(input, 'a local path inside the workspace, or an absolute one', pair.local),
      );
    return { local, remote: pair.remote };
  });
}

/** A host's name as a directory (downloads from several hosts land side by side). */
function hostDir(target: SshTarget): string {
  return formatTarget(target).replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The first `limit` bytes of what a stream printed, and whether it printed more. */
function capture(limit: number): { add(text: string): void; text(): string; truncated(): boolean } {
  const chunks: Buffer[] = [];
  let size = 0;
  let more = false;
  return {
    add(text) {
      const bytes = Buffer.from(text, 'utf8');
      if (size + bytes.length > limit) more = true;
      const kept = bytes.subarray(0, Math.max(0, limit - size));
      chunks.push(kept);
      size += kept.length;
    },
    // A cut inside a multi-byte character decodes to U+FFFD; the notice says it was cut.
    text: () => Buffer.concat(chunks).toString('utf8'),
    truncated: () => more,
  };
}

async function runOnHost(
  conn: SshConnection,
  inputs: Inputs,
  pairs: { upload: TransferPair[]; download: TransferPair[] },
  deps: ActionContext,
  prefix: string,
): Promise<Omit<HostRun, 'host' | 'durationMs'>> {
  const { logger } = deps;
  const transfer = {
    workingDirectory: inputs['working-directory'],
    timeoutMs: inputs['command-timeout'],
    signal: deps.signal,
  };
  for (const pair of pairs.upload) {
    const bytes = await upload(conn, pair, transfer);
    logger.info(`${prefix}uploaded ${pair.local} → ${pair.remote} (${bytes} bytes, SHA-256 checked)`);
  }
  const stdout = capture(inputs['capture-limit']);
  let code: number | null = 0;
  let signal: string | null = null;
  if (inputs.script.trim() !== '') {
    const echo = lineEcho(logger, 200, prefix);
    try {
      const result = await runScript(conn, {
        script: inputs.script,
        env: inputs.env,
        shell: inputs.shell,
        workingDirectory: inputs['working-directory'],
        stop: inputs['script-stop'],
        timeoutMs: inputs['command-timeout'],
        signal: deps.signal,
        onOutput: (text, stream) => {
          if (stream === 'stdout') stdout.add(text);
          echo.write(text);
        },
      });
      code = result.code;
      signal = result.signal ?? null;
    } finally {
      echo.end();
    }
  }
  const base = { exitCode: code, signal, stdout: stdout.text(), truncated: stdout.truncated() };
  if (code !== 0)
    return {
      ...base,
      status: 'failed',
      error: signal ? `the script was killed by SIG${signal}` : `the script exited with ${code ?? '?'}`,
    };
  for (const pair of pairs.download) {
    const bytes = await download(conn, pair, transfer);
    logger.info(`${prefix}downloaded ${pair.remote} → ${pair.local} (${bytes} bytes, SHA-256 checked)`);
  }
  return { ...base, status: 'ok', error: null };
}

export function hostsOutput(runs: readonly HostRun[]): string {
  return JSON.stringify(
    runs.map((r) => ({
      host: r.host,
      status: r.status,
      exitCode: r.exitCode,
      signal: r.signal,
      durationMs: r.durationMs,
      stdoutTail: r.stdout.slice(-TAIL),
      error: r.error,
    })),
  );
}

function buildSummary(runs: readonly HostRun[], ok: boolean): Summary {
  return new Summary()
    .heading(
      `ssh-run: ${ok ? '✅ succeeded' : '❌ failed'} on ${runs.filter((r) => r.status === 'ok').length}/${runs.length} host(s)`,
    )
    .table(
      ['host', 'status', 'exit code', 'duration', 'last line of stdout', 'error'],
      runs.map((r) => [
        r.host,
        r.status,
        r.exitCode ?? (r.signal ? `SIG${r.signal}` : ''),
        `${(r.durationMs / 1000).toFixed(1)}s`,
        r.stdout.trimEnd().split('\n').pop() ?? '',
        r.error ?? '',
      ]),
    );
}

export async function run(inputs: Inputs, deps: ActionContext): Promise<HostRun[]> {
  const { logger, clock } = deps;
  assertTrustedEvent(deps.event, inputs['allow-untrusted-event']);
  const workspace = deps.env.GITHUB_WORKSPACE ?? process.cwd();
  const uploads = localPairs(inputs.upload, 'upload', workspace);
  const downloads = localPairs(inputs.download, 'download', workspace);
  // Checked before any host is reached: a missing file must not leave some hosts changed.
  for (const pair of uploads) {
    try {
      statSync(pair.local);
    } catch {
      throw new ConfigurationError(`Input 'upload': ${pair.local} does not exist on the runner`);
    }
  }
  const connectTo = sshConnector(inputs, deps);
  const several = inputs.hosts.length > 1;
  const runs: HostRun[] = inputs.hosts.map((target) => ({
    host: formatTarget(target),
    status: 'skipped',
    exitCode: null,
    signal: null,
    durationMs: 0,
    stdout: '',
    truncated: false,
    error: null,
  }));
  await eachLimited(inputs.hosts, inputs['max-parallel'], inputs['fail-fast'], async (target, index) => {
    const started = clock.now();
    const label = formatTarget(target);
    const prefix = several ? `[${label}] ` : '';
    const perHost = several
      ? downloads.map((p) => ({
          local: join(p.local, hostDir(target), basename(p.remote)),
          remote: p.remote,
        }))
      : downloads;
    let conn: SshConnection | undefined;
    let outcome: Omit<HostRun, 'host' | 'durationMs'>;
    try {
      conn = await connectTo(target);
      outcome = await runOnHost(conn, inputs, { upload: uploads, download: perHost }, deps, prefix);
    } catch (error) {
      if (error instanceof CancelledError || deps.signal.aborted) throw error;
      const timedOut = error instanceof SshError && error.kind === 'timeout' && conn !== undefined;
      outcome = {
        status: timedOut ? 'timeout' : 'failed',
        exitCode: null,
        signal: null,
        stdout: '',
        truncated: false,
        error: timedOut
          ? `timed out after ${Math.round(inputs['command-timeout'] / 1000)}s (command-timeout); its processes were stopped`
          : errorMessage(error),
      };
    } finally {
      conn?.close();
    }
    const result: HostRun = { host: label, durationMs: clock.now() - started, ...outcome };
    runs[index] = result;
    if (result.status !== 'ok') logger.error(`${label}: ${result.error ?? result.status}`);
    return result.status === 'ok';
  });
  const ok = runs.every((r) => r.status === 'ok');
  const first = runs.find((r) => r.status !== 'ok' && r.exitCode !== null && r.exitCode !== 0);
  const single = runs.length === 1 ? runs[0] : undefined;
  deps.setOutput('stdout', single?.stdout ?? '');
  deps.setOutput('exit-code', first?.exitCode ?? (ok ? 0 : ''));
  deps.setOutput('hosts', hostsOutput(runs));
  deps.writeSummary(buildSummary(runs, ok));
  const cut = runs.find((r) => r.truncated);
  if (cut)
    logger.warning(
      `The stdout of ${cut.host} was longer than capture-limit (${inputs['capture-limit']} bytes): the 'stdout' output holds its start`,
    );
  if (!ok) {
    const failed = runs.filter((r) => r.status !== 'ok');
    throw new ActionFailedError(
      `ssh-run failed on ${failed.length} of ${runs.length} host(s): ` +
        failed.map((r) => `${r.host} (${r.error ?? r.status})`).join('; '),
    );
  }
  logger.info(`Ran on ${runs.length} host(s)`);
  return runs;
}

export const sshRun: ActionDefinition<Inputs> = {
  name: 'ssh-run',
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, ctx);
  },
};
