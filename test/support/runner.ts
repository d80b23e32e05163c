import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './paths.js';

/**
 * Runs a committed bundle exactly as the GitHub runner does: action.yml defaults applied, inputs as
 * INPUT_<NAME> (upper-cased, spaces to `_`, hyphens kept), file commands in temp files, the event
 * payload at GITHUB_EVENT_PATH, then the `post:` script when declared.
 */
export interface ActionYaml {
  name: string;
  inputs?: Record<string, { default?: string | number | boolean; required?: boolean; description?: string }>;
  outputs?: Record<string, { description?: string }>;
  runs: { using: string; main: string; post?: string; pre?: string };
}

export interface RunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  eventName?: string;
  event?: Record<string, unknown>;
  /** Kill the step after this long (the runner's timeout-minutes). */
  timeoutMs?: number;
  onSpawn?: (child: ChildProcess) => void;
  /** What `${{ github.token }}` gives (the job's token); empty unless a test sets one. */
  githubToken?: string;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  /** stdout and stderr, interleaved in arrival order. */
  log: string;
  durationMs: number;
  post?: RunResult;
}

/** A run as an assertion compares it: its exit code, and its log only when it failed (the log explains why). */
export function ok(r: RunResult): { exit: number | null; log: string } {
  return { exit: r.exitCode, log: r.exitCode === 0 ? '' : r.log };
}

export function actionDir(action: string): string {
  return action === '' || action === '.' ? repoRoot : join(repoRoot, action);
}

export function readActionYaml(action: string): ActionYaml {
  return parse(readFileSync(join(actionDir(action), 'action.yml'), 'utf8')) as ActionYaml;
}

// Written here, not imported from packages/core: the harness is the oracle the bundles are checked
// against, so it must not share their code.
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV: `name=value` and `name<<DELIM` … `DELIM`. */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      i += 1;
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++]!);
      if (i >= lines.length) throw new Error(`Unterminated ${delimiter} for ${name}`);
      result[name!] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`Malformed file command line: ${JSON.stringify(line)}`);
    result[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return result;
}

/** A default as the runner gives it: `${{ github.token }}` and `${{ github.api_url }}` filled in. */
function defaultValue(
  value: string | number | boolean | undefined,
  env: NodeJS.ProcessEnv,
  githubToken: string,
): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const context = /^\$\{\{\s*github\.(token|api_url)\s*\}\}$/.exec(text)?.[1];
  if (context) return context === 'token' ? githubToken : env.GITHUB_API_URL;
  if (text.includes('${{')) throw new Error(`The harness does not evaluate expressions in defaults: ${text}`);
  return text;
}

function runScript(
  script: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  options: RunOptions,
): Promise<Omit<RunResult, 'outputs' | 'state' | 'summary'>> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    options.onSpawn?.(child);
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      if (timer) clearTimeout(timer);
      resolvePromise({
        exitCode,
        signal,
        log: Buffer.concat(chunks).toString('utf8'),
        durationMs: performance.now() - started,
      });
    });
  });
}

export async function runBundle(action: string, options: RunOptions = {}): Promise<RunResult> {
  const spec = readActionYaml(action);
  if (!/^node(20|24)$/.test(spec.runs.using)) throw new Error(`Unsupported runs.using ${spec.runs.using}`);
  const declared = spec.inputs ?? {};
  for (const name of Object.keys(options.inputs ?? {})) {
    if (!(name in declared)) throw new Error(`Unexpected input '${name}' for ${action || 'root action'}`);
  }
  const temp = mkdtempSync(join(tmpdir(), 'dk-runner-'));
  try {
    const workspace = join(temp, 'workspace');
    const runnerTemp = join(temp, 'runner-temp');
    mkdirSync(workspace);
    mkdirSync(runnerTemp);
    const files = {
      GITHUB_OUTPUT: join(temp, 'output'),
      GITHUB_STATE: join(temp, 'state'),
      GITHUB_STEP_SUMMARY: join(temp, 'summary.md'),
      GITHUB_ENV: join(temp, 'env'),
      GITHUB_PATH: join(temp, 'path'),
      GITHUB_EVENT_PATH: join(temp, 'event.json'),
    };
    for (const file of Object.values(files)) writeFileSync(file, '');
    writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(options.event ?? {}));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...files,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runnerTemp,
      RUNNER_OS: 'Linux',
      GITHUB_EVENT_NAME: options.eventName ?? 'push',
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_ACTOR: 'octocat',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_ACTION_PATH: actionDir(action),
      ...options.env,
    };
    for (const [name, spec_] of Object.entries(declared)) {
      const value = options.inputs?.[name] ?? defaultValue(spec_.default, env, options.githubToken ?? '');
      if (value !== undefined) env[inputEnvName(name)] = value;
    }
    const main = resolve(actionDir(action), spec.runs.main);
    if (!existsSync(main)) throw new Error(`Bundle ${main} does not exist: run npm run build`);
    const result = await runScript(main, env, workspace, options);
    const state = parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8'));
    const outcome: RunResult = {
      ...result,
      outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
      state,
      summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    };
    if (spec.runs.post) {
      const postEnv = { ...env };
      for (const [name, value] of Object.entries(state)) postEnv[`STATE_${name}`] = value;
      const post = await runScript(resolve(actionDir(action), spec.runs.post), postEnv, workspace, options);
      outcome.post = {
        ...post,
        outputs: {},
        state: {},
        summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
      };
    }
    return outcome;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Options for runs that are each a workflow run of their own (a fresh GITHUB_RUN_ID from `first`
 * on), as separate clicks on "Run workflow" are.
 */
export function newRuns(first: number): () => { env: Record<string, string> } {
  let next = first;
  return () => ({ env: { GITHUB_RUN_ID: String(next++) } });
}
