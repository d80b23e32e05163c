/**
 * Runs every clean-up step, each on its own: when a setup step failed, the resources it did not
 * make are unset, and their step fails (a TypeError) without keeping the others from running.
 */
export async function teardown(...steps: Array<() => unknown>): Promise<void> {
  await Promise.allSettled(steps.map(async (step) => step()));
}
