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
