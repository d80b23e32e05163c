import { readFileSync } from 'node:fs';
import type { Sshd } from './sshd.js';

/** The injection strings of DEVELOPERS.md, each trying to create `marker` if it were ever executed. */
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
