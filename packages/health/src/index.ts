export * from './expectations.js';
export * from './gate.js';
export * from './probe.js';
