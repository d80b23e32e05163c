#!/usr/bin/env node
// The CLI is the same code as the actions, bundled: see packages/cli.
await import('../dist/cli/index.js');
