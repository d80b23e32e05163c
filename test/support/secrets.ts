import { readdirSync, readFileSync } from 'node:fs';
/**
 * Fails when `secret` appears in `text` anywhere except the runner's own `::add-mask::` commands
 * (which is how an action asks the runner to mask it).
 */
export function assertNoSecret(text: string, secret: string, where: string): void {
  const lines = text.split('\n').filter((line) => !line.startsWith('::add-mask::'));
  const leaked = lines.find((line) => line.includes(secret));
  if (leaked !== undefined) throw new Error(`secret leaked into ${where}: ${leaked.slice(0, 200)}`);
}

/**
 * Samples every process's argv (/proc/<pid>/cmdline) every few milliseconds until stopped: what a
 * secret-on-the-command-line check looks at. Returns the distinct command lines seen.
 */
export function sampleCommandLines(): { stop(): Promise<Set<string>> } {
  const samples = new Set<string>();
  let sampling = true;
  const loop = (async () => {
    while (sampling) {
      for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
          samples.add(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
        } catch {
          /* exited */
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    stop: async () => {
      sampling = false;
      await loop;
      return samples;
    },
  };
}
