import { ActionFailedError } from '@deploy-kit/core';
import { scriptArgv } from '@deploy-kit/ssh';
import { PassThrough } from 'node:stream';
import { renderEnvFile } from '../envfile.js';
import { placeRelease, type Transfer } from '../place.js';
import { stderrTail } from '../remote.js';
import { LINK_SHARED, RUN_USER_COMMAND, WRITE_PRIVATE_FILE } from '../scripts.js';
import {
  SLOT_CHECK,
  SLOT_GUARD,
  SLOT_WATCH,
  START_SUPERVISED,
  STOP_SUPERVISED,
  SUPERVISE_EXIT,
} from '../supervise.js';
import type { ReleaseConfig, ReleaseSettings, Slot } from '../types.js';
import type { HostContext } from './context.js';
import type { InstallingMode, ModeDriver, RecordedMode, SlotGuard } from './mode.js';

/** What a start command that did not stay up is told. */
const FOREGROUND_HINT =
  "start-command must run the app in the foreground: deploy-kit supervises the process it starts (a command that forks into the background and exits — '&', '--daemon', '-d' — is not supported)";

/** The commands a release runs with, as its manifest records them. */
export type ReleaseCommands = Pick<ReleaseSettings, 'startCommand' | 'stopCommand' | 'restartCommand'>;

/**
 * Release mode: a directory per release, the app started by start-command in a session of its own
 * that deploy-kit supervises (or restart-command in place), slots on two ports behind the proxy.
 */
export class ReleaseMode implements ModeDriver {
  constructor(
    private readonly ctx: HostContext,
    private readonly commands: ReleaseCommands,
  ) {}

  /** deploy-kit starts and stops the app itself (no restart-command). */
  private get supervised(): boolean {
    return !this.commands.restartCommand && Boolean(this.commands.startCommand);
  }

  get restarts(): boolean {
    return Boolean(this.commands.restartCommand ?? this.commands.startCommand);
  }

  recorded(): RecordedMode {
    return { mode: 'release', ...this.commands };
  }

  history(): Record<string, never> {
    return {};
  }

  async pruned(): Promise<void> {
    // Nothing beyond the release directories.
  }

  hook(name: string, command: string, version: string): Promise<void> {
    return this.ctx.userCommand(name, command, this.ctx.releaseDir(version), version);
  }

  async startSlot(slot: Slot, port: number, version: string): Promise<void> {
    // A leftover process in this slot (an interrupted earlier run) would hold the port.
    await this.stopSlot(slot, port, version);
    await this.startSupervised(slot, port, version);
  }

  async stopSlot(slot: Slot, port: number, version: string): Promise<void> {
    const { ctx } = this;
    const { stopCommand } = this.commands;
    if (stopCommand) {
      const result = await ctx.host.script(
        'stop',
        RUN_USER_COMMAND,
        [ctx.releaseDir(version), ctx.envFile(version), stopCommand, String(port)],
        { echo: true },
      );
      if (result.code !== 0)
        ctx.logger.warning(`${ctx.label}: stop-command for the ${slot} slot exited ${result.code}`);
    }
    await this.stopSupervised(slot, port);
  }

  async restart(port: number | undefined, version: string): Promise<void> {
    const { restartCommand } = this.commands;
    if (restartCommand) {
      await this.ctx.userCommand('restart', restartCommand, this.ctx.releaseDir(version), version, port);
    } else if (this.supervised) {
      // A moment with nothing listening, as with any in-place restart; blue-green has none.
      await this.stopSupervised('app', port);
      await this.startSupervised('app', port, version);
    }
  }

  gates(port: number | undefined): boolean {
    return port !== undefined || this.supervised;
  }

  gate(slot: Slot | 'app', port: number | undefined, label: string, version: string): Promise<void> {
    if (slot === 'app' && !this.supervised)
      return port === undefined
        ? Promise.resolve()
        : this.ctx.gatePort(port, label, version).then(() => undefined);
    return this.gateSupervised(slot, port, label, version);
  }

  /** The slot's process is tied to a channel that stays open while this run lives. */
  guard(slot: Slot): SlotGuard {
    const { ctx } = this;
    const stdin = new PassThrough();
    // Not awaited: it ends by itself once its stdin does; a failure leaves the explicit stops.
    ctx.host.conn
      .exec(scriptArgv('dk-guard', SLOT_GUARD, [ctx.pidFile(slot), ctx.stopGraceS]), { stdin })
      .catch(() => undefined);
    return {
      keep: () => stdin.end('keep\n'),
      release: () => stdin.end('stop\n'),
    };
  }

  /**
   * Starts the start command in its own session on `port`, after making sure the port is free: a
   * survivor of this app is stopped (and reported); anything else fails the step before anything
   * is switched, and is left alone.
   */
  private async startSupervised(
    slot: Slot | 'app',
    port: number | undefined,
    version: string,
  ): Promise<void> {
    const { ctx } = this;
    const { startCommand } = this.commands;
    if (!startCommand) throw new ActionFailedError(`${ctx.label}: blue-green needs 'start-command'`);
    const result = await ctx.host.script('start', START_SUPERVISED, [
      ctx.releaseDir(version),
      ctx.envFile(version),
      startCommand,
      port === undefined ? '' : String(port),
      ctx.pidFile(slot),
      ctx.logFile(slot),
      ctx.settings.deployPath,
      ctx.stopGraceS,
    ]);
    ctx.reportLeftovers(slot, result.stdout);
    if (result.code !== 0) throw ctx.startError(result, 'start', `the ${slot} slot`);
  }

  /** Ends every process of the slot's session; fails naming any that survive KILL. */
  private async stopSupervised(slot: Slot | 'app', port?: number): Promise<void> {
    const { ctx } = this;
    const result = await ctx.host.script('stop', STOP_SUPERVISED, [
      ctx.pidFile(slot),
      ctx.stopGraceS,
      ...(port === undefined ? [] : [String(port), ctx.settings.deployPath]),
    ]);
    ctx.reportLeftovers(slot, result.stdout);
    if (result.code === 0) return;
    ctx.logger.untrusted(result.stderr.trim());
    throw new ActionFailedError(
      result.code === SUPERVISE_EXIT.survivors
        ? `${ctx.label}: the ${slot} slot did not stop: ${stderrTail(result.stderr)}`
        : `${ctx.label}: stop failed (exit ${result.code ?? result.signal ?? '?'})`,
    );
  }

  /**
   * A slot deploy-kit started passes its gate only while the started process runs and owns the
   * port's listener: the gate ends at once when the process exits, and after it the listener on
   * the port must belong to the started session (not to a survivor or a stranger).
   */
  private async gateSupervised(
    slot: Slot | 'app',
    port: number | undefined,
    label: string,
    version: string,
  ): Promise<void> {
    const { ctx } = this;
    const exited = await ctx.gateBeside(port, label, version, (signal) =>
      ctx.host.script('watch', SLOT_WATCH, [ctx.pidFile(slot), ctx.logFile(slot)], { timeoutMs: 0, signal }),
    );
    if (exited !== undefined)
      throw ctx.exitedError(label, exited, 'during its health gate', 'start command', FOREGROUND_HINT);
    const check = await ctx.host.script('check', SLOT_CHECK, [
      ctx.pidFile(slot),
      port === undefined || !ctx.settings.health.enabled ? '' : String(port),
      ctx.logFile(slot),
    ]);
    const report = check.stdout.trim();
    if (check.code === SUPERVISE_EXIT.exited)
      throw ctx.exitedError(label, report, 'right after its health gate', 'start command', FOREGROUND_HINT);
    if (check.code !== 0) {
      ctx.logger.untrusted(report);
      throw new ActionFailedError(
        `${ctx.label}: ${label} answered its health gate, but not from the process just started: ${stderrTail(report)}`,
      );
    }
    if (report.startsWith('unverified'))
      ctx.logger.warning(`${ctx.label}: ${label}: the port's owner could not be checked (${report})`);
  }
}

/** What the upload line adds about how the release travelled. */
function transferNote(transfer: Transfer): string {
  switch (transfer.kind) {
    case 'incremental':
      return `: ${transfer.sent} new or changed files sent, ${transfer.linked} unchanged ones hard-linked from ${transfer.from}`;
    case 'nothing-to-link':
      return `: sent whole, no file of ${transfer.from} being unchanged`;
    case 'whole':
      return '';
  }
}

/** Upload, shared links, env file, build: a complete release directory, not yet serving. */
async function installRelease(
  ctx: HostContext,
  config: Extract<ReleaseConfig, { mode: 'release' }>,
  live: string | undefined,
): Promise<void> {
  const { host, logger } = ctx;
  await ctx.phase('upload', async () => {
    // placeRelease makes the layout too (PREPARE_UPLOAD), in the same step as reading the live release.
    const placed = await placeRelease(
      host,
      config,
      { deployPath: config.deployPath, version: config.version, live },
      ctx.deps.signal,
    );
    logger.info(
      `${ctx.label}: uploaded ${(placed.bytes / 1e6).toFixed(1)} MB (sha256 ${placed.sha256.slice(0, 12)}…)` +
        transferNote(placed.transfer),
    );
    if (config.sharedPaths.length > 0) {
      await host.must('link-shared', LINK_SHARED, [
        ctx.releaseDir(config.version),
        ctx.path('shared'),
        ...config.sharedPaths,
      ]);
    }
    await host.must('write-env', WRITE_PRIVATE_FILE, [ctx.envFile(config.version)], {
      stdin: renderEnvFile(config.env),
      echo: false,
    });
  });
  const { buildCommand } = config;
  if (buildCommand)
    await ctx.phase('build', () =>
      ctx.userCommand('build', buildCommand, ctx.releaseDir(config.version), config.version),
    );
}

export function releaseMode(
  ctx: HostContext,
  config: Extract<ReleaseConfig, { mode: 'release' }>,
): InstallingMode {
  const { startCommand, stopCommand, restartCommand } = config;
  return {
    driver: new ReleaseMode(ctx, { startCommand, stopCommand, restartCommand }),
    install: (live) => installRelease(ctx, config, live),
  };
}
