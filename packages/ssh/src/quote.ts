/**
 * The one place where data meets a remote shell. Every argument is single-quoted (a quote inside
 * becomes '\''), so `; rm -rf /`, `$(…)`, backticks and newlines arrive as literal bytes.
 */
export function shellQuote(arg: string): string {
  if (arg.includes('\0')) throw new Error('An argument for a remote command contains a NUL byte');
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('Empty remote command');
  return argv.map(shellQuote).join(' ');
}

/**
 * A fixed POSIX sh script run with positional arguments: `sh -c '<script>' <name> "$1" "$2" …`.
 * The script text is a constant of our code; only `args` carry data, and they are quoted.
 */
export function scriptArgv(name: string, script: string, args: readonly string[] = []): string[] {
  return ['sh', '-c', script, name, ...args];
}
