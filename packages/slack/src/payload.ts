import { ConfigurationError, loadYaml, mapStrings } from '@deploy-kit/core';
import { LIMITS, type SlackMessage } from './message.js';

/**
 * A message the user wrote (slackapi/slack-github-action's `payload` / `payload-file`): JSON or
 * YAML, checked against Block Kit's limits here, before anything is sent, so a mistake names the
 * block instead of coming back as Slack's `invalid_blocks`.
 */

type Json = Record<string, unknown>;
const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `${VAR}` in string values, from the environment only; an unset one is refused by name. */
export function templatePayload(value: unknown, env: NodeJS.ProcessEnv, input: string): unknown {
  return mapStrings(value, (text) =>
    text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
      const found = env[name];
      if (found === undefined)
        throw new ConfigurationError(`Input '${input}': \${${name}} is not set in the environment`);
      return found;
    }),
  );
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return isMap(value) && typeof value.text === 'string' ? value.text : '';
}

/** Block Kit's limits on what we can check without Slack: counts, lengths, and a type on every block. */
export function payloadProblems(payload: Json): string[] {
  const problems: string[] = [];
  const { text, blocks } = payload;
  if (text === undefined && blocks === undefined && payload.attachments === undefined)
    problems.push("it has neither 'text' nor 'blocks'");
  if (text !== undefined && typeof text !== 'string') problems.push("'text' is not a string");
  if (typeof text === 'string' && text.length > LIMITS.fallbackText)
    problems.push(`'text' is ${text.length} characters (at most ${LIMITS.fallbackText})`);
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) return [...problems, "'blocks' is not a list"];
  if (blocks.length > LIMITS.blocks) problems.push(`${blocks.length} blocks (at most ${LIMITS.blocks})`);
  blocks.forEach((block, i) => {
    const at = `block ${i + 1}`;
    if (!isMap(block) || typeof block.type !== 'string') {
      problems.push(`${at} has no 'type'`);
      return;
    }
    const length = textOf(block.text).length;
    if (block.type === 'header' && length > LIMITS.headerText)
      problems.push(`${at} (header) text is ${length} characters (at most ${LIMITS.headerText})`);
    if (block.type === 'section') {
      if (length > LIMITS.sectionText)
        problems.push(`${at} (section) text is ${length} characters (at most ${LIMITS.sectionText})`);
      if (block.text === undefined && block.fields === undefined)
        problems.push(`${at} (section) needs 'text' or 'fields'`);
      if (Array.isArray(block.fields)) {
        if (block.fields.length > LIMITS.fields)
          problems.push(`${at} (section) has ${block.fields.length} fields (at most ${LIMITS.fields})`);
        block.fields.forEach((f, j) => {
          if (textOf(f).length > LIMITS.fieldText)
            problems.push(`${at} (section) field ${j + 1} is over ${LIMITS.fieldText} characters`);
        });
      }
    }
    if (
      block.type === 'context' &&
      Array.isArray(block.elements) &&
      block.elements.length > LIMITS.contextElements
    )
      problems.push(
        `${at} (context) has ${block.elements.length} elements (at most ${LIMITS.contextElements})`,
      );
  });
  return problems;
}

/** A payload as the inputs give it; parsed when the message is sent (loadPayload). */
export interface PayloadSource {
  input: 'payload' | 'payload-file';
  text: string;
  /** payload-file-templated: `${VAR}` from the environment. */
  templated: boolean;
}

/**
 * Parses and checks a payload before anything is sent. JSON (what most payloads are) needs no
 * YAML parser; only YAML text loads one, so a plain slack-notify run never pays for it at start.
 */
export async function loadPayload(source: PayloadSource, env: NodeJS.ProcessEnv): Promise<SlackMessage> {
  let parse: (text: string) => unknown = (text) => JSON.parse(text) as unknown;
  try {
    JSON.parse(source.text);
  } catch {
    const yaml = await loadYaml();
    parse = (text) => yaml.parse(text) as unknown;
  }
  return parsePayload(source.text, source.input, parse, source.templated ? env : undefined);
}

/** Parses, templates (payload-file-templated) and checks a payload; the message sends it as written. */
export function parsePayload(
  text: string,
  input: 'payload' | 'payload-file',
  parse: (text: string) => unknown,
  template?: NodeJS.ProcessEnv,
): SlackMessage {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new ConfigurationError(
      `Input '${input}' is not valid JSON or YAML: ${(error as Error).message.split('\n')[0] ?? ''}`,
    );
  }
  if (!isMap(parsed))
    throw new ConfigurationError(`Input '${input}' must be a JSON or YAML object (a Slack message)`);
  const payload = (template ? templatePayload(parsed, template, input) : parsed) as Json;
  const problems = payloadProblems(payload);
  if (problems.length > 0)
    throw new ConfigurationError(`Input '${input}' is not a message Slack accepts: ${problems.join('; ')}`);
  const { text: fallback, blocks, ...rest } = payload;
  return {
    text: typeof fallback === 'string' ? fallback : '',
    blocks: Array.isArray(blocks) ? (blocks as Json[]) : [],
    rest,
  };
}
