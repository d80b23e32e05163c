// One smoke test per real component of docs/testbed.md, so later work starts from a bed known to work.
import { readFileSync } from 'node:fs';
import { reply, startHttpServer } from '../support/http.js';
import { get } from '../support/load.js';
import { startNginx } from '../support/nginx.js';
import { createPodman, startRegistry } from '../support/podman.js';
import { startMariaDb, startPostgres } from '../support/databases.js';
import { freePort, waitForPort } from '../support/ports.js';
import { isAlive, run, runOk } from '../support/procs.js';
import { sshArgs, startSshd } from '../support/sshd.js';

test('HTTP server helper serves and counts requests', async () => {
  const server = await startHttpServer((_req, res, i) => reply(res, i === 0 ? 503 : 200, `n=${i}`));
  try {
    expect(await get(server.url)).toMatchObject({ status: 503, body: 'n=0' });
    expect(await get(server.url)).toMatchObject({ status: 200, body: 'n=1' });
    expect(server.count()).toBe(2);
  } finally {
    await server.close();
  }
});

test('OpenSSH server accepts the test key, pins its host key, and stops by PID', async () => {
  const sshd = await startSshd();
  try {
    expect(sshd.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const out = await runOk('ssh', sshArgs(sshd, ['echo', 'hello-from-sshd']));
    expect(out.trim()).toBe('hello-from-sshd');
    expect(readFileSync(sshd.logPath, 'utf8')).toMatch(/Accepted publickey/);
    // A wrong key is refused: the bed can tell authentication apart.
    const otherKey = await startSshd();
    const refused = await run('ssh', sshArgs({ ...sshd, privateKeyPath: otherKey.privateKeyPath }, ['true']));
    await otherKey.stop();
    expect(refused.code).not.toBe(0);
  } finally {
    await sshd.stop();
  }
  expect(isAlive(sshd.pid)).toBe(false);
});

test('nginx proxies to the upstream file and switches on a validated reload', async () => {
  const blue = await startHttpServer((_req, res) => reply(res, 200, 'blue'));
  const green = await startHttpServer((_req, res) => reply(res, 200, 'green'));
  const nginx = await startNginx({ upstreamPort: blue.port });
  try {
    expect((await get(nginx.url)).body).toBe('blue');
    nginx.setUpstream(green.port);
    expect((await nginx.test()).ok).toBe(true);
    await nginx.reload();
    // The old worker finishes gracefully; new connections reach the new upstream shortly after.
    let body = '';
    for (let i = 0; i < 50 && body !== 'green'; i += 1) {
      body = (await get(nginx.url)).body;
      if (body !== 'green') await new Promise((r) => setTimeout(r, 50));
    }
    expect(body).toBe('green');
    // A broken upstream file fails `nginx -t`.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(nginx.upstreamPath, 'upstream app { server ; }\n');
    expect((await nginx.test()).ok).toBe(false);
  } finally {
    await nginx.stop();
    await blue.close();
    await green.close();
  }
});

test('podman builds a scratch image, runs it, and pushes it to a local registry', async () => {
  const podman = await createPodman();
  const registry = await startRegistry();
  try {
    const port = await freePort();
    await podman.buildBusyboxHttpd('localhost/smoke:1', port, { 'index.html': 'smoke-v1\n' });
    await podman.podman(['run', '-d', '--name', 'smoke', '--network=host', 'localhost/smoke:1']);
    await waitForPort(port);
    expect((await get(`http://127.0.0.1:${port}/`)).body).toBe('smoke-v1\n');
    await podman.podman(['rm', '-f', '-t', '0', 'smoke']);
    const target = `docker://${registry.address}/smoke:1`;
    await podman.podman(['push', '--tls-verify=false', 'localhost/smoke:1', target]);
    const inspect = JSON.parse(await runOk('skopeo', ['inspect', '--tls-verify=false', target])) as {
      Digest: string;
    };
    expect(inspect.Digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  } finally {
    await registry.stop();
    await podman.remove();
  }
});

test('PostgreSQL 15 cluster answers queries on loopback', async () => {
  const pg = await startPostgres();
  try {
    const out = await runOk(pg.psql[0]!, [...pg.psql.slice(1), '-c', 'select 40 + 2']);
    expect(out.trim()).toBe('42');
  } finally {
    await pg.stop();
  }
});

test('MariaDB answers queries over its socket', async () => {
  const db = await startMariaDb();
  try {
    const out = await runOk(db.client[0]!, [...db.client.slice(1), '-e', 'select 40 + 2']);
    expect(out.trim()).toBe('42');
  } finally {
    await db.stop();
  }
});
