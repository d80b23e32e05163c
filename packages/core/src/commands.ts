import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

/**
 * The GitHub runner's workflow-command protocol, written here rather than imported from
 * @actions/core: that package pulls an HTTP client into every bundle for OIDC, which no deploy-kit
 * action uses (start-up against it: bench/results/startup.md). Escaping follows the runner's rules;
 * test/unit/runner-parity.test.ts compares the bytes with the toolkit's.
 */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatCommand(
  command: string,
  message: string,
  properties: Record<string, string | number | undefined> = {},
): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/** The `name<<delimiter` form used by GITHUB_OUTPUT, GITHUB_STATE and GITHUB_ENV files. */
export function formatFileCommand(
  name: string,
  value: string,
  delimiter = `ghadelimiter_${randomUUID()}`,
): string {
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`Unexpected input: name or value contains the delimiter ${delimiter}`);
  }
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
}

export function appendFileCommand(file: string, name: string, value: string): void {
  appendFileSync(file, formatFileCommand(name, value), { encoding: 'utf8' });
}

/** Name of the environment variable the runner uses for an input (spaces → `_`, upper case). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Where an annotation points, as the toolkit's AnnotationProperties name it. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/** `::warning title=…,file=…,line=…,endLine=…,col=…,endColumn=…::message`, as the runner reads it. */
export function formatAnnotation(
  kind: 'error' | 'warning' | 'notice',
  message: string,
  where: AnnotationProperties = {},
): string {
  return formatCommand(kind, message, {
    title: where.title,
    file: where.file,
    line: where.startLine,
    endLine: where.endLine,
    col: where.startColumn,
    endColumn: where.endColumn,
  });
}
