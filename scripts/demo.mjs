// npm run demo: the health gate on an embedded target, no setup. A local app comes up late, then
// the gate passes for the version it serves and fails, with its reason, for a version it does not.
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../bin/deploy-kit.js', import.meta.url));
const VERSION = '1.4.2';

function say(text) {
  process.stdout.write(`\n\x1b[1m${text}\x1b[0m\n`);
}

function runCli(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const startedAt = Date.now();
const app = createServer((req, res) => {
  // The embedded app needs 1.5 s to warm up: 503 until then, then its health and version.
  const ready = Date.now() - startedAt > 1500;
  res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json', 'x-version': VERSION });
  res.end(JSON.stringify({ status: ready ? 'UP' : 'STARTING', version: VERSION }));
});
await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${app.address().port}/health`;

say(`1/2  Gate a fresh deploy of ${VERSION} at ${url} (the app warms up for 1.5 s)`);
const good = await runCli([
  'health-gate',
  '--url',
  url,
  '--expect-version',
  VERSION,
  '--interval',
  '250ms',
  '--timeout',
  '15s',
]);
say(`     → exit ${good} (${good === 0 ? 'healthy, the pipeline goes on' : 'unexpected failure'})`);

say('2/2  Gate expecting 1.5.0 while the old 1.4.2 still answers 200: must fail, not pass on the status');
const stale = await runCli([
  'health-gate',
  '--url',
  url,
  '--expect-version',
  '1.5.0',
  '--interval',
  '250ms',
  '--timeout',
  '2s',
]);
say(
  `     → exit ${stale} (${stale === 1 ? 'refused, a deploy here would be rolled back' : 'unexpected result'})`,
);

app.close();
process.exit(good === 0 && stale === 1 ? 0 : 1);
