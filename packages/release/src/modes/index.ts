import type { ReleaseConfig, ReleaseManifest } from '../types.js';
import type { HostContext } from './context.js';
import { ComposeMode, composeMode } from './compose.js';
import { ContainerMode, containerMode } from './container.js';
import type { InstallingMode, ModeDriver } from './mode.js';
import { ReleaseMode, releaseMode } from './release.js';

/** The mode object of a deploy, with the way it installs this deploy's release. */
export function deployMode(ctx: HostContext, config: ReleaseConfig): InstallingMode {
  switch (config.mode) {
    case 'release':
      return releaseMode(ctx, config);
    case 'container':
      return containerMode(ctx, config);
    case 'compose':
      return composeMode(ctx, config);
  }
}

/**
 * The mode object that runs a recorded release again (rollback), from its manifest; undefined when
 * the manifest lacks its mode's part (a mode this version does not know, or a damaged file).
 */
export function recordedMode(manifest: ReleaseManifest): ((ctx: HostContext) => ModeDriver) | undefined {
  const { container, compose } = manifest;
  switch (manifest.mode) {
    case 'release': {
      const { startCommand, stopCommand, restartCommand } = manifest;
      return (ctx) => new ReleaseMode(ctx, { startCommand, stopCommand, restartCommand });
    }
    case 'container':
      return container && ((ctx) => new ContainerMode(ctx, container));
    case 'compose':
      return compose && ((ctx) => new ComposeMode(ctx, compose));
    default:
      return undefined;
  }
}
