import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionFailedError, eachLimited, errorMessage, CancelledError, type Logger } from '@deploy-kit/core';
import { formatTarget, type SshTarget } from '@deploy-kit/ssh';
import { HostDeploy } from './host.js';
import { DeployLock } from './lock.js';
import { CANCELLED_STEP_MS, RemoteHost } from './remote.js';
import type { DeployDeps, HistoryEntry, HostOutcome, ReleaseConfig, RunInfo } from './types.js';
import { sourceManifest } from './incremental.js';
import { writeArchive } from './upload.js';

export interface FleetResult {
  ok: boolean;
  /** True when the run failed and every host serves (again) what it served before. */
  rolledBack: boolean;
  hosts: HostOutcome[];
  durationMs: number;
  error?: string;
}

/** What every fleet operation needs to reach and lock its hosts. */
export interface FleetOptions {
  deployPath: string;
  maxParallel: number;
  commandTimeoutMs: number;
  lockTimeoutMs: number;
  breakStaleLockAfterMs?: number;
  run: RunInfo;
  /** Named in the lock so a blocked run can say who holds it. */
  lockVersion: string;
  lockAction: 'deploy' | 'rollback';
}

/** Connects every host (all or nothing) and returns a RemoteHost per target. */
export async function connectFleet(
  targets: readonly SshTarget[],
  options: Pick<FleetOptions, 'maxParallel' | 'commandTimeoutMs'>,
  deps: DeployDeps,
): Promise<RemoteHost[]> {
  const hosts: Array<RemoteHost | undefined> = targets.map(() => undefined);
  const errors: string[] = [];
  await eachLimited(targets, options.maxParallel, false, async (target, i) => {
    try {
      const conn = await deps.connect(target);
      hosts[i] = new RemoteHost(
        conn,
        formatTarget(target),
        deps.logger,
        options.commandTimeoutMs,
        deps.signal,
      );
      return true;
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      errors.push(errorMessage(error));
      return false;
    }
  });
  const connected = hosts.filter((host) => host !== undefined);
  if (errors.length > 0) {
    for (const host of connected) host.conn.close();
    throw new ActionFailedError(`${errors.join('; ')}. Nothing was changed.`);
  }
  return connected;
}

/**
 * Connects and locks every host, runs `body`, then releases the locks and closes the connections
 * whatever happened. A host whose lock is held fails the whole run before anything changes.
 */
export async function withLockedFleet<T>(
  targets: readonly SshTarget[],
  options: FleetOptions,
  deps: DeployDeps,
  body: (remotes: RemoteHost[]) => Promise<T>,
): Promise<T> {
  const remotes = await connectFleet(targets, options, deps);
  const locks = remotes.map(
    (remote) =>
      new DeployLock(
        remote,
        options.deployPath,
        options.run,
        options.lockVersion,
        deps.clock,
        options.lockAction,
      ),
  );
  try {
    const lockErrors: string[] = [];
    await Promise.all(
      locks.map((lock) =>
        lock
          .acquire({
            timeoutMs: options.lockTimeoutMs,
            breakStaleAfterMs: options.breakStaleLockAfterMs,
            clock: deps.clock,
            logger: deps.logger,
            signal: deps.signal,
          })
          .catch((error: unknown) => {
            if (error instanceof CancelledError) throw error;
            lockErrors.push(errorMessage(error));
          }),
      ),
    );
    if (lockErrors.length > 0) throw new ActionFailedError(lockErrors.join('; '));
    return await body(remotes);
  } finally {
    // Cancelled: the runner allows 5 s in all, so the release gets a short deadline of its own.
    const releaseTimeoutMs = deps.signal.aborted ? CANCELLED_STEP_MS : 15_000;
    await Promise.all(locks.map((lock) => lock.release(deps.logger, releaseTimeoutMs)));
    for (const remote of remotes) remote.conn.close();
  }
}

/**
 * Runs `work` on each host (max-parallel, fail-fast); if any fails and `rollbackOnFailure`, switches
 * back every host this run switched, so the fleet never ends on mixed versions. Returns the first
 * failure. Cancellation before a host switched propagates at once.
 */
export async function switchFleet(
  hosts: readonly HostDeploy[],
  options: { maxParallel: number; failFast: boolean; rollbackOnFailure: boolean; logger: Logger },
  work: (host: HostDeploy) => Promise<void>,
): Promise<string | undefined> {
  const { logger } = options;
  let failure: string | undefined;
  await eachLimited(hosts, options.maxParallel, options.failFast, async (host) => {
    if (host.status === 'unchanged') return true;
    try {
      await work(host);
      host.status = 'deployed';
      return true;
    } catch (error) {
      if (error instanceof CancelledError && !host.switched) throw error;
      host.status = 'failed';
      host.error = errorMessage(error);
      logger.error(host.error);
      failure ??= host.error;
      return false;
    }
  });
  if (failure !== undefined && options.rollbackOnFailure) {
    for (const host of hosts.filter((h) => h.switched)) {
      try {
        await host.switchBack();
      } catch (error) {
        logger.error(`${host.host.label}: switching back failed: ${errorMessage(error)}`);
        host.error = `${host.error ?? ''} switch back failed: ${errorMessage(error)}`.trim();
      }
    }
  }
  return failure;
}

/**
 * migrate-command: installs the release on the migrate host (migrate-host, or the first host) and
 * runs the command there, once, before any host switches. A failure fails the deploy with nothing
 * switched (that host is marked failed). Skipped when that host already serves the version.
 */
async function migrateOnce(
  hosts: readonly HostDeploy[],
  config: ReleaseConfig,
  logger: Logger,
): Promise<string | undefined> {
  const migrate = config.hooks.migrate;
  if (!migrate) return undefined;
  const host = hosts.find((h) => h.host.label === migrate.host) ?? hosts[0];
  if (!host) return undefined;
  if (host.status === 'unchanged') {
    logger.info(`${host.host.label}: ${config.version} is already live there; migrate-command not run again`);
    return undefined;
  }
  try {
    await logger.group(`${host.host.label}: migrate (once, before any host switches)`, async () => {
      await host.install();
      await host.migrate(migrate.command);
    });
    return undefined;
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    host.status = 'failed';
    host.error = `migrate failed: ${errorMessage(error)}`;
    logger.error(host.error);
    return host.error;
  }
}

/** The history status of a host after a fleet operation. */
export function historyStatus(host: HostDeploy): HistoryEntry['status'] {
  switch (host.status) {
    case 'deployed':
      return 'success';
    case 'unchanged':
      return 'unchanged';
    case 'rolled-back':
      return 'rolled-back';
    default:
      return 'failed';
  }
}

/**
 * Cancelled: there is no time to switch back within the runner's grace period (and every remote
 * step would see the aborted signal), so leave each touched host in a recorded state instead.
 */
export async function recordCancelled(
  hosts: readonly HostDeploy[],
  event: HistoryEntry['event'],
  reason?: string,
): Promise<void> {
  await Promise.all(
    hosts
      .filter((h) => h.phases.length > 0)
      .map((h) =>
        h.record({
          event,
          version: h.targetVersion,
          previous: h.previous,
          slot: h.slot,
          status: 'cancelled',
          reason,
          error: h.switched
            ? `cancelled after switching to ${h.targetVersion}`
            : 'cancelled before the switch',
        }),
      ),
  );
}

/**
 * Deploys a release to every host: connect all, lock all, deploy each (max-parallel, fail-fast),
 * and if any host fails with rollback-on-failure, switch back the hosts this run switched, so the
 * fleet never ends on mixed versions. Locks are released and connections closed whatever happens.
 */
export async function deployRelease(
  config: ReleaseConfig,
  targets: readonly SshTarget[],
  deps: DeployDeps,
): Promise<FleetResult> {
  const started = deps.clock.now();
  const { logger } = deps;
  let archiveDir: string | undefined;
  // Hashed while the hosts connect and lock, and awaited by each upload once its host has read its
  // live release: on a redeploy most of this time is otherwise spent waiting (bench/upload).
  const manifest =
    config.mode === 'release' && statSync(config.source).isDirectory()
      ? sourceManifest(config.source, config.exclude)
      : undefined;
  // Settled as a value here too: a deploy that fails before any upload must not leave it unhandled.
  manifest?.catch(() => undefined);
  try {
    return await withLockedFleet(
      targets,
      { ...config, lockVersion: config.version, lockAction: 'deploy' },
      deps,
      async (remotes) => {
        if (config.mode === 'release' && manifest) {
          // The manifest lets each host receive only what its live release lacks (incremental.ts).
          // Several hosts: archive the directory once for full uploads and send the same bytes to
          // each, instead of one tar process per host reading every file again.
          let archive: string | undefined;
          if (targets.length > 1) {
            archiveDir = mkdtempSync(join(tmpdir(), 'deploy-kit-'));
            const gzip = config.upload.compression === 'gzip';
            archive = join(archiveDir, gzip ? 'release.tar.gz' : 'release.tar');
            await writeArchive(config.source, config.exclude, archive, { gzip });
          }
          config = { ...config, upload: { ...config.upload, manifest, archive } };
        }
        // Likewise an image sent over SSH: saved once (if any host lacks it), each host loads that.
        if (config.mode === 'container' && config.container.transfer === 'ssh' && targets.length > 1) {
          archiveDir = mkdtempSync(join(tmpdir(), 'deploy-kit-'));
          const sharedArchive = join(archiveDir, 'image.tar.gz');
          config = { ...config, container: { ...config.container, sharedArchive } };
        }
        const hosts = remotes.map((remote) => HostDeploy.deploy(remote, config, deps));
        let failure: string | undefined;
        try {
          await Promise.all(hosts.map((h) => h.inspect()));
          for (const host of hosts.filter((h) => h.isUnchanged)) {
            host.status = 'unchanged';
            logger.info(`${host.host.label}: ${config.version} is already live; nothing to do`);
          }
          failure = await migrateOnce(hosts, config, logger);
          if (failure === undefined)
            failure = await switchFleet(hosts, { ...config, logger }, (host) =>
              logger.group(
                `${host.host.label}: deploy ${config.version}${host.previous ? ` (live: ${host.previous})` : ''}`,
                () => host.deploy(),
              ),
            );
          if (failure !== undefined)
            for (const h of hosts.filter((x) => x.status === 'failed' || x.status === 'rolled-back'))
              await h.afterFailure();
          await Promise.all(
            hosts
              .filter((h) => h.status !== 'skipped')
              .map((h) =>
                h.record({
                  event: 'deploy',
                  version: config.version,
                  previous: h.previous,
                  slot: h.slot,
                  status: historyStatus(h),
                  error: h.error,
                }),
              ),
          );
          if (failure === undefined) {
            for (const h of hosts.filter((x) => x.status === 'deployed')) {
              await h
                .prune()
                .catch((error: unknown) =>
                  logger.warning(`${h.host.label}: pruning failed: ${errorMessage(error)}`),
                );
            }
          }
        } catch (error) {
          if (error instanceof CancelledError) await recordCancelled(hosts, 'deploy');
          throw error;
        }
        return {
          ok: failure === undefined,
          rolledBack: failure !== undefined && hosts.every((h) => !h.switched),
          hosts: hosts.map((h) => h.outcome()),
          durationMs: deps.clock.now() - started,
          error: failure,
        };
      },
    );
  } finally {
    if (archiveDir) rmSync(archiveDir, { recursive: true, force: true });
  }
}
