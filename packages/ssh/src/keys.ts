import { ConfigurationError } from '@deploy-kit/core';

export const keyMessages = {
  publicKey: (): string =>
    "Input 'ssh-key' holds a public key; paste the private key instead (the file without .pub, " +
    "beginning with '-----BEGIN OPENSSH PRIVATE KEY-----')",
  puttyKey: (): string =>
    "Input 'ssh-key' is a PuTTY .ppk key, which is not supported; convert it with " +
    "'puttygen key.ppk -O private-openssh -o key' and paste the result",
  needsPassphrase: (): string => "Input 'ssh-key' is encrypted with a passphrase; set 'ssh-key-passphrase'",
  wrongPassphrase: (): string => "Input 'ssh-key-passphrase' does not decrypt 'ssh-key' (wrong passphrase)",
  unsupported: (length: number, firstLine: string): string =>
    `Input 'ssh-key' is not a private key in a supported format (OpenSSH, or PEM RSA/ECDSA/ED25519/PKCS#8); ` +
    `got a value of ${length} characters${/^-----BEGIN [A-Z0-9 ]+-----$/.test(firstLine) ? ` starting with '${firstLine}'` : ''}`,
  passphraseWithoutKey: (): string => "Input 'ssh-key-passphrase' is set but 'ssh-key' is not",
};

/**
 * Repairs what copy-paste does to keys: Windows line endings, indentation, trailing spaces, a
 * missing final newline, and literal `\n` sequences from a JSON- or env-escaped secret.
 */
export function normalizePrivateKey(text: string): string {
  let value = text.trim();
  if (!value.includes('\n') && value.includes('\\n')) value = value.replace(/\\n/g, '\n');
  return (
    value
      .split(/\r?\n|\r/)
      .map((line) => line.trim())
      // A blank line survives only after legacy PEM headers (Proc-Type:, DEK-Info:), where it is syntax.
      .filter((line, i, lines) => line !== '' || (i > 0 && /^[A-Za-z-]+: /.test(lines[i - 1] ?? '')))
      .join('\n') + '\n'
  );
}

type ParseKey = (
  data: string,
  passphrase?: string,
) => { type: string; isPrivateKey?: () => boolean } | Error | Array<unknown>;

/**
 * Validates a private key before any connection is attempted, with a distinct message for each
 * mistake users make. `parseKey` is ssh2's parser, passed in so this module loads without ssh2.
 */
export function checkPrivateKey(text: string, passphrase: string | undefined, parseKey: ParseKey): string {
  const key = normalizePrivateKey(text);
  const firstLine = key.split('\n')[0] ?? '';
  if (
    /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-\S+|sk-\S+)\s+AAAA/.test(firstLine) ||
    /PUBLIC KEY-----$/.test(firstLine)
  ) {
    throw new ConfigurationError(keyMessages.publicKey());
  }
  if (firstLine.startsWith('PuTTY-User-Key-File')) throw new ConfigurationError(keyMessages.puttyKey());
  const parsed = parseKey(key, passphrase);
  const result = Array.isArray(parsed) ? parsed[0] : parsed;
  if (result instanceof Error || result === undefined) {
    const message = result instanceof Error ? result.message : '';
    if (/no passphrase given/i.test(message)) throw new ConfigurationError(keyMessages.needsPassphrase());
    if (/passphrase/i.test(message)) throw new ConfigurationError(keyMessages.wrongPassphrase());
    throw new ConfigurationError(keyMessages.unsupported(text.length, firstLine));
  }
  if (typeof result === 'object' && result !== null && 'isPrivateKey' in result) {
    const isPrivate = (result as { isPrivateKey: () => boolean }).isPrivateKey();
    if (!isPrivate) throw new ConfigurationError(keyMessages.publicKey());
  }
  return key;
}
