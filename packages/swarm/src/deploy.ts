import {
  ActionFailedError,
  CancelledError,
  errorMessage,
  formatMs,
  type Clock,
  type Logger,
  isCancelled,
  loadYaml,
} from '@deploy-kit/core';
import { runGate, type Probe } from '@deploy-kit/health';
import {
  CANCELLED_STEP_MS,
  DeployLock,
  gateOptions,
  PhaseRecorder,
  RemoteHost,
  type HealthConfig,
  type Phase,
  type RunInfo,
} from '@deploy-kit/release';
import type { Connector, SshTarget } from '@deploy-kit/ssh';
import {
  pinImage,
  repositoryOf,
  stackDocument,
  withUpdateDefaults,
  type Doc,
  type RenderedStack,
} from './render.js';
import {
  SWARM_DEPLOY,
  SWARM_HISTORY,
  SWARM_PRUNE_OBJECTS,
  SWARM_RECORD,
  SWARM_RECORDED,
  SWARM_RESOLVE,
  SWARM_ROLE,
  SWARM_STAGE,
  SWARM_STATUS,
  SWARM_WRITE,
} from './scripts.js';
import {
  judge,
  parseSnapshot,
  progressLine,
  serviceStatuses,
  type ServiceStatus,
  type Verdict,
} from './status.js';

/**
 * Between two looks at the stack while it rolls out. Each look is two Engine API requests (or four
 * docker commands without curl) on the manager; looking twice as often made 3- and 5-node rollouts
 * slower, not faster, on the benchmark's machine (bench/results/swarm.md).
 */
export const POLL_MS = 1000;

export interface RegistryLogin {
  registry: string;
  username: string;
  password: string;
}

/**
 * Commands on the manager around the rollout (deploy-ssh's hook inputs), in the stack's directory,
 * with `env`, STACK, VERSION, PREVIOUS_VERSION and IMAGE_<SERVICE> (each service's pinned image).
 */
export interface SwarmHooks {
  /** Before `docker stack deploy`; a failure fails the deploy with nothing deployed. */
  migrate?: string;
  /** After the rollout and the gate; a failure counts as a failed rollout (rolled back). */
  postSwitch?: string;
  /** After a failed deploy (and its rollback, if any); its own failure never hides the first. */
  onFailure?: string;
  /** After the previous version was re-deployed. */
  onRollback?: string;
}

/** What deploy-swarm deploys: the stack, rendered on the runner (render.ts), and how to judge it. */
export interface SwarmConfig {
  stack: string;
  version: string;
  /** `~/…` or absolute; the stack's history lives in `<deploy-path>/stacks/<stack>/`. */
  deployPath: string;
  /** Each service's image pinned by build-image's manifest (`repositoryOf(ref) → ref@sha256:…`). */
  manifest: ReadonlyMap<string, string>;
  registry?: RegistryLogin;
  prune: boolean;
  timeoutMs: number;
  /** A gate on the public URL after the stack converged; undefined: none. */
  health?: HealthConfig & { url: URL };
  rollbackOnFailure: boolean;
  lockTimeoutMs: number;
  commandTimeoutMs: number;
  pollMs: number;
  run: RunInfo;
  hooks: SwarmHooks;
  /** The `env` input: the hooks' environment (the compose file got it rendered in). */
  env: ReadonlyArray<readonly [string, string]>;
}

export interface SwarmDeps {
  logger: Logger;
  clock: Clock;
  signal: AbortSignal;
  connect: Connector;
  probe: Probe;
}

export interface HistoryEntry {
  version: string;
  outcome: 'deployed' | 'failed' | 'rolled-back';
  time: string;
  runId: string;
  actor: string;
  sha: string;
  action: 'deploy-swarm' | 'rollback';
  /** service → image reference it ran. */
  images: Record<string, string>;
  /** Swarm configs and secrets this version uses (kept while it may be rolled back to). */
  objects: string[];
  /** deploy-swarm only: the version it went back to after failing. */
  rolledBackTo?: string;
}

export interface SwarmResult {
  ok: boolean;
  manager: string;
  version: string;
  previous?: string;
  rolledBack: boolean;
  services: ServiceStatus[];
  phases: Phase[];
  durationMs: number;
  error?: string;
}

/** The manager this run uses: its connection as a RemoteHost, and the stack's directory on it. */
export interface Manager {
  host: RemoteHost;
  label: string;
  stackDir: string;
  engineVersion: string;
}

export const swarmMessages = {
  worker: (label: string): string =>
    `${label} is a swarm worker; deploy-swarm needs a manager ('docker node ls' on a manager lists them; 'docker node promote' makes one)`,
  inactive: (label: string): string =>
    `${label} is not part of a swarm ('docker swarm init' makes it a manager)`,
  noManager: (reasons: readonly string[]): string =>
    `No reachable swarm manager in 'hosts': ${reasons.join('; ')}`,
};

function resolvePath(deployPath: string, home: string): string {
  return deployPath.startsWith('~/') ? `${home.replace(/\/+$/, '')}/${deployPath.slice(2)}` : deployPath;
}

/** Connects to `target` and asks its role; a manager, or the reason it cannot be used. */
export async function openManager(
  target: SshTarget,
  config: Pick<SwarmConfig, 'deployPath' | 'stack' | 'commandTimeoutMs'>,
  deps: Pick<SwarmDeps, 'connect' | 'logger' | 'signal'>,
): Promise<{ manager: Manager } | { reason: string }> {
  const label = target.port === 22 ? target.host : `${target.host}:${target.port}`;
  let host: RemoteHost;
  try {
    const conn = await deps.connect(target);
    host = new RemoteHost(conn, label, deps.logger, config.commandTimeoutMs, deps.signal);
  } catch (error) {
    if (deps.signal.aborted) throw error;
    return { reason: `${label}: ${errorMessage(error)}` };
  }
  const role = await host.script('swarm-role', SWARM_ROLE, []);
  const [first = '', home = ''] = role.stdout.trim().split('\n');
  const [state = '', engineVersion = ''] = first.split(' ');
  const fail = (reason: string): { reason: string } => {
    host.conn.close();
    return { reason };
  };
  if (role.code !== 0)
    return fail(`${label}: ${role.stderr.trim() || `docker info failed (exit ${role.code})`}`);
  if (state === 'worker') return fail(swarmMessages.worker(label));
  if (state !== 'manager') return fail(swarmMessages.inactive(label));
  if (config.deployPath.startsWith('~/') && !home.startsWith('/'))
    return fail(
      `${label}: cannot resolve deploy-path ${config.deployPath}: $HOME is ${JSON.stringify(home)}`,
    );
  const stackDir = `${resolvePath(config.deployPath, home)}/stacks/${config.stack}`;
  return { manager: { host, label, stackDir, engineVersion } };
}

export function parseHistory(text: string): HistoryEntry[] {
  return text
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as HistoryEntry];
      } catch {
        return [];
      }
    });
}

/** The version the stack runs now per its history: the last one deployed (or rolled back to). */
export function currentVersion(history: readonly HistoryEntry[]): HistoryEntry | undefined {
  return [...history].reverse().find((h) => h.outcome === 'deployed');
}

/**
 * One stack on one manager: stage, deploy, wait, gate, record. Deploy and rollback both use it;
 * a re-deploy of a recorded version is the same path with the recorded document.
 */
export class StackOnManager {
  constructor(
    readonly manager: Manager,
    private readonly config: SwarmConfig,
    private readonly deps: SwarmDeps,
  ) {}

  private get host(): RemoteHost {
    return this.manager.host;
  }

  async history(): Promise<HistoryEntry[]> {
    const result = await this.host.must('read history', SWARM_HISTORY, [this.manager.stackDir]);
    return parseHistory(result.stdout);
  }

  async recorded(version: string): Promise<Doc> {
    const result = await this.host.script('read version', SWARM_RECORDED, [this.manager.stackDir, version]);
    if (result.code !== 0)
      throw new ActionFailedError(
        `${this.manager.label}: version ${version} of stack ${this.config.stack} is not recorded in ${this.manager.stackDir}/versions`,
      );
    return (await loadYaml()).parse(result.stdout) as Doc;
  }

  /** Pins every image to a digest: build-image's manifest first, else what the manager pulls. */
  async pinImages(rendered: RenderedStack): Promise<Map<string, string>> {
    const images = new Map<string, string>();
    const toResolve: string[] = [];
    for (const service of rendered.services) {
      const fromManifest = this.config.manifest.get(repositoryOf(service.image));
      if (fromManifest) images.set(service.name, fromManifest);
      else if (service.image.includes('@sha256:')) images.set(service.name, service.image);
      else if (!toResolve.includes(service.image)) toResolve.push(service.image);
    }
    if (toResolve.length === 0) return images;
    const { registry } = this.config;
    const result = await this.host.must(
      'resolve images',
      SWARM_RESOLVE,
      [registry?.registry ?? '', registry?.username ?? '', ...toResolve],
      { stdin: registry ? `${registry.password}\n` : '' },
    );
    const digests = new Map(
      result.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [ref = '', list = ''] = line.split('\t');
          return [ref, list.trim().split(/\s+/).filter(Boolean)] as const;
        }),
    );
    for (const service of rendered.services) {
      if (images.has(service.name)) continue;
      const pinned = pinImage(service.image, digests.get(service.image) ?? []);
      if (pinned) images.set(service.name, pinned);
      else
        this.deps.logger.warning(
          `${service.name}: ${service.image} is only on ${this.manager.label} (no registry digest), so it cannot be pinned; every node must have it, and a rollback runs whatever that tag is then`,
        );
    }
    return images;
  }

  /** Stages the stack file (and the configs' and secrets' files) and runs `docker stack deploy`. */
  async deploy(
    doc: Doc,
    files: RenderedStack['files'],
    options: { pinnedAll: boolean; prune: boolean },
  ): Promise<void> {
    const staging = (await this.host.must('stage', SWARM_STAGE, [this.manager.stackDir])).stdout.trim();
    const { stringify } = await loadYaml();
    await this.host.must('write stack file', SWARM_WRITE, [`${staging}/stack.yml`], {
      stdin: stringify(doc, { lineWidth: 0 }),
    });
    for (const file of files)
      await this.host.must(
        `write ${file.kind} ${file.key}`,
        SWARM_WRITE,
        [`${staging}/files/${file.kind}-${file.key}`],
        {
          stdin: file.content,
        },
      );
    const { registry } = this.config;
    await this.host.must(
      'docker stack deploy',
      SWARM_DEPLOY,
      [
        staging,
        this.config.stack,
        registry?.registry ?? '',
        registry?.username ?? '',
        options.pinnedAll ? 'never' : 'always',
        String(options.prune),
      ],
      { stdin: registry ? `${registry.password}\n` : '', echo: true },
    );
  }

  /**
   * Re-deploys a recorded version (images pinned, configs and secrets by name) and waits for it.
   * Swarm's own rollback of a failed update is let finish first: an update sent while it runs
   * interrupts it, and two controllers moving one service can leave it on either spec.
   */
  async redeploy(version: string): Promise<{ verdict: Verdict; statuses: ServiceStatus[]; doc: Doc }> {
    const doc = await this.recorded(version);
    await this.settle();
    await this.deploy(doc, [], { pinnedAll: true, prune: true });
    return { ...(await this.waitForRollout(Object.keys(documentImages(doc)))), doc };
  }

  /** One poll interval, cut short at the deadline. */
  private pause(deadline: number): Promise<void> {
    const { clock, signal } = this.deps;
    return clock.sleep(Math.min(this.config.pollMs, Math.max(0, deadline - clock.now())), signal);
  }

  /** Waits, up to the rollout timeout, until no service of the stack is updating or rolling back. */
  private async settle(): Promise<void> {
    const { clock, logger } = this.deps;
    const deadline = clock.now() + this.config.timeoutMs;
    for (let said = false; ; said = true) {
      const moving = (await this.snapshotOrRetry(deadline)).filter(
        (s) => s.update === 'updating' || s.update === 'rollback_started',
      );
      if (moving.length === 0 || clock.now() >= deadline) return;
      if (!said) logger.info(`  waiting for Swarm to finish with ${moving.map((s) => s.name).join(', ')}`);
      await this.pause(deadline);
    }
  }

  /** A snapshot; one that fails to read (the manager busy, output cut) is retried until the deadline. */
  private async snapshotOrRetry(deadline: number): Promise<ServiceStatus[]> {
    for (;;) {
      try {
        return await this.snapshot();
      } catch (error) {
        if (this.deps.signal.aborted || this.deps.clock.now() >= deadline) throw error;
        this.deps.logger.debug(`stack status not read, retrying: ${errorMessage(error)}`);
        await this.deps.clock.sleep(this.config.pollMs, this.deps.signal);
      }
    }
  }

  async snapshot(): Promise<ServiceStatus[]> {
    const result = await this.host.must('stack status', SWARM_STATUS, [this.config.stack]);
    return serviceStatuses(this.config.stack, parseSnapshot(result.stdout));
  }

  /**
   * Polls until every service runs the spec just deployed with its desired replicas, or fails
   * (Swarm rolled back or paused), or the deadline passes. Prints each change of progress.
   */
  async waitForRollout(
    services: readonly string[],
  ): Promise<{ verdict: Verdict; statuses: ServiceStatus[] }> {
    const { clock, logger } = this.deps;
    const deadline = clock.now() + this.config.timeoutMs;
    let statuses = await this.snapshotOrRetry(deadline);
    // The specs right after `docker stack deploy`: a service that leaves its spec was rolled back.
    const deployed = new Map(
      statuses.filter((s) => services.includes(s.name)).map((s) => [s.name, s.specKey]),
    );
    let last = '';
    for (;;) {
      const verdict = judge(statuses, deployed);
      const line = statuses.map(progressLine).join(', ');
      if (line !== last) logger.info(`  ${line}`);
      last = line;
      if (verdict.kind !== 'progressing') return { verdict, statuses };
      if (clock.now() >= deadline) {
        const behind = statuses.filter(
          (s) => s.running !== s.desired || s.stale > 0 || s.update === 'updating',
        );
        return {
          verdict: {
            kind: 'failed',
            service: behind[0]?.name ?? '',
            reason: `not rolled out after ${formatMs(this.config.timeoutMs)}: ${behind.map(progressLine).join(', ')}${behind[0]?.taskError ? ` (task error: ${behind[0].taskError})` : ''}`,
          },
          statuses,
        };
      }
      await this.pause(deadline);
      statuses = await this.snapshotOrRetry(deadline);
    }
  }

  async gate(): Promise<void> {
    const { health } = this.config;
    if (!health) return;
    const result = await runGate(gateOptions(health, health.url), {
      probe: this.deps.probe,
      clock: this.deps.clock,
      signal: this.deps.signal,
    });
    if (!result.healthy) {
      const target = result.targets[0];
      throw new ActionFailedError(
        `health-url ${health.url.href} failed its health check: ${result.outcome}${target?.lastReason ? ` (${target.lastReason})` : ''} after ${result.attempts} attempts`,
      );
    }
  }

  async record(doc: Doc, entry: HistoryEntry): Promise<void> {
    const { stringify } = await loadYaml();
    await this.host.must(
      'record version',
      SWARM_RECORD,
      [this.manager.stackDir, entry.version, JSON.stringify(entry)],
      {
        stdin: stringify(doc, { lineWidth: 0 }),
      },
    );
  }

  /** A hook command on the manager, in the stack's directory (ssh-run's runner: env on stdin). */
  async hook(name: string, command: string, env: ReadonlyArray<readonly [string, string]>): Promise<void> {
    this.deps.logger.info(`${name}: ${command}`);
    await this.host.userScript(name, command, { env, dir: this.manager.stackDir });
  }

  async pruneObjects(keep: readonly string[]): Promise<string[]> {
    const result = await this.host.script('prune configs and secrets', SWARM_PRUNE_OBJECTS, [
      this.config.stack,
      ...keep,
    ]);
    return result.stdout.trim().split('\n').filter(Boolean);
  }
}

/** IMAGE_WEB for service `web` (IMAGE_API_V2 for `api-v2`): a shell variable name. */
export function imageVariable(service: string): string {
  return `IMAGE_${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The hooks' environment: `env`, then what deploy-swarm knows about this deploy. */
export function hookEnv(
  config: Pick<SwarmConfig, 'env' | 'stack' | 'version'>,
  previous: string | undefined,
  images: Record<string, string>,
): Array<readonly [string, string]> {
  return [
    ...config.env,
    ['STACK', config.stack],
    ['VERSION', config.version],
    ['PREVIOUS_VERSION', previous ?? ''],
    ...Object.entries(images).map(([service, image]) => [imageVariable(service), image] as const),
  ];
}

/** The images a recorded stack document runs, per service. */
export function documentImages(doc: Doc): Record<string, string> {
  const services = (doc.services ?? {}) as Record<string, { image?: unknown }>;
  return Object.fromEntries(
    Object.entries(services).map(([n, s]) => [n, typeof s.image === 'string' ? s.image : '']),
  );
}

/** Names of the configs and secrets a recorded stack document uses. */
export function documentObjects(doc: Doc): string[] {
  const names: string[] = [];
  for (const kind of ['configs', 'secrets']) {
    const section = (doc[kind] ?? {}) as Record<string, { name?: unknown }>;
    for (const def of Object.values(section)) if (typeof def.name === 'string') names.push(def.name);
  }
  return names;
}

/**
 * Finds the first listed host that is a manager: an unreachable one is passed over (with a
 * warning), a worker or a node outside any swarm is refused with the reason.
 */
export async function findManager(
  hosts: readonly SshTarget[],
  config: SwarmConfig,
  deps: SwarmDeps,
): Promise<{ manager: Manager; others: SshTarget[] }> {
  const reasons: string[] = [];
  for (const [i, target] of hosts.entries()) {
    const opened = await openManager(target, config, deps);
    if ('manager' in opened) {
      if (reasons.length > 0) deps.logger.warning(`Passed over: ${reasons.join('; ')}`);
      return { manager: opened.manager, others: hosts.slice(i + 1) };
    }
    if (deps.signal.aborted) throw new CancelledError('Cancelled while looking for a manager');
    reasons.push(opened.reason);
  }
  throw new ActionFailedError(swarmMessages.noManager(reasons));
}

/** Writes a history record to the other managers listed, so losing one manager loses no history. */
export async function recordOnOthers(
  others: readonly SshTarget[],
  config: SwarmConfig,
  deps: SwarmDeps,
  doc: Doc,
  entry: HistoryEntry,
): Promise<void> {
  await Promise.all(
    others.map(async (target) => {
      const opened = await openManager(target, config, deps).catch((e: unknown) => ({
        reason: errorMessage(e),
      }));
      if (!('manager' in opened)) {
        deps.logger.warning(`History not copied: ${opened.reason}`);
        return;
      }
      try {
        await new StackOnManager(opened.manager, config, deps).record(doc, entry);
      } catch (error) {
        deps.logger.warning(`History not copied to ${opened.manager.label}: ${errorMessage(error)}`);
      } finally {
        opened.manager.host.conn.close();
      }
    }),
  );
}

/**
 * deploy-swarm: find a manager, lock the stack, pin images, deploy, wait for the rollout, gate,
 * record; on failure re-deploy the previous recorded version of the whole stack and wait for it.
 */
export async function deployStack(
  rendered: RenderedStack,
  hosts: readonly SshTarget[],
  config: SwarmConfig,
  deps: SwarmDeps,
): Promise<SwarmResult> {
  const { clock, logger } = deps;
  const started = clock.now();
  const phases = new PhaseRecorder(clock);
  const { manager, others } = await phases.run('connect', () => findManager(hosts, config, deps));
  logger.info(`Manager: ${manager.label} (Docker ${manager.engineVersion})`);
  const stack = new StackOnManager(manager, config, deps);
  const lock = new DeployLock(
    manager.host,
    manager.stackDir,
    config.run,
    config.version,
    clock,
    'deploy-swarm',
  );
  const result: SwarmResult = {
    ok: false,
    manager: manager.label,
    version: config.version,
    rolledBack: false,
    services: [],
    phases: phases.phases,
    durationMs: 0,
  };
  try {
    await phases.run('lock', () =>
      lock.acquire({ timeoutMs: config.lockTimeoutMs, clock, logger, signal: deps.signal }),
    );
    const history = await stack.history();
    const previous = currentVersion(history);
    result.previous = previous?.version;
    const images = await phases.run('pin images', () => stack.pinImages(rendered));
    const pinnedAll = rendered.services.every((s) => images.has(s.name));
    const base = withUpdateDefaults(rendered.doc, rendered.services);
    const deployDoc = stackDocument(base, rendered.files, images, 'deploy');
    const recordDoc = stackDocument(base, rendered.files, images, 'record');
    const entry = (outcome: HistoryEntry['outcome'], rolledBackTo?: string): HistoryEntry => ({
      version: config.version,
      outcome,
      time: new Date(clock.now()).toISOString(),
      runId: config.run.runId,
      actor: config.run.actor,
      sha: config.run.sha,
      action: 'deploy-swarm',
      images: documentImages(recordDoc),
      objects: documentObjects(recordDoc),
      ...(rolledBackTo ? { rolledBackTo } : {}),
    });
    const { hooks } = config;
    const env = hookEnv(config, previous?.version, documentImages(recordDoc));
    // Until `docker stack deploy` runs, the stack is untouched: a failure there has nothing to undo.
    let deployed = false;
    try {
      const { migrate } = hooks;
      if (migrate) await phases.run('migrate', () => stack.hook('migrate', migrate, env));
      deployed = true;
      await phases.run('deploy', () =>
        stack.deploy(deployDoc, rendered.files, { pinnedAll, prune: config.prune }),
      );
      const rollout = await phases.run('roll out', () =>
        stack.waitForRollout(rendered.services.map((s) => s.name)),
      );
      result.services = rollout.statuses;
      if (rollout.verdict.kind === 'failed') throw new ActionFailedError(rollout.verdict.reason);
      await phases.run('health gate', () => stack.gate());
      const { postSwitch } = hooks;
      if (postSwitch) await phases.run('post-switch', () => stack.hook('post-switch', postSwitch, env));
    } catch (error) {
      if (error instanceof CancelledError || deps.signal.aborted) throw error;
      result.error = errorMessage(error);
      logger.error(`Stack ${config.stack} ${config.version} failed: ${result.error}`);
      if (!deployed) {
        logger.info(`Nothing was deployed: the stack runs ${previous?.version ?? 'what it ran'} as before`);
      } else if (config.rollbackOnFailure && previous) {
        logger.info(`Re-deploying the previous version ${previous.version} of the whole stack`);
        // The whole stack goes back, services this version added included (--prune).
        try {
          const back = await phases.run('roll back', () => stack.redeploy(previous.version));
          result.services = back.statuses;
          if (back.verdict.kind === 'failed')
            result.error += `; the re-deploy of ${previous.version} failed too: ${back.verdict.reason}`;
          else result.rolledBack = true;
        } catch (rollbackError) {
          if (rollbackError instanceof CancelledError || isCancelled(deps.signal)) throw rollbackError;
          result.error += `; the re-deploy of ${previous.version} failed too: ${errorMessage(rollbackError)}`;
        }
      } else if (config.rollbackOnFailure) {
        logger.warning('No previous version of this stack is recorded: nothing to roll back to');
      }
      // Reported, added to the error, never in its place.
      const after = async (name: string, command: string | undefined): Promise<void> => {
        if (!command) return;
        try {
          await phases.run(name, () => stack.hook(name, command, env));
        } catch (hookError) {
          if (hookError instanceof CancelledError || isCancelled(deps.signal)) throw hookError;
          logger.error(`${name}: ${errorMessage(hookError)}`);
          result.error = `${result.error ?? ''}; ${name} failed too: ${errorMessage(hookError)}`;
        }
      };
      if (result.rolledBack) await after('on-rollback', hooks.onRollback);
      await after('on-failure', hooks.onFailure);
      await stack
        .record(
          recordDoc,
          entry(
            result.rolledBack ? 'rolled-back' : 'failed',
            result.rolledBack ? previous?.version : undefined,
          ),
        )
        .catch((e: unknown) => logger.warning(`History not written: ${errorMessage(e)}`));
      return result;
    }
    await phases.run('record', async () => {
      const done = entry('deployed');
      await stack.record(recordDoc, done);
      await recordOnOthers(others, config, deps, recordDoc, done);
      const keep = [...done.objects, ...(previous?.objects ?? [])];
      const removed = await stack.pruneObjects(keep);
      if (removed.length > 0) logger.info(`Removed unused ${removed.join(', ')}`);
    });
    result.ok = true;
    return result;
  } finally {
    await lock.release(logger, deps.signal.aborted ? CANCELLED_STEP_MS : undefined);
    manager.host.conn.close();
    result.durationMs = clock.now() - started;
  }
}

export interface RollbackRequest {
  /** The version to go back to; undefined: the one deployed before the current one. */
  to?: string;
}

/** What `rollback` with `mode: swarm` and `list: true` prints: the stack's recorded versions. */
export async function listStackVersions(
  hosts: readonly SshTarget[],
  config: SwarmConfig,
  deps: SwarmDeps,
): Promise<{ manager: string; history: HistoryEntry[] }> {
  const { manager } = await findManager(hosts, config, deps);
  try {
    return { manager: manager.label, history: await new StackOnManager(manager, config, deps).history() };
  } finally {
    manager.host.conn.close();
  }
}

/** The version a rollback goes to: `to` if recorded as deployed, else the one before the current. */
export function rollbackTarget(history: readonly HistoryEntry[], to: string | undefined): HistoryEntry {
  const deployed = history.filter((h) => h.outcome === 'deployed');
  const current = deployed[deployed.length - 1];
  if (to !== undefined) {
    const found = [...deployed].reverse().find((h) => h.version === to);
    if (!found)
      throw new ActionFailedError(
        `Version ${to} was never deployed to this stack; recorded: ${[...new Set(deployed.map((h) => h.version))].join(', ') || 'none'}`,
      );
    return found;
  }
  const before = [...deployed].reverse().find((h) => h.version !== current?.version);
  if (!before) throw new ActionFailedError('No earlier version of this stack is recorded to roll back to');
  return before;
}

/** rollback mode swarm: re-deploys a recorded version of the whole stack, waits, gates, records. */
export async function rollbackStack(
  hosts: readonly SshTarget[],
  request: RollbackRequest,
  config: SwarmConfig,
  deps: SwarmDeps,
): Promise<SwarmResult> {
  const { clock, logger } = deps;
  const started = clock.now();
  const phases = new PhaseRecorder(clock);
  const { manager, others } = await phases.run('connect', () => findManager(hosts, config, deps));
  const stack = new StackOnManager(manager, config, deps);
  const result: SwarmResult = {
    ok: false,
    manager: manager.label,
    version: request.to ?? '',
    rolledBack: false,
    services: [],
    phases: phases.phases,
    durationMs: 0,
  };
  const lock = new DeployLock(
    manager.host,
    manager.stackDir,
    config.run,
    request.to ?? 'previous',
    clock,
    'rollback',
  );
  try {
    await phases.run('lock', () =>
      lock.acquire({ timeoutMs: config.lockTimeoutMs, clock, logger, signal: deps.signal }),
    );
    const history = await stack.history();
    result.previous = currentVersion(history)?.version;
    const target = rollbackTarget(history, request.to);
    result.version = target.version;
    logger.info(
      `Rolling stack ${config.stack} back to ${target.version} (now ${result.previous ?? 'unknown'})`,
    );
    const back = await phases.run('deploy', () => stack.redeploy(target.version));
    result.services = back.statuses;
    if (back.verdict.kind === 'failed') throw new ActionFailedError(back.verdict.reason);
    await phases.run('health gate', () => stack.gate());
    const entry: HistoryEntry = {
      ...target,
      outcome: 'deployed',
      time: new Date(clock.now()).toISOString(),
      runId: config.run.runId,
      actor: config.run.actor,
      sha: config.run.sha,
      action: 'rollback',
    };
    delete entry.rolledBackTo;
    await phases.run('record', async () => {
      await stack.record(back.doc, entry);
      await recordOnOthers(others, config, deps, back.doc, entry);
    });
    result.ok = true;
    result.rolledBack = true;
    return result;
  } catch (error) {
    if (error instanceof CancelledError || deps.signal.aborted) throw error;
    result.error = errorMessage(error);
    return result;
  } finally {
    await lock.release(logger, deps.signal.aborted ? CANCELLED_STEP_MS : undefined);
    manager.host.conn.close();
    result.durationMs = clock.now() - started;
  }
}
