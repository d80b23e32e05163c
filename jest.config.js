// Tests run from the TypeScript sources (esbuild transform, ESM); e2e tests run the committed bundles in dist/.
import { availableParallelism } from 'node:os';

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
  // Jest's default (one worker fewer than the cores) runs the suites one at a time on a 2-core
  // runner; they mostly wait on the servers they start, and each picks its own ports, namespaces
  // and subnets (test/support), so two run side by side (CONTRIBUTING.md, "Tests side by side").
  maxWorkers: Math.max(2, availableParallelism() - 1),
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
