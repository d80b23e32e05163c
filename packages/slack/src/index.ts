export * from './client.js';
export * from './escape.js';
export * from './inputs.js';
export * from './message.js';
export * from './context.js';
export * from './payload.js';
