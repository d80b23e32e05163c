export * from './envfile.js';
export * from './fleet.js';
export * from './host.js';
export * from './lock.js';
export * from './remote.js';
export * from './scripts.js';
export * from './types.js';
export * from './upload.js';
