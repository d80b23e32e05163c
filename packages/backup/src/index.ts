export * from './backup.js';
export * from './destination.js';
export * from './engines.js';
export * from './pipeline.js';
export * from './retention.js';
export * from './ssh-destination.js';
export * from './place.js';
export * from './s3-destination.js';
