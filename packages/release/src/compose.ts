import type { ComposeConfig } from './types.js';

/** Values compose reads back as written when left bare (no quotes, no `$`, no `#`, no spaces). */
const BARE = /^[A-Za-z0-9_./:@%+=,-]*$/;

/**
 * Whether compose's env-file parser (docker compose, python-dotenv in podman-compose) would read
 * `value` back unchanged: bare when plain, else single-quoted. Single quotes are not literal in
 * either parser (escapes, `${…}`), so what they would change is refused; the round trip is tested
 * against the real podman-compose (test/integration/compose-env.test.ts).
 */
export function composeEnvValueProblem(value: string): string | undefined {
  if (/[\r\n\0]/.test(value)) return 'a line break';
  if (!BARE.test(value) && value.includes("'"))
    return 'a single quote together with other special characters';
  // Inside single quotes, python-dotenv reads \\ as one backslash, and docker compose takes \' for
  // an escaped quote, so a value ending in a backslash would swallow the rest of the file.
  if (value.endsWith('\\')) return 'a backslash at its end';
  if (value.includes('\\\\')) return 'two backslashes in a row';
  // podman-compose (python-dotenv) expands ${…} even inside single quotes; $NAME alone stays.
  if (value.includes('${')) return "a '${' (compose would expand it as a variable)";
  return undefined;
}

function composeEnvValue(value: string): string {
  return BARE.test(value) ? value : `'${value}'`;
}

/** What the project's `.env` holds: VERSION and IMAGE for the compose file to use, then the `env` input. */
export function composeEnvPairs(
  image: string | undefined,
  version: string,
  env: ReadonlyArray<readonly [string, string]>,
): Array<readonly [string, string]> {
  return [['VERSION', version], ...(image ? [['IMAGE', image] as const] : []), ...env];
}

/** The project's `.env` (composeEnvPairs), each value as compose reads it back. */
export function renderComposeEnvFile(
  compose: Pick<ComposeConfig, 'image'>,
  version: string,
  env: ReadonlyArray<readonly [string, string]>,
): string {
  return composeEnvPairs(compose.image, version, env)
    .map(([key, value]) => `${key}=${composeEnvValue(value)}\n`)
    .join('');
}

/** Keys deploy-ssh writes itself in compose mode; `env` may not set them. */
export const COMPOSE_RESERVED_KEYS = ['VERSION', 'IMAGE'] as const;
