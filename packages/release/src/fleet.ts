import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionFailedError, CancelledError, type Logger } from '@deploy-kit/core';
import { formatTarget, type SshConnection, type SshTarget } from '@deploy-kit/ssh';
import { HostDeploy } from './host.js';
import { DeployLock } from './lock.js';
import { RemoteHost } from './remote.js';
import type { DeployDeps, HostOutcome, ReleaseConfig } from './types.js';
import { writeArchive } from './upload.js';

export interface FleetResult {
  ok: boolean;
  /** True when the deploy failed and every host serves (again) what it served before. */
  rolledBack: boolean;
  hosts: HostOutcome[];
  durationMs: number;
  error?: string;
}

/** Runs `work` over items, at most `limit` at a time; after a failure with `failFast`, starts no more. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  failFast: boolean,
  work: (item: T, index: number) => Promise<boolean>,
): Promise<void> {
  let next = 0;
  let stop = false;
  const worker = async (): Promise<void> => {
    while (!stop && next < items.length) {
      const index = next++;
      const ok = await work(items[index]!, index);
      if (!ok && failFast) stop = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function connectAll(
  targets: readonly SshTarget[],
  config: ReleaseConfig,
  deps: DeployDeps,
): Promise<SshConnection[]> {
  const conns: Array<SshConnection | undefined> = new Array<SshConnection | undefined>(targets.length);
  const errors: string[] = [];
  await eachLimited(targets, config.maxParallel, false, async (target, i) => {
    try {
      conns[i] = await deps.connect(target);
      return true;
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      errors.push(message(error));
      return false;
    }
  });
  if (errors.length > 0) {
    for (const conn of conns) conn?.close();
    throw new ActionFailedError(`${errors.join('; ')}. Nothing was changed.`);
  }
  return conns as SshConnection[];
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
  const logger: Logger = deps.logger;
  const conns = await connectAll(targets, config, deps);
  // Several hosts: archive the directory once and send the same bytes to each, instead of one tar
  // process per host reading every file again.
  let archiveDir: string | undefined;
  if (targets.length > 1 && statSync(config.source).isDirectory()) {
    archiveDir = mkdtempSync(join(tmpdir(), 'deploy-kit-'));
    const archive = join(archiveDir, 'release.tar');
    await writeArchive(config.source, config.exclude, archive);
    config = { ...config, source: archive, exclude: [] };
  }
  const hosts = conns.map(
    (conn, i) =>
      new HostDeploy(
        new RemoteHost(conn, formatTarget(targets[i]!), logger, config.commandTimeoutMs, deps.signal),
        config,
        deps,
      ),
  );
  const locks = hosts.map(
    (h) => new DeployLock(h.host, config.deployPath, config.run, config.version, deps.clock),
  );
  let failure: string | undefined;
  try {
    const lockErrors: string[] = [];
    await Promise.all(
      locks.map((lock) =>
        lock
          .acquire({
            timeoutMs: config.lockTimeoutMs,
            breakStaleAfterMs: config.breakStaleLockAfterMs,
            clock: deps.clock,
            logger,
            signal: deps.signal,
          })
          .catch((error: unknown) => {
            if (error instanceof CancelledError) throw error;
            lockErrors.push(message(error));
          }),
      ),
    );
    if (lockErrors.length > 0) throw new ActionFailedError(lockErrors.join('; '));
    await Promise.all(hosts.map((h) => h.inspect()));

    await eachLimited(hosts, config.maxParallel, config.failFast, async (host) => {
      if (host.isUnchanged) {
        host.status = 'unchanged';
        logger.info(`${host.host.label}: ${config.version} is already live; nothing to do`);
        return true;
      }
      try {
        await logger.group(
          `${host.host.label}: deploy ${config.version}${host.previous ? ` (live: ${host.previous})` : ''}`,
          () => host.deploy(),
        );
        host.status = 'deployed';
        return true;
      } catch (error) {
        if (error instanceof CancelledError && !host.switched) throw error;
        host.status = 'failed';
        host.error = message(error);
        logger.error(host.error);
        failure ??= host.error;
        return false;
      }
    });

    if (failure !== undefined && config.rollbackOnFailure) {
      for (const host of hosts.filter((h) => h.switched)) {
        try {
          await host.switchBack();
        } catch (error) {
          logger.error(`${host.host.label}: switching back failed: ${message(error)}`);
          host.error = `${host.error ?? ''} switch back failed: ${message(error)}`.trim();
        }
      }
    }

    await Promise.all(
      hosts.map(async (h) => {
        if (h.status === 'skipped') return;
        const status =
          h.status === 'deployed'
            ? 'success'
            : h.status === 'unchanged'
              ? 'unchanged'
              : h.status === 'rolled-back'
                ? 'rolled-back'
                : 'failed';
        await h.record({
          event: 'deploy',
          version: config.version,
          previous: h.previous,
          slot: h.slot,
          status,
          error: h.error,
        });
      }),
    );
    if (failure === undefined) {
      for (const h of hosts.filter((x) => x.status === 'deployed')) {
        await h
          .prune()
          .catch((error: unknown) => logger.warning(`${h.host.label}: pruning failed: ${message(error)}`));
      }
    }
  } catch (error) {
    // Cancelled: there is no time to switch back within the runner's grace period (and every remote
    // step would see the aborted signal), so leave the target in a recorded state instead.
    if (error instanceof CancelledError) {
      await Promise.all(
        hosts
          .filter((h) => h.phases.length > 0)
          .map((h) =>
            h.record({
              event: 'deploy',
              version: config.version,
              previous: h.previous,
              slot: h.slot,
              status: 'cancelled',
              error: h.switched
                ? `cancelled after switching to ${config.version}`
                : 'cancelled before the switch',
            }),
          ),
      );
    }
    throw error;
  } finally {
    await Promise.all(locks.map((lock) => lock.release(logger)));
    for (const conn of conns) conn.close();
    if (archiveDir) rmSync(archiveDir, { recursive: true, force: true });
  }
  const outcomes = hosts.map((h) => h.outcome());
  return {
    ok: failure === undefined,
    rolledBack: failure !== undefined && hosts.every((h) => !h.switched),
    hosts: outcomes,
    durationMs: deps.clock.now() - started,
    error: failure,
  };
}
