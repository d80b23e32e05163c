import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './procs.js';
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

/**
 * Files holding a registry login for `user:password` (the base64 form auth files store) where
 * logins land by default, in `extra` places, and in every mktemp dir under /tmp (where the pull
 * scripts keep their temporary configs). Only existing places are searched: grep exits 2 on a
 * missing one, which must not read as "nothing found".
 */
export async function filesWithLogin(
  user: string,
  password: string,
  extra: string[] = [],
): Promise<string[]> {
  const encoded = Buffer.from(`${user}:${password}`).toString('base64');
  const places = [
    '/run/containers',
    `${process.env.HOME}/.config/containers`,
    `${process.env.HOME}/.docker`,
    ...extra,
    ...readdirSync('/tmp')
      .filter((d) => d.startsWith('tmp.'))
      .map((d) => join('/tmp', d)),
  ].filter((p) => existsSync(p));
  const found = await run('grep', ['-rlsF', encoded, ...places]);
  if (found.code > 1) throw new Error(`grep failed (${found.code}): ${found.stderr}`);
  return found.stdout.split('\n').filter(Boolean);
}
