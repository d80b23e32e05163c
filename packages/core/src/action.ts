import { appendFileSync } from 'node:fs';
import { appendFileCommand, formatCommand, inputEnvName } from './commands.js';
import { systemClock, type Clock } from './clock.js';
import { ActionFailedError, CancelledError, ConfigurationError, errorMessage, messages } from './errors.js';
import { loadEvent, type EventContext } from './event.js';
import { InputReader, type InputSource } from './inputs.js';
import { ActionsLogger, type Logger } from './logger.js';
import { SecretRegistry } from './secrets.js';
import type { Summary } from './summary.js';

export type OutputValue = string | number | boolean;

/** What an action's run() may use; everything that touches the outside world comes through here. */
export interface ActionContext {
  logger: Logger;
  secrets: SecretRegistry;
  setOutput(name: string, value: OutputValue): void;
  writeSummary(summary: Summary): void;
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  event: EventContext;
  clock: Clock;
}

export interface ActionDefinition<I> {
  name: string;
  /**
   * Reads and validates every input, before any side effect. Asynchronous only to load a parser
   * a check needs (YAML: deploy-swarm, compose blue-green), so start-up does not pay for it.
   */
  readInputs(reader: InputReader, env: NodeJS.ProcessEnv): I | Promise<I>;
  run(inputs: I, ctx: ActionContext): Promise<void>;
  /** What run() would do, from the inputs alone (the CLI's --dry-run); lines of text. */
  plan?(inputs: I): string[];
}

/** Where an action's I/O goes: the GitHub runner's files and commands, or the CLI's console. */
export interface Runtime {
  inputs: InputSource;
  logger: Logger;
  secrets: SecretRegistry;
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): void;
  env: NodeJS.ProcessEnv;
}

/** The runner's limit for one step's summary; over it, the whole summary is dropped. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
const SUMMARY_CUT = '_(More of this summary was left out: a step summary is limited to 1 MiB.)_';

export function actionsRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  let summaryBytes = 0;
  const write = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const secrets = new SecretRegistry((value) => write(formatCommand('add-mask', value)));
  return {
    inputs: (name) => env[inputEnvName(name)],
    logger: new ActionsLogger(secrets, write),
    secrets,
    setOutput: (name, value) => {
      if (env.GITHUB_OUTPUT) appendFileCommand(env.GITHUB_OUTPUT, name, value);
      else write(formatCommand('set-output', value, { name }));
    },
    appendSummary: (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) return;
      const text = `${secrets.redact(markdown)}\n`;
      const size = Buffer.byteLength(text);
      // The runner drops a step summary over 1 MiB whole; ours keeps what fits and says so.
      if (summaryBytes + size <= SUMMARY_LIMIT_BYTES - SUMMARY_CUT.length - 1)
        appendFileSync(env.GITHUB_STEP_SUMMARY, text);
      else if (summaryBytes < SUMMARY_LIMIT_BYTES)
        appendFileSync(env.GITHUB_STEP_SUMMARY, `${SUMMARY_CUT}\n`);
      summaryBytes = Math.min(SUMMARY_LIMIT_BYTES, summaryBytes + size);
    },
    env,
  };
}

/**
 * Reads inputs, runs the action and maps the outcome to an exit code: 0 success, 1 for a user
 * mistake, an operational failure or cancellation (each reported differently), never a throw.
 */
export async function executeAction<I>(
  definition: ActionDefinition<I>,
  runtime: Runtime,
  signal: AbortSignal,
  clock: Clock = systemClock,
): Promise<number> {
  const { logger } = runtime;
  try {
    const inputs = await definition.readInputs(new InputReader(runtime.inputs, runtime.secrets), runtime.env);
    const ctx: ActionContext = {
      logger,
      secrets: runtime.secrets,
      setOutput: (name, value) => runtime.setOutput(name, String(value)),
      writeSummary: (summary) => runtime.appendSummary(summary.toString()),
      signal,
      env: runtime.env,
      event: loadEvent(runtime.env),
      clock,
    };
    await definition.run(inputs, ctx);
    return 0;
  } catch (error) {
    if (signal.aborted || error instanceof CancelledError) {
      logger.error(messages.cancelled());
    } else if (error instanceof ConfigurationError || error instanceof ActionFailedError) {
      logger.error(error.message);
    } else {
      logger.error(`${definition.name} failed unexpectedly: ${errorMessage(error)}`);
      if (error instanceof Error && error.stack) logger.debug(error.stack);
    }
    return 1;
  }
}

/**
 * An action whose run() loads only once its inputs are valid: the bundle's entry imports the input
 * checks alone, so a mistyped input is reported without loading SSH, HTTP or the deploy logic
 * (bench/results/startup.md has the figures, both ways).
 */
export function deferRun<I>(
  name: string,
  readInputs: ActionDefinition<I>['readInputs'],
  load: () => Promise<ActionDefinition<I>>,
): ActionDefinition<I> {
  return { name, readInputs, run: async (inputs, ctx) => (await load()).run(inputs, ctx) };
}

/** Seconds the action has to stop after SIGINT/SIGTERM before it is forced out. */
export const CANCEL_GRACE_MS = 5000;

/** Entry point of every bundle: runs the action as the GitHub runner expects and exits. */
export async function runAction<I>(
  definition: ActionDefinition<I>,
  runtime: Runtime = actionsRuntime(),
): Promise<never> {
  const controller = new AbortController();
  const onSignal = (signalName: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    runtime.logger.warning(`Received ${signalName}: stopping (at most ${CANCEL_GRACE_MS / 1000}s)`);
    controller.abort(new CancelledError());
    setTimeout(() => {
      runtime.logger.error(
        `${definition.name} did not stop within ${CANCEL_GRACE_MS / 1000}s of ${signalName}; exiting`,
      );
      process.exit(1);
    }, CANCEL_GRACE_MS);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const code = await executeAction(definition, runtime, controller.signal);
  // Exit explicitly: an open socket must not keep a finished step alive.
  process.exit(code);
}
