export * from './connection.js';
export * from './hostkeys.js';
export * from './keys.js';
export * from './quote.js';
export * from './target.js';
export * from './inputs.js';
export * from './fleet-inputs.js';
