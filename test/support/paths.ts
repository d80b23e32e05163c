import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Third-party test data kept in the repository (test/fixtures/SOURCES.md says where each file comes from). */
export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));
