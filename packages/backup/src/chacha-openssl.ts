import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * `chacha20poly1305` with @noble/ciphers' signature, done by OpenSSL (node:crypto) instead of
 * JavaScript. The bundles and the tests resolve age-encryption's `@noble/ciphers/chacha.js` to this
 * module (scripts/build.mjs, jest.config.js): age's format, key wrapping and STREAM chunking stay the
 * library's; only the AEAD primitive is native (its speed against noble's: bench/results/backup.md).
 * test/unit/age.test.ts checks it byte for byte against noble's, and the integration suite against
 * the `age` CLI.
 */
const TAG_BYTES = 16;

export function chacha20poly1305(key: Uint8Array, nonce: Uint8Array) {
  return {
    encrypt(plaintext: Uint8Array): Uint8Array {
      const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
      return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    },
    decrypt(sealed: Uint8Array): Uint8Array {
      if (sealed.length < TAG_BYTES) throw new Error('invalid ciphertext length: smaller than tag');
      const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const opened = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
      try {
        return Buffer.concat([opened, decipher.final()]);
      } catch {
        // noble's words, which age-encryption's callers see either way.
        throw new Error('invalid tag');
      }
    },
  };
}
