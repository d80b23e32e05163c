import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { ActionFailedError, errorMessage, type Logger } from '@deploy-kit/core';
import { scriptArgv, type ExecResult } from '@deploy-kit/ssh';
import { runGate, type GateOptions, type GateResult } from '@deploy-kit/health';
import { gateOptions } from './gate-inputs.js';
import { PhaseRecorder } from './report.js';
import { renderEnvFile } from './envfile.js';
import { CANCELLED_STEP_MS, stderrTail, type RemoteHost } from './remote.js';
import { containerName, ensureImage, localImageTag, renderContainerEnvFile } from './container.js';
import { renderComposeEnvFile } from './compose.js';
import {
  APPEND_FILE,
  COMPOSE_PLACE,
  COMPOSE_UP,
  MAKE_DIR,
  CONTAINER_RELEASE_DIR,
  CONTAINER_ONCE,
  CONTAINER_RUN,
  CONTAINER_STOP,
  IMAGE_REMOVE,
  INSPECT,
  LINK_SHARED,
  PREPARE,
  REMOVE_RELEASES,
  RUN_USER_COMMAND,
  SWITCH_CURRENT,
  SWITCH_UPSTREAM,
  WRITE_FILE,
  WRITE_PRIVATE_FILE,
} from './scripts.js';
import type {
  DeployDeps,
  HistoryEntry,
  HostOutcome,
  Phase,
  ReleaseConfig,
  ReleaseManifest,
  Slot,
  SlotState,
} from './types.js';
import { placeRelease } from './place.js';
import {
  CONTAINER_WATCH,
  SLOT_CHECK,
  SLOT_GUARD,
  SLOT_WATCH,
  START_SUPERVISED,
  STOP_SUPERVISED,
  SUPERVISE_EXIT,
} from './supervise.js';

/** Seconds between TERM and KILL when deploy-kit stops a process it started. */
const STOP_GRACE_S = 10;

/** What a start command that did not stay up is told. */
const FOREGROUND_HINT =
  "start-command must run the app in the foreground: deploy-kit supervises the process it starts (a command that forks into the background and exits — '&', '--daemon', '-d' — is not supported)";

export interface HostInspection {
  exists: boolean;
  current?: string;
  state?: SlotState;
  releases: Array<{ name: string; mtime: number }>;
  /** Complete releases: those with a manifest, by version. */
  manifests: Map<string, ReleaseManifest>;
  /** The newest history lines asked for, oldest first; damaged lines are left out. */
  history: HistoryEntry[];
}

export const emptyInspection = (): HostInspection => ({
  exists: false,
  releases: [],
  manifests: new Map(),
  history: [],
});

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function parseInspection(stdout: string): HostInspection {
  const result: HostInspection = { ...emptyInspection(), exists: true };
  for (const line of stdout.split('\n')) {
    if (line === 'missing=1') result.exists = false;
    else if (line.startsWith('current=')) {
      const target = line.slice('current='.length);
      const match = /(?:^|\/)releases\/([^/]+)\/?$/.exec(target);
      if (match) result.current = match[1];
    } else if (line.startsWith('state=')) {
      try {
        result.state = JSON.parse(line.slice('state='.length)) as SlotState;
      } catch {
        /* a damaged state file is treated as absent */
      }
    } else if (line.startsWith('manifest=')) {
      const manifest = parseObject(line.slice('manifest='.length)) as Partial<ReleaseManifest> | undefined;
      if (typeof manifest?.version === 'string')
        result.manifests.set(manifest.version, manifest as ReleaseManifest);
    } else if (line.startsWith('history=')) {
      const entry = parseObject(line.slice('history='.length)) as Partial<HistoryEntry> | undefined;
      if (typeof entry?.version === 'string' && typeof entry.status === 'string')
        result.history.push(entry as HistoryEntry);
    } else if (line.startsWith('release=')) {
      const [mtime, name] = line.slice('release='.length).split(' ');
      if (name) result.releases.push({ name, mtime: Number(mtime) });
    }
  }
  return result;
}

/** What a host has under `deployPath`; `historyLines` > 0 also reads that many of the newest history lines. */
export async function inspectHost(
  host: RemoteHost,
  deployPath: string,
  historyLines = 0,
): Promise<HostInspection> {
  const result = await host.must('inspect', INSPECT, [deployPath, String(historyLines)]);
  return parseInspection(result.stdout);
}

/** Releases to delete: keep the newest `keep`, and never the live one or the one before it. */
export function releasesToPrune(
  releases: HostInspection['releases'],
  keep: number,
  protect: ReadonlyArray<string | undefined>,
): string[] {
  const newestFirst = [...releases].sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name));
  return newestFirst
    .slice(keep)
    .map((r) => r.name)
    .filter((name) => !protect.includes(name));
}

/** The part of a deploy's configuration that a later rollback needs to start the release again. */
export function releaseManifest(config: ReleaseConfig, time: string): ReleaseManifest {
  return {
    mode: config.mode,
    app: config.app,
    version: config.version,
    strategy: config.strategy,
    ports: config.ports,
    proxy: config.proxy,
    startCommand: config.startCommand,
    stopCommand: config.stopCommand,
    restartCommand: config.restartCommand,
    proxyTestCommand: config.proxyTestCommand,
    proxyReloadCommand: config.proxyReloadCommand,
    sha: config.run.sha,
    time,
  };
}

export const otherSlot = (slot: Slot | undefined): Slot => (slot === 'blue' ? 'green' : 'blue');

export function upstreamConfig(proxy: ReleaseConfig['proxy'], app: string, port: number): string {
  if (proxy === 'caddy') return `(${app}) {\n\treverse_proxy 127.0.0.1:${port}\n}\n`;
  return `upstream ${app} { server 127.0.0.1:${port}; }\n`;
}

/** One host's deploy: every step in the order of docs/architecture.md ("How a deploy flows"), and the way back. */
export class HostDeploy {
  private readonly recorder: PhaseRecorder;
  get phases(): Phase[] {
    return this.recorder.phases;
  }
  inspection: HostInspection = emptyInspection();
  /** True once traffic (proxy or `current`) points at the new release. */
  switched = false;
  /** install() done (the migrate host installs before the fleet runs). */
  private installed = false;
  private oldSlotStopped = false;
  private newSlot?: Slot;
  private readonly started: number;
  status: HostOutcome['status'] = 'skipped';
  error?: string;
  /** Container mode: the ID of the image this run deployed. */
  imageId?: string;

  constructor(
    readonly host: RemoteHost,
    private readonly config: ReleaseConfig,
    private readonly deps: DeployDeps,
  ) {
    this.started = deps.clock.now();
    this.recorder = new PhaseRecorder(deps.clock);
  }

  private get logger(): Logger {
    return this.deps.logger;
  }
  private path(...parts: string[]): string {
    return [this.config.deployPath, ...parts].join('/');
  }
  private releaseDir(version: string): string {
    return this.path('releases', version);
  }
  private envFile(version: string): string {
    return this.path('.deploy-kit', 'env', `${version}.env`);
  }
  private containerEnvFile(version: string): string {
    return this.path('.deploy-kit', 'env', `${version}.cenv`);
  }
  private manifestFile(version: string): string {
    return this.path('.deploy-kit', 'releases', `${version}.json`);
  }
  private pidFile(slot: Slot | 'app'): string {
    return this.path('.deploy-kit', 'run', `${slot}.pid`);
  }
  private logFile(slot: Slot | 'app'): string {
    return this.path('shared', 'log', `${this.config.app}-${slot}.log`);
  }
  get previous(): string | undefined {
    return this.inspection.current;
  }

  private phase<T>(name: string, body: () => Promise<T>): Promise<T> {
    return this.recorder.run(name, body);
  }

  async inspect(): Promise<HostInspection> {
    this.inspection = await inspectHost(this.host, this.config.deployPath);
    return this.inspection;
  }

  get isUnchanged(): boolean {
    return this.inspection.current === this.config.version;
  }

  /** Upload → build → start → gate → switch → drain → stop old → soak. Throws on failure; `switched` says where it stopped. */
  async deploy(): Promise<void> {
    if (!this.installed) await this.install();
    await this.activate();
  }

  /** The migrate-command, in the installed new release (before any host switches). */
  async migrate(command: string): Promise<void> {
    await this.phase('migrate', () => this.hookCommand('migrate', command, this.config.version));
  }

  /**
   * After a failed deploy (its switch back done): on-failure-command in the release live now. Its
   * failure is logged and added to the host's error; it never hides the first one.
   */
  async afterFailure(): Promise<void> {
    const { onFailure } = this.config.hooks;
    const live = this.inspection.current ?? this.config.version;
    if (onFailure) await this.hook('on-failure', onFailure, live);
  }

  private async hook(name: string, command: string, version: string): Promise<void> {
    try {
      await this.phase(name, () => this.hookCommand(name, command, version));
    } catch (error) {
      const message = `${name} failed: ${errorMessage(error)}`;
      this.logger.error(`${this.host.label}: ${message}`);
      this.error = this.error ? `${this.error}; ${message}` : message;
    }
  }

  /** Upload, shared links, env file, build, manifest: a complete release, not yet serving. */
  async install(): Promise<void> {
    const { config } = this;
    if (config.mode === 'container') await this.installImage();
    else if (config.mode === 'compose') await this.installCompose();
    else await this.installRelease();
    this.installed = true;
  }

  private async installRelease(): Promise<void> {
    const { config } = this;
    await this.phase('upload', async () => {
      await this.host.must('prepare', PREPARE, [config.deployPath]);
      const placed = await placeRelease(
        this.host,
        config,
        { deployPath: config.deployPath, version: config.version, live: this.inspection.current },
        this.deps.signal,
      );
      const { incremental } = placed;
      this.logger.info(
        `${this.host.label}: uploaded ${(placed.bytes / 1e6).toFixed(1)} MB (sha256 ${placed.sha256.slice(0, 12)}…)` +
          (incremental
            ? `: ${incremental.sent} new or changed files sent, ${incremental.linked} unchanged ones hard-linked from ${incremental.from}`
            : ''),
      );
      if (config.sharedPaths.length > 0) {
        await this.host.must('link-shared', LINK_SHARED, [
          this.releaseDir(config.version),
          this.path('shared'),
          ...config.sharedPaths,
        ]);
      }
      await this.host.must('write-env', WRITE_PRIVATE_FILE, [this.envFile(config.version)], {
        stdin: renderEnvFile(config.env),
        echo: false,
      });
    });
    if (config.buildCommand) {
      await this.phase('build', () =>
        this.userCommand('build', config.buildCommand!, this.releaseDir(config.version)),
      );
    }
    await this.writeManifest();
  }

  /** Written last: a manifest marks a release complete, so rollback can trust it. */
  private async writeManifest(image?: { imageId: string }): Promise<void> {
    const { config } = this;
    const manifest = releaseManifest(config, new Date(this.deps.clock.now()).toISOString());
    if (config.container && image) {
      manifest.container = {
        image: config.container.image,
        imageId: image.imageId,
        engine: config.container.engine,
        containerPort: config.container.containerPort,
        runArgs: config.container.runArgs,
      };
    }
    if (config.compose) {
      // Not the file's content (it is in the release directory) nor the registry login.
      const { engine, services, sha256, image: composeImage } = config.compose;
      manifest.compose = { engine, services, sha256, image: composeImage };
    }
    await this.host.must('write-manifest', WRITE_FILE, [this.manifestFile(config.version)], {
      stdin: JSON.stringify(manifest),
    });
  }

  /** Container mode: the image on the host (pulled or streamed), tagged for this version; env files. */
  private async installImage(): Promise<void> {
    const { config } = this;
    const container = config.container!;
    const tag = localImageTag(config.app, config.version);
    const image = await this.phase(container.transfer === 'ssh' ? 'transfer' : 'pull', async () => {
      await this.host.must('prepare', PREPARE, [config.deployPath]);
      return ensureImage(this.host, container, tag, {
        logger: this.logger,
        signal: this.deps.signal,
        timeoutMs: config.commandTimeoutMs,
      });
    });
    this.imageId = image.imageId;
    await this.host.must('release-dir', CONTAINER_RELEASE_DIR, [
      this.releaseDir(config.version),
      `${container.image}\n${image.imageId}\n`,
    ]);
    await this.host.must('write-env', WRITE_PRIVATE_FILE, [this.envFile(config.version)], {
      stdin: renderEnvFile(config.env),
      echo: false,
    });
    await this.host.must('write-env', WRITE_PRIVATE_FILE, [this.containerEnvFile(config.version)], {
      stdin: renderContainerEnvFile(config.env),
      echo: false,
    });
    await this.writeManifest(image);
  }

  /**
   * Compose mode: the release directory holds the compose file and its project env file (VERSION,
   * IMAGE, `env`; 0600), placed complete; then the project's images are pulled, before anything
   * stops, so a failed pull leaves the running version alone.
   */
  private async installCompose(): Promise<void> {
    const { config } = this;
    const compose = config.compose!;
    await this.phase('upload', async () => {
      await this.host.must('prepare', PREPARE, [config.deployPath]);
      const staging = this.path('releases', `.incoming-${randomBytes(6).toString('hex')}`);
      await this.host.must('staging', MAKE_DIR, [staging]);
      await this.host.must('write-compose', WRITE_FILE, [`${staging}/compose.yaml`], {
        stdin: compose.content,
      });
      await this.host.must('write-env', WRITE_PRIVATE_FILE, [`${staging}/.env`], {
        stdin: renderComposeEnvFile(compose, config.version, config.env),
        echo: false,
      });
      await this.host.must('place', COMPOSE_PLACE, [staging, this.releaseDir(config.version)]);
    });
    await this.phase('pull', () => this.compose('pull', config.version));
    await this.writeManifest();
  }

  /** `compose pull` (with the registry login) or `compose up -d` in `version`'s release directory. */
  private async compose(step: 'pull' | 'up', version: string): Promise<void> {
    const { config } = this;
    const compose = config.compose!;
    const credentials = step === 'pull' && compose.username ? compose : undefined;
    await this.host.must(
      `compose-${step}`,
      COMPOSE_UP,
      [
        compose.engine,
        this.releaseDir(version),
        config.app,
        step,
        credentials?.registry ?? '',
        credentials?.username ?? '',
        ...compose.services,
      ],
      { stdin: credentials?.password ?? '', echo: true },
    );
  }

  /** Puts the installed release `config.version` live: start → gate → switch → drain → stop old → soak. */
  async activate(): Promise<void> {
    if (!this.config.health.enabled) {
      this.logger.warning(
        `${this.host.label}: health-check is false: ${this.config.version} goes live without a health gate`,
      );
    }
    if (this.config.strategy === 'blue-green') await this.blueGreen();
    else await this.inPlace();
  }

  private async userCommand(
    name: string,
    command: string,
    dir: string,
    port?: number,
    version = this.config.version,
  ): Promise<void> {
    this.logger.info(`${this.host.label}: ${name}: ${command}`);
    await this.host.must(
      name,
      RUN_USER_COMMAND,
      [dir, this.envFile(version), command, port === undefined ? '' : String(port)],
      { echo: true },
    );
  }

  /**
   * A hook in `version`'s release: release mode in its directory with its env file; container mode
   * in a throwaway container of its image; compose mode in its directory, where compose.yaml and
   * its .env are (so `docker compose -p <app> run --rm <service> …` works there).
   */
  private async hookCommand(name: string, command: string, version: string): Promise<void> {
    const { config } = this;
    if (!config.container)
      return this.userCommand(name, command, this.releaseDir(version), undefined, version);
    this.logger.info(`${this.host.label}: ${name}: ${command}`);
    await this.host.must(
      name,
      CONTAINER_ONCE,
      [
        config.container.engine,
        this.containerEnvFile(version),
        localImageTag(config.app, version),
        command,
        config.container.containerPort === undefined ? '' : String(config.container.containerPort),
        ...config.container.runArgs,
      ],
      { echo: true },
    );
  }

  /** Starts `version` in a container named for the slot (replacing any container of that name). */
  private async runContainer(slot: Slot | 'app', port: number, version: string): Promise<void> {
    const { config } = this;
    const container = config.container!;
    const result = await this.host.script('run', CONTAINER_RUN, [
      container.engine,
      containerName(config.app, slot),
      this.containerEnvFile(version),
      String(port),
      container.containerPort === undefined ? '' : String(container.containerPort),
      localImageTag(config.app, version),
      ...container.runArgs,
    ]);
    if (result.code === 0) return;
    this.logger.untrusted(result.stderr.trim());
    throw new ActionFailedError(
      result.code === SUPERVISE_EXIT.portBusy
        ? `${this.host.label}: cannot start the ${slot} container: ${stderrTail(result.stderr)}; nothing was switched and that process was left alone`
        : `${this.host.label}: run failed (exit ${result.code ?? result.signal ?? '?'}): ${stderrTail(result.stderr)}`,
    );
  }

  private async startSlot(slot: Slot, port: number, version: string): Promise<void> {
    const { config } = this;
    if (config.mode === 'container') return this.runContainer(slot, port, version);
    // A leftover process in this slot (an interrupted earlier run) would hold the port.
    await this.stopSlot(slot, port, version);
    await this.startSupervised(slot, port, version);
  }

  /**
   * Starts the start command in its own session on `port` (release mode), after making sure the
   * port is free: a survivor of this app is stopped (and reported); anything else fails the step
   * before anything is switched, and is left alone.
   */
  private async startSupervised(
    slot: Slot | 'app',
    port: number | undefined,
    version: string,
  ): Promise<void> {
    const { config } = this;
    if (!config.startCommand)
      throw new ActionFailedError(`${this.host.label}: blue-green needs 'start-command'`);
    const result = await this.host.script('start', START_SUPERVISED, [
      this.releaseDir(version),
      this.envFile(version),
      config.startCommand,
      port === undefined ? '' : String(port),
      this.pidFile(slot),
      this.logFile(slot),
      config.deployPath,
      String(STOP_GRACE_S),
    ]);
    this.reportLeftovers(slot, result.stdout);
    if (result.code === SUPERVISE_EXIT.portBusy) {
      this.logger.untrusted(result.stderr.trim());
      throw new ActionFailedError(
        `${this.host.label}: cannot start the ${slot} slot: ${stderrTail(result.stderr)}; nothing was switched and that process was left alone`,
      );
    }
    if (result.code !== 0) {
      this.logger.untrusted(result.stderr.trim());
      throw new ActionFailedError(
        `${this.host.label}: start failed (exit ${result.code ?? result.signal ?? '?'}): ${stderrTail(result.stderr)}`,
      );
    }
  }

  /**
   * In-place without a restart-command: deploy-kit supervises the one process itself (stop the
   * old, start `version` on the port). There is a moment with nothing listening, as with any
   * in-place restart; blue-green behind a proxy has none.
   */
  private async restartSupervised(port: number | undefined, version: string): Promise<void> {
    await this.stopSupervised('app', port);
    await this.startSupervised('app', port, version);
  }

  /** What the start and stop scripts found on the slot's port and stopped (an earlier run's survivor). */
  private reportLeftovers(slot: Slot | 'app', stdout: string): void {
    const notes = stdout
      .split('\n')
      .filter((line) => line.startsWith('port ') || line.startsWith('warning: '));
    if (notes.length === 0) return;
    this.logger.untrusted(notes.join('\n'));
    this.logger.warning(`${this.host.label}: the ${slot} slot's port was not free (see above)`);
  }

  /** Ends every process of the slot's session; fails naming any that survive KILL. */
  private async stopSupervised(slot: Slot | 'app', port?: number): Promise<void> {
    const result = await this.host.script('stop', STOP_SUPERVISED, [
      this.pidFile(slot),
      String(STOP_GRACE_S),
      ...(port === undefined ? [] : [String(port), this.config.deployPath]),
    ]);
    this.reportLeftovers(slot, result.stdout);
    if (result.code === 0) return;
    this.logger.untrusted(result.stderr.trim());
    throw new ActionFailedError(
      result.code === SUPERVISE_EXIT.survivors
        ? `${this.host.label}: the ${slot} slot did not stop: ${stderrTail(result.stderr)}`
        : `${this.host.label}: stop failed (exit ${result.code ?? result.signal ?? '?'})`,
    );
  }

  private async stopSlot(slot: Slot, port: number, version: string): Promise<void> {
    if (this.config.mode === 'container') {
      // Stopped, not removed: its logs stay readable until the next deploy reuses the slot.
      await this.host.must('stop', CONTAINER_STOP, [
        this.config.container!.engine,
        containerName(this.config.app, slot),
        '10',
      ]);
      return;
    }
    if (this.config.stopCommand) {
      const result = await this.host.script(
        'stop',
        RUN_USER_COMMAND,
        [this.releaseDir(version), this.envFile(version), this.config.stopCommand, String(port)],
        {
          echo: true,
        },
      );
      if (result.code !== 0)
        this.logger.warning(`${this.host.label}: stop-command for the ${slot} slot exited ${result.code}`);
    }
    await this.stopSupervised(slot, port);
  }

  /**
   * Runs the health gate on `port` beside `watch`, a remote loop that ends with exit 3 (and the end
   * of a log) when what was just started stops: the gate is cut short then, not left to its deadline.
   * Returns that report, if it came.
   */
  private async gateBeside(
    port: number | undefined,
    label: string,
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
      if (port !== undefined) await this.gatePort(port, label, gateStop.signal);
    } catch (error) {
      if (exited === undefined) throw error;
    } finally {
      watchDone.abort();
      await watching;
    }
    return exited;
  }

  /**
   * A slot deploy-kit started (release mode) passes its gate only while the started process runs
   * and owns the port's listener: the gate ends at once when the process exits, and after it the
   * listener on the port must belong to the started session (not to a survivor or a stranger).
   */
  private async gateSupervised(slot: Slot | 'app', port: number | undefined, label: string): Promise<void> {
    const exited = await this.gateBeside(port, label, (signal) =>
      this.host.script('watch', SLOT_WATCH, [this.pidFile(slot), this.logFile(slot)], {
        timeoutMs: 0,
        signal,
      }),
    );
    if (exited !== undefined) throw this.exitedError(label, exited, 'during its health gate');
    const check = await this.host.script('check', SLOT_CHECK, [
      this.pidFile(slot),
      port === undefined || !this.config.health.enabled ? '' : String(port),
      this.logFile(slot),
    ]);
    const report = check.stdout.trim();
    if (check.code === SUPERVISE_EXIT.exited)
      throw this.exitedError(label, report, 'right after its health gate');
    if (check.code !== 0) {
      this.logger.untrusted(report);
      throw new ActionFailedError(
        `${this.host.label}: ${label} answered its health gate, but not from the process just started: ${stderrTail(report)}`,
      );
    }
    if (report.startsWith('unverified'))
      this.logger.warning(`${this.host.label}: ${label}: the port's owner could not be checked (${report})`);
  }

  /** A container slot passes its gate only while its container runs, during the gate and after it. */
  private async gateContainer(slot: Slot | 'app', port: number | undefined, label: string): Promise<void> {
    const container = this.config.container!;
    const args = (mode: 'watch' | 'once'): string[] => [
      container.engine,
      containerName(this.config.app, slot),
      mode,
    ];
    const exited = await this.gateBeside(port, label, (signal) =>
      this.host.script('watch', CONTAINER_WATCH, args('watch'), { timeoutMs: 0, signal }),
    );
    if (exited !== undefined) throw this.exitedError(label, exited, 'during its health gate', 'container');
    const check = await this.host.script('check', CONTAINER_WATCH, args('once'));
    if (check.code !== 0)
      throw this.exitedError(label, check.stdout, 'right after its health gate', 'container');
  }

  private exitedError(
    label: string,
    report: string,
    when: string,
    what: 'start command' | 'container' = 'start command',
  ): ActionFailedError {
    this.logger.untrusted(report.trim());
    const tail = report
      .split('\n')
      .filter((line) => line.startsWith('  | '))
      .slice(-5)
      .map((line) => line.slice(4))
      .join(' ⏎ ');
    return new ActionFailedError(
      `${this.host.label}: ${label}: the ${what} exited ${when}${tail ? ` (log: ${tail})` : ''}.${what === 'start command' ? ` ${FOREGROUND_HINT}` : ''}`,
    );
  }

  /**
   * Stops the started slot if this run ends before the traffic switches to it — also when the
   * runner is killed and its connection goes (the remote script reads its stdin's end).
   */
  private guardSlot(slot: Slot): { keep(): void; release(): void } {
    const stdin = new PassThrough();
    // Not awaited: it ends by itself once its stdin does; a failure leaves the explicit stops.
    this.host.conn
      .exec(scriptArgv('dk-guard', SLOT_GUARD, [this.pidFile(slot), String(STOP_GRACE_S)]), { stdin })
      .catch(() => undefined);
    return {
      keep: () => stdin.end('keep\n'),
      release: () => stdin.end('stop\n'),
    };
  }

  /** The deploy's health options as a gate on one URL; `overrides` for the slot gate or the soak. */
  private runHealthGate(url: URL, overrides: Partial<GateOptions>, stop?: AbortSignal): Promise<GateResult> {
    return runGate(
      { ...gateOptions(this.config.health, url), ...overrides },
      {
        probe: this.deps.probe,
        clock: this.deps.clock,
        signal: stop ? AbortSignal.any([this.deps.signal, stop]) : this.deps.signal,
      },
    );
  }

  /** Release mode without a restart-command: deploy-kit starts and stops the app itself. */
  private get supervised(): boolean {
    const { config } = this;
    return config.mode === 'release' && !config.restartCommand && Boolean(config.startCommand);
  }

  private gateSlot(slot: Slot, port: number, label: string): Promise<unknown> {
    if (this.config.mode === 'release') return this.gateSupervised(slot, port, label);
    if (this.config.mode === 'container') return this.gateContainer(slot, port, label);
    return this.gatePort(port, label);
  }

  /** Health of a port on the host, probed through the SSH connection; `stop` cuts it short. */
  private async gatePort(port: number, label: string, stop?: AbortSignal): Promise<GateResult | undefined> {
    if (!this.config.health.enabled) return undefined;
    const url = new URL(`http://127.0.0.1:${port}${this.config.health.path}`);
    const result = await this.runHealthGate(url, { connect: (h, p) => this.host.conn.forward(h, p) }, stop);
    const target = result.targets[0]!;
    if (!result.healthy) {
      if (target.last?.body) this.logger.untrusted(target.last.body.slice(0, 500));
      throw new ActionFailedError(
        `${this.host.label}: ${label} failed its health check on ${url.href}: ${result.outcome}` +
          `${target.lastReason ? ` (${target.lastReason})` : ''} after ${result.attempts} attempts`,
      );
    }
    this.logger.info(
      `${this.host.label}: ${label} healthy after ${result.attempts} attempts (${result.elapsedMs}ms)`,
    );
    return result;
  }

  private async soak(): Promise<void> {
    const { health, soakMs } = this.config;
    if (!health.url || (!health.enabled && soakMs === 0)) return;
    const result = await this.runHealthGate(health.url, { successThreshold: 1, soakMs });
    if (!result.healthy) {
      throw new ActionFailedError(
        `${this.host.label}: ${health.url.href} failed after the switch: ${result.outcome} (${result.targets[0]?.lastReason ?? ''})`,
      );
    }
  }

  private async switchUpstream(port: number): Promise<void> {
    const { config } = this;
    const result = await this.host.script('switch-upstream', SWITCH_UPSTREAM, [
      this.path('.deploy-kit', 'upstream.conf'),
      upstreamConfig(config.proxy, config.app, port),
      config.proxyTestCommand,
      config.proxyReloadCommand,
    ]);
    if (result.code === 5 || result.code === 6) {
      this.logger.untrusted(result.stderr.trim());
      const what =
        result.code === 5
          ? `proxy configuration test ('${config.proxyTestCommand}')`
          : `proxy reload ('${config.proxyReloadCommand}')`;
      throw new ActionFailedError(`${this.host.label}: ${what} failed; the previous upstream was restored`);
    }
    if (result.code !== 0)
      throw new ActionFailedError(
        `${this.host.label}: switching the upstream failed (exit ${result.code}): ${result.stderr.trim()}`,
      );
  }

  private async writeState(state: SlotState): Promise<void> {
    await this.host.must('write-state', WRITE_FILE, [this.path('.deploy-kit', 'state.json')], {
      stdin: JSON.stringify(state),
    });
  }

  private async blueGreen(): Promise<void> {
    const { config } = this;
    const active = this.inspection.state;
    const slot = otherSlot(active?.slot);
    const port = config.ports[slot === 'blue' ? 0 : 1]!;
    this.newSlot = slot;
    await this.phase('start', () => this.startSlot(slot, port, config.version));
    const guard = config.mode === 'release' ? this.guardSlot(slot) : undefined;
    try {
      await this.phase('gate', () => this.gateSlot(slot, port, `the new ${slot} slot (port ${port})`));
      await this.phase('switch', () => this.switchUpstream(port));
    } catch (error) {
      await this.stopSlot(slot, port, config.version).catch(() => undefined);
      guard?.release();
      throw error;
    }
    guard?.keep();
    this.switched = true;
    await this.host.must('switch-current', SWITCH_CURRENT, [config.deployPath, `releases/${config.version}`]);
    await this.writeState({ slot, port, version: config.version });
    await this.postSwitch();
    if (active && active.slot !== slot) {
      await this.phase('drain', () => this.deps.clock.sleep(config.drainMs, this.deps.signal));
      await this.phase('stop-old', () => this.stopSlot(active.slot, active.port, active.version));
      this.oldSlotStopped = true;
    }
    if (config.soakMs > 0 || config.health.url) await this.phase('soak', () => this.soak());
  }

  private async inPlace(): Promise<void> {
    const { config } = this;
    const port = config.ports[0];
    await this.phase('switch', () =>
      this.host.must('switch-current', SWITCH_CURRENT, [config.deployPath, `releases/${config.version}`]),
    );
    this.switched = true;
    if (config.mode === 'container') {
      // One container, replaced: there is a moment with nothing listening (blue-green has none).
      this.logger.warning(
        `${this.host.label}: in-place container deploys stop the old container before the new one listens; use blue-green behind a proxy for zero downtime`,
      );
      await this.phase('restart', () => this.runContainer('app', port ?? 0, config.version));
    } else if (config.mode === 'compose') {
      await this.phase('restart', () => this.compose('up', config.version));
    } else if (config.restartCommand) {
      await this.phase('restart', () =>
        this.userCommand('restart', config.restartCommand!, this.releaseDir(config.version), port),
      );
    } else if (config.startCommand) {
      await this.phase('restart', () => this.restartSupervised(port, config.version));
    }
    if (this.supervised) await this.phase('gate', () => this.gateSupervised('app', port, `the new release`));
    else if (config.mode === 'container' && port !== undefined)
      await this.phase('gate', () => this.gateContainer('app', port, `the new release (port ${port})`));
    else if (port !== undefined)
      await this.phase('gate', () => this.gatePort(port, `the new release (port ${port})`));
    await this.postSwitch();
    if (config.soakMs > 0 || config.health.url) await this.phase('soak', () => this.soak());
  }

  /** post-switch-command: a failure fails the host, which is then switched back like any other. */
  private async postSwitch(): Promise<void> {
    const command = this.config.hooks.postSwitch;
    if (command)
      await this.phase('post-switch', () => this.hookCommand('post-switch', command, this.config.version));
  }

  /** Puts the previous release back where this run switched away from it. */
  async switchBack(): Promise<void> {
    const { config } = this;
    const previous = this.inspection.current;
    if (!this.switched || !previous) return;
    this.logger.warning(`${this.host.label}: switching back to ${previous}`);
    await this.phase('switch-back', async () => {
      if (config.strategy === 'blue-green' && this.inspection.state && this.newSlot) {
        const old = this.inspection.state;
        if (this.oldSlotStopped) {
          await this.startSlot(old.slot, old.port, old.version);
          await this.gateSlot(old.slot, old.port, `the previous ${old.slot} slot`).catch((error: unknown) => {
            this.logger.warning(`${this.host.label}: ${errorMessage(error)}`);
          });
          this.oldSlotStopped = false;
        }
        await this.switchUpstream(old.port);
        await this.host.must('switch-current', SWITCH_CURRENT, [config.deployPath, `releases/${previous}`]);
        await this.writeState(old);
        await this.deps.clock.sleep(Math.min(config.drainMs, 2000));
        await this.stopSlot(this.newSlot, config.ports[this.newSlot === 'blue' ? 0 : 1]!, config.version);
      } else {
        await this.host.must('switch-current', SWITCH_CURRENT, [config.deployPath, `releases/${previous}`]);
        if (config.mode === 'container') await this.runContainer('app', config.ports[0] ?? 0, previous);
        else if (config.mode === 'compose') await this.compose('up', previous);
        else if (config.restartCommand)
          await this.userCommand(
            'restart',
            config.restartCommand,
            this.releaseDir(previous),
            config.ports[0],
            previous,
          );
        else if (config.startCommand) await this.restartSupervised(config.ports[0], previous);
      }
    });
    this.switched = false;
    this.status = 'rolled-back';
    const { onRollback } = config.hooks;
    if (onRollback) await this.hook('on-rollback', onRollback, config.version);
  }

  async prune(): Promise<string[]> {
    const releases = [
      ...this.inspection.releases.filter((r) => r.name !== this.config.version),
      { name: this.config.version, mtime: Number.MAX_SAFE_INTEGER },
    ];
    const remove = releasesToPrune(releases, this.config.keepReleases, [
      this.config.version,
      this.inspection.current,
    ]);
    if (remove.length > 0) {
      await this.host.must('prune', REMOVE_RELEASES, [this.config.deployPath, ...remove]);
      if (this.config.container) {
        await this.host.must('prune-images', IMAGE_REMOVE, [
          this.config.container.engine,
          ...remove.map((v) => localImageTag(this.config.app, v)),
        ]);
      }
      this.logger.info(`${this.host.label}: pruned ${remove.join(', ')}`);
    }
    return remove;
  }

  async record(
    entry: Omit<
      HistoryEntry,
      'time' | 'actor' | 'sha' | 'runId' | 'runUrl' | 'durationMs' | 'mode' | 'strategy'
    >,
  ): Promise<void> {
    const { run } = this.config;
    const line: HistoryEntry = {
      ...(this.config.container ? { image: this.config.container.image, imageId: this.imageId } : {}),
      ...(this.config.compose
        ? { image: this.config.compose.image, composeSha256: this.config.compose.sha256 }
        : {}),
      ...entry,
      mode: this.config.mode,
      strategy: this.config.strategy,
      time: new Date(this.deps.clock.now()).toISOString(),
      actor: run.actor,
      sha: run.sha,
      runId: run.runId,
      runUrl: run.runUrl,
      durationMs: this.durationMs,
      phases: this.phases.map((p) => p.name),
    };
    try {
      await this.host.conn.exec(
        ['sh', '-c', APPEND_FILE, 'dk-history', this.path('.deploy-kit', 'history.jsonl')],
        {
          stdin: `${JSON.stringify(line)}\n`,
          // Cancelled: a short deadline, so the lock release after it still fits the grace period.
          timeoutMs: this.deps.signal.aborted ? CANCELLED_STEP_MS : 15_000,
        },
      );
    } catch (error) {
      this.logger.warning(`${this.host.label}: could not record history: ${errorMessage(error)}`);
    }
  }

  get durationMs(): number {
    return this.deps.clock.now() - this.started;
  }

  /** The version this run puts live (the deployed one, or a rollback's target). */
  get targetVersion(): string {
    return this.config.version;
  }

  get slot(): Slot | undefined {
    return this.newSlot;
  }

  outcome(): HostOutcome {
    return {
      host: this.host.label,
      status: this.status,
      version: this.config.version,
      previous: this.inspection.current,
      slot: this.newSlot,
      durationMs: this.durationMs,
      error: this.error,
      phases: this.phases,
    };
  }
}
