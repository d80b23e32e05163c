import { containerName, ensureImage, localImageTag, renderContainerEnvFile } from '../container.js';
import { renderEnvFile } from '../envfile.js';
import {
  CONTAINER_ONCE,
  CONTAINER_RELEASE_DIR,
  CONTAINER_RUN,
  CONTAINER_STOP,
  IMAGE_REMOVE,
  PREPARE,
  WRITE_PRIVATE_FILE,
} from '../scripts.js';
import { CONTAINER_WATCH } from '../supervise.js';
import type { ReleaseConfig, ReleaseManifest, Slot } from '../types.js';
import type { HostContext } from './context.js';
import type { InstallingMode, ModeDriver, RecordedMode } from './mode.js';

/** How a container release runs, as its manifest records it (the host keeps its image tagged). */
export type ContainerRun = NonNullable<ReleaseManifest['container']>;

/**
 * Container mode: each release is an image tagged on the host for its version; a slot is a
 * container named for it (`<app>-blue`), published on the slot's port.
 */
export class ContainerMode implements ModeDriver {
  readonly restarts = true;

  constructor(
    private readonly ctx: HostContext,
    /** The image ID is known once the deploy installed it (a rollback reads it from the manifest). */
    private readonly run: ContainerRun,
  ) {}

  recorded(): RecordedMode {
    return { mode: 'container', container: this.run };
  }

  history(): { image: string; imageId?: string } {
    return { image: this.run.image, imageId: this.run.imageId || undefined };
  }

  async pruned(versions: readonly string[]): Promise<void> {
    await this.ctx.host.must('prune-images', IMAGE_REMOVE, [
      this.run.engine,
      ...versions.map((v) => localImageTag(this.ctx.app, v)),
    ]);
  }

  /** A hook runs in a throwaway container of `version`'s image, with its env file. */
  async hook(name: string, command: string, version: string): Promise<void> {
    const { ctx, run } = this;
    ctx.logger.info(`${ctx.label}: ${name}: ${command}`);
    await ctx.host.must(
      name,
      CONTAINER_ONCE,
      [
        run.engine,
        ctx.containerEnvFile(version),
        localImageTag(ctx.app, version),
        command,
        run.containerPort === undefined ? '' : String(run.containerPort),
        ...run.runArgs,
      ],
      { echo: true },
    );
  }

  startSlot(slot: Slot, port: number, version: string): Promise<void> {
    return this.runContainer(slot, port, version);
  }

  async stopSlot(slot: Slot): Promise<void> {
    // Stopped, not removed: its logs stay readable until the next deploy reuses the slot.
    await this.ctx.host.must('stop', CONTAINER_STOP, [
      this.run.engine,
      containerName(this.ctx.app, slot),
      this.ctx.stopGraceS,
    ]);
  }

  async restart(port: number | undefined, version: string): Promise<void> {
    // One container, replaced: there is a moment with nothing listening (blue-green has none).
    this.ctx.logger.warning(
      `${this.ctx.label}: in-place container deploys stop the old container before the new one listens; use blue-green behind a proxy for zero downtime`,
    );
    await this.runContainer('app', port ?? 0, version);
  }

  /** A container slot passes its gate only while its container runs, during the gate and after it. */
  gates(port: number | undefined): boolean {
    return port !== undefined;
  }

  async gate(slot: Slot | 'app', port: number | undefined, label: string, version: string): Promise<void> {
    if (port === undefined) return;
    const { ctx } = this;
    const args = (mode: 'watch' | 'once'): string[] => [this.run.engine, containerName(ctx.app, slot), mode];
    const exited = await ctx.gateBeside(port, label, version, (signal) =>
      ctx.host.script('watch', CONTAINER_WATCH, args('watch'), { timeoutMs: 0, signal }),
    );
    if (exited !== undefined) throw ctx.exitedError(label, exited, 'during its health gate', 'container');
    const check = await ctx.host.script('check', CONTAINER_WATCH, args('once'));
    if (check.code !== 0)
      throw ctx.exitedError(label, check.stdout, 'right after its health gate', 'container');
  }

  guard(): undefined {
    // The engine keeps a container running apart from this run; a failed start is stopped explicitly.
    return undefined;
  }

  /** Starts `version` in a container named for the slot (replacing any container of that name). */
  private async runContainer(slot: Slot | 'app', port: number, version: string): Promise<void> {
    const { ctx, run } = this;
    const result = await ctx.host.script('run', CONTAINER_RUN, [
      run.engine,
      containerName(ctx.app, slot),
      ctx.containerEnvFile(version),
      String(port),
      run.containerPort === undefined ? '' : String(run.containerPort),
      localImageTag(ctx.app, version),
      ...run.runArgs,
    ]);
    if (result.code !== 0) throw ctx.startError(result, 'run', `the ${slot} container`);
  }
}

/** The image on the host (pulled or streamed), tagged for this version; env files. */
export function containerMode(
  ctx: HostContext,
  config: Extract<ReleaseConfig, { mode: 'container' }>,
): InstallingMode {
  const { container } = config;
  const run: ContainerRun = {
    image: container.image,
    imageId: '',
    engine: container.engine,
    containerPort: container.containerPort,
    runArgs: container.runArgs,
  };
  const install = async (): Promise<void> => {
    const { host } = ctx;
    const tag = localImageTag(config.app, config.version);
    const image = await ctx.phase(container.transfer === 'ssh' ? 'transfer' : 'pull', async () => {
      await host.must('prepare', PREPARE, [config.deployPath]);
      return ensureImage(host, container, tag, {
        logger: ctx.logger,
        signal: ctx.deps.signal,
        timeoutMs: config.commandTimeoutMs,
      });
    });
    run.imageId = image.imageId;
    await host.must('release-dir', CONTAINER_RELEASE_DIR, [
      ctx.releaseDir(config.version),
      `${container.image}\n${image.imageId}\n`,
    ]);
    await host.must('write-env', WRITE_PRIVATE_FILE, [ctx.envFile(config.version)], {
      stdin: renderEnvFile(config.env),
      echo: false,
    });
    await host.must('write-env', WRITE_PRIVATE_FILE, [ctx.containerEnvFile(config.version)], {
      stdin: renderContainerEnvFile(config.env),
      echo: false,
    });
  };
  return { driver: new ContainerMode(ctx, run), install };
}
