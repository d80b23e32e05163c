export * from './commands.js';
export * from './db.js';
export * from './gate.js';
export * from './install.js';
export * from './report.js';
export * from './results.js';
export * from './sarif.js';
export * from './summary.js';
