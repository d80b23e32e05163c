import type { HostContext } from '../modes/context.js';
import type { Slot, SlotState } from '../types.js';

/**
 * How a proxy moves traffic between the two slots (blue-green). HostDeploy calls `check` before it
 * starts anything, `switchTo` in the switch phase (and to switch back), `drain` in the drain phase.
 */
export interface ProxySwitch {
  /** Fails, naming what is wrong, when the proxy cannot be switched: nothing has changed yet. */
  check(): Promise<void>;
  /** New connections and requests go to `slot` on `port` from now on. */
  switchTo(slot: Slot, port: number): Promise<void>;
  /** Waits, at most `maxMs`, until the old slot serves nothing any more. */
  drain(old: SlotState, maxMs: number): Promise<void>;
}

/** How often a drain asks the proxy what the old slot still serves. */
const DRAIN_POLL_MS = 50;

/**
 * Waits, at most `maxMs`, until `count` (what the proxy says the old slot still serves) is 0;
 * warns with `what` when time runs out first.
 */
export async function drainUntilIdle(
  ctx: HostContext,
  old: SlotState,
  maxMs: number,
  what: string,
  count: () => Promise<number>,
): Promise<void> {
  const { clock, signal } = ctx.deps;
  const deadline = clock.now() + maxMs;
  let left = await count();
  while (left > 0 && clock.now() < deadline) {
    await clock.sleep(Math.min(DRAIN_POLL_MS, deadline - clock.now()), signal);
    left = await count();
  }
  if (left > 0)
    ctx.logger.warning(
      `${ctx.label}: the old ${old.slot} slot still had ${left} ${what} after drain (${maxMs} ms)`,
    );
}

/** Logs how long the switch took, from its first command until the new slot takes traffic. */
export function switched(ctx: HostContext, slot: Slot, started: number, how: string): void {
  ctx.logger.info(
    `${ctx.label}: traffic switched to ${slot} in ${ctx.deps.clock.now() - started} ms (${how})`,
  );
}
