// The runner's reading of a step's log, for tests that check what text can reach it as a command.

/**
 * What the runner would honour in a log: it splits on \r\n, \r and \n, reads `::name …::data`
 * at a line's start (after whitespace) as a command, and honours none inside stop-commands.
 */
export function honouredCommands(log: string): string[] {
  const commands: string[] = [];
  let stopToken: string | undefined;
  for (const raw of log.split(/\r\n|\r|\n/)) {
    const line = raw.trimStart();
    const match = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line);
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    if (!match) continue;
    if (match[1] === 'stop-commands') stopToken = match[3];
    else commands.push(`${match[1]}${match[2] ?? ''}`);
  }
  return commands;
}
