import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { writeEngineConf } from './podman.js';
import { readPid, runOk, statFields, stopPid, waitFor } from './procs.js';
import { prepareHostSshd } from './sshd.js';
import { makeTempDir } from './tempdir.js';
import { blueGreenInputs, writeRelease } from './target-host.js';

/**
 * Hosts of their own on one machine: each in a network namespace (veth pair, address 10.213.N.2)
 * and a mount namespace where /srv/dk-fleet-<id> is that host's own directory. So every host has
 * the same deploy path and the same app ports, as a real fleet does, without colliding.
 */
export interface FleetHost {
  index: number;
  address: string;
  fingerprint: string;
  /** This host's directory as seen from the test (outside the namespace). */
  root: string;
  sshdPid: number;
  nginxUrl: string;
  current(): string | undefined;
  history(): Array<Record<string, unknown>>;
  /** Runs podman as this host's deploy user sees it (its namespaces and storage); `containers` fleets only. */
  podman(args: string[]): Promise<string>;
}

export interface Fleet {
  hosts: FleetHost[];
  user: string;
  privateKey: string;
  /** The path every host sees as its own root (inside the namespaces). */
  mount: string;
  deployPath: string;
  nginxTest: string;
  nginxReload: string;
  /** Writes the test app as release `version` (plus `assets` filler files) and returns its directory. */
  release(version: string, assets?: number): string;
  /** deploy-ssh inputs for a blue-green deploy of `version` to the first `size` hosts. */
  deployInputs(version: string, size?: number, extra?: Record<string, string>): Record<string, string>;
  stop(): Promise<void>;
}

let fleetCounter = 0;

const SUBNET_CLAIMS = '/run/dk-fleet-subnets';

/**
 * A 10.213.<octet>.0/24 no other fleet uses, claimed across the test processes running at once
 * (an atomic mkdir): two fleets on one subnet would route one's traffic into the other's hosts.
 */
export function claimSubnet(): number {
  mkdirSync(SUBNET_CLAIMS, { recursive: true });
  // Also skip a subnet some interface still carries (a fleet of a run that was killed).
  const inUse = sh(['ip', '-o', 'addr']);
  const start = Math.floor(Math.random() * 200);
  for (let i = 0; i < 200; i += 1) {
    const octet = 10 + ((start + i) % 200);
    if (inUse.includes(` 10.213.${octet}.`)) continue;
    try {
      mkdirSync(join(SUBNET_CLAIMS, String(octet)));
      return octet;
    } catch {
      /* claimed by another fleet */
    }
  }
  throw new Error(`no free 10.213.x.0/24 subnet left: see ${SUBNET_CLAIMS}`);
}

/**
 * Every process in the network namespace `ns`, and every descendant of one (a container that a
 * node's dockerd started has a namespace of its own, and would outlive its killed shim), SIGKILLed.
 */
export function killNamespaceProcesses(ns: string): void {
  let inode: number;
  try {
    inode = statSync(`/run/netns/${ns}`).ino;
  } catch {
    return;
  }
  const children = new Map<number, number[]>();
  const doomed = new Set<number>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const ppid = Number(statFields(pid)?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(pid)]);
      if (readlinkSync(`/proc/${pid}/ns/net`) === `net:[${inode}]`) doomed.add(Number(pid));
    } catch {
      /* exited, or not ours to read */
    }
  }
  // A Set visits what is added while it is iterated: children, then theirs.
  for (const pid of doomed) for (const child of children.get(pid) ?? []) doomed.add(child);
  for (const pid of doomed) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* exited */
    }
  }
}

export function releaseSubnet(octet: number): void {
  rmSync(join(SUBNET_CLAIMS, String(octet)), { recursive: true, force: true });
}

function sh(args: string[]): string {
  return execFileSync(args[0]!, args.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

export interface FleetOptions {
  /** Give each host a podman of its own (storage, run root and engine settings in its directory). */
  containers?: boolean;
}

/** Engine settings (writeEngineConf), with storage, locks and networks under `dir`. */
function podmanConfig(root: string, dir: string): Record<string, string> {
  mkdirSync(join(root, 'podman'), { recursive: true });
  const files = {
    CONTAINERS_CONF: 'containers.conf',
    CONTAINERS_STORAGE_CONF: 'storage.conf',
    CONTAINERS_REGISTRIES_CONF: 'registries.conf',
  };
  writeEngineConf(join(root, 'podman'), dir);
  writeFileSync(
    join(root, 'podman', files.CONTAINERS_STORAGE_CONF),
    `[storage]\ndriver = "vfs"\ngraphroot = "${dir}/storage"\nrunroot = "${dir}/run"\n`,
  );
  writeFileSync(join(root, 'podman', files.CONTAINERS_REGISTRIES_CONF), '');
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, `${dir}/${v}`]));
}

export async function startFleet(
  size: number,
  app = 'shop',
  ports: [number, number] = [3001, 3002],
  options: FleetOptions = {},
): Promise<Fleet> {
  const id = `${process.pid % 10000}${fleetCounter++}`;
  const temp = makeTempDir('fleet');
  const mount = `/srv/dk-fleet-${id}`;
  mkdirSync(mount, { recursive: true });
  await runOk('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(temp.path, 'id')]);
  const privateKey = readFileSync(join(temp.path, 'id'), 'utf8');
  const hosts: FleetHost[] = [];
  const namespaces: string[] = [];
  const octet = claimSubnet();
  try {
    for (let i = 0; i < size; i += 1) {
      const ns = `dk${id}h${i}`;
      const root = join(temp.path, `host${i}`);
      const hostSide = `dv${id}${i}`.slice(0, 15);
      const nsSide = `dp${id}${i}`.slice(0, 15);
      const address = `10.213.${octet}.${4 * i + 2}`;
      const gateway = `10.213.${octet}.${4 * i + 1}`;
      mkdirSync(join(root, 'nginx', 'logs'), { recursive: true });
      mkdirSync(join(root, 'nginx', 'tmp'), { recursive: true });
      mkdirSync(join(root, 'app', '.deploy-kit'), { recursive: true });
      sh(['ip', 'netns', 'add', ns]);
      namespaces.push(ns);
      sh(['ip', 'link', 'add', hostSide, 'type', 'veth', 'peer', 'name', nsSide]);
      sh(['ip', 'link', 'set', nsSide, 'netns', ns]);
      sh(['ip', 'addr', 'add', `${gateway}/30`, 'dev', hostSide]);
      sh(['ip', 'link', 'set', hostSide, 'up']);
      sh(['ip', 'netns', 'exec', ns, 'ip', 'addr', 'add', `${address}/30`, 'dev', nsSide]);
      sh(['ip', 'netns', 'exec', ns, 'ip', 'link', 'set', nsSide, 'up']);
      sh(['ip', 'netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up']);
      // The same paths on every host: inside its mount namespace each resolves to its own directory.
      const engineEnv = options.containers ? podmanConfig(root, `${mount}/podman`) : {};
      const fingerprint = await prepareHostSshd(root, address, join(temp.path, 'id.pub'), engineEnv);
      writeFileSync(
        join(root, 'app', '.deploy-kit', 'upstream.conf'),
        `upstream ${app} { server 127.0.0.1:${ports[0]}; }\n`,
      );
      const inside = (path: string): string => path.replace(root, mount);
      writeFileSync(
        join(root, 'nginx', 'nginx.conf'),
        `daemon on;\npid ${mount}/nginx/nginx.pid;\nerror_log ${mount}/nginx/logs/error.log warn;\nworker_processes 1;\n` +
          `events { worker_connections 512; }\nhttp {\n  access_log off;\n  client_body_temp_path ${mount}/nginx/tmp/body;\n  proxy_temp_path ${mount}/nginx/tmp/proxy;\n` +
          `  fastcgi_temp_path ${mount}/nginx/tmp/f;\n  uwsgi_temp_path ${mount}/nginx/tmp/u;\n  scgi_temp_path ${mount}/nginx/tmp/s;\n` +
          `  include ${inside(join(root, 'app', '.deploy-kit', 'upstream.conf'))};\n` +
          `  server { listen ${address}:80; location / { proxy_pass http://${app}; } }\n}\n`,
      );
      // sshd and nginx share the host's mount namespace, where /srv/dk-fleet-<id> is this host's root.
      // nsenter, not `ip netns exec`: that remounts /sys, hiding the cgroup mounts runc needs.
      await runOk('nsenter', [
        `--net=/run/netns/${ns}`,
        'unshare',
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        'mount --bind "$1" "$2" && /usr/sbin/sshd -f "$1/sshd_config" -E "$1/sshd.log" && /usr/sbin/nginx -p "$2/nginx" -c "$2/nginx/nginx.conf"',
        'dk-host',
        root,
        mount,
      ]);
      await waitFor(() => readPid(join(root, 'sshd.pid')) !== undefined, 5000, 'sshd pid');
      const deployPath = join(root, 'app');
      const sshdPid = readPid(join(root, 'sshd.pid'))!;
      hosts.push({
        index: i,
        address,
        fingerprint,
        root,
        sshdPid,
        podman: (args) =>
          runOk('nsenter', ['-t', String(sshdPid), '-m', '-n', 'podman', ...args], {
            env: { ...process.env, ...engineEnv },
            timeoutMs: 120_000,
          }),
        nginxUrl: `http://${address}`,
        current: () => {
          const link = join(deployPath, 'current');
          return existsSync(link) ? readlinkSync(link).replace(/^releases\//, '') : undefined;
        },
        history: () => {
          const file = join(deployPath, '.deploy-kit', 'history.jsonl');
          return existsSync(file)
            ? readFileSync(file, 'utf8')
                .trim()
                .split('\n')
                .map((l) => JSON.parse(l) as Record<string, unknown>)
            : [];
        },
      });
    }
  } catch (error) {
    for (const ns of namespaces) sh(['ip', 'netns', 'del', ns]);
    releaseSubnet(octet);
    throw error;
  }
  const nginxCommand = `/usr/sbin/nginx -p ${mount}/nginx -c ${mount}/nginx/nginx.conf`;
  const release = (version: string, assets = 0): string => {
    const dir = writeRelease(join(temp.path, `src-${version}`), version);
    for (let i = 0; i < assets; i += 1) writeFileSync(join(dir, `asset${i}.txt`), `asset ${i} `.repeat(200));
    return dir;
  };
  return {
    release,
    deployInputs: (version, size = hosts.length, extra = {}) => ({
      ...blueGreenInputs({
        hosts: hosts.slice(0, size).map((h) => `root@${h.address}`),
        fingerprints: hosts.slice(0, size).map((h) => `${h.address}=${h.fingerprint}`),
        privateKey,
        app,
        version,
        deployPath: `${mount}/app`,
        source: extra.source ?? release(version),
        ports,
        nginxCommand,
      }),
      drain: '500ms',
      ...extra,
    }),
    hosts,
    user: 'root',
    privateKey,
    mount,
    deployPath: `${mount}/app`,
    nginxTest: `${nginxCommand} -t`,
    nginxReload: `${nginxCommand} -s reload`,
    stop: async () => {
      for (const host of hosts) {
        if (options.containers) {
          await host.podman(['rm', '-af', '-t', '0']).catch(() => '');
          // vfs layers can hold files only podman's own reset removes cleanly.
          await host.podman(['system', 'reset', '-f']).catch(() => '');
        }
        for (const file of [
          'app/.deploy-kit/run/blue.pid',
          'app/.deploy-kit/run/green.pid',
          'nginx/nginx.pid',
        ]) {
          const pid = readPid(join(host.root, file));
          if (pid) {
            try {
              process.kill(-pid, 'SIGKILL');
            } catch {
              await stopPid(pid, 1000);
            }
          }
        }
        await stopPid(host.sshdPid, 2000);
      }
      for (const ns of namespaces) {
        // Whatever still runs in the host's network (a container's conmon and processes, which
        // podman may have left in a mount namespace of its own) would keep it, and its address,
        // alive after `ip netns del`.
        killNamespaceProcesses(ns);
        try {
          sh(['ip', 'netns', 'del', ns]);
        } catch {
          /* already gone */
        }
      }
      try {
        temp.remove();
      } finally {
        releaseSubnet(octet);
      }
      try {
        sh(['rmdir', mount]);
      } catch {
        /* still mounted somewhere: leave the empty directory */
      }
    },
  };
}
