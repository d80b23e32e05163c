import { ActionFailedError, errorMessage, type Logger } from '@deploy-kit/core';
import { PhaseRecorder } from './report.js';
import { CANCELLED_STEP_MS, type RemoteHost } from './remote.js';
import { APPEND_FILE, INSPECT, REMOVE_RELEASES, SWITCH_CURRENT, WRITE_FILE } from './scripts.js';
import type {
  ActivationConfig,
  DeployDeps,
  HistoryEntry,
  HostOutcome,
  Phase,
  ReleaseConfig,
  ReleaseManifest,
  Slot,
  SlotState,
} from './types.js';
import { HostContext } from './modes/context.js';
import type { ModeDriver, SlotGuard } from './modes/mode.js';
import { blueGreenPhases, inPlacePhases } from './phases.js';
import { proxySwitch, type ProxySwitch } from './proxies/index.js';
import { deployMode, recordedMode } from './modes/index.js';

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

/** The part of a release's manifest every mode shares (the mode adds its own, see ModeDriver.recorded). */
export function releaseManifest(config: ActivationConfig, time: string): Omit<ReleaseManifest, 'mode'> {
  return {
    app: config.app,
    version: config.version,
    strategy: config.strategy,
    ports: config.ports,
    proxy: config.proxy,
    proxyTestCommand: config.proxyTestCommand,
    proxyReloadCommand: config.proxyReloadCommand,
    ...(config.proxy === 'haproxy' ? { haproxySocket: config.haproxySocket } : {}),
    ...(config.proxy === 'caddy' ? { caddyAdmin: config.caddyAdmin } : {}),
    sha: config.run.sha,
    time,
  };
}

export const otherSlot = (slot: Slot | undefined): Slot => (slot === 'blue' ? 'green' : 'blue');

/** A deploy installs its release and prunes old ones after; a rollback finds its release installed. */
type HostJob =
  | { kind: 'deploy'; install: (live: string | undefined) => Promise<void>; keepReleases: number }
  | { kind: 'rollback' };

/**
 * One host's deploy or rollback: the phases in the order of docs/architecture.md ("How a deploy
 * flows"), and the way back. What each phase does in a mode is that mode's object (modes/).
 */
export class HostDeploy {
  private readonly recorder: PhaseRecorder;
  private readonly ctx: HostContext;
  private readonly mode: ModeDriver;
  private readonly job: HostJob;
  private proxySwitch?: ProxySwitch;
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

  private constructor(
    readonly host: RemoteHost,
    private readonly config: ActivationConfig,
    private readonly deps: DeployDeps,
    choose: (ctx: HostContext) => { mode: ModeDriver; job: HostJob },
  ) {
    this.started = deps.clock.now();
    this.recorder = new PhaseRecorder(deps.clock);
    this.ctx = new HostContext(host, config, deps, this.recorder);
    const { mode, job } = choose(this.ctx);
    this.mode = mode;
    this.job = job;
  }

  /** A deploy of `config` to one host. */
  static deploy(host: RemoteHost, config: ReleaseConfig, deps: DeployDeps): HostDeploy {
    return new HostDeploy(host, config, deps, (ctx) => {
      const { driver, install } = deployMode(ctx, config);
      return { mode: driver, job: { kind: 'deploy', install, keepReleases: config.keepReleases } };
    });
  }

  /**
   * A rollback to the release `manifest` describes, run the way it records; undefined when the
   * manifest lacks what its mode needs (written by a version of deploy-kit that did not record it).
   */
  static rollback(
    host: RemoteHost,
    config: ActivationConfig,
    manifest: ReleaseManifest,
    deps: DeployDeps,
  ): HostDeploy | undefined {
    const make = recordedMode(manifest);
    return (
      make && new HostDeploy(host, config, deps, (ctx) => ({ mode: make(ctx), job: { kind: 'rollback' } }))
    );
  }

  private get logger(): Logger {
    return this.ctx.logger;
  }
  get previous(): string | undefined {
    return this.inspection.current;
  }

  private phase<T>(name: string, body: () => Promise<T>): Promise<T> {
    return this.ctx.phase(name, body);
  }

  /** The proxy switch (blue-green only), made once for the activation and any way back. */
  private get proxy(): ProxySwitch {
    this.proxySwitch ??= proxySwitch(this.ctx, this.config);
    return this.proxySwitch;
  }

  async inspect(): Promise<HostInspection> {
    this.inspection = await inspectHost(this.host, this.config.deployPath);
    return this.inspection;
  }

  get isUnchanged(): boolean {
    return this.inspection.current === this.config.version;
  }

  /** Install, then activate. Throws on failure; `switched` says where it stopped. */
  async deploy(): Promise<void> {
    if (!this.installed) await this.install();
    await this.activate();
  }

  /** The migrate-command, in the installed new release (before any host switches). */
  async migrate(command: string): Promise<void> {
    await this.phase('migrate', () => this.mode.hook('migrate', command, this.config.version));
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
      await this.phase(name, () => this.mode.hook(name, command, version));
    } catch (error) {
      const message = `${name} failed: ${errorMessage(error)}`;
      this.logger.error(`${this.host.label}: ${message}`);
      this.error = this.error ? `${this.error}; ${message}` : message;
    }
  }

  /** The mode's install (upload or pull, env files, build), then the manifest: a complete release, not yet serving. */
  async install(): Promise<void> {
    if (this.job.kind !== 'deploy')
      throw new ActionFailedError(`${this.host.label}: a rollback installs nothing`);
    await this.job.install(this.inspection.current);
    // Written last: a manifest marks a release complete, so rollback can trust it.
    const manifest: ReleaseManifest = {
      ...releaseManifest(this.config, new Date(this.deps.clock.now()).toISOString()),
      ...this.mode.recorded(),
    };
    await this.host.must('write-manifest', WRITE_FILE, [this.ctx.manifestFile(this.config.version)], {
      stdin: JSON.stringify(manifest),
    });
    this.installed = true;
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

  private slotPort(slot: Slot): number {
    const port = this.config.ports[slot === 'blue' ? 0 : 1];
    if (port === undefined) throw new ActionFailedError(`${this.host.label}: blue-green needs two ports`);
    return port;
  }

  private async soak(): Promise<void> {
    const { health, soakMs } = this.config;
    if (!health.url || (!health.enabled && soakMs === 0)) return;
    const result = await this.ctx.runHealthGate(health.url, { successThreshold: 1, soakMs });
    if (!result.healthy) {
      throw new ActionFailedError(
        `${this.host.label}: ${health.url.href} failed after the switch: ${result.outcome} (${result.targets[0]?.lastReason ?? ''})`,
      );
    }
  }

  private async switchCurrent(version: string): Promise<void> {
    await this.host.must('switch-current', SWITCH_CURRENT, [this.config.deployPath, `releases/${version}`]);
  }

  private async writeState(state: SlotState): Promise<void> {
    await this.host.must('write-state', WRITE_FILE, [this.ctx.path('.deploy-kit', 'state.json')], {
      stdin: JSON.stringify(state),
    });
  }

  /** Runs `phases` in order, each timed under its name; a phase without a step on this host is skipped. */
  private async runPhases<P extends string>(
    phases: readonly P[],
    steps: Record<P, (() => Promise<unknown>) | undefined>,
  ): Promise<void> {
    for (const name of phases) {
      const step = steps[name];
      if (step) await this.phase(name, step);
    }
  }

  private async blueGreen(): Promise<void> {
    const { config, mode } = this;
    const active = this.inspection.state;
    const slot = otherSlot(active?.slot);
    const port = this.slotPort(slot);
    const old = active && active.slot !== slot ? active : undefined;
    this.newSlot = slot;
    const { proxy } = this;
    // Before anything starts: a proxy that cannot be switched fails the deploy with nothing changed.
    await proxy.check();
    // Set by the start step; read after a failure (an object: the steps are closures).
    const started: { guard?: SlotGuard; ok: boolean } = { ok: false };
    try {
      await this.runPhases(blueGreenPhases(config), {
        start: async () => {
          await mode.startSlot(slot, port, config.version);
          started.ok = true;
          started.guard = mode.guard(slot);
        },
        gate: () => mode.gate(slot, port, `the new ${slot} slot (port ${port})`, config.version),
        switch: async () => {
          await proxy.switchTo(slot, port);
          started.guard?.keep();
          this.switched = true;
          await this.switchCurrent(config.version);
          await this.writeState({ slot, port, version: config.version });
        },
        'post-switch': () => this.postSwitch(),
        drain: old && (() => proxy.drain(old, config.drainMs)),
        'stop-old':
          old &&
          (async () => {
            await mode.stopSlot(old.slot, old.port, old.version);
            this.oldSlotStopped = true;
          }),
        soak: () => this.soak(),
      });
    } catch (error) {
      // Before the switch, the new slot serves nobody: stop it. After, switchBack decides.
      if (started.ok && !this.switched) {
        await mode.stopSlot(slot, port, config.version).catch(() => undefined);
        started.guard?.release();
      }
      throw error;
    }
  }

  private async inPlace(): Promise<void> {
    const { config, mode } = this;
    const port = config.ports[0];
    await this.runPhases(inPlacePhases(config), {
      switch: async () => {
        await this.switchCurrent(config.version);
        this.switched = true;
      },
      restart: mode.restarts ? () => mode.restart(port, config.version) : undefined,
      gate: mode.gates(port)
        ? () =>
            mode.gate(
              'app',
              port,
              port === undefined ? 'the new release' : `the new release (port ${port})`,
              config.version,
            )
        : undefined,
      'post-switch': () => this.postSwitch(),
      soak: () => this.soak(),
    });
  }

  /** post-switch-command: a failure fails the host, which is then switched back like any other. */
  private async postSwitch(): Promise<void> {
    const command = this.config.hooks.postSwitch;
    // Timed as its phase by runPhases.
    if (command) await this.mode.hook('post-switch', command, this.config.version);
  }

  /** Gates a release restarted on the way back: a failure is a warning, the first one stands. */
  private async regate(
    slot: Slot | 'app',
    port: number | undefined,
    label: string,
    version: string,
  ): Promise<void> {
    await this.mode.gate(slot, port, label, version).catch((error: unknown) => {
      this.logger.warning(`${this.host.label}: ${errorMessage(error)}`);
    });
  }

  /** Puts the previous release back where this run switched away from it. */
  async switchBack(): Promise<void> {
    const { config, mode } = this;
    const previous = this.inspection.current;
    if (!this.switched || !previous) return;
    this.logger.warning(`${this.host.label}: switching back to ${previous}`);
    await this.phase('switch-back', async () => {
      const old = this.inspection.state;
      const newSlot = this.newSlot;
      if (config.strategy === 'blue-green' && old && newSlot) {
        if (this.oldSlotStopped) {
          await mode.startSlot(old.slot, old.port, old.version);
          await this.regate(old.slot, old.port, `the previous ${old.slot} slot`, old.version);
          this.oldSlotStopped = false;
        }
        const { proxy } = this;
        await proxy.switchTo(old.slot, old.port);
        await this.switchCurrent(previous);
        await this.writeState(old);
        const newPort = this.slotPort(newSlot);
        await proxy.drain(
          { slot: newSlot, port: newPort, version: config.version },
          Math.min(config.drainMs, 2000),
        );
        await mode.stopSlot(newSlot, newPort, config.version);
      } else {
        await this.switchCurrent(previous);
        const port = config.ports[0];
        if (mode.restarts) {
          await mode.restart(port, previous);
          // Restarted in place, the previous release serves again only once it answers: until
          // then a client right after the step (the demo's, a smoke test's) finds nothing there.
          if (mode.gates(port)) await this.regate('app', port, 'the previous release', previous);
        }
      }
    });
    this.switched = false;
    this.status = 'rolled-back';
    const { onRollback } = config.hooks;
    if (onRollback) await this.hook('on-rollback', onRollback, config.version);
  }

  /** A deploy's last step: keep the newest releases (never the live one or the one before it). */
  async prune(): Promise<string[]> {
    if (this.job.kind !== 'deploy') return [];
    const releases = [
      ...this.inspection.releases.filter((r) => r.name !== this.config.version),
      { name: this.config.version, mtime: Number.MAX_SAFE_INTEGER },
    ];
    const remove = releasesToPrune(releases, this.job.keepReleases, [
      this.config.version,
      this.inspection.current,
    ]);
    if (remove.length > 0) {
      await this.host.must('prune', REMOVE_RELEASES, [this.config.deployPath, ...remove]);
      await this.mode.pruned(remove);
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
      ...this.mode.history(),
      ...entry,
      mode: this.mode.recorded().mode,
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
        ['sh', '-c', APPEND_FILE, 'dk-history', this.ctx.path('.deploy-kit', 'history.jsonl')],
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

  get phases(): Phase[] {
    return this.recorder.phases;
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
