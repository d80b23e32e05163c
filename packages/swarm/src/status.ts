/**
 * Whether a stack has rolled out, from what the manager reports (`docker service inspect` and
 * `docker inspect` of the stack's tasks). Pure: the deploy loop polls and asks this.
 * `docker stack deploy` returns before anything rolls out and exits 0 even when Swarm rolls a
 * service back (docker/cli#6752); this is the check it leaves to its users.
 */

interface ServiceJson {
  ID?: string;
  Spec?: {
    Name?: string;
    Mode?: { Replicated?: { Replicas?: number }; Global?: unknown };
    TaskTemplate?: { ContainerSpec?: { Image?: string } & Record<string, unknown>; ForceUpdate?: number };
  };
  UpdateStatus?: { State?: string; Message?: string };
}

interface TaskJson {
  ServiceID?: string;
  DesiredState?: string;
  Spec?: { ContainerSpec?: Record<string, unknown>; ForceUpdate?: number };
  Status?: { State?: string; Err?: string; Message?: string; Timestamp?: string };
}

export interface StackSnapshot {
  services: ServiceJson[];
  tasks: TaskJson[];
}

export type UpdateState =
  | 'updating'
  | 'completed'
  | 'paused'
  | 'rollback_started'
  | 'rollback_paused'
  | 'rollback_completed'
  | 'none';

export interface ServiceStatus {
  /** Without the `<stack>_` prefix. */
  name: string;
  image: string;
  running: number;
  desired: number;
  /** Running tasks still on an older spec. */
  stale: number;
  update: UpdateState;
  /** The spec this service runs now, canonical (to tell our spec from one Swarm rolled back to). */
  specKey: string;
  /** Swarm's update message and the newest task error, for a failure message. */
  message: string;
  taskError: string;
}

export type Verdict =
  { kind: 'converged' } | { kind: 'progressing' } | { kind: 'failed'; service: string; reason: string };

/** JSON with keys sorted: two specs are equal when their canonical texts are. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  // undefined (and functions) have no JSON form: JSON.stringify returns undefined for them.
  return value === undefined || typeof value === 'function' ? 'null' : JSON.stringify(value);
}

/**
 * The part of a container spec a task copies from its service. Not the whole object: a task's copy
 * leaves out some defaults its service shows (StopGracePeriod, seen on Docker 20.10).
 */
const SPEC_FIELDS = [
  'Image',
  'Labels',
  'Command',
  'Args',
  'Env',
  'Dir',
  'User',
  'Hostname',
  'Mounts',
  'Healthcheck',
  'Configs',
  'Secrets',
  'ReadOnly',
  'Sysctls',
  'CapabilityAdd',
  'CapabilityDrop',
  'Init',
];

export function specKey(spec: Record<string, unknown> | undefined, force: number | undefined): string {
  const picked = Object.fromEntries(
    SPEC_FIELDS.filter((k) => spec?.[k] !== undefined).map((k) => [k, spec?.[k]]),
  );
  return canonical({ spec: picked, force: force ?? 0 });
}

/** Parses the status script's output: services JSON, `---`, tasks JSON. */
export function parseSnapshot(text: string): StackSnapshot {
  const [services = '[]', tasks = '[]'] = text.split(/^---$/m);
  return {
    services: JSON.parse(services.trim() || '[]') as ServiceJson[],
    tasks: JSON.parse(tasks.trim() || '[]') as TaskJson[],
  };
}

const UPDATE_STATES = new Set([
  'updating',
  'completed',
  'paused',
  'rollback_started',
  'rollback_paused',
  'rollback_completed',
]);

export function serviceStatuses(stack: string, snapshot: StackSnapshot): ServiceStatus[] {
  return snapshot.services
    .map((s): ServiceStatus => {
      const spec = s.Spec?.TaskTemplate?.ContainerSpec ?? {};
      const key = specKey(spec, s.Spec?.TaskTemplate?.ForceUpdate);
      const tasks = snapshot.tasks.filter((t) => t.ServiceID === s.ID);
      const live = tasks.filter((t) => t.DesiredState === 'running' && t.Status?.State === 'running');
      const current = live.filter((t) => specKey(t.Spec?.ContainerSpec, t.Spec?.ForceUpdate) === key);
      const global = s.Spec?.Mode?.Global !== undefined;
      const desired = global
        ? tasks.filter((t) => t.DesiredState === 'running').length
        : (s.Spec?.Mode?.Replicated?.Replicas ?? 1);
      const failedTasks = tasks
        .filter((t) => t.Status?.Err)
        .sort((a, b) => (b.Status?.Timestamp ?? '').localeCompare(a.Status?.Timestamp ?? ''));
      const state = s.UpdateStatus?.State ?? 'none';
      const fullName = s.Spec?.Name ?? '';
      return {
        name: fullName.startsWith(`${stack}_`) ? fullName.slice(stack.length + 1) : fullName,
        image: spec.Image ?? '',
        running: current.length,
        desired,
        stale: live.length - current.length,
        update: (UPDATE_STATES.has(state) ? state : 'none') as UpdateState,
        specKey: key,
        message: s.UpdateStatus?.Message ?? '',
        taskError: failedTasks[0]?.Status?.Err ?? '',
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `web 2/3 updating` */
export function progressLine(status: ServiceStatus): string {
  const state = status.update === 'none' ? '' : ` ${status.update.replace('_', ' ')}`;
  return `${status.name} ${status.running}/${status.desired}${state}${status.stale ? ` (${status.stale} old)` : ''}`;
}

/**
 * `deployed` maps each service to the spec key recorded right after `docker stack deploy`. A service
 * whose spec is no longer that one was rolled back by Swarm; a paused update fails; the stack has
 * converged when every service runs its desired replicas on the deployed spec and none is updating.
 */
export function judge(statuses: readonly ServiceStatus[], deployed: ReadonlyMap<string, string>): Verdict {
  for (const s of statuses) {
    const why = [s.message, s.taskError && `task error: ${s.taskError}`].filter(Boolean).join('; ');
    const expected = deployed.get(s.name);
    if (expected !== undefined && expected !== s.specKey)
      return {
        kind: 'failed',
        service: s.name,
        reason: `Swarm rolled ${s.name} back${why ? ` (${why})` : ''}`,
      };
    if (s.update === 'paused' || s.update === 'rollback_paused')
      return {
        kind: 'failed',
        service: s.name,
        reason: `Swarm paused the update of ${s.name}${why ? ` (${why})` : ''}`,
      };
  }
  for (const name of deployed.keys())
    if (!statuses.some((s) => s.name === name))
      return { kind: 'failed', service: name, reason: `service ${name} is missing from the stack` };
  const done = statuses.every(
    (s) =>
      s.running === s.desired && s.stale === 0 && s.update !== 'updating' && s.update !== 'rollback_started',
  );
  return done ? { kind: 'converged' } : { kind: 'progressing' };
}
