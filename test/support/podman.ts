import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitForPort } from './ports.js';
import { run, runOk, stopPid } from './procs.js';
import { makeTempDir } from './tempdir.js';
import { spawn } from 'node:child_process';

/** Podman with its own storage in a temp dir and the engine settings this kernel accepts (docs/testbed.md). */
export interface Podman {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Global flags that select this instance's storage. */
  globalArgs: string[];
  podman(args: string[], options?: { timeoutMs?: number }): Promise<string>;
  /** Builds a `FROM scratch` image with static busybox serving `files` over `busybox httpd` on `port`. */
  buildBusyboxHttpd(tag: string, port: number, files: Record<string, string>): Promise<void>;
  remove(): Promise<void>;
}

/**
 * containers.conf for a podman whose files live under `dir` (as the podman that reads it sees the
 * path): the engine settings this kernel accepts (docs/testbed.md), and locks, run state and
 * network configs in `dir/tmp` and `dir/cni`. By default every podman on the machine shares
 * /dev/shm/libpod_lock (lock numbers count per storage, so two instances at once hand out the same
 * lock: "acquiring lock 0 … file exists"), /run/libpod and /etc/cni/net.d; suites run side by side
 * (CONTRIBUTING.md, "Tests side by side"). Written to `local/containers.conf`, with `local/cni`:
 * `local` is `dir` as this process sees it (a fleet host sees its own under another path).
 */
export function writeEngineConf(local: string, dir = local): void {
  mkdirSync(join(local, 'cni'), { recursive: true });
  writeFileSync(join(local, 'containers.conf'), engineConf(dir));
}

function engineConf(dir: string): string {
  return [
    '[containers]',
    'default_ulimits = []',
    '[engine]',
    'cgroup_manager = "cgroupfs"',
    'events_logger = "file"',
    'runtime = "runc"',
    'lock_type = "file"',
    `tmp_dir = "${dir}/tmp"`,
    '[network]',
    `network_config_dir = "${dir}/cni"`,
    '',
  ].join('\n');
}

export async function createPodman(): Promise<Podman> {
  const temp = makeTempDir('podman');
  const dir = temp.path;
  const conf = join(dir, 'containers.conf');
  writeEngineConf(dir);
  const env = { ...process.env, CONTAINERS_CONF: conf };
  const globalArgs = ['--root', join(dir, 'storage'), '--runroot', join(dir, 'run'), '--storage-driver=vfs'];
  const podman = (args: string[], options: { timeoutMs?: number } = {}): Promise<string> =>
    runOk('podman', [...globalArgs, ...args], { env, timeoutMs: options.timeoutMs ?? 120_000 });
  return {
    dir,
    env,
    globalArgs,
    podman,
    buildBusyboxHttpd: async (tag, port, files) => {
      const context = join(dir, `ctx-${tag.replace(/[^a-z0-9]/gi, '_')}`);
      mkdirSync(join(context, 'www'), { recursive: true });
      copyFileSync('/bin/busybox', join(context, 'busybox'));
      for (const [name, content] of Object.entries(files)) writeFileSync(join(context, 'www', name), content);
      writeFileSync(
        join(context, 'Containerfile'),
        `FROM scratch\nCOPY busybox /bin/busybox\nCOPY www /www\nENTRYPOINT ["/bin/busybox", "httpd", "-f", "-p", "127.0.0.1:${port}", "-h", "/www"]\n`,
      );
      await podman(['build', '--network=host', '-t', tag, context]);
    },
    remove: async () => {
      await run('podman', [...globalArgs, 'rm', '-af', '-t', '0'], { env });
      // vfs layers can hold files only root may delete; podman's own reset removes them cleanly.
      await run('podman', [...globalArgs, 'system', 'reset', '-f'], { env });
      temp.remove();
    },
  };
}

export interface Registry {
  port: number;
  address: string;
  stop(): Promise<void>;
}

/**
 * The Distribution registry (Debian's docker-registry) on 127.0.0.1, storage in a temp dir. With
 * `auth`, it demands that login (htpasswd with a bcrypt hash, as the registry requires).
 */
export async function startRegistry(
  options: { auth?: { username: string; password: string }; host?: string } = {},
): Promise<Registry> {
  const host = options.host ?? '127.0.0.1';
  const temp = makeTempDir('registry');
  const port = await freePort();
  const config = join(temp.path, 'registry.yml');
  let auth = '';
  if (options.auth) {
    const hash = (
      await runOk(
        'python3',
        [
          '-W',
          'ignore',
          '-c',
          'import crypt, sys; print(crypt.crypt(sys.stdin.read(), crypt.mksalt(crypt.METHOD_BLOWFISH)))',
        ],
        { input: options.auth.password },
      )
    ).trim();
    writeFileSync(join(temp.path, 'htpasswd'), `${options.auth.username}:${hash}\n`);
    auth = `auth: { htpasswd: { realm: test-registry, path: ${join(temp.path, 'htpasswd')} } }\n`;
  }
  writeFileSync(
    config,
    `version: 0.1\nlog: { level: error }\nstorage: { filesystem: { rootdirectory: ${join(temp.path, 'data')} } }\nhttp: { addr: ${host}:${port} }\n${auth}`,
  );
  const child = spawn('docker-registry', ['serve', config], { stdio: 'ignore', detached: false });
  child.unref();
  await waitForPort(port, 10_000, host);
  return {
    port,
    address: `${host}:${port}`,
    stop: async () => {
      if (child.pid) await stopPid(child.pid);
      temp.remove();
    },
  };
}

/**
 * Environment that makes a plain `podman` (as an action or a remote host runs it) use this
 * instance's storage and engine settings, and treat the test registry as plain HTTP.
 */
export function engineEnv(podman: Podman, registry?: Registry): Record<string, string> {
  const storageConf = join(podman.dir, 'storage.conf');
  writeFileSync(
    storageConf,
    `[storage]\ndriver = "vfs"\ngraphroot = "${join(podman.dir, 'storage')}"\nrunroot = "${join(podman.dir, 'run')}"\n`,
  );
  const registriesConf = join(podman.dir, 'registries.conf');
  writeFileSync(
    registriesConf,
    registry ? `[[registry]]\nlocation = "${registry.address}"\ninsecure = true\n` : '',
  );
  return {
    CONTAINERS_CONF: podman.env.CONTAINERS_CONF!,
    CONTAINERS_STORAGE_CONF: storageConf,
    CONTAINERS_REGISTRIES_CONF: registriesConf,
  };
}
