import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimSubnet, killNamespaceProcesses, releaseSubnet } from './fleet.js';
import { createPodman, startRegistry, type Podman, type Registry } from './podman.js';
import { isAlive, readPid, run, runOk, stopPid, waitFor } from './procs.js';
import { prepareHostSshd } from './sshd.js';
import { makeTempDir } from './tempdir.js';

/**
 * A real Docker Swarm on one machine (docs/testbed.md): each node is a network namespace on a
 * bridge, with a mount namespace whose /run is its own (so its dockerd answers on the usual
 * /var/run/docker.sock, as on a real host, and its overlay state does not meet another node's), a
 * hostname of its own, sshd, and a dockerd (vfs storage). Node 0 inits the swarm; `managers`
 * nodes join as managers, the rest as workers. A registry listens on the bridge.
 */
export interface SwarmNode {
  index: number;
  name: string;
  address: string;
  fingerprint: string;
  root: string;
  sshdPid: number;
  /** Runs the docker CLI against this node's daemon. */
  docker(args: string[], options?: { input?: string; allowFail?: boolean }): Promise<string>;
  /** Kills this node's dockerd (a node lost mid-update). */
  killDocker(): Promise<void>;
}

export interface TestSwarm {
  nodes: SwarmNode[];
  user: string;
  privateKey: string;
  registry: Registry;
  /** Builds a busybox httpd image answering `version` on / and /health (missing when `healthy` is false), pushes it, returns its tag. */
  image(name: string, version: string, options?: { healthy?: boolean }): Promise<string>;
  /** Copies a pushed image to `ref` (another registry, optionally with a login). */
  copyImage(from: string, ref: string, creds?: { username: string; password: string }): Promise<void>;
  /** deploy-swarm inputs for `stack` with managers `managers` (indexes). */
  inputs(
    stack: string,
    composeFile: string,
    extra?: Record<string, string>,
    managers?: number[],
  ): Record<string, string>;
  stop(): Promise<void>;
}

let counter = 0;

function sh(args: string[]): string {
  const [command = '', ...rest] = args;
  return execFileSync(command, rest, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

export async function startSwarm(size: number, options: { managers?: number } = {}): Promise<TestSwarm> {
  const id = `${process.pid % 10000}${counter++}`;
  const temp = makeTempDir('swarm');
  const octet = claimSubnet();
  const bridge = `dkb${id}`.slice(0, 15);
  const gateway = `10.213.${octet}.1`;
  const namespaces: string[] = [];
  const nodes: SwarmNode[] = [];
  let podman: Podman | undefined;
  let registry: Registry | undefined;
  await runOk('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(temp.path, 'id')]);
  const privateKey = readFileSync(join(temp.path, 'id'), 'utf8');
  const cleanup = async (): Promise<void> => {
    for (const node of nodes) await stopPid(node.sshdPid, 2000).catch(() => undefined);
    for (const ns of namespaces) {
      killNamespaceProcesses(ns);
      try {
        sh(['ip', 'netns', 'del', ns]);
      } catch {
        /* gone */
      }
    }
    try {
      sh(['ip', 'link', 'del', bridge]);
    } catch {
      /* gone */
    }
    await registry?.stop().catch(() => undefined);
    await podman?.remove().catch(() => undefined);
    // dockerd's vfs layers and the nodes' mounts are gone with their processes.
    await run('rm', ['-rf', temp.path]);
    releaseSubnet(octet);
  };
  try {
    sh(['ip', 'link', 'add', bridge, 'type', 'bridge']);
    sh(['ip', 'addr', 'add', `${gateway}/24`, 'dev', bridge]);
    sh(['ip', 'link', 'set', bridge, 'up']);
    registry = await startRegistry({ host: gateway });
    for (let i = 0; i < size; i += 1) {
      const ns = `dks${id}n${i}`;
      const root = join(temp.path, `node${i}`);
      const address = `10.213.${octet}.${10 + i}`;
      mkdirSync(join(root, 'run'), { recursive: true });
      sh(['ip', 'netns', 'add', ns]);
      namespaces.push(ns);
      const hostSide = `dsv${id}${i}`.slice(0, 15);
      const nsSide = `dsp${id}${i}`.slice(0, 15);
      sh(['ip', 'link', 'add', hostSide, 'type', 'veth', 'peer', 'name', nsSide]);
      sh(['ip', 'link', 'set', nsSide, 'netns', ns]);
      sh(['ip', 'link', 'set', hostSide, 'master', bridge, 'up']);
      sh(['ip', 'netns', 'exec', ns, 'ip', 'addr', 'add', `${address}/24`, 'dev', nsSide]);
      sh(['ip', 'netns', 'exec', ns, 'ip', 'link', 'set', nsSide, 'up']);
      sh(['ip', 'netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up']);
      sh(['ip', 'netns', 'exec', ns, 'ip', 'route', 'add', 'default', 'via', gateway]);
      const fingerprint = await prepareHostSshd(root, address, join(temp.path, 'id.pub'));
      mkdirSync(join(root, 'home'), { recursive: true });
      writeFileSync(
        join(root, 'daemon.json'),
        JSON.stringify({
          // The whole bridge subnet: every registry a test starts on it is plain HTTP.
          'insecure-registries': [`10.213.${octet}.0/24`],
          'storage-driver': 'vfs',
          'log-level': 'warn',
        }),
      );
      // A private /run: this node's docker.sock, its /var/run/docker (overlay netns files) and sshd's
      // privilege-separation directory, none shared with another node; and a home of its own.
      const boot =
        [
          'mount -t tmpfs tmpfs /run && mkdir -p /run/sshd && mount --bind "$1/home" /root',
          'hostname "$2"',
          '/usr/sbin/sshd -f "$1/sshd_config" -E "$1/sshd.log"',
        ].join(' && ') +
        '\ndockerd --config-file "$1/daemon.json" --data-root "$1/docker" --pidfile "$1/docker.pid" >"$1/dockerd.log" 2>&1 &';
      const child = spawn(
        'nsenter',
        [
          `--net=/run/netns/${ns}`,
          'unshare',
          '--mount',
          '--uts',
          '--propagation',
          'private',
          'sh',
          '-c',
          boot,
          'dk-node',
          root,
          `node${i}`,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let bootErr = '';
      child.stderr.on('data', (c: Buffer) => (bootErr += c.toString()));
      const code = await new Promise((resolve) => child.on('close', resolve));
      if (code !== 0) throw new Error(`node${i} did not boot (exit ${String(code)}): ${bootErr}`);
      await waitFor(() => readPid(join(root, 'sshd.pid')) !== undefined, 5000, 'sshd pid');
      const sshdPid = readPid(join(root, 'sshd.pid')) ?? 0;
      const docker: SwarmNode['docker'] = async (args, opts = {}) => {
        const result = await run('nsenter', ['-t', String(sshdPid), '-m', '-n', '-u', 'docker', ...args], {
          timeoutMs: 180_000,
          ...(opts.input !== undefined ? { input: opts.input } : {}),
        });
        if (result.code !== 0 && !opts.allowFail)
          throw new Error(`docker ${args.join(' ')} on node${i} exited ${result.code}: ${result.stderr}`);
        return result.stdout;
      };
      nodes.push({
        index: i,
        name: `node${i}`,
        address,
        fingerprint,
        root,
        sshdPid,
        docker,
        killDocker: async () => {
          const pid = readPid(join(root, 'docker.pid'));
          if (!pid) throw new Error(`node${i}: no dockerd pid`);
          process.kill(pid, 'SIGKILL');
          await waitFor(() => !isAlive(pid), 10_000, 'dockerd gone');
        },
      });
    }
    for (const node of nodes)
      await waitFor(
        async () =>
          (await node.docker(['info', '--format', '{{.ServerVersion}}'], { allowFail: true })).trim() !== '',
        60_000,
        `dockerd on ${node.name}`,
      );
    const [first] = nodes;
    if (!first) throw new Error('a swarm needs a node');
    await first.docker(['swarm', 'init', '--advertise-addr', first.address]);
    const managerToken = (await first.docker(['swarm', 'join-token', '-q', 'manager'])).trim();
    const workerToken = (await first.docker(['swarm', 'join-token', '-q', 'worker'])).trim();
    const managers = options.managers ?? 1;
    for (const node of nodes.slice(1))
      await node.docker([
        'swarm',
        'join',
        '--advertise-addr',
        node.address,
        '--token',
        node.index < managers ? managerToken : workerToken,
        `${first.address}:2377`,
      ]);
    podman = await createPodman();
  } catch (error) {
    await cleanup();
    throw error;
  }
  const builder = podman;
  const reg = registry;
  return {
    nodes,
    user: 'root',
    privateKey,
    registry: reg,
    image: async (name, version, opts = {}) => {
      const rootfs = join(temp.path, `rootfs-${name}-${version}`);
      mkdirSync(join(rootfs, 'bin'), { recursive: true });
      mkdirSync(join(rootfs, 'www'), { recursive: true });
      copyFileSync('/bin/busybox', join(rootfs, 'bin', 'busybox'));
      symlinkSync('busybox', join(rootfs, 'bin', 'sh'));
      writeFileSync(join(rootfs, 'www', 'index.html'), `${version}\n`);
      writeFileSync(join(rootfs, 'www', 'VERSION'), `${version}\n`);
      if (opts.healthy !== false) writeFileSync(join(rootfs, 'www', 'health'), `${version}\n`);
      const tar = `${rootfs}.tar`;
      await runOk('tar', ['-C', rootfs, '-cf', tar, '.']);
      const tag = `${reg.address}/${name}:${version}`;
      await builder.podman([
        'import',
        '--change',
        // As a well-behaved server does on SIGTERM: stop accepting, let the requests in flight finish,
        // exit. Bare httpd ignores TERM as PID 1 and is SIGKILLed 10 s later, mid-response for a
        // request in flight (the README's "host-mode ports" says what an app must do).
        `CMD ["/bin/sh", "-c", "/bin/busybox httpd -f -p 8080 -h /www & pid=$!; trap 'kill $pid; sleep 1; exit 0' TERM; wait"]`,
        tar,
        tag,
      ]);
      await builder.podman(['push', '-q', '--tls-verify=false', tag]);
      return tag;
    },
    copyImage: async (from, ref, creds) => {
      await runOk('skopeo', [
        'copy',
        '--src-tls-verify=false',
        '--dest-tls-verify=false',
        ...(creds ? ['--dest-creds', `${creds.username}:${creds.password}`] : []),
        `docker://${from}`,
        `docker://${ref}`,
      ]);
    },
    inputs: (stack, composeFile, extra = {}, managers = [0]) => ({
      hosts: managers.map((i) => `root@${nodes[i]?.address ?? ''}`).join('\n'),
      'ssh-key': privateKey,
      'host-fingerprint': managers
        .map((i) => `${nodes[i]?.address ?? ''}=${nodes[i]?.fingerprint ?? ''}`)
        .join('\n'),
      stack,
      'compose-file': composeFile,
      ...extra,
    }),
    stop: cleanup,
  };
}
