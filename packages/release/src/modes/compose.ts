import { randomBytes } from 'node:crypto';
import { ConfigurationError } from '@deploy-kit/core';
import { renderComposeEnvFile } from '../compose.js';
import { IN_PLACE_HASH_FILE, SLOTS_FILE, slotService } from '../compose-slots.js';
import {
  COMPOSE_IN_PLACE,
  COMPOSE_PLACE,
  COMPOSE_SLOT_REMOVE,
  COMPOSE_UP,
  MAKE_DIR,
  PREPARE,
  WRITE_FILE,
  WRITE_PRIVATE_FILE,
} from '../scripts.js';
import type { ComposeConfig, ReleaseConfig, ReleaseManifest, Slot } from '../types.js';
import type { HostContext } from './context.js';
import type { InstallingMode, ModeDriver, RecordedMode } from './mode.js';

/** How a compose release comes up again, as its manifest records it (file and .env stay in the release). */
export type ComposeRun = NonNullable<ReleaseManifest['compose']>;

/** The registry login a pull uses; the password goes on stdin. */
type Login = Pick<ComposeConfig, 'registry' | 'username' | 'password'>;

/**
 * Compose mode: each release directory holds compose.yaml and its .env. In place, `compose up -d`
 * replaces the project's containers. Blue-green (compose.slots.yaml beside it), the new slot's
 * services start as `<service>-<slot>` beside the old ones, on the slot's port, and the old slot's
 * are removed after the drain; in-place services (a database) are recreated only when changed.
 */
export class ComposeMode implements ModeDriver {
  readonly restarts = true;

  constructor(
    private readonly ctx: HostContext,
    private readonly run: ComposeRun,
  ) {}

  recorded(): RecordedMode {
    return { mode: 'compose', compose: this.run };
  }

  history(): { image?: string; composeSha256: string } {
    return { image: this.run.image, composeSha256: this.run.sha256 };
  }

  async pruned(): Promise<void> {
    // Images stay with the engine: other projects may share them.
  }

  /** In its release directory, where compose.yaml and .env are (`docker compose -p <app> run --rm …` works). */
  hook(name: string, command: string, version: string): Promise<void> {
    return this.ctx.userCommand(name, command, this.ctx.releaseDir(version), version);
  }

  /** In-place services to `version`'s definition if it changed, then the slot's services beside the old. */
  async startSlot(slot: Slot, _port: number, version: string): Promise<void> {
    const plan = this.blueGreen();
    await this.inPlace(this.ctx.releaseDir(version), plan.inPlace);
    await this.compose('slot', version, SLOTS_FILE, undefined, this.slotServices(slot));
  }

  /**
   * Removes the slot's containers (after the drain, or a failed gate), then puts the in-place services
   * back to what the live release defines: a deploy that failed before or after its switch leaves
   * the database as the release serving traffic expects it.
   */
  async stopSlot(slot: Slot): Promise<void> {
    const plan = this.blueGreen();
    const { ctx, run } = this;
    await ctx.host.must('compose-remove', COMPOSE_SLOT_REMOVE, [
      run.engine,
      ctx.app,
      ctx.stopGraceS,
      ...this.slotServices(slot),
    ]);
    await this.inPlace(ctx.path('current'), plan.inPlace);
  }

  guard(): undefined {
    // The engine keeps the slot's containers running apart from this run; a failed start is removed explicitly.
    return undefined;
  }

  restart(_port: number | undefined, version: string): Promise<void> {
    return this.compose('recreate', version, 'compose.yaml', undefined, this.run.services);
  }

  gates(port: number | undefined): boolean {
    return port !== undefined;
  }

  async gate(_slot: string, port: number | undefined, label: string, version: string): Promise<void> {
    if (port !== undefined) await this.ctx.gatePort(port, label, version);
  }

  /** Pulls every image `version`'s release names (with the registry login), before anything stops. */
  pull(version: string, login: Login): Promise<void> {
    const file = this.run.blueGreen ? SLOTS_FILE : 'compose.yaml';
    return this.compose('pull', version, file, login, this.run.blueGreen ? [] : this.run.services);
  }

  private async compose(
    step: 'pull' | 'recreate' | 'slot',
    version: string,
    file: string,
    login: Login | undefined,
    services: readonly string[],
  ): Promise<void> {
    const { ctx, run } = this;
    const credentials = login?.username ? login : undefined;
    await ctx.host.must(
      `compose-${step}`,
      COMPOSE_UP,
      [
        run.engine,
        ctx.releaseDir(version),
        ctx.app,
        file,
        step,
        credentials?.registry ?? '',
        credentials?.username ?? '',
        ...services,
      ],
      { stdin: credentials?.password ?? '', echo: true },
    );
  }

  private async inPlace(dir: string, services: readonly string[]): Promise<void> {
    const { ctx, run } = this;
    await ctx.host.must(
      'compose-in-place',
      COMPOSE_IN_PLACE,
      [run.engine, dir, ctx.app, ctx.path('.deploy-kit', 'compose-in-place.sha256'), ...services],
      { echo: true },
    );
  }

  private slotServices(slot: Slot): string[] {
    return this.blueGreen().services.map((service) => slotService(service, slot));
  }

  private blueGreen(): NonNullable<ComposeRun['blueGreen']> {
    // readInputs allows blue-green only with a slot plan; a manifest edited by hand could still ask for it.
    if (!this.run.blueGreen)
      throw new ConfigurationError('this compose release deploys in place: it has no blue-green slots');
    return this.run.blueGreen;
  }
}

/**
 * The release directory holds the compose file and its project env file (VERSION, IMAGE, `env`;
 * 0600), placed complete; then the project's images are pulled, before anything stops, so a failed
 * pull leaves the running version alone.
 */
export function composeMode(
  ctx: HostContext,
  config: Extract<ReleaseConfig, { mode: 'compose' }>,
): InstallingMode {
  const { compose } = config;
  // Not the file's content (it is in the release directory) nor the registry login.
  const { rollout } = compose;
  const driver = new ComposeMode(ctx, {
    engine: compose.engine,
    services: compose.services,
    sha256: compose.sha256,
    image: compose.image,
    ...(rollout.strategy === 'blue-green' && {
      blueGreen: { services: rollout.services, inPlace: rollout.inPlace },
    }),
  });
  const install = async (): Promise<void> => {
    const { host } = ctx;
    await ctx.phase('upload', async () => {
      await host.must('prepare', PREPARE, [config.deployPath]);
      const staging = ctx.path('releases', `.incoming-${randomBytes(6).toString('hex')}`);
      await host.must('staging', MAKE_DIR, [staging]);
      await host.must('write-compose', WRITE_FILE, [`${staging}/compose.yaml`], { stdin: compose.content });
      if (rollout.strategy === 'blue-green') {
        await host.must('write-compose', WRITE_FILE, [`${staging}/${SLOTS_FILE}`], { stdin: rollout.file });
        await host.must('write-compose', WRITE_FILE, [`${staging}/${IN_PLACE_HASH_FILE}`], {
          stdin: `${rollout.inPlaceSha256}\n`,
        });
      }
      await host.must('write-env', WRITE_PRIVATE_FILE, [`${staging}/.env`], {
        stdin: renderComposeEnvFile(compose, config.version, config.env),
        echo: false,
      });
      await host.must('place', COMPOSE_PLACE, [staging, ctx.releaseDir(config.version)]);
    });
    await ctx.phase('pull', () => driver.pull(config.version, compose));
  };
  return { driver, install };
}
