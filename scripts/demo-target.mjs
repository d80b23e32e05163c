// The demo's embedded target: an SSH server on 127.0.0.1 built with ssh2's server side. It
// authenticates one generated client key, and runs each exec request as `sh -c <command>` on this
// machine (as this user) and forwards direct-tcpip channels to local ports, which is all deploy-ssh
// needs from a host. Not a general-purpose server: it exists so `npm run demo` needs no setup.
import { spawn } from 'node:child_process';
import { createHash, timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import ssh2 from 'ssh2';

const { Server, utils } = ssh2;

/** `SHA256:…` of a public key, as `ssh-keygen -lf` prints it: what deploy-ssh pins. */
function fingerprint(publicKey) {
  const blob = utils.parseKey(publicKey).getPublicSSH();
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export async function startDemoTarget({ env = process.env } = {}) {
  const hostKey = utils.generateKeyPairSync('ed25519');
  const clientKey = utils.generateKeyPairSync('ed25519');
  const allowed = utils.parseKey(clientKey.public);
  const sessions = new Set();
  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on('authentication', (ctx) => {
      const key = ctx.method === 'publickey' ? ctx.key : undefined;
      const matches =
        key &&
        key.algo === allowed.type &&
        key.data.length === allowed.getPublicSSH().length &&
        timingSafeEqual(key.data, allowed.getPublicSSH());
      if (!matches) return ctx.reject(['publickey']);
      if (ctx.signature && !allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo))
        return ctx.reject(['publickey']);
      ctx.accept();
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('exec', (accept, _reject, info) => {
          const stream = accept();
          const child = spawn('sh', ['-c', info.command], { env, stdio: ['pipe', 'pipe', 'pipe'] });
          sessions.add(child);
          stream.pipe(child.stdin).on('error', () => undefined);
          child.stdout.pipe(stream, { end: false });
          child.stderr.pipe(stream.stderr, { end: false });
          stream.on('signal', () => child.kill('SIGKILL'));
          stream.on('close', () => child.kill('SIGKILL'));
          child.on('close', (code, signal) => {
            sessions.delete(child);
            if (signal) stream.exit(signal.replace(/^SIG/, ''), false, '');
            else stream.exit(code ?? 255);
            stream.end();
          });
        });
      });
      client.on('tcpip', (accept, reject, info) => {
        const socket = net.connect(info.destPort, info.destIP);
        socket.once('connect', () => {
          const channel = accept();
          channel.pipe(socket).pipe(channel);
          channel.on('error', () => socket.destroy());
          socket.on('error', () => channel.destroy());
        });
        socket.once('error', () => reject());
      });
    });
    client.on('error', () => undefined);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: '127.0.0.1',
    port: server.address().port,
    fingerprint: fingerprint(hostKey.public),
    privateKey: clientKey.private,
    stop: () =>
      new Promise((resolve) => {
        for (const child of sessions) child.kill('SIGKILL');
        server.close(() => resolve());
      }),
  };
}
