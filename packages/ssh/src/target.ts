import { ConfigurationError, messages } from '@deploy-kit/core';

export interface SshTarget {
  user: string;
  host: string;
  port: number;
}

export const TARGET_FORM = '[user@]host[:port] with a host name, IPv4 address or [IPv6] address';
const USER = /^[a-z_][a-z0-9_.-]{0,31}$/i;
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

export function isValidUser(user: string): boolean {
  return USER.test(user);
}

/** Parses `[user@]host[:port]`; anything else (spaces, `;`, a leading `-`, `../`) is refused. */
export function parseTarget(
  input: string,
  text: string,
  defaults: { user: string; port: number },
): SshTarget {
  const fail = (): never => {
    throw new ConfigurationError(messages.invalidInput(input, TARGET_FORM, text));
  };
  const match = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:@[\]]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return fail();
  const [, user = defaults.user, rawHost = '', rawPort] = match;
  const bracketed = rawHost.startsWith('[');
  const host = bracketed ? rawHost.slice(1, -1) : rawHost;
  if (!isValidUser(user)) return fail();
  if (bracketed ? !(IPV6.test(host) && host.includes(':')) : !(HOSTNAME.test(host) || IPV4.test(host)))
    return fail();
  const port = rawPort === undefined ? defaults.port : Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return fail();
  return { user, host, port };
}

export function formatTarget(target: SshTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${target.user}@${host}:${target.port}`;
}
