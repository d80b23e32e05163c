import { PassThrough } from 'node:stream';
import { ActionFailedError, errorMessage, formatMs, type Clock, type Logger } from '@deploy-kit/core';
import { scriptArgv, type ExecResult } from '@deploy-kit/ssh';
import { LOCK_ACQUIRE, LOCK_HOLDER, LOCK_KEEPER, LOCK_RELEASE_IF_HOLDER } from './scripts.js';
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
  holderGone: (host: string, holder: string): string =>
    `${host}: taking over a lock whose holder is gone (its SSH session ended without releasing it; killed or lost): ${holder}`,
};

type Liveness = 'held' | 'busy' | 'unsupported';

function describeHolder(json: string): string {
  try {
    const h = JSON.parse(json) as Partial<LockHolder>;
    return `run ${h.runId ?? '?'} by ${h.actor ?? '?'}, version ${h.version ?? '?'}, ${h.action ?? 'deploy'} since ${h.time ?? '?'}`;
  } catch {
    return 'holder unknown';
  }
}

/**
 * The deploy lock: an atomic mkdir on the host, holding who took it; released only by its holder.
 * Beside it, where the host has flock(1), the holder keeps a flock for as long as its SSH session
 * lives: a lock directory without a live flock holder was left by a run that died (SIGKILL, a lost
 * runner), and the next deploy takes it over with a warning instead of waiting for a human.
 */
export class DeployLock {
  private readonly holder: string;
  private held = false;
  private keeper?: { stdin: PassThrough; done: Promise<ExecResult | undefined> };

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

  /** Starts the liveness keeper: 'held' by us now, 'busy' (a live session has it) or 'unsupported'. */
  private async keepAlive(): Promise<Liveness> {
    const stdin = new PassThrough();
    let markAlive = (): void => undefined;
    const alive = new Promise<'alive'>((resolve) => (markAlive = () => resolve('alive')));
    // No deadline and no cancel signal: it must live exactly as long as the lock (release() ends it).
    const done = this.host.conn
      .exec(scriptArgv('dk-lock-keeper', LOCK_KEEPER, [`${this.dir}.alive`]), {
        stdin,
        onOutput: (text, stream) => {
          if (stream === 'stdout' && text.includes('alive')) markAlive();
        },
      })
      .catch((): ExecResult | undefined => undefined);
    const first = await Promise.race([alive, done]);
    if (first === 'alive') {
      this.keeper = { stdin, done };
      return 'held';
    }
    stdin.end();
    if (first?.code === 4) return 'busy';
    if (first?.code === 5) return 'unsupported';
    // Anything else (the session refused, flock failing): holding the directory without the flock
    // would let the next run take this live lock for a dead one's.
    const why = first
      ? `exit ${first.code ?? first.signal ?? '?'}: ${first.stderr.trim()}`
      : 'the session could not be opened';
    throw new ActionFailedError(
      `${this.host.label}: cannot keep the deploy lock's liveness flock (${why}); not deploying without it`,
    );
  }

  private async stopKeeper(): Promise<void> {
    const keeper = this.keeper;
    this.keeper = undefined;
    if (!keeper) return;
    keeper.stdin.end();
    await keeper.done;
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
    // Set once the user's break-stale-lock-after has broken a holder that is still alive: from then
    // on its liveness flock cannot mean "held", only the directory counts.
    let brokeLiveHolder = false;
    for (;;) {
      const liveness: Liveness = brokeLiveHolder ? 'unsupported' : await this.keepAlive();
      let current: string;
      if (liveness === 'busy') {
        // A live session holds it: only read who, never race it for the directory.
        current = (await this.host.script('lock-holder', LOCK_HOLDER, [this.dir])).stdout.trim();
      } else {
        const result = await this.host.script('lock', LOCK_ACQUIRE, [
          `${this.deployPath}/.deploy-kit`,
          this.dir,
          this.holder,
        ]);
        if (result.code === 0) {
          this.held = true;
          return;
        }
        if (result.code !== 3) {
          await this.stopKeeper();
          throw new ActionFailedError(
            `${this.host.label}: cannot take the deploy lock: ${result.stderr.trim()}`,
          );
        }
        current = result.stdout.trim();
        if (liveness === 'held') {
          // We hold the liveness flock, so no live session holds this lock directory.
          options.logger.warning(lockMessages.holderGone(this.host.label, describeHolder(current)));
          await this.host.script('lock-break', LOCK_RELEASE_IF_HOLDER, [this.dir, current]);
          await this.stopKeeper();
          continue;
        }
      }
      // '{}' from a live holder is one that has not written its holder file yet, not a stale one.
      if (options.breakStaleAfterMs !== undefined && !(liveness === 'busy' && current === '{}')) {
        const since = Date.parse((JSON.parse(current || '{}') as Partial<LockHolder>).time ?? '');
        const age = Number.isNaN(since) ? Infinity : clock.now() - since;
        if (age > options.breakStaleAfterMs) {
          options.logger.warning(
            `${this.host.label}: breaking a stale lock (older than ${formatMs(options.breakStaleAfterMs)}): ${describeHolder(current)}`,
          );
          await this.host.script('lock-break', LOCK_RELEASE_IF_HOLDER, [this.dir, current]);
          brokeLiveHolder ||= liveness === 'busy';
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
      await this.releaseDirectory(logger, timeoutMs);
    } finally {
      // After the directory: a deploy seeing the flock free must never find our directory still there.
      await this.stopKeeper();
    }
  }

  private async releaseDirectory(logger: Logger, timeoutMs: number): Promise<void> {
    try {
      const result = await this.host.conn.exec(
        ['sh', '-c', LOCK_RELEASE_IF_HOLDER, 'dk-unlock', this.dir, this.holder],
        { timeoutMs },
      );
      if (result.code === 0) this.held = false;
      else logger.warning(`${this.host.label}: the lock was not ours any more: ${result.stdout.trim()}`);
    } catch (error) {
      logger.warning(`${this.host.label}: could not release the deploy lock: ${errorMessage(error)}`);
    }
  }
}
