import { Duplex } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import { ActionFailedError, ConfigurationError, errorMessage } from '@deploy-kit/core';

/**
 * Backups encrypted at rest with age (https://age-encryption.org/v1), through the `age-encryption`
 * package by age's author: the crypto is theirs, never written here. Files we write decrypt with
 * `age -d`; files `age` writes restore here (db-backup/README.md, "Encryption").
 */

/** An X25519 recipient as age-keygen prints it: `age1` and 58 bech32 characters. */
export const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
/** Its identity: `AGE-SECRET-KEY-1` and 58 bech32 characters (upper case). */
export const AGE_IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;
export const AGE_EXTENSION = '.age';

export const ageForms = {
  recipients: 'age X25519 recipients (age1…, as age-keygen prints them), one per line',
  identity: 'an age identity (AGE-SECRET-KEY-1…, or the whole file age-keygen writes)',
};

type AgeLibrary = typeof import('age-encryption');
// Loaded only by a backup that encrypts or decrypts: the others start as before.
let library: Promise<AgeLibrary> | undefined;
const age = (): Promise<AgeLibrary> => (library ??= import('age-encryption'));

/**
 * The identity line of what the user pasted: the key alone, or the file age-keygen writes
 * (`# created: …`, `# public key: …`, then the key).
 */
export function parseAgeIdentity(text: string): string | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  return lines.length === 1 && AGE_IDENTITY.test(lines[0] ?? '') ? lines[0] : undefined;
}

/** Why a recipient is refused, or undefined when its form is right. */
export function recipientProblem(recipient: string): string | undefined {
  if (/^(?:ssh-|ecdsa-|sk-)/.test(recipient))
    return `'${recipient.slice(0, 24)}…' is an SSH key: age SSH recipients are not supported by the age library deploy-kit uses, and deploy-kit does not write that crypto itself; generate an age key with age-keygen and use its age1… public key`;
  if (!AGE_RECIPIENT.test(recipient)) return `'${recipient}' is not ${ageForms.recipients}`;
  return undefined;
}

/**
 * Parses the keys with the library before anything runs (a bech32 checksum error names the input),
 * and returns the recipient of the identity.
 */
export async function checkAgeKeys(
  recipients: readonly string[],
  identity: string | undefined,
): Promise<string | undefined> {
  if (recipients.length === 0 && identity === undefined) return undefined;
  const lib = await age();
  for (const r of recipients)
    try {
      new lib.Encrypter().addRecipient(r);
    } catch (error) {
      throw new ConfigurationError(
        `Input 'encrypt-recipients': ${r} is not a valid age recipient (${errorMessage(error)})`,
      );
    }
  if (identity === undefined) return undefined;
  try {
    return await lib.identityToRecipient(identity);
  } catch {
    // The library's message could quote the key: never print it.
    throw new ConfigurationError(
      `Input 'decrypt-identity' is not a valid age identity (${ageForms.identity})`,
    );
  }
}

/** age-encryption reads Web streams. */
function webStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  return ReadableStream.from(source);
}

/** Encrypts everything written to it to the recipients, as it passes (64 KiB age chunks out). */
export function encryptTo(recipients: readonly string[]): Duplex {
  return Duplex.from(async function* (source: AsyncIterable<Uint8Array>) {
    const encrypter = new (await age()).Encrypter();
    for (const r of recipients) encrypter.addRecipient(r);
    yield* await encrypter.encrypt(webStream(source));
  });
}

/**
 * Decrypts what is written to it with the identity; every chunk is authenticated, and a file cut
 * short or altered fails (age's STREAM marks the last chunk). `what` names the file in errors.
 */
export function decryptWith(identity: string, what: string): Duplex {
  return Duplex.from(async function* (source: AsyncIterable<Uint8Array>) {
    const decrypter = new (await age()).Decrypter();
    decrypter.addIdentity(identity);
    let plain: AsyncIterable<Uint8Array>;
    try {
      plain = await decrypter.decrypt(webStream(source));
    } catch (error) {
      throw new ActionFailedError(
        /no identity matched/i.test(errorMessage(error))
          ? `${what} is not encrypted to 'decrypt-identity' (no recipient of the file matches it)`
          : `${what} is not an age file deploy-kit can read: ${errorMessage(error)}`,
      );
    }
    try {
      yield* plain;
    } catch (error) {
      throw new ActionFailedError(
        `${what} does not decrypt to its end (cut short or altered): ${errorMessage(error)}`,
      );
    }
  });
}
