// `npm run demo` as a newcomer runs it: the embedded target, v1 → v2 → rejected v3 → rollback to v1
// through the committed CLI bundle, under 30 s, leaving no process and no directory behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';

function demoProcesses(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (cmdline.includes('deploy-kit-demo-') || cwd.includes('deploy-kit-demo-'))
        found.push(`${pid}: ${cmdline}`);
    } catch {
      /* exited meanwhile */
    }
  }
  return found;
}

test('npm run demo: the whole flow in under 30 s, nothing left running or on disk', async () => {
  const before = readdirSync(tmpdir()).filter((d) => d.startsWith('deploy-kit-demo-'));
  const started = Date.now();
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'demo.mjs')], { cwd: repoRoot });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.stderr.on('data', (c: Buffer) => (text += c.toString()));
    child.on('close', (exitCode) => resolve({ code: exitCode, output: text }));
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(`demo wall time: ${seconds.toFixed(1)} s`);
  expect({ code, tail: code === 0 ? '' : output.slice(-3000) }).toEqual({ code: 0, tail: '' });
  expect(seconds).toBeLessThan(30);
  expect(output).toMatch(/1\/4 {2}Deploy v1[\s\S]*the app says: hello from v1/);
  expect(output).toMatch(
    /3\/4 {2}Deploy v3[\s\S]*exit 1 \(rejected, switched back\); the app says: hello from v2/,
  );
  expect(output).toMatch(/4\/4 {2}Roll back to v1[\s\S]*the app says: hello from v1/);
  expect(output).toMatch(/Done in [\d.]+ s/);
  // The private key went in through the environment, never printed.
  expect(output).not.toMatch(/BEGIN OPENSSH PRIVATE KEY/);
  expect(demoProcesses()).toEqual([]);
  expect(readdirSync(tmpdir()).filter((d) => d.startsWith('deploy-kit-demo-'))).toEqual(before);
}, 60_000);

test('control: the leftover check sees a process running in a demo directory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-kit-demo-control-'));
  const child = spawn('sleep', ['30'], { cwd: dir });
  try {
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(demoProcesses().some((p) => p.startsWith(`${child.pid}:`))).toBe(true);
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
