// Incremental uploads on a real host: a redeploy sends only what changed and hard-links the rest
// from the live release; a file edited on the host since its deploy is not trusted; an upload cut
// off midway never leaves a release under its final name.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { get } from '../support/load.js';
import { run } from '../support/procs.js';
import { startTargetHost, type TargetHost } from '../support/target-host.js';
import { makeTempDir } from '../support/tempdir.js';

const temp = makeTempDir('incremental');
let host: TargetHost;
const FILES = 5000;

beforeAll(async () => {
  // A `tar` on the host's PATH that dies after 64 KiB of input while the flag file exists.
  const bin = join(temp.path, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'tar'),
    `#!/bin/sh\nif [ -e ${join(temp.path, 'cut-upload')} ]; then head -c 65536 > /dev/null; exit 1; fi\nexec /usr/bin/tar "$@"\n`,
  );
  chmodSync(join(bin, 'tar'), 0o755);
  host = await startTargetHost('shop', {
    sshdEnv: { PATH: `${bin}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin` },
  });
});
afterAll(async () => {
  await host.stop();
  temp.remove();
});

/** The app plus 5,000 asset files of 1 KiB in 50 directories, and 4 with names tar escapes. */
function source(version: string, from?: string): string {
  const dir = join(temp.path, `src-${version}`);
  if (from) cpSync(from, dir, { recursive: true, preserveTimestamps: true });
  else {
    cpSync(host.makeRelease('base'), dir, { recursive: true });
    for (let i = 0; i < FILES; i += 1) {
      mkdirSync(join(dir, 'assets', `d${i % 50}`), { recursive: true });
      writeFileSync(join(dir, 'assets', `d${i % 50}`, `f${i}.bin`), randomBytes(1024));
    }
    // Names tar's listing escapes (the manifest reads them back): they are linked like the rest.
    for (const name of ['back\\slash.txt', 'tab\there.txt', 'über.txt', 'with space.txt'])
      writeFileSync(join(dir, 'assets', name), name);
  }
  writeFileSync(join(dir, 'VERSION'), `${version}\n`);
  return dir;
}

const release = (version: string, ...path: string[]): string =>
  join(host.deployPath, 'releases', version, ...path);
const inode = (path: string): number => statSync(path).ino;

async function identical(a: string, b: string): Promise<void> {
  const diff = await run('diff', ['-r', a, b]);
  expect({ code: diff.code, out: diff.stdout.slice(0, 500) }).toEqual({ code: 0, out: '' });
}

test('a redeploy with 1 changed file of 5,006 sends that file and hard-links the rest; the tree is the source, byte for byte', async () => {
  const v1 = source('v1');
  const first = await host.deploy('v1', { source: v1 });
  expect(first.exitCode).toBe(0);
  expect(first.log).not.toMatch(/hard-linked/);
  const v2 = source('v2', v1);
  const second = await host.deploy('v2', { source: v2 });
  expect(second.exitCode).toBe(0);
  expect(second.log).toMatch(/1 new or changed files sent, 5005 unchanged ones hard-linked from v1/);
  await identical(v2, release('v2'));
  expect((await get(host.nginx.url)).body).toBe('hello from v2');
  // Shared inodes for the unchanged files, a new one for the changed file.
  expect(inode(release('v2', 'assets', 'd7', 'f7.bin'))).toBe(inode(release('v1', 'assets', 'd7', 'f7.bin')));
  expect(inode(release('v2', 'server.js'))).toBe(inode(release('v1', 'server.js')));
  expect(inode(release('v2', 'assets', 'back\\slash.txt'))).toBe(
    inode(release('v1', 'assets', 'back\\slash.txt')),
  );
  expect(inode(release('v2', 'VERSION'))).not.toBe(inode(release('v1', 'VERSION')));
  // Control: the check above tells linked from copied files apart.
  expect(inode(release('v2', 'VERSION'))).not.toBe(inode(join(v2, 'VERSION')));
});

test('files edited, touched or added on the host since their deploy are not trusted; deleted source files go', async () => {
  const v2 = join(temp.path, 'src-v2');
  // On the host: one file edited (size changes), one touched (only its mtime changes), one added.
  appendFileSync(release('v2', 'assets', 'd1', 'f1.bin'), 'tampered');
  const touched = release('v2', 'assets', 'd2', 'f2.bin');
  const later = new Date(Date.now() + 60_000);
  utimesSync(touched, later, later);
  writeFileSync(release('v2', 'assets', 'planted.txt'), 'not in any source');
  const v3 = source('v3', v2);
  rmSync(join(v3, 'assets', 'd3', 'f3.bin'));
  const third = await host.deploy('v3', { source: v3 });
  expect(third.exitCode).toBe(0);
  expect(third.log).toMatch(/3 new or changed files sent, 5002 unchanged ones hard-linked from v2/);
  await identical(v3, release('v3'));
  expect(inode(release('v3', 'assets', 'd1', 'f1.bin'))).not.toBe(
    inode(release('v2', 'assets', 'd1', 'f1.bin')),
  );
  expect(existsSync(release('v3', 'assets', 'planted.txt'))).toBe(false);
  expect(existsSync(release('v3', 'assets', 'd3', 'f3.bin'))).toBe(false);
});

test('an upload cut off midway leaves no release under its final name, and the next deploy goes on', async () => {
  const v3 = join(temp.path, 'src-v3');
  const v4 = source('v4', v3);
  writeFileSync(join(v4, 'assets', 'big.bin'), randomBytes(4 * 1024 * 1024));
  writeFileSync(join(temp.path, 'cut-upload'), '');
  const cut = await host.deploy('v4', { source: v4 });
  rmSync(join(temp.path, 'cut-upload'));
  expect(cut.exitCode).toBe(1);
  expect(existsSync(release('v4'))).toBe(false);
  expect(host.current()).toBe('v3');
  expect((await get(host.nginx.url)).body).toBe('hello from v3');
  const again = await host.deploy('v4', { source: v4 });
  expect(again.exitCode).toBe(0);
  await identical(v4, release('v4'));
  expect(readdirSync(join(host.deployPath, 'releases')).filter((n) => n.startsWith('.incoming'))).toEqual([]);
});

test('upload-compression none (gzip is the default): an incremental upload arrives byte for byte', async () => {
  const v4 = join(temp.path, 'src-v4');
  const v5 = source('v5', v4);
  const plain = await host.deploy('v5', { source: v5, 'upload-compression': 'none' });
  expect(plain.exitCode).toBe(0);
  expect(plain.log).toMatch(/1 new or changed files sent, \d+ unchanged ones hard-linked from v4/);
  await identical(v5, release('v5'));
  expect((await get(host.nginx.url)).body).toBe('hello from v5');
});

test('a release whose listing passes 1 MiB (12,000 files under node_modules-like paths) deploys, then redeploys incrementally', async () => {
  // What an npm app with its node_modules has: long paths, many files. The host's listing and the
  // release's manifest then pass the 1 MiB a command's collected output is otherwise cut to.
  const v6 = source('v6', join(temp.path, 'src-v5'));
  for (let i = 0; i < 12_000; i += 1) {
    const dir = join(v6, 'node_modules', '@scope', `some-package-name-${i % 400}`, 'dist', 'esm', 'internal');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `module-file-number-${i}.js`), `export const n = ${i};\n`);
  }
  const first = await host.deploy('v6', { source: v6 });
  expect(first.exitCode).toBe(0);
  await identical(v6, release('v6'));
  const v7 = source('v7', v6);
  const second = await host.deploy('v7', { source: v7 });
  expect(second.exitCode).toBe(0);
  expect(second.log).toMatch(/1 new or changed files sent, 17005 unchanged ones hard-linked from v6/);
  await identical(v7, release('v7'));
  expect((await get(host.nginx.url)).body).toBe('hello from v7');
});

test('a redeploy in which every file changed drops the linked copy and is sent whole; the tree is the source', async () => {
  const v8 = source('v8');
  // Fresh random assets; every other file (the app, the named assets) differs from v7's by a line.
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  for (const file of walk(v8)) appendFileSync(file, '\n');
  const whole = await host.deploy('v8', { source: v8 });
  expect(whole.exitCode).toBe(0);
  expect(whole.log).toMatch(/sent whole, no file of v7 being unchanged/);
  expect(whole.log).not.toMatch(/hard-linked/);
  await identical(v8, release('v8'));
  expect(inode(release('v8', 'server.js'))).not.toBe(inode(release('v7', 'server.js')));
  expect(statSync(release('v8', 'server.js')).nlink).toBe(1);
  expect(readdirSync(join(host.deployPath, 'releases')).filter((n) => n.startsWith('.incoming'))).toEqual([]);
  expect((await get(host.nginx.url)).body).toBe('hello from v8');
});
