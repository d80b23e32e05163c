import { randomBytes } from 'node:crypto';
import { ConfigurationError } from '@deploy-kit/core';
import { renderComposeEnvFile } from '../compose.js';
import { COMPOSE_PLACE, COMPOSE_UP, MAKE_DIR, PREPARE, WRITE_FILE, WRITE_PRIVATE_FILE } from '../scripts.js';
import type { ComposeConfig, ReleaseConfig, ReleaseManifest } from '../types.js';
import type { HostContext } from './context.js';
import type { InstallingMode, ModeDriver, RecordedMode } from './mode.js';

/** How a compose release comes up again, as its manifest records it (file and .env stay in the release). */
export type ComposeRun = NonNullable<ReleaseManifest['compose']>;

/** The registry login a pull uses; the password goes on stdin. */
type Login = Pick<ComposeConfig, 'registry' | 'username' | 'password'>;

/**
 * Compose mode: each release directory holds compose.yaml and its .env; `compose up -d` in it
 * replaces the project's containers in place.
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

  startSlot(): Promise<void> {
    return Promise.reject(this.noSlots());
  }

  stopSlot(): Promise<void> {
    return Promise.reject(this.noSlots());
  }

  guard(): undefined {
    return undefined;
  }

  restart(_port: number | undefined, version: string): Promise<void> {
    return this.compose('up', version);
  }

  gates(port: number | undefined): boolean {
    return port !== undefined;
  }

  async gate(_slot: string, port: number | undefined, label: string): Promise<void> {
    if (port !== undefined) await this.ctx.gatePort(port, label);
  }

  /** `compose pull` (with the registry login) or `compose up -d` in `version`'s release directory. */
  async compose(step: 'pull' | 'up', version: string, login?: Login): Promise<void> {
    const { ctx, run } = this;
    const credentials = step === 'pull' && login?.username ? login : undefined;
    await ctx.host.must(
      `compose-${step}`,
      COMPOSE_UP,
      [
        run.engine,
        ctx.releaseDir(version),
        ctx.app,
        step,
        credentials?.registry ?? '',
        credentials?.username ?? '',
        ...run.services,
      ],
      { stdin: credentials?.password ?? '', echo: true },
    );
  }

  private noSlots(): ConfigurationError {
    // readInputs refuses this combination; a manifest edited by hand could still ask for it.
    return new ConfigurationError('compose mode deploys in place: it has no blue-green slots');
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
  const driver = new ComposeMode(ctx, {
    engine: compose.engine,
    services: compose.services,
    sha256: compose.sha256,
    image: compose.image,
  });
  const install = async (): Promise<void> => {
    const { host } = ctx;
    await ctx.phase('upload', async () => {
      await host.must('prepare', PREPARE, [config.deployPath]);
      const staging = ctx.path('releases', `.incoming-${randomBytes(6).toString('hex')}`);
      await host.must('staging', MAKE_DIR, [staging]);
      await host.must('write-compose', WRITE_FILE, [`${staging}/compose.yaml`], { stdin: compose.content });
      await host.must('write-env', WRITE_PRIVATE_FILE, [`${staging}/.env`], {
        stdin: renderComposeEnvFile(compose, config.version, config.env),
        echo: false,
      });
      await host.must('place', COMPOSE_PLACE, [staging, ctx.releaseDir(config.version)]);
    });
    await ctx.phase('pull', () => driver.compose('pull', config.version, compose));
  };
  return { driver, install };
}
