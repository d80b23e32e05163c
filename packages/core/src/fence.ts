import { randomBytes } from 'node:crypto';

/**
 * Wraps text from a remote host or child process so the runner treats it as plain text: inside
 * `::stop-commands::<token>` no `::set-output`, `::add-mask::` etc. is honoured, and the token is
 * random so the text cannot end the fence itself.
 */
export function fenceUntrusted(text: string, token: string = randomBytes(16).toString('hex')): string {
  return `::stop-commands::${token}\n${text}\n::${token}::`;
}
