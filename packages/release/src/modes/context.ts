import { ActionFailedError, type Logger } from '@deploy-kit/core';
import { runGate, type GateOptions, type GateResult } from '@deploy-kit/health';
import type { ExecResult } from '@deploy-kit/ssh';
import { gateOptions } from '../gate-inputs.js';
import { layout } from '../layout.js';
import type { PhaseRecorder } from '../report.js';
import { stderrTail, type RemoteHost } from '../remote.js';
import { RUN_USER_COMMAND } from '../scripts.js';
import { SUPERVISE_EXIT } from '../supervise.js';
import type { DeployDeps, HealthConfig, Slot } from '../types.js';

/**
 * One host as every mode sees it: where things live under deploy-path, the phase timer, the log,
 * and the health gate through the SSH connection. HostDeploy makes one; the mode objects share it.
 */
export class HostContext {
  constructor(
    readonly host: RemoteHost,
    readonly settings: {
      app: string;
      version: string;
      deployPath: string;
      health: HealthConfig;
      stopTimeoutMs: number;
    },
    readonly deps: DeployDeps,
    private readonly recorder: PhaseRecorder,
  ) {}

  get logger(): Logger {
    return this.deps.logger;
  }
  get label(): string {
    return this.host.label;
  }
  get app(): string {
    return this.settings.app;
  }
  /** Seconds between TERM and KILL when a slot stops (stop-timeout, rounded up: the host's tools take whole seconds). */
  get stopGraceS(): string {
    return String(Math.ceil(this.settings.stopTimeoutMs / 1000));
  }
  path(...parts: string[]): string {
    return [this.settings.deployPath, ...parts].join('/');
  }
  releaseDir(version: string): string {
    return layout.releaseDir(this.settings.deployPath, version);
  }
  envFile(version: string): string {
    return layout.envFile(this.settings.deployPath, version);
  }
  containerEnvFile(version: string): string {
    return layout.containerEnvFile(this.settings.deployPath, version);
  }
  manifestFile(version: string): string {
    return layout.manifestFile(this.settings.deployPath, version);
  }
  pidFile(slot: Slot | 'app'): string {
    return this.path('.deploy-kit', 'run', `${slot}.pid`);
  }
  logFile(slot: Slot | 'app'): string {
    return this.path('shared', 'log', `${this.app}-${slot}.log`);
  }

  phase<T>(name: string, body: () => Promise<T>): Promise<T> {
    return this.recorder.run(name, body);
  }

  /** A user command (build, restart, a hook) in `dir`, with `version`'s env file, under `sh -e`. */
  async userCommand(
    name: string,
    command: string,
    dir: string,
    version: string,
    port?: number,
  ): Promise<void> {
    this.logger.info(`${this.label}: ${name}: ${command}`);
    await this.host.must(
      name,
      RUN_USER_COMMAND,
      [dir, this.envFile(version), command, port === undefined ? '' : String(port)],
      { echo: true },
    );
  }

  /**
   * The deploy's health options as a gate of `release` (the run's own by default) on one URL;
   * `overrides` for the slot gate or the soak.
   */
  runHealthGate(
    url: URL,
    overrides: Partial<GateOptions>,
    stop?: AbortSignal,
    release = this.settings.version,
  ): Promise<GateResult> {
    const { health } = this.settings;
    const expect = { ...health.expect, version: this.expectedVersion(release) };
    return runGate(
      { ...gateOptions({ ...health, expect }, url), ...overrides },
      {
        probe: this.deps.probe,
        clock: this.deps.clock,
        signal: stop ? AbortSignal.any([this.deps.signal, stop]) : this.deps.signal,
      },
    );
  }

  /**
   * What the gate of `release` expects it to report. health-expect-version names what this run
   * puts live; a release restarted on the way back carries its own version when that expectation
   * was this run's version, and is not asked for one otherwise (nothing says what it reports).
   */
  private expectedVersion(release: string): string | undefined {
    const { version, health } = this.settings;
    const expected = health.expect.version;
    if (expected === undefined || release === version) return expected;
    return expected === version ? release : undefined;
  }

  /** Health of `release` on a port of the host, probed through the SSH connection; `stop` cuts it short. */
  async gatePort(
    port: number,
    label: string,
    release: string,
    stop?: AbortSignal,
  ): Promise<GateResult | undefined> {
    const { health } = this.settings;
    if (!health.enabled) return undefined;
    const url = new URL(`http://127.0.0.1:${port}${health.path}`);
    const result = await this.runHealthGate(
      url,
      { connect: (h, p) => this.host.conn.forward(h, p) },
      stop,
      release,
    );
    const [target] = result.targets;
    if (!result.healthy) {
      if (target?.last?.body) this.logger.untrusted(target.last.body.slice(0, 500));
      throw new ActionFailedError(
        `${this.label}: ${label} failed its health check on ${url.href}: ${result.outcome}` +
          `${target?.lastReason ? ` (${target.lastReason})` : ''} after ${result.attempts} attempts`,
      );
    }
    this.logger.info(
      `${this.label}: ${label} healthy after ${result.attempts} attempts (${result.elapsedMs}ms)`,
    );
    return result;
  }

  /**
   * Runs the health gate on `port` beside `watch`, a remote loop that ends with exit 3 (and the end
   * of a log) when what was just started stops: the gate is cut short then, not left to its deadline.
   * Returns that report, if it came.
   */
  async gateBeside(
    port: number | undefined,
    label: string,
    release: string,
    watch: (signal: AbortSignal) => Promise<ExecResult>,
  ): Promise<string | undefined> {
    const watchDone = new AbortController();
    const gateStop = new AbortController();
    let exited: string | undefined;
    const watching = watch(AbortSignal.any([this.deps.signal, watchDone.signal]))
      .then((result) => {
        if (result.code !== SUPERVISE_EXIT.exited) return;
        exited = result.stdout;
        gateStop.abort();
      })
      .catch(() => undefined);
    try {
      if (port !== undefined) await this.gatePort(port, label, release, gateStop.signal);
    } catch (error) {
      if (exited === undefined) throw error;
    } finally {
      watchDone.abort();
      await watching;
    }
    return exited;
  }

  /** What the start and stop scripts found on the slot's port and stopped (an earlier run's survivor). */
  reportLeftovers(slot: Slot | 'app', stdout: string): void {
    const notes = stdout
      .split('\n')
      .filter((line) => line.startsWith('port ') || line.startsWith('warning: '));
    if (notes.length === 0) return;
    this.logger.untrusted(notes.join('\n'));
    this.logger.warning(`${this.label}: the ${slot} slot's port was not free (see above)`);
  }

  /**
   * A start script that failed (logged, fenced): its port held by something it did not start (left
   * alone), or its own failure.
   */
  startError(result: ExecResult, step: string, what: string): ActionFailedError {
    this.logger.untrusted(result.stderr.trim());
    return new ActionFailedError(
      result.code === SUPERVISE_EXIT.portBusy
        ? `${this.label}: cannot start ${what}: ${stderrTail(result.stderr)}; nothing was switched and that process was left alone`
        : `${this.label}: ${step} failed (exit ${result.code ?? result.signal ?? '?'}): ${stderrTail(result.stderr)}`,
    );
  }

  /** The error for a started process or container that exited, with the end of its log. */
  exitedError(label: string, report: string, when: string, what: string, hint = ''): ActionFailedError {
    this.logger.untrusted(report.trim());
    const tail = report
      .split('\n')
      .filter((line) => line.startsWith('  | '))
      .slice(-5)
      .map((line) => line.slice(4))
      .join(' ⏎ ');
    return new ActionFailedError(
      `${this.label}: ${label}: the ${what} exited ${when}${tail ? ` (log: ${tail})` : ''}.${hint ? ` ${hint}` : ''}`,
    );
  }
}
