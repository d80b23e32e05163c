import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPodman, engineEnv, startRegistry, type Registry } from './podman.js';
import { runOk } from './procs.js';
import { runBundle, type RunResult } from './runner.js';
import { startTargetHost, type TargetHost } from './target-host.js';

/**
 * A container deploy target: podman on the "runner" and, with its own storage, on the host behind
 * sshd (so an image the runner has is not already on the host), a registry, and the host's nginx.
 */
export interface ContainerTarget {
  host: TargetHost;
  registry: Registry;
  runnerEnv: Record<string, string>;
  /**
   * Builds the app image: busybox httpd on $PORT serving its version; `broken`: no /health;
   * `exitsOnTerm`: stops at once on SIGTERM (default: ignores it, so stopping waits for SIGKILL).
   */
  buildApp(
    ref: string,
    version: string,
    broken?: boolean,
    exitsOnTerm?: boolean,
    address?: string,
    exitAfterS?: number,
  ): Promise<void>;
  /** Pushes from the runner; returns the manifest digest. */
  push(ref: string): Promise<string>;
  hostPodman(args: string[]): Promise<string>;
  deploy(
    version: string,
    image: string,
    extra?: Record<string, string>,
    env?: Record<string, string>,
  ): Promise<RunResult>;
  stop(): Promise<void>;
}

/**
 * The test app's image context in `dir`: busybox httpd on $PORT serving "hello from <version>" and
 * /health (absent when `broken`); `exitsOnTerm`: stops at once on SIGTERM (else, as PID 1, it
 * ignores it until SIGKILL); `address` 0.0.0.0 for a bridge network reached through a published port.
 */
export function writeAppContext(
  dir: string,
  version: string,
  options: { broken?: boolean; exitsOnTerm?: boolean; address?: string; exitAfterS?: number } = {},
): string {
  const address = options.address ?? '127.0.0.1';
  mkdirSync(join(dir, 'www'), { recursive: true });
  copyFileSync('/bin/busybox', join(dir, 'busybox'));
  writeFileSync(join(dir, 'www', 'index.html'), `hello from ${version}`);
  if (!options.broken) writeFileSync(join(dir, 'www', 'health'), version);
  writeFileSync(
    join(dir, 'Containerfile'),
    // /bin/sh too: deploy-ssh's hooks run `sh -ec <command>` in the image, as most images allow.
    'FROM scratch\nCOPY busybox /bin/busybox\nCOPY busybox /bin/sh\nCOPY www /www\n' +
      (options.exitAfterS !== undefined
        ? `ENTRYPOINT ["/bin/busybox", "sh", "-c", "/bin/busybox httpd -f -p ${address}:$PORT -h /www & /bin/busybox sleep ${options.exitAfterS}; exit 1"]\n`
        : options.exitsOnTerm
          ? `ENTRYPOINT ["/bin/busybox", "sh", "-c", "trap 'exit 0' TERM; /bin/busybox httpd -f -p ${address}:$PORT -h /www & wait"]\n`
          : `ENTRYPOINT ["/bin/busybox", "sh", "-c", "exec /bin/busybox httpd -f -p ${address}:$PORT -h /www"]\n`),
  );
  return dir;
}

export async function startContainerTarget(
  app = 'shop',
  options: { registryAuth?: { username: string; password: string } } = {},
): Promise<ContainerTarget> {
  const [runner, hostEngine, registry] = await Promise.all([
    createPodman(),
    createPodman(),
    startRegistry({ auth: options.registryAuth }),
  ]);
  const runnerEnv = engineEnv(runner, registry);
  if (options.registryAuth) {
    // The runner pushes as a logged-in user would, from its own auth file.
    runnerEnv.REGISTRY_AUTH_FILE = join(runner.dir, 'auth.json');
    await runOk(
      'podman',
      ['login', '--username', options.registryAuth.username, '--password-stdin', registry.address],
      { env: { ...process.env, ...runnerEnv }, input: options.registryAuth.password },
    );
  }
  const hostEnv = engineEnv(hostEngine, registry);
  const host = await startTargetHost(app, { sshdEnv: hostEnv });
  const hostPodman = (args: string[]): Promise<string> =>
    runOk('podman', args, { env: { ...process.env, ...hostEnv } });
  return {
    host,
    registry,
    runnerEnv,
    hostPodman,
    buildApp: async (
      ref,
      version,
      broken = false,
      exitsOnTerm = false,
      address = '127.0.0.1',
      exitAfterS,
    ) => {
      const context = writeAppContext(join(runner.dir, `ctx-${version}`), version, {
        broken,
        exitsOnTerm,
        address,
        ...(exitAfterS === undefined ? {} : { exitAfterS }),
      });
      await runner.podman(['build', '--network=host', '-t', ref, context]);
    },
    push: async (ref) => {
      const digestFile = join(runner.dir, 'digest');
      await runOk('podman', ['push', '--digestfile', digestFile, ref], {
        env: { ...process.env, ...runnerEnv },
      });
      return readFileSync(digestFile, 'utf8').trim();
    },
    deploy: (version, image, extra = {}, env = runnerEnv) => {
      const inputs = host.inputs(version, '.', {
        mode: 'container',
        engine: 'podman',
        image,
        'start-command': '',
        ...extra,
      });
      delete inputs.source;
      return runBundle('deploy-ssh', { inputs, env });
    },
    stop: async () => {
      for (const slot of ['blue', 'green', 'app'])
        await hostPodman(['rm', '-f', `${app}-${slot}`]).catch(() => '');
      await host.stop();
      await registry.stop().catch(() => undefined);
      await Promise.all([runner.remove(), hostEngine.remove()]);
    },
  };
}
