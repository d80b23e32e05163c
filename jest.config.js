// Tests run from the TypeScript sources (esbuild transform, ESM); e2e tests run the committed bundles in dist/.
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/scripts/jest-esbuild.js' },
  moduleNameMapper: {
    '^@deploy-kit/(.*)$': '<rootDir>/packages/$1/src/index.ts',
    // As in the bundles (scripts/build.mjs): age-encryption's AEAD through OpenSSL.
    '^@noble/ciphers/chacha\\.js$': '<rootDir>/packages/backup/src/chacha-openssl.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};
export default {
  // Global in Jest 29; integration suites start real servers, so the ceiling is generous.
  testTimeout: 180_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
