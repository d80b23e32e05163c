// The age layer of db-backup: the OpenSSL AEAD against noble's, streams encrypted and decrypted by
// age-encryption, and the key checks. Interop with the `age` CLI is in the integration suite.
import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { chacha20poly1305 as noble } from '../../node_modules/@noble/ciphers/chacha.js';
import { chacha20poly1305 as openssl } from '../../packages/backup/src/chacha-openssl.js';
import {
  checkAgeKeys,
  decryptWith,
  encryptTo,
  parseAgeIdentity,
  recipientProblem,
} from '../../packages/backup/src/age.js';
import { ConfigurationError } from '../../packages/core/src/index.js';

// Generated with age-keygen for these tests only.
const IDENTITY = 'AGE-SECRET-KEY-166STLJQCGQHH0VU5YRRK399UCUVFM8N94NVLHZGTAXEJKZS7L5XS2T48YC';
const RECIPIENT = 'age1cp84t4m20eywrpa5q9kmkfnm0clgyafltjuxhff67eg4yr808uzq9lf46s';
const OTHER_IDENTITY = 'AGE-SECRET-KEY-18TZGGCMVZE88MGXCSAKJVSN2FRXJY8WLYKY6W8KV8DX76M4UF2WSQD7DP7';

async function collect(chunks: Buffer[], ...through: NodeJS.ReadWriteStream[]): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline([
    Readable.from(chunks),
    ...through,
    new Writable({
      write(chunk: Buffer, _e, done) {
        out.push(chunk);
        done();
      },
    }),
  ]);
  return Buffer.concat(out);
}

describe('ChaCha20-Poly1305 through OpenSSL', () => {
  test.each([0, 1, 15, 16, 4096, 65_536])('%i bytes: byte-identical to noble, both ways', (size) => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const plain = randomBytes(size);
    const sealed = openssl(key, nonce).encrypt(plain);
    expect(Buffer.from(sealed)).toEqual(Buffer.from(noble(key, nonce).encrypt(plain)));
    expect(Buffer.from(noble(key, nonce).decrypt(sealed))).toEqual(plain);
    expect(Buffer.from(openssl(key, nonce).decrypt(sealed))).toEqual(plain);
  });

  test('control: an altered byte, another nonce or a short input is refused, as noble refuses it', () => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const sealed = Buffer.from(openssl(key, nonce).encrypt(randomBytes(100)));
    const altered = Buffer.from(sealed);
    altered[7] = altered[7]! ^ 1;
    expect(() => openssl(key, nonce).decrypt(altered)).toThrow('invalid tag');
    expect(() => noble(key, nonce).decrypt(altered)).toThrow();
    expect(() => openssl(key, randomBytes(12)).decrypt(sealed)).toThrow('invalid tag');
    expect(() => openssl(key, nonce).decrypt(sealed.subarray(0, 15))).toThrow(/invalid ciphertext length/);
  });
});

describe('age streams', () => {
  // Several STREAM chunks (64 KiB), fed in pieces of odd sizes.
  const plain = randomBytes(300_000);
  const pieces = [plain.subarray(0, 1), plain.subarray(1, 70_001), plain.subarray(70_001)];

  test('encrypted as it streams, in age v1 format; decrypted back byte for byte', async () => {
    const sealed = await collect(pieces, encryptTo([RECIPIENT]));
    expect(sealed.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
    expect(sealed.includes(plain.subarray(1000, 1100))).toBe(false);
    expect(await collect([sealed], decryptWith(IDENTITY, 'b.dump.gz.age'))).toEqual(plain);
  });

  test('to two recipients: either identity decrypts', async () => {
    const other = await checkAgeKeys([], OTHER_IDENTITY);
    const sealed = await collect(pieces, encryptTo([RECIPIENT, other ?? '']));
    expect(await collect([sealed], decryptWith(OTHER_IDENTITY, 'x'))).toEqual(plain);
    expect(await collect([sealed], decryptWith(IDENTITY, 'x'))).toEqual(plain);
  });

  test('refused: another identity, a file cut short at a chunk boundary or inside one, an altered byte', async () => {
    const sealed = await collect(pieces, encryptTo([RECIPIENT]));
    const header = sealed.indexOf('\n---') + 48;
    await expect(collect([sealed], decryptWith(OTHER_IDENTITY, 'b.age'))).rejects.toThrow(
      "b.age is not encrypted to 'decrypt-identity' (no recipient of the file matches it)",
    );
    for (const cut of [header + 65_552, header + 65_552 * 2, sealed.length - 1])
      await expect(collect([sealed.subarray(0, cut)], decryptWith(IDENTITY, 'b.age'))).rejects.toThrow(
        'b.age does not decrypt to its end (cut short or altered)',
      );
    const altered = Buffer.from(sealed);
    altered[header + 70_000] = altered[header + 70_000]! ^ 0x40;
    await expect(collect([altered], decryptWith(IDENTITY, 'b.age'))).rejects.toThrow(
      'b.age does not decrypt to its end',
    );
    await expect(collect([Buffer.from('not age at all\n')], decryptWith(IDENTITY, 'b.age'))).rejects.toThrow(
      'b.age is not an age file deploy-kit can read',
    );
  });
});

describe('age keys', () => {
  test('the identity alone, or the file age-keygen writes; never two keys', () => {
    expect(parseAgeIdentity(IDENTITY)).toBe(IDENTITY);
    expect(
      parseAgeIdentity(`# created: 2026-12-04T13:59:13Z\n# public key: ${RECIPIENT}\n${IDENTITY}\n`),
    ).toBe(IDENTITY);
    expect(parseAgeIdentity(`${IDENTITY}\r\n`)).toBe(IDENTITY);
    expect(parseAgeIdentity(`${IDENTITY}\n${OTHER_IDENTITY}`)).toBeUndefined();
    expect(parseAgeIdentity(IDENTITY.toLowerCase())).toBeUndefined();
    expect(parseAgeIdentity('')).toBeUndefined();
  });

  test('recipients: SSH keys refused with the reason; other forms named', () => {
    expect(recipientProblem(RECIPIENT)).toBeUndefined();
    expect(recipientProblem('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMq')).toMatch(
      /is an SSH key: age SSH recipients are not supported by the age library deploy-kit uses/,
    );
    expect(recipientProblem('ssh-rsa AAAAB3Nza')).toMatch(/SSH key/);
    expect(recipientProblem('age1pq1abc')).toMatch(/is not age X25519 recipients/);
  });

  test("checked by the library: a bad checksum names the input; the identity's recipient; nothing loaded without keys", async () => {
    expect(await checkAgeKeys([], undefined)).toBeUndefined();
    expect(await checkAgeKeys([RECIPIENT], IDENTITY)).toBe(RECIPIENT);
    const badChecksum = `${RECIPIENT.slice(0, -1)}${RECIPIENT.endsWith('q') ? 'p' : 'q'}`;
    await expect(checkAgeKeys([badChecksum], undefined)).rejects.toThrow(
      new RegExp(`^Input 'encrypt-recipients': ${badChecksum} is not a valid age recipient`),
    );
    const badIdentity = `${IDENTITY.slice(0, -1)}${IDENTITY.endsWith('Q') ? 'P' : 'Q'}`;
    const error = await checkAgeKeys([], badIdentity).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String(error)).toMatch(/Input 'decrypt-identity' is not a valid age identity/);
    expect(String(error)).not.toContain(badIdentity.slice(20));
  });
});
