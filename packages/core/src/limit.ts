/** Runs `work` over items, at most `limit` at a time; after a failure with `failFast`, starts no more. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  failFast: boolean,
  work: (item: T, index: number) => Promise<boolean>,
): Promise<void> {
  // One iterator shared by the workers: each takes the next item when it is free.
  const queue = items.entries();
  let stop = false;
  const worker = async (): Promise<void> => {
    for (let entry = queue.next(); !stop && !entry.done; entry = queue.next()) {
      const [index, item] = entry.value;
      const ok = await work(item, index);
      if (!ok && failFast) stop = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
