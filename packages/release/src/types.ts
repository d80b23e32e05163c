import type { SourceManifest } from './incremental.js';
import type { ComposeSlotPlan } from './compose-slots.js';
import type { Clock, Logger } from '@deploy-kit/core';
import type { Expectations, Probe } from '@deploy-kit/health';
import type { RemoteShell, SshTarget } from '@deploy-kit/ssh';

export type Strategy = 'blue-green' | 'in-place';
export type ProxyKind = 'nginx' | 'caddy' | 'haproxy' | 'none';
/** Where HAProxy's runtime API listens on Debian's package unless configured otherwise. */
export const DEFAULT_HAPROXY_SOCKET = '/run/haproxy/admin.sock';
/** Caddy's default admin endpoint (what Debian's caddy.service runs with). */
export const DEFAULT_CADDY_ADMIN = 'localhost:2019';
export type Slot = 'blue' | 'green';
/** deploy-ssh's modes; each records its releases so rollback can bring one back (see rollback.ts). */
export type DeployMode = 'release' | 'container' | 'compose';

export interface HealthConfig {
  enabled: boolean;
  /** Probed on the host at http://127.0.0.1:<port><path>, through the SSH connection. */
  path: string;
  /** Public URL checked after the switch and during soak. */
  url?: URL;
  intervalMs: number;
  timeoutMs: number;
  successThreshold: number;
  expect: Omit<Expectations, 'followRedirects'>;
}

export interface RunInfo {
  runId: string;
  actor: string;
  sha: string;
  runUrl: string;
}

/** Container mode: the image, how it reaches the host, and how its containers run there. */
export interface ContainerConfig {
  /** What to deploy: name@sha256:… (preferred) or name:tag, or already on the host (rollback). */
  image: string;
  transfer: 'registry' | 'ssh';
  engine: 'docker' | 'podman';
  /** The port the app listens on inside the container; undefined = host network, app on $PORT. */
  containerPort?: number;
  registry?: string;
  username?: string;
  password?: string;
  runArgs: string[];
  /**
   * ssh transfer to several hosts: where the image is saved (gzip'd) on the runner the first time a
   * host lacks it; every host that needs it then loads that one archive.
   */
  sharedArchive?: string;
}

/** Compose mode: the project file uploaded into each release, and what its env file names. */
export interface ComposeConfig {
  /** The compose file's content, as uploaded into `releases/<version>/compose.yaml`. */
  content: string;
  sha256: string;
  /** In place: services to pull and bring up (empty = all). Blue-green: the services named to run twice. */
  services: string[];
  engine: 'docker' | 'podman';
  /** In place: `compose up` replaces the containers. Blue-green: the new slot's services start beside the old. */
  rollout: { strategy: 'in-place' } | ({ strategy: 'blue-green' } & ComposeSlotPlan);
  /** Written to the project's env file as IMAGE (with VERSION): `image: ${IMAGE}` in the file. */
  image?: string;
  registry?: string;
  username?: string;
  password?: string;
}

/**
 * User commands around the switch (release mode), run like build-command: in a release directory,
 * with its env file, under `sh -e`.
 */
export interface DeployHooks {
  /** Once per deploy, on `migrateHost` (a target label) or the first host, after its build, before any switch. */
  migrate?: { command: string; host?: string };
  /** On each host after its switch; a failure fails that host (and switches it back). */
  postSwitch?: string;
  /** On each host this run touched when the deploy failed, in the release live after it. */
  onFailure?: string;
  /** On each host switched back, in the release switched away from (a down-migration lives there). */
  onRollback?: string;
}

/**
 * What putting a release live on a host takes, whatever the mode: shared by a deploy and a
 * rollback (which reads the mode's part from the release's manifest instead of inputs).
 */
export interface ActivationConfig {
  app: string;
  version: string;
  deployPath: string;
  strategy: Strategy;
  ports: number[];
  proxy: ProxyKind;
  proxyTestCommand: string;
  proxyReloadCommand: string;
  /** proxy haproxy: the admin socket of its runtime API. */
  haproxySocket: string;
  /** proxy caddy: its admin endpoint on the host (`host:port`, `unix//path`), or `off`. */
  caddyAdmin: string;
  drainMs: number;
  /** stop-timeout: how long a stopped slot gets between TERM and KILL. */
  stopTimeoutMs: number;
  health: HealthConfig;
  soakMs: number;
  hooks: DeployHooks;
  run: RunInfo;
}

/** Release mode: the source uploaded, how it is built, and the commands that run it. */
export interface ReleaseSettings {
  mode: 'release';
  source: string;
  exclude: string[];
  /**
   * How the source travels. deployRelease adds, for a directory, its manifest (so an upload sends
   * only what the live release lacks; a promise, hashed while the hosts connect) and, for several
   * hosts, the archive every full upload sends.
   */
  upload: {
    compression: 'none' | 'gzip';
    manifest?: Promise<SourceManifest | undefined>;
    archive?: string;
  };
  sharedPaths: string[];
  buildCommand?: string;
  startCommand?: string;
  stopCommand?: string;
  restartCommand?: string;
}

export type ModeSettings =
  | ReleaseSettings
  | { mode: 'container'; container: ContainerConfig }
  | { mode: 'compose'; compose: ComposeConfig };

/** A deploy's whole configuration: activation, the mode's settings, and how the fleet runs. */
export type ReleaseConfig = ActivationConfig &
  ModeSettings & {
    env: Array<[string, string]>;
    keepReleases: number;
    rollbackOnFailure: boolean;
    lockTimeoutMs: number;
    breakStaleLockAfterMs?: number;
    commandTimeoutMs: number;
    maxParallel: number;
    failFast: boolean;
  };

export interface DeployDeps {
  logger: Logger;
  clock: Clock;
  signal: AbortSignal;
  /** Opens the shell on a host: an SSH connection (sshConnector), or a local one in unit tests. */
  connect(target: SshTarget): Promise<RemoteShell>;
  probe: Probe;
}

export type HostStatus = 'deployed' | 'unchanged' | 'failed' | 'rolled-back' | 'skipped';

export interface Phase {
  name: string;
  startMs: number;
  endMs: number;
  ok: boolean;
}

export interface HostOutcome {
  host: string;
  status: HostStatus;
  version: string;
  previous?: string;
  slot?: Slot;
  durationMs: number;
  error?: string;
  phases: Phase[];
}

export interface SlotState {
  slot: Slot;
  port: number;
  version: string;
}

export interface HistoryEntry {
  event: 'deploy' | 'rollback';
  version: string;
  previous?: string;
  mode: DeployMode;
  strategy: Strategy;
  slot?: Slot;
  port?: number;
  status: 'success' | 'failed' | 'rolled-back' | 'unchanged' | 'cancelled';
  /** The phases this run went through on the host, in order. */
  phases?: string[];
  time: string;
  actor: string;
  sha: string;
  runId: string;
  runUrl: string;
  durationMs: number;
  error?: string;
  reason?: string;
  /** Container mode: the image reference deployed and its ID on the host. */
  image?: string;
  imageId?: string;
  /** Compose mode: SHA-256 of the compose file deployed. */
  composeSha256?: string;
}

/**
 * What it takes to start a release again without its deploy's inputs, written beside the release
 * (`.deploy-kit/releases/<version>.json`) once it is complete: rollback reads it. No secrets: env
 * values stay in the 0600 env file.
 */
export interface ReleaseManifest {
  mode: DeployMode;
  app: string;
  version: string;
  strategy: Strategy;
  ports: number[];
  proxy: ProxyKind;
  startCommand?: string;
  stopCommand?: string;
  restartCommand?: string;
  proxyTestCommand: string;
  proxyReloadCommand: string;
  /** proxy haproxy (absent in manifests written before it existed: the default socket). */
  haproxySocket?: string;
  /** proxy caddy (absent in manifests written before it existed: the default endpoint). */
  caddyAdmin?: string;
  sha: string;
  time: string;
  /** Container mode: the image as given, its ID, and how it runs (the host keeps it tagged). */
  container?: {
    image: string;
    imageId: string;
    engine: 'docker' | 'podman';
    containerPort?: number;
    runArgs: string[];
  };
  /** Compose mode: how the project is brought up again (its file and env file stay in the release). */
  compose?: {
    engine: 'docker' | 'podman';
    services: string[];
    sha256: string;
    image?: string;
    /** Blue-green releases: the services that run per slot and those updated in place (compose.slots.yaml). */
    blueGreen?: { services: string[]; inPlace: string[] };
  };
}
