export * from './changelog.js';
export * from './commits.js';
export * from './git.js';
export * from './github.js';
export * from './next.js';
export * from './semver.js';
export * from './plan.js';
