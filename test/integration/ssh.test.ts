// packages/ssh against a real OpenSSH server on loopback.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError, MemoryLogger, systemClock } from '@deploy-kit/core';
import {
  checkPrivateKey,
  connect,
  keyMessages,
  loadSsh2,
  parseFingerprintPins,
  parseKnownHosts,
  SshError,
  type ConnectOptions,
  type HostKeyPolicy,
} from '@deploy-kit/ssh';
import { freePort, startSilentServer } from '../support/ports.js';
import { runOk } from '../support/procs.js';
import { startSshd, type Sshd } from '../support/sshd.js';
import { makeTempDir } from '../support/tempdir.js';

let sshd: Sshd;
let rsaAndEd: Sshd;
beforeAll(async () => {
  [sshd, rsaAndEd] = await Promise.all([startSshd(), startSshd({ extraHostKeyTypes: ['rsa'] })]);
});
afterAll(async () => {
  await Promise.all([sshd.stop(), rsaAndEd.stop()]);
});

function options(
  server: Sshd,
  hostKeys: HostKeyPolicy,
  overrides: Partial<ConnectOptions> = {},
): ConnectOptions {
  return {
    target: { user: server.user, host: server.host, port: server.port },
    auth: { privateKey: server.privateKey },
    hostKeys,
    connectTimeoutMs: 5000,
    logger: new MemoryLogger(),
    clock: systemClock,
    ...overrides,
  };
}

const pinned = (server: Sshd): HostKeyPolicy => ({
  kind: 'fingerprints',
  pins: parseFingerprintPins('host-fingerprint', [server.fingerprint]),
});

test('connects with a pinned fingerprint and runs argv with injection strings delivered byte-exact', async () => {
  const conn = await connect(options(sshd, pinned(sshd)));
  try {
    const marker = join(sshd.dir, 'PWNED');
    const nasty = [
      '; touch ' + marker,
      '$(touch ' + marker + ')',
      '`touch ' + marker + '`',
      'a\nb',
      "it's",
      '../x',
      '-n',
      '',
    ];
    const result = await conn.exec(['printf', '%s\\0', ...nasty]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\0').slice(0, -1)).toEqual(nasty);
    expect(() => readFileSync(marker)).toThrow();
    const failing = await conn.exec(['sh', '-c', 'echo out; echo err >&2; exit 7']);
    expect(failing).toMatchObject({ code: 7, stdout: 'out\n', stderr: 'err\n' });
    const stdin = await conn.exec(['cat'], { stdin: 'data on stdin\n' });
    expect(stdin.stdout).toBe('data on stdin\n');
  } finally {
    conn.close();
  }
});

test('output is decoded whole across packets, and kept past 1 MiB when the caller asks', async () => {
  const conn = await connect(options(sshd, pinned(sshd)));
  try {
    // 3-byte characters over many packets: packet edges fall inside characters.
    const euros = '€'.repeat(200_000);
    const long = await conn.exec(['cat'], { stdin: euros });
    expect(long.stdout.length).toBe(euros.length);
    expect(long.stdout).toBe(euros);
    // Past OUTPUT_LIMIT only the tail is kept, unless a bound of its own is given.
    const big = 'x'.repeat(3 * 1024 * 1024);
    expect((await conn.exec(['cat'], { stdin: big })).stdout.length).toBe(1024 * 1024);
    expect((await conn.exec(['cat'], { stdin: big, stdoutLimit: 8 * 1024 * 1024 })).stdout).toBe(big);
  } finally {
    conn.close();
  }
});

test('command-timeout stops a remote command', async () => {
  const conn = await connect(options(sshd, pinned(sshd)));
  try {
    const started = Date.now();
    await expect(conn.exec(['sleep', '30'], { timeoutMs: 500 })).rejects.toThrow(/timed out after 500ms/);
    expect(Date.now() - started).toBeLessThan(3000);
  } finally {
    conn.close();
  }
});

test('a wrong host key is refused before any authentication attempt', async () => {
  const other = await startSshd();
  await other.stop();
  const before = readFileSync(sshd.logPath, 'utf8').length;
  const error = await connect(options(sshd, pinned(other))).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SshError);
  expect((error as SshError).kind).toBe('host-key');
  expect((error as Error).message).toContain(sshd.fingerprint);
  await new Promise((r) => setTimeout(r, 200));
  const log = readFileSync(sshd.logPath, 'utf8').slice(before);
  expect(log).not.toMatch(/Accepted|Failed publickey|userauth/i);
  // Control: a successful connection does show up as an authentication in the same log.
  (await connect(options(sshd, pinned(sshd)))).close();
  await new Promise((r) => setTimeout(r, 200));
  expect(readFileSync(sshd.logPath, 'utf8').slice(before)).toMatch(/Accepted publickey/);
});

test('an ED25519 pin matches a host that also has an RSA key, and an RSA pin too', async () => {
  const rsaFingerprint = (await runOk('ssh-keygen', ['-lf', join(rsaAndEd.dir, 'hostkey_rsa.pub')])).split(
    ' ',
  )[1]!;
  for (const pin of [
    rsaAndEd.fingerprint,
    rsaFingerprint,
    `ssh-rsa ${rsaFingerprint}`,
    `${rsaAndEd.fingerprint} (ED25519)`,
  ]) {
    const conn = await connect(
      options(rsaAndEd, { kind: 'fingerprints', pins: parseFingerprintPins('host-fingerprint', [pin]) }),
    );
    expect([rsaAndEd.fingerprint, rsaFingerprint]).toContain(conn.hostKey.fingerprint);
    conn.close();
  }
});

test('known_hosts: [host]:port, hashed entries, and @revoked', async () => {
  const plain = parseKnownHosts('known-hosts', sshd.knownHostsLine);
  (await connect(options(sshd, { kind: 'known-hosts', entries: plain }))).close();
  const temp = makeTempDir('kh');
  try {
    const file = join(temp.path, 'known_hosts');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, `${sshd.knownHostsLine}\n`);
    await runOk('ssh-keygen', ['-H', '-f', file]);
    const hashed = readFileSync(file, 'utf8');
    expect(hashed).toMatch(/^\|1\|/);
    (
      await connect(options(sshd, { kind: 'known-hosts', entries: parseKnownHosts('known-hosts', hashed) }))
    ).close();
    const revoked = parseKnownHosts('known-hosts', `@revoked ${sshd.knownHostsLine}\n${sshd.knownHostsLine}`);
    await expect(connect(options(sshd, { kind: 'known-hosts', entries: revoked }))).rejects.toThrow(
      /Host key verification failed/,
    );
    const otherPort = parseKnownHosts('known-hosts', sshd.knownHostsLine.replace(`]:${sshd.port}`, ']:1'));
    await expect(connect(options(sshd, { kind: 'known-hosts', entries: otherPort }))).rejects.toThrow(
      /Host key verification failed/,
    );
  } finally {
    temp.remove();
  }
});

test('insecure mode connects and prints the fingerprint it saw', async () => {
  const logger = new MemoryLogger();
  (await connect(options(sshd, { kind: 'insecure' }, { logger }))).close();
  expect(logger.text).toContain(sshd.fingerprint);
  expect(logger.text).toMatch(/NOT verified/);
});

test('authentication failure is not retried', async () => {
  const other = await startSshd();
  await other.stop();
  const started = Date.now();
  const error = await connect(options(sshd, pinned(sshd), { auth: { privateKey: other.privateKey } })).catch(
    (e: unknown) => e,
  );
  expect((error as SshError).kind).toBe('auth');
  expect(Date.now() - started).toBeLessThan(3000);
  expect(
    readFileSync(sshd.logPath, 'utf8').match(new RegExp(`Connection closed by authenticating user`, 'g'))
      ?.length ?? 0,
  ).toBeLessThanOrEqual(2);
});

test('a host that accepts TCP but never answers fails within connect-timeout', async () => {
  const silent = await startSilentServer();
  const { port } = silent;
  try {
    const started = Date.now();
    const error = await connect(
      options(sshd, pinned(sshd), { target: { user: 'x', host: '127.0.0.1', port }, connectTimeoutMs: 2000 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SshError);
    expect((error as Error).message).toMatch(/Cannot connect to x@127.0.0.1:\d+ within 2s/);
    expect(Date.now() - started).toBeLessThan(5000);
  } finally {
    silent.close();
  }
});

test('a refused port is retried with backoff, within connect-timeout', async () => {
  const port = await freePort();
  const logger = new MemoryLogger();
  const started = Date.now();
  await expect(
    connect(
      options(sshd, pinned(sshd), {
        target: { user: 'x', host: '127.0.0.1', port },
        connectTimeoutMs: 2000,
        logger,
      }),
    ),
  ).rejects.toThrow(/ECONNREFUSED/);
  expect(Date.now() - started).toBeLessThan(4000);
  expect(logger.lines.filter((l) => l.includes('retrying')).length).toBeGreaterThanOrEqual(2);
});

test('port forwarding reaches a port on the host', async () => {
  const { startHttpServer, reply } = await import('../support/http.js');
  const server = await startHttpServer((_q, res) => reply(res, 200, 'through the tunnel'));
  const conn = await connect(options(sshd, pinned(sshd)));
  try {
    const stream = await conn.forward('127.0.0.1', server.port);
    const body = await new Promise<string>((resolve) => {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString()));
      stream.on('close', () => resolve(data));
      stream.end('GET / HTTP/1.0\r\nHost: x\r\n\r\n');
    });
    expect(body).toMatch(/through the tunnel$/);
  } finally {
    conn.close();
    await server.close();
  }
});

test('proxy-jump through a bastion', async () => {
  const bastion = await startSshd();
  try {
    const conn = await connect(
      options(
        sshd,
        {
          kind: 'fingerprints',
          pins: parseFingerprintPins('host-fingerprint', [sshd.fingerprint, bastion.fingerprint]),
        },
        {
          proxyJump: {
            target: { user: bastion.user, host: bastion.host, port: bastion.port },
            auth: { privateKey: bastion.privateKey },
          },
        },
      ),
    );
    expect((await conn.exec(['echo', 'via bastion'])).stdout).toBe('via bastion\n');
    conn.close();
    expect(readFileSync(bastion.logPath, 'utf8')).toMatch(/Accepted publickey/);
  } finally {
    await bastion.stop();
  }
});

describe('key diagnostics', () => {
  const keys = makeTempDir('keys');
  afterAll(() => keys.remove());
  const gen = async (name: string, args: string[]): Promise<string> => {
    await runOk('ssh-keygen', ['-q', '-f', join(keys.path, name), ...args]);
    return readFileSync(join(keys.path, name), 'utf8');
  };
  const message = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigurationError);
      return (e as Error).message;
    }
    throw new Error('expected an error');
  };

  test('each mistake has its own message; CRLF and indentation are repaired', async () => {
    const { utils } = await loadSsh2();
    const parse = utils.parseKey.bind(utils) as Parameters<typeof checkPrivateKey>[2];
    const plain = await gen('plain', ['-t', 'ed25519', '-N', '']);
    const encrypted = await gen('enc', ['-t', 'ed25519', '-N', 'correct horse']);
    const pemRsa = await gen('pem', ['-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '']);
    expect(checkPrivateKey(plain, undefined, parse)).toBe(plain);
    expect(checkPrivateKey(pemRsa, undefined, parse)).toBe(pemRsa);
    expect(checkPrivateKey(plain.replace(/\n/g, '\r\n').replace(/^/gm, '   ') + '  ', undefined, parse)).toBe(
      plain,
    );
    expect(checkPrivateKey(plain.trim().replace(/\n/g, '\\n'), undefined, parse)).toBe(plain);
    expect(checkPrivateKey(encrypted, 'correct horse', parse)).toBe(encrypted);
    expect(message(() => checkPrivateKey(encrypted, undefined, parse))).toBe(keyMessages.needsPassphrase());
    expect(message(() => checkPrivateKey(encrypted, 'wrong', parse))).toBe(keyMessages.wrongPassphrase());
    expect(
      message(() => checkPrivateKey(readFileSync(join(keys.path, 'plain.pub'), 'utf8'), undefined, parse)),
    ).toBe(keyMessages.publicKey());
    expect(
      message(() =>
        checkPrivateKey('PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n', undefined, parse),
      ),
    ).toBe(keyMessages.puttyKey());
    const garbage = message(() =>
      checkPrivateKey('-----BEGIN FOO-----\nabc\n-----END FOO-----', undefined, parse),
    );
    expect(garbage).toMatch(/not a private key in a supported format/);
    expect(garbage).not.toContain('abc');
  });
});
