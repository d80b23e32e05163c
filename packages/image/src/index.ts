export * from './commands.js';
export * from './labels.js';
export * from './tags.js';
