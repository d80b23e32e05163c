import type { ComposeConfig } from './types.js';

/** Values compose reads back as written when left bare (no quotes, no `$`, no `#`, no spaces). */
const BARE = /^[A-Za-z0-9_./:@%+=,-]*$/;

/**
 * Whether compose's env-file parser (docker compose, python-dotenv in podman-compose) would read
 * `value` back unchanged: bare when plain, else single-quoted (literal in both, no escapes), which
 * cannot hold a single quote.
 */
export function composeEnvValueProblem(value: string): string | undefined {
  if (/[\r\n\0]/.test(value)) return 'a line break';
  if (!BARE.test(value) && value.includes("'"))
    return 'a single quote together with other special characters';
  return undefined;
}

function composeEnvValue(value: string): string {
  return BARE.test(value) ? value : `'${value}'`;
}

/** The project's `.env`: VERSION and IMAGE for the compose file to use, then the `env` input. */
export function renderComposeEnvFile(
  compose: Pick<ComposeConfig, 'image'>,
  version: string,
  env: ReadonlyArray<readonly [string, string]>,
): string {
  const pairs: Array<readonly [string, string]> = [
    ['VERSION', version],
    ...(compose.image ? [['IMAGE', compose.image] as const] : []),
    ...env,
  ];
  return pairs.map(([key, value]) => `${key}=${composeEnvValue(value)}\n`).join('');
}

/** Keys deploy-ssh writes itself in compose mode; `env` may not set them. */
export const COMPOSE_RESERVED_KEYS = ['VERSION', 'IMAGE'] as const;
