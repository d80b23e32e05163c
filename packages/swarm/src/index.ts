export * from './deploy.js';
export * from './render.js';
export * from './scripts.js';
export * from './status.js';
export * from './report.js';
