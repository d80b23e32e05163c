import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigurationError,
  ConsoleLogger,
  InputReader,
  loadYaml,
  SecretRegistry,
  type ActionDefinition,
  type Runtime,
} from '@deploy-kit/core';

interface ActionYaml {
  description?: string;
  inputs?: Record<string, { description?: string; default?: string | number | boolean; required?: boolean }>;
}

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** Repository root, where `<action>/action.yml` lives. */
  root: string;
}

/** yaml is loaded on demand: `deploy-kit --help` and a mistyped action name should not pay for it. */
export async function loadActionYaml(root: string, name: string): Promise<ActionYaml> {
  const { parse } = await loadYaml();
  // The root action (`uses: org/deploy-kit@v1`) is `deploy` on the command line; its action.yml is at the root.
  const dir = name === 'deploy' ? '' : name;
  return parse(readFileSync(join(root, dir, 'action.yml'), 'utf8')) as ActionYaml;
}

/** A job summary for a terminal: HTML entities back, tags and Mermaid charts out. */
export function terminalSummary(markdown: string): string {
  const text = markdown
    .replace(/```mermaid\n[\s\S]*?```\n?/g, '(chart: in the GitHub job summary)\n')
    .replace(/<br>/g, ' / ')
    .replace(/<\/?(?:details|summary)>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
  return `\n── summary ──\n${text}\n`;
}

/** Actions are imported on demand, so the CLI loads only the one it runs. */
export type ActionLoader = () => Promise<ActionDefinition<unknown>>;

/** `--name value`, `--name=value`; a repeated flag adds a line (lists, KEY=VALUE blocks). */
export function parseFlags(args: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--') || arg === '--')
      throw new ConfigurationError(
        `Unexpected argument ${JSON.stringify(arg)}: inputs are given as --name value`,
      );
    const eq = arg.indexOf('=');
    let name: string;
    let value: string;
    if (eq > 2) {
      name = arg.slice(2, eq);
      value = arg.slice(eq + 1);
    } else {
      name = arg.slice(2);
      const next = args[i + 1];
      if (next === undefined) throw new ConfigurationError(`Flag --${name} needs a value`);
      value = next;
      i += 1;
    }
    const previous = flags.get(name);
    flags.set(name, previous === undefined ? value : `${previous}\n${value}`);
  }
  return flags;
}

function usage(actions: ReadonlyMap<string, ActionLoader>): string {
  return [
    'Usage: deploy-kit <action> [--<input> <value> ...]',
    '       deploy-kit <action> --help',
    '',
    `Actions: ${[...actions.keys()].join(', ')}`,
    'Inputs and defaults are those of <action>/action.yml. Outputs are printed as name=value lines.',
    'Any input can also come from DEPLOY_KIT_<INPUT> (ssh-key: DEPLOY_KIT_SSH_KEY): use that for secrets.',
  ].join('\n');
}

/**
 * Expressions in action.yml defaults that the runner evaluates before the action starts. In a
 * terminal they come from the environment, as the gh CLI reads them; any other expression is
 * empty there: passed on literally it would be a bad value the user never typed.
 */
const TERMINAL_CONTEXT: Record<string, { env: string; otherwise: string }> = {
  'github.token': { env: 'GITHUB_TOKEN', otherwise: '' },
  'github.api_url': { env: 'GITHUB_API_URL', otherwise: 'https://api.github.com' },
};
const EXPRESSION = /\$\{\{\s*([\w.]+)\s*\}\}/g;

/** An action.yml default as a terminal run reads it. */
export function cliDefault(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(EXPRESSION, (_whole, expression: string) => {
    const context = TERMINAL_CONTEXT[expression];
    return context ? (env[context.env] ?? context.otherwise) : '';
  });
}

/** How a default reads in --help: an expression, and where a terminal run takes it from. */
function defaultHelp(value: string): string {
  const terminal = value.replace(EXPRESSION, (_whole, expression: string) => {
    const context = TERMINAL_CONTEXT[expression];
    return context ? `$${context.env}${context.otherwise ? ` or ${context.otherwise}` : ''}` : "''";
  });
  return terminal === value ? value : `${value}; here ${terminal}`;
}

function inputHelp(name: string, spec: ActionYaml): string {
  const lines = [`deploy-kit ${name}: ${spec.description ?? ''}`, '', 'Inputs:'];
  for (const [input, def] of Object.entries(spec.inputs ?? {})) {
    const dflt =
      def.default !== undefined && def.default !== '' ? ` (default ${defaultHelp(String(def.default))})` : '';
    lines.push(`  --${input}${def.required ? ' (required)' : ''}${dflt}`, `      ${def.description ?? ''}`);
  }
  return lines.join('\n');
}

/** The environment variable an input can be given in: `ssh-key` → `DEPLOY_KIT_SSH_KEY`. */
export function cliEnvName(input: string): string {
  return `DEPLOY_KIT_${input.replace(/-/g, '_').toUpperCase()}`;
}

/**
 * Builds the runtime for running an action from a terminal: inputs from flags over action.yml
 * defaults, plain redacted logs on stderr, outputs on stdout.
 */
export async function cliRuntime(name: string, args: readonly string[], io: CliIo): Promise<Runtime> {
  const spec = await loadActionYaml(io.root, name);
  const declared = spec.inputs ?? {};
  const flags = parseFlags(args);
  for (const flag of flags.keys()) {
    if (!(flag in declared)) {
      throw new ConfigurationError(`Unknown input --${flag} for ${name}; see 'deploy-kit ${name} --help'`);
    }
  }
  const secrets = new SecretRegistry();
  return {
    // Flags first, then DEPLOY_KIT_<INPUT> from the environment (the way to pass a key or token
    // without putting it on the command line, where `ps` shows it), then action.yml's default.
    inputs: (input) =>
      flags.get(input) ??
      io.env[cliEnvName(input)] ??
      (declared[input]?.default === undefined
        ? undefined
        : cliDefault(String(declared[input].default), io.env)),
    logger: new ConsoleLogger(secrets, io.stderr, io.env.DEPLOY_KIT_DEBUG === 'true'),
    secrets,
    setOutput: (output, value) => io.stdout(secrets.redact(`${output}=${value}`)),
    // The job summary, readable in a terminal: tables as they are, HTML and charts left out.
    appendSummary: (markdown) => io.stderr(secrets.redact(terminalSummary(markdown))),
    env: io.env,
  };
}

export type CliCommand =
  | { kind: 'help'; text: string; exitCode: number }
  | { kind: 'plan'; text: string }
  | { kind: 'run'; definition: ActionDefinition<unknown>; runtime: Runtime };

/** `--dry-run`: validates the inputs and prints the plan; nothing connects. Exit 1 on a bad input. */
async function dryRun(
  definition: ActionDefinition<unknown>,
  runtime: Runtime,
  name: string,
): Promise<CliCommand> {
  if (!definition.plan)
    throw new ConfigurationError(
      `--dry-run is not supported by ${name} (deploy-ssh and deploy-swarm support it)`,
    );
  const inputs = await definition.readInputs(new InputReader(runtime.inputs, runtime.secrets), runtime.env);
  return { kind: 'plan', text: runtime.secrets.redact(definition.plan(inputs).join('\n')) };
}

export async function resolveCommand(
  argv: readonly string[],
  actions: ReadonlyMap<string, ActionLoader>,
  io: CliIo,
): Promise<CliCommand> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    return { kind: 'help', text: usage(actions), exitCode: name ? 0 : 2 };
  }
  const load = actions.get(name);
  if (!load)
    return { kind: 'help', text: `Unknown action ${JSON.stringify(name)}\n\n${usage(actions)}`, exitCode: 2 };
  if (args.includes('--help') || args.includes('-h')) {
    return { kind: 'help', text: inputHelp(name, await loadActionYaml(io.root, name)), exitCode: 0 };
  }
  const dry = args.includes('--dry-run');
  const definition = await load();
  const runtime = await cliRuntime(
    name,
    args.filter((a) => a !== '--dry-run'),
    io,
  );
  if (dry) return dryRun(definition, runtime, name);
  return { kind: 'run', definition, runtime };
}
