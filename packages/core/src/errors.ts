/** Where an error's class is recorded on it, under a key every copy of this module shares. */
const ERROR_CLASS = Symbol.for('deploy-kit.error-class');

/**
 * The errors the runner layer tells apart. A bundle's entry and its run each carry a copy of this
 * module (scripts/build.mjs says why), so `instanceof` goes by the class name recorded on the
 * error, which both copies agree on, not by which copy made it.
 */
abstract class ClassifiedError extends Error {
  readonly [ERROR_CLASS]: string = this.name;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [ERROR_CLASS]?: unknown })[ERROR_CLASS] === (this.prototype as Error).name
    );
  }
}

/**
 * A mistake in what the user asked for (bad input, refused event). Reported as a plain one-line
 * message without a stack trace; distinct from operational failures, which are bugs or outages.
 */
export class ConfigurationError extends ClassifiedError {}
ConfigurationError.prototype.name = 'ConfigurationError';

/** An operation that ran and did not succeed (gate failed, host refused): exit 1, no stack trace. */
export class ActionFailedError extends ClassifiedError {}
ActionFailedError.prototype.name = 'ActionFailedError';

/** The job was cancelled (SIGINT/SIGTERM) and the action stopped at a safe point. */
export class CancelledError extends ClassifiedError {
  constructor(message = 'Cancelled') {
    super(message);
  }
}
CancelledError.prototype.name = 'CancelledError';

/** Throws CancelledError once `signal` is aborted (a function, so a check after an await is not narrowed away). */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Whether `signal` is aborted now (a call, so a check after an await is not narrowed away). */
export function isCancelled(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

const MAX_SHOWN = 60;

/** Shows a rejected value safely: quoted, control characters visible, long values cut. */
export function showValue(value: string): string {
  const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  return JSON.stringify(cut);
}

/**
 * Error-message factories. Tests import these so that a reworded message changes in one place and
 * every assertion follows.
 */
export const messages = {
  invalidInput: (input: string, accepted: string, value: string, secret = false): string =>
    `Input '${input}' must be ${accepted}, got ${secret ? `a value of ${value.length} characters` : showValue(value)}`,
  requiredInput: (input: string, accepted: string): string => `Input '${input}' is required: ${accepted}`,
  untrustedEvent: (event: string): string =>
    `Refusing to run on a '${event}' event, which runs with code or data from a fork; ` +
    `set 'allow-untrusted-event: true' if you have reviewed the risk`,
  cancelled: (): string => 'Cancelled: the job was stopped (SIGINT/SIGTERM)',
};

/** The message of anything thrown: an Error's message, or the value as text. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch rejects with a bare "fetch failed"; the reason is its cause.
  return error.message === 'fetch failed' && error.cause instanceof Error
    ? `fetch failed: ${error.cause.message}`
    : error.message;
}
