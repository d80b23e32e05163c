import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  ConfigurationError,
  ConsoleLogger,
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

export function loadActionYaml(root: string, name: string): ActionYaml {
  return parse(readFileSync(join(root, name, 'action.yml'), 'utf8')) as ActionYaml;
}

/** `--name value`, `--name=value`; a repeated flag adds a line (lists, KEY=VALUE blocks). */
export function parseFlags(args: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
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

function usage(actions: ReadonlyMap<string, ActionDefinition<unknown>>): string {
  return [
    'Usage: deploy-kit <action> [--<input> <value> ...]',
    '       deploy-kit <action> --help',
    '',
    `Actions: ${[...actions.keys()].join(', ')}`,
    'Inputs and defaults are those of <action>/action.yml. Outputs are printed as name=value lines.',
  ].join('\n');
}

function inputHelp(name: string, spec: ActionYaml): string {
  const lines = [`deploy-kit ${name}: ${spec.description ?? ''}`, '', 'Inputs:'];
  for (const [input, def] of Object.entries(spec.inputs ?? {})) {
    const dflt = def.default !== undefined && def.default !== '' ? ` (default ${String(def.default)})` : '';
    lines.push(`  --${input}${def.required ? ' (required)' : ''}${dflt}`, `      ${def.description ?? ''}`);
  }
  return lines.join('\n');
}

/**
 * Builds the runtime for running an action from a terminal: inputs from flags over action.yml
 * defaults, plain redacted logs on stderr, outputs on stdout.
 */
export function cliRuntime(name: string, args: readonly string[], io: CliIo): Runtime {
  const spec = loadActionYaml(io.root, name);
  const declared = spec.inputs ?? {};
  const flags = parseFlags(args);
  for (const flag of flags.keys()) {
    if (!(flag in declared)) {
      throw new ConfigurationError(`Unknown input --${flag} for ${name}; see 'deploy-kit ${name} --help'`);
    }
  }
  const secrets = new SecretRegistry();
  const summary: string[] = [];
  return {
    inputs: (input) =>
      flags.get(input) ??
      (declared[input]?.default === undefined ? undefined : String(declared[input].default)),
    logger: new ConsoleLogger(secrets, io.stderr, io.env.DEPLOY_KIT_DEBUG === 'true'),
    secrets,
    setOutput: (output, value) => io.stdout(secrets.redact(`${output}=${value}`)),
    appendSummary: (markdown) => summary.push(markdown),
    env: io.env,
  };
}

export type CliCommand =
  | { kind: 'help'; text: string; exitCode: number }
  | { kind: 'run'; definition: ActionDefinition<unknown>; runtime: Runtime };

export function resolveCommand(
  argv: readonly string[],
  actions: ReadonlyMap<string, ActionDefinition<unknown>>,
  io: CliIo,
): CliCommand {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h')
    return { kind: 'help', text: usage(actions), exitCode: name ? 0 : 2 };
  const definition = actions.get(name);
  if (!definition)
    return { kind: 'help', text: `Unknown action ${JSON.stringify(name)}\n\n${usage(actions)}`, exitCode: 2 };
  if (args.includes('--help') || args.includes('-h'))
    return { kind: 'help', text: inputHelp(name, loadActionYaml(io.root, name)), exitCode: 0 };
  return { kind: 'run', definition, runtime: cliRuntime(name, args, io) };
}
