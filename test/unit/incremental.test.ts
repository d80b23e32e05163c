// Incremental uploads: the plan (what is linked, sent, removed), the check of the placed tree, and
// the host scripts it relies on, run here with GNU coreutils and with busybox's applets alike.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  decodeTarName,
  RECEIVE_EXTRACT,
  PREPARE_UPLOAD,
  manifestLine,
  placedManifest,
  planIncremental,
  sourceManifest,
  type SourceManifest,
} from '@deploy-kit/release';
import { makeTempDir } from '../support/tempdir.js';

const temp = makeTempDir('incremental-unit');
afterAll(() => temp.remove());

const sha = (c: string): string => c.repeat(64);
const file = (path: string, size: number, content = 'a', mode = '644') => ({
  path,
  size,
  mode,
  sha256: sha(content),
});

describe('planIncremental', () => {
  const source: SourceManifest = {
    files: [file('./a', 1), file('./b', 2, 'b'), file('./c', 3, 'c'), file('./d/e', 4, 'e', '755')],
    others: ['./d'],
  };
  const recorded = [
    manifestLine({ ...file('./a', 1), mtime: 100, hostMode: '644' }),
    // b changed content on the runner side
    manifestLine({ ...file('./b', 2, 'x'), mtime: 100, hostMode: '644' }),
    manifestLine({ ...file('./c', 3, 'c'), mtime: 100, hostMode: '644' }),
    manifestLine({ ...file('./d/e', 4, 'e', '755'), mtime: 100, hostMode: '755' }),
    manifestLine({ ...file('./gone', 5, 'g'), mtime: 100, hostMode: '644' }),
  ].join('\n');

  test('links what is recorded and unchanged on the host; sends the rest; removes the others', () => {
    const listing = [
      'f 1 100 644 ./a',
      'f 2 100 644 ./b',
      // c was touched on the host since its deploy: not trusted
      'f 3 200 644 ./c',
      'f 4 100 755 ./d/e',
      'f 5 100 644 ./gone',
      'l ./shared-link',
      'd ./d',
      'd ./old-dir',
    ].join('\n');
    const plan = planIncremental(source, { manifest: recorded, listing });
    expect(plan.linked.map((f) => f.path)).toEqual(['./a', './d/e']);
    expect(plan.sent).toEqual(['./b', './c', './d']);
    expect(plan.remove).toEqual(['./b', './c', './gone', './shared-link', './old-dir']);
  });

  test('a mode changed on the runner, or on the host, is not linked', () => {
    const chmodded: SourceManifest = { files: [file('./a', 1, 'a', '755')], others: [] };
    expect(planIncremental(chmodded, { manifest: recorded, listing: 'f 1 100 644 ./a' }).linked).toEqual([]);
    expect(planIncremental(source, { manifest: recorded, listing: 'f 1 100 600 ./a' }).linked).toEqual([]);
  });

  test('a listed path that leaves the directory (the second half of a name holding a newline) is never removed', () => {
    // A file the app wrote into its release as "x\nd ./../../etc" lists as two lines.
    const listing = [
      'f 1 100 644 ./x',
      'd ./../../etc',
      'l ./d/../../../home',
      'f 1 100 644 ./a/./b',
      'd .//tmp',
      'd ./old-dir',
    ].join('\n');
    expect(planIncremental(source, { manifest: recorded, listing }).remove).toEqual(['./x', './old-dir']);
  });

  test('a recorded line that is not well formed, or a listed size that is not the plain number, is never trusted', () => {
    const same: SourceManifest = { files: [file('./a', 1)], others: [] };
    const plan = (manifest: string, listing = 'f 1 100 644 ./a'): number =>
      planIncremental(same, { manifest, listing }).linked.length;
    expect(plan(`${sha('a')} 1 644 100 644 ./a`)).toBe(1);
    for (const broken of [
      `${sha('a')}  1 644 100 644 ./a`,
      `${sha('a')} 1 644 100 ./a`,
      `${sha('a')} 1 644 100 644 644 ./a`,
      `${sha('A')} 1 644 100 644 ./a`,
      `${sha('a')} 01 644 100 644 ./a`,
    ])
      expect(plan(broken)).toBe(0);
    expect(plan(`${sha('a')} 1 644 100 644 ./a`, 'f 01 100 644 ./a')).toBe(0);
  });

  test('control: with an identical listing everything recorded and unchanged is linked', () => {
    const same: SourceManifest = { files: [file('./a', 1)], others: [] };
    expect(planIncremental(same, { manifest: recorded, listing: 'f 1 100 644 ./a' }).linked).toHaveLength(1);
    // GNU find's listing: the mtime with a fraction, the same whole second.
    expect(
      planIncremental(same, { manifest: recorded, listing: 'f 1 100.9375 644 ./a' }).linked,
    ).toHaveLength(1);
    expect(planIncremental(same, { manifest: recorded, listing: 'f 1 101.0000 644 ./a' }).linked).toEqual([]);
  });
});

describe('placedManifest', () => {
  const source: SourceManifest = { files: [file('./a', 1), file('./b', 2, 'b')], others: [] };
  test('the same files and sizes give the manifest the host keeps, with its mtimes and modes', () => {
    const check = placedManifest(source, 'f 2 50 600 ./b\nf 1 40 644 ./a\nd ./x');
    expect(check).toEqual({
      ok: true,
      manifest: `${sha('a')} 1 644 40 644 ./a\n${sha('b')} 2 644 50 600 ./b\n`,
    });
  });
  test.each([
    ['f 1 40 644 ./a', /\.\/b is missing/],
    ['f 1 40 644 ./a\nf 3 40 644 ./b', /\.\/b has 3 bytes, not 2/],
    ['f 1 40 644 ./a\nf 2 40 644 ./b\nf 9 40 644 ./extra', /\.\/extra is not in the source/],
    // Extras are named bytewise first; a listed path that leaves the directory is never named.
    ['f 1 40 644 ./a\nf 2 40 644 ./b\nf 9 40 644 ./z\nf 9 40 644 ./../y\nf 9 40 644 ./m', /^\.\/m is not/],
  ])('%j is refused', (listing, difference) => {
    const check = placedManifest(source, listing);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.difference).toMatch(difference);
  });
});

describe.each([
  ['GNU coreutils', '/usr/bin:/bin'],
  ['busybox applets', 'busybox'],
])('the host scripts with %s', (_label, pathKind) => {
  let path = pathKind;
  beforeAll(() => {
    if (pathKind !== 'busybox') return;
    const bin = join(temp.path, 'busybox-bin');
    mkdirSync(bin, { recursive: true });
    for (const applet of [
      'sh',
      'find',
      'stat',
      'cp',
      'xargs',
      'rm',
      'printf',
      'cat',
      'echo',
      'mkdir',
      'mkfifo',
      'tee',
      'tar',
      'gzip',
      'sha256sum',
      'cut',
      'dd',
      'sed',
    ])
      symlinkSync('/bin/busybox', join(bin, applet));
    path = bin;
  });
  /** LIST_FILES lines, sorted, GNU find's mtime fraction cut off (the runner's parser drops it). */
  const lines = (listing: string): string[] =>
    listing
      .split('\n')
      .map((line) => line.replace(/^(f \d+ \d+)\.\d+ /, '$1 '))
      .sort();
  /** Runs a host script; `input` is its stdin's bytes, or a file to read them from. */
  const sh = (
    script: string,
    args: string[],
    input: string | Buffer | { file: string } = '',
    env = { PATH: path },
  ): string => {
    const run = (stdin: { input: string | Buffer } | { stdio: [number, 'pipe', 'pipe'] }): string =>
      execFileSync(
        pathKind === 'busybox' ? join(path, 'sh') : '/usr/bin/dash',
        ['-c', script, 'dk', ...args],
        {
          ...stdin,
          env,
          encoding: 'utf8',
        },
      );
    if (typeof input === 'string' || Buffer.isBuffer(input)) return run({ input });
    const fd = openSync(input.file, 'r');
    try {
      return run({ stdio: [fd, 'pipe', 'pipe'] });
    } finally {
      closeSync(fd);
    }
  };

  test('receive a gzip stream: extracted, hashed as sent, the placed tree listed; no gzip on the host is a clear error', () => {
    const root = join(temp.path, `receive-${pathKind.replace(/\W/g, '_')}`);
    const src = join(root, 'src');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 'sub', 'a.txt'), 'alpha');
    const stream = execFileSync('tar', ['-czf', '-', '-C', src, '.']);
    const staging = join(root, 'staging');
    const listing = sh(RECEIVE_EXTRACT, [staging, join(root, 'sum'), 'z', '', 'list'], stream);
    expect(lines(listing.trim())).toEqual([
      'd ./sub',
      `f 5 ${String(Math.floor(statSync(join(src, 'sub', 'a.txt')).mtimeMs / 1000))} 644 ./sub/a.txt`,
    ]);
    expect(readFileSync(join(root, 'sum'), 'utf8').trim()).toBe(
      createHash('sha256').update(stream).digest('hex'),
    );
    // Control: the same stream where gzip cannot be found names the input that avoids it. (busybox
    // sh runs its own applets whatever PATH says: there gzip is always found, and the stream unpacks.)
    const noGzip = join(root, 'no-gzip');
    mkdirSync(noGzip);
    symlinkSync(pathKind === 'busybox' ? join(path, 'sh') : '/usr/bin/dash', join(noGzip, 'sh'));
    // The stream from a file: the script exits before it reads, and a pipe written after that fails.
    const streamFile = join(root, 'stream.tgz');
    writeFileSync(streamFile, stream);
    const withoutGzip = (): string =>
      sh(
        RECEIVE_EXTRACT,
        [join(root, 'staging2'), join(root, 'sum2'), 'z'],
        { file: streamFile },
        { PATH: noGzip },
      );
    if (pathKind === 'busybox') expect(withoutGzip()).toBe('');
    else expect(withoutGzip).toThrow(/no gzip to unpack the release stream: set upload-compression: none/);
  });

  test('stage a linked copy of the live release and list it; unpack into it with the changed paths taken out first', () => {
    const root = join(temp.path, pathKind.replace(/\W/g, '_'));
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'any.files'), '');
    const deploy = join(root, 'deploy');
    const scratch = join(deploy, 'releases', '.incoming-scratch');
    // What the host reports of a directory (LIST_FILES), as the live release's listing.
    const listOf = (dir: string): string[] =>
      lines(
        (sh(PREPARE_UPLOAD, [deploy, dir, join(root, 'any.files'), scratch]).split('--\n')[1] ?? '').trim(),
      );
    const live = join(root, 'live');
    mkdirSync(join(live, 'dir with space'), { recursive: true });
    writeFileSync(join(live, 'keep'), 'k');
    writeFileSync(join(live, 'changed'), 'old');
    writeFileSync(join(live, 'dir with space', 'gone'), 'gone!');
    chmodSync(join(live, 'keep'), 0o640);
    utimesSync(join(live, 'keep'), 1_000_000.75, 1_000_000.75);
    symlinkSync('/tmp', join(live, 'link'));
    const mtime = (path: string): string => String(Math.floor(statSync(path).mtimeMs / 1000));
    // GNU find's one pass and busybox's stat batches print the same lines (the fraction cut off).
    expect(listOf(live)).toEqual(
      [
        'd ./dir with space',
        `f 3 ${mtime(join(live, 'changed'))} 644 ./changed`,
        'f 1 1000000 640 ./keep',
        `f 5 ${mtime(join(live, 'dir with space', 'gone'))} 644 ./dir with space/gone`,
        'l ./link',
      ].sort(),
    );
    writeFileSync(join(root, 'live.files'), 'manifest line\n');
    const staging = join(root, 'staging');
    const staged = sh(PREPARE_UPLOAD, [deploy, live, join(root, 'live.files'), staging]).split('\n');
    expect(staged.slice(0, 2)).toEqual(['manifest line', '--']);
    expect(lines(staged.slice(2).join('\n').trim())).toEqual(listOf(live));
    // PREPARE's part ran too: the layout is there.
    expect(statSync(join(deploy, '.deploy-kit', 'env')).mode & 0o777).toBe(0o700);
    expect(statSync(join(staging, 'keep')).ino).toBe(statSync(join(live, 'keep')).ino);

    // The stream brings the changed file; the header takes it, the symlink and the file the new
    // release lacks out of the copy first.
    const src = join(root, 'src');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'changed'), 'new!');
    const stream = execFileSync('tar', ['-cf', '-', '-C', src, './changed']);
    const remove = Buffer.from('./changed\0./dir with space/gone\0./link\0');
    const header = Buffer.concat([Buffer.from(`${remove.length}\n`), remove]);
    const listing = sh(
      RECEIVE_EXTRACT,
      [staging, join(root, 'sum'), '', 'into', 'list'],
      Buffer.concat([header, stream]),
    );
    expect(lines(listing.trim())).toEqual(
      [
        'd ./dir with space',
        `f 4 ${mtime(join(src, 'changed'))} 644 ./changed`,
        'f 1 1000000 640 ./keep',
      ].sort(),
    );
    expect(readFileSync(join(staging, 'changed'), 'utf8')).toBe('new!');
    expect(readFileSync(join(root, 'sum'), 'utf8').trim()).toBe(
      createHash('sha256').update(stream).digest('hex'),
    );
    // The live release is as it was: nothing written through a link, nothing removed from it.
    expect(readFileSync(join(live, 'changed'), 'utf8')).toBe('old');
    expect(listOf(live)).toHaveLength(5);
    expect(() =>
      sh(PREPARE_UPLOAD, [deploy, live, join(root, 'missing.files'), join(root, 'never')]),
    ).toThrow(/status 3|code 3|exit/i);
    expect(() => statSync(join(root, 'never'))).toThrow(/ENOENT/);
  });

  test('a removal list past 64 KiB is read exactly (dd in blocks, a byte at a time where dd lacks count_bytes), and the stream after it unpacks', () => {
    const root = join(temp.path, `big-header-${pathKind.replace(/\W/g, '_')}`);
    const staging = join(root, 'staging');
    const names = Array.from({ length: 3000 }, (_, i) => `./d${i % 30}/a-rather-long-file-name-${i}.js`);
    for (const name of names) {
      mkdirSync(join(staging, name, '..'), { recursive: true });
      writeFileSync(join(staging, name), 'old');
    }
    writeFileSync(join(staging, 'keep'), 'k');
    const src = join(root, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'new'), 'new!');
    const stream = execFileSync('tar', ['-cf', '-', '-C', src, './new']);
    const remove = Buffer.from(names.map((n) => `${n}\0`).join(''));
    expect(remove.length).toBeGreaterThan(64 * 1024);
    const input = Buffer.concat([Buffer.from(`${remove.length}\n`), remove, stream]);
    const receive = (env?: { PATH: string }): string[] =>
      lines(sh(RECEIVE_EXTRACT, [staging, join(root, 'sum'), '', 'into', 'list'], input, env).trim()).filter(
        (line) => line.startsWith('f '),
      );
    expect(receive()).toEqual([
      `f 1 ${String(Math.floor(statSync(join(staging, 'keep')).mtimeMs / 1000))} 644 ./keep`,
      `f 4 ${String(Math.floor(statSync(join(src, 'new')).mtimeMs / 1000))} 644 ./new`,
    ]);
    expect(readFileSync(join(root, 'sum'), 'utf8').trim()).toBe(
      createHash('sha256').update(stream).digest('hex'),
    );
    if (pathKind === 'busybox') return; // busybox sh runs its own dd whatever PATH says
    // A dd that refuses iflag (an old or minimal one): the fallback reads a byte at a time, as exactly.
    for (const name of names) writeFileSync(join(staging, name), 'old');
    const bin = join(root, 'old-dd');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'dd'),
      `#!/bin/sh\ncase "$*" in *iflag=*) exit 1 ;; esac\necho "$*" >> ${join(root, 'dd-calls')}\nexec /bin/dd "$@"\n`,
    );
    chmodSync(join(bin, 'dd'), 0o755);
    expect(receive({ PATH: `${bin}:${path}` })).toHaveLength(2);
    expect(readFileSync(join(root, 'dd-calls'), 'utf8')).toMatch(/^bs=1 count=\d+$/m);
  });
});

test('decodeTarName reads GNU tar escapes back; a newline or a name that is not UTF-8 has no manifest line', () => {
  expect(decodeTarName('./a\\\\b')).toBe('./a\\b');
  expect(decodeTarName('./t\\tb')).toBe('./t\tb');
  expect(decodeTarName('./\\303\\274ber')).toBe('./über');
  expect(decodeTarName('./sp ace"q')).toBe('./sp ace"q');
  expect(decodeTarName('./n\\nl')).toBeUndefined();
  expect(decodeTarName('./\\377')).toBeUndefined();
  expect(decodeTarName('./bad\\q')).toBeUndefined();
});

test('sourceManifest takes names as they are: a backslash, a tab, UTF-8; a newline in one uploads the release whole', async () => {
  const dir = join(temp.path, 'odd-names');
  mkdirSync(dir, { recursive: true });
  for (const name of ['a\\b', 't\tb', 'über', 'sp ace']) writeFileSync(join(dir, name), name);
  const manifest = await sourceManifest(dir, []);
  expect(manifest?.files.map((f) => [f.path, f.size])).toEqual([
    ['./a\\b', 3],
    ['./sp ace', 6],
    ['./t\tb', 3],
    ['./über', 5],
  ]);
  symlinkSync('über', join(dir, 'link'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  expect((await sourceManifest(dir, []))?.others.sort()).toEqual(['./fifo', './link']);
  writeFileSync(join(dir, 'new\nline'), 'x');
  expect(await sourceManifest(dir, [])).toBeUndefined();
});

test('sourceManifest without exclude patterns reads the tree itself and finds what tar finds', async () => {
  const dir = join(temp.path, 'walk');
  mkdirSync(join(dir, 'a', 'b', 'c'), { recursive: true });
  mkdirSync(join(dir, 'empty'));
  mkdirSync(join(dir, 'target'));
  writeFileSync(join(dir, 'a', 'b', 'c', 'deep.js'), 'deep');
  writeFileSync(join(dir, '.hidden'), 'h');
  writeFileSync(join(dir, 'target', 'behind-link.txt'), 'not entered through the link');
  writeFileSync(join(dir, 'sp ace\\t\tb über'), 'odd');
  symlinkSync('target', join(dir, 'dir-link'));
  symlinkSync('.hidden', join(dir, 'file-link'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  // A socket: tar leaves it out, with a warning.
  const socket = createServer().listen(join(dir, 'socket'));
  await new Promise((resolve) => socket.once('listening', resolve));
  try {
    // A pattern matching nothing makes sourceManifest ask tar for the entries.
    const byTar = await sourceManifest(dir, ['no-such-name']);
    const byWalk = await sourceManifest(dir, []);
    expect(byTar?.files.length).toBe(4);
    const sorted = (m: SourceManifest | undefined) => m && { ...m, others: [...m.others].sort() };
    expect(sorted(byWalk)).toEqual(sorted(byTar));
    expect(sorted(byWalk)?.others).toEqual([
      './a',
      './a/b',
      './a/b/c',
      './dir-link',
      './empty',
      './fifo',
      './file-link',
      './target',
    ]);
    // A name that is not UTF-8: neither can write its manifest line.
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/a/`), Buffer.from([0xff, 0x41])]), 'x');
    expect(await sourceManifest(dir, ['no-such-name'])).toBeUndefined();
    expect(await sourceManifest(dir, [])).toBeUndefined();
  } finally {
    await new Promise((resolve) => socket.close(resolve));
  }
});

test('sourceManifest lists what tar would send, excludes applied, with hashes and modes', async () => {
  const dir = join(temp.path, 'src');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'sub', 'x.txt'), 'hello');
  writeFileSync(join(dir, 'skip.log'), 'no');
  chmodSync(join(dir, 'sub', 'x.txt'), 0o600);
  const manifest = await sourceManifest(dir, ['*.log']);
  expect(manifest).toEqual({
    files: [
      {
        path: './sub/x.txt',
        size: 5,
        mode: '600',
        sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
      },
    ],
    others: ['./sub'],
  });
});
