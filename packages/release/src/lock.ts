import { ActionFailedError, formatMs, type Clock, type Logger } from '@deploy-kit/core';
import { LOCK_ACQUIRE, LOCK_RELEASE_IF_HOLDER } from './scripts.js';
import type { RemoteHost } from './remote.js';
import type { RunInfo } from './types.js';

export interface LockHolder {
  runId: string;
  actor: string;
  sha: string;
  version: string;
  time: string;
  action?: string;
}

export const lockMessages = {
  held: (host: string, holder: string): string => `${host}: another deploy holds the lock (${holder})`,
  heldAfterWait: (host: string, holder: string, waited: string): string =>
    `${host}: another deploy still holds the lock after waiting ${waited} (${holder})`,
};

function describeHolder(json: string): string {
  try {
    const h = JSON.parse(json) as Partial<LockHolder>;
    return `run ${h.runId ?? '?'} by ${h.actor ?? '?'}, version ${h.version ?? '?'}, ${h.action ?? 'deploy'} since ${h.time ?? '?'}`;
  } catch {
    return 'holder unknown';
  }
}

/** The deploy lock: an atomic mkdir on the host, holding who took it; released only by its holder. */
export class DeployLock {
  private readonly holder: string;
  private held = false;

  constructor(
    private readonly host: RemoteHost,
    private readonly deployPath: string,
    run: RunInfo,
    version: string,
    clock: Clock,
    action = 'deploy',
  ) {
    const holder: LockHolder = {
      runId: run.runId,
      actor: run.actor,
      sha: run.sha,
      version,
      time: new Date(clock.now()).toISOString(),
      action,
    };
    this.holder = JSON.stringify(holder);
  }

  private get dir(): string {
    return `${this.deployPath}/.deploy-kit/lock`;
  }

  async acquire(options: {
    timeoutMs: number;
    breakStaleAfterMs?: number;
    clock: Clock;
    logger: Logger;
    signal: AbortSignal;
  }): Promise<void> {
    const { clock } = options;
    const deadline = clock.now() + options.timeoutMs;
    for (;;) {
      const result = await this.host.script('lock', LOCK_ACQUIRE, [
        `${this.deployPath}/.deploy-kit`,
        this.dir,
        this.holder,
      ]);
      if (result.code === 0) {
        this.held = true;
        return;
      }
      if (result.code !== 3)
        throw new ActionFailedError(
          `${this.host.label}: cannot take the deploy lock: ${result.stderr.trim()}`,
        );
      const current = result.stdout.trim();
      if (options.breakStaleAfterMs !== undefined) {
        const since = Date.parse((JSON.parse(current || '{}') as Partial<LockHolder>).time ?? '');
        const age = Number.isNaN(since) ? Infinity : clock.now() - since;
        if (age > options.breakStaleAfterMs) {
          options.logger.warning(
            `${this.host.label}: breaking a stale lock (older than ${formatMs(options.breakStaleAfterMs)}): ${describeHolder(current)}`,
          );
          await this.host.script('lock-break', LOCK_RELEASE_IF_HOLDER, [this.dir, current]);
          continue;
        }
      }
      if (clock.now() >= deadline) {
        const message =
          options.timeoutMs > 0
            ? lockMessages.heldAfterWait(
                this.host.label,
                describeHolder(current),
                formatMs(options.timeoutMs),
              )
            : lockMessages.held(this.host.label, describeHolder(current));
        throw new ActionFailedError(message);
      }
      await clock.sleep(Math.min(1000, deadline - clock.now()), options.signal);
    }
  }

  /** Releases the lock if we still hold it; never throws (called from finally blocks). */
  async release(logger: Logger, timeoutMs = 15_000): Promise<void> {
    if (!this.held) return;
    try {
      const result = await this.host.conn.exec(
        ['sh', '-c', LOCK_RELEASE_IF_HOLDER, 'dk-unlock', this.dir, this.holder],
        { timeoutMs },
      );
      if (result.code === 0) this.held = false;
      else logger.warning(`${this.host.label}: the lock was not ours any more: ${result.stdout.trim()}`);
    } catch (error) {
      logger.warning(
        `${this.host.label}: could not release the deploy lock: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
