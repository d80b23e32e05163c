import { readFileSync } from 'node:fs';
import type { Sshd } from './sshd.js';

/** The injection strings every value reaching a host, a path or a command is tested with (CONTRIBUTING.md), each trying to create `marker` if it were ever executed. */
export function injectionStrings(marker: string): string[] {
  return [
    `; touch ${marker}`,
    `$(touch ${marker})`,
    `\`touch ${marker}\``,
    `a\ntouch ${marker}`,
    '../../etc',
    '-rf',
  ];
}

/** Connections the sshd has seen so far: an input rejected "before connecting" must not add one. */
export function sshdConnections(sshd: Sshd): number {
  return (readFileSync(sshd.logPath, 'utf8').match(/Connection from|Accepted publickey/g) ?? []).length;
}

/**
 * The connection count once sshd's log has stopped growing (150 ms without a new line): sshd logs
 * asynchronously, so a connection made just before (a readiness probe) can show up late.
 */
export async function settledConnections(sshd: Sshd): Promise<number> {
  let last = sshdConnections(sshd);
  for (let stableFor = 0; stableFor < 150;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = sshdConnections(sshd);
    stableFor = now === last ? stableFor + 50 : 0;
    last = now;
  }
  return last;
}
