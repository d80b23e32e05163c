// deploy-swarm's pure core: interpolation as compose does it, merging, update defaults, pinning,
// content-hashed configs, and the rollout verdict from service and task JSON as Docker 20.10 prints it.
import { parse, stringify } from 'yaml';
import { ConfigurationError } from '@deploy-kit/core';
import {
  canonical,
  escapeDollars,
  hookEnv,
  imageVariable,
  interpolate,
  judge,
  mergeDocuments,
  parseHistory,
  pinImage,
  progressLine,
  renderStack,
  repositoryOf,
  rollbackTarget,
  serviceStatuses,
  specKey,
  stackDocument,
  withUpdateDefaults,
  type HistoryEntry,
  type StackSnapshot,
} from '@deploy-kit/swarm';
import { checkSwarmDeployPath } from '@deploy-kit/release';

const vars: Record<string, string> = { SET: 'value', EMPTY: '' };
const lookup = (name: string): string | undefined => vars[name];
const seen = (): { unset: string[] } => ({ unset: [] });

describe('interpolate', () => {
  test.each([
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['a${SET}b', 'avalueb'],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${SET:?msg}', 'value'],
    ['price: 5$', 'price: 5$'],
  ])('%s → %s', (text, expected) => {
    expect(interpolate(text, lookup, 'f', seen())).toBe(expected);
  });

  test('an unset variable without a default becomes empty and is reported once', () => {
    const s = seen();
    expect(interpolate('${NOPE}-$NOPE', lookup, 'f', s)).toBe('-');
    expect(s.unset).toEqual(['NOPE']);
  });

  test.each([
    ['${UNSET:?build first}', /required variable UNSET is not set: build first/],
    ['${EMPTY:?msg}', /required variable EMPTY is empty: msg/],
    ['${UNSET?}', /required variable UNSET is not set/],
    ['${SET', /invalid interpolation/],
  ])('%s is refused', (text, message) => {
    expect(() => interpolate(text, lookup, 'f', seen())).toThrow(ConfigurationError);
    expect(() => interpolate(text, lookup, 'f', seen())).toThrow(message);
  });

  test('${EMPTY?msg} accepts an empty value (only unset fails)', () => {
    expect(interpolate('${EMPTY?msg}', lookup, 'f', seen())).toBe('');
  });

  test('values are substituted as data: injection strings stay literal', () => {
    vars.EVIL = '$(touch /tmp/x) `id` ${SET}';
    expect(interpolate('${EVIL}', lookup, 'f', seen())).toBe('$(touch /tmp/x) `id` ${SET}');
    delete vars.EVIL;
  });
});

describe('render', () => {
  const files = (texts: string[]): Array<{ path: string; text: string }> =>
    texts.map((text, i) => ({ path: `f${i}.yml`, text }));
  const noFile = (): Buffer => {
    throw new Error('no file expected');
  };

  test('later files override earlier ones key by key; lists are replaced', () => {
    expect(
      mergeDocuments([
        { services: { web: { image: 'a:1', ports: [1], environment: { A: '1' } } } },
        { services: { web: { ports: [2], environment: { B: '2' } } } },
      ]),
    ).toEqual({ services: { web: { image: 'a:1', ports: [2], environment: { A: '1', B: '2' } } } });
  });

  test('update defaults fill what the user did not set; host-mode ports stop first', () => {
    const rendered = renderStack(
      'shop',
      files([
        'services:\n  web:\n    image: web:1\n    deploy:\n      update_config:\n        monitor: 30s\n  edge:\n    image: edge:1\n    ports: [{ target: 80, published: 80, mode: host }]\n',
      ]),
      lookup,
      parse,
      noFile,
    );
    const doc = withUpdateDefaults(rendered.doc, rendered.services) as {
      services: Record<string, { deploy: Record<string, unknown> }>;
    };
    expect(doc.services.web?.deploy.update_config).toEqual({
      parallelism: 1,
      failure_action: 'rollback',
      monitor: '30s',
      order: 'start-first',
    });
    expect(doc.services.edge?.deploy.update_config).toEqual(expect.objectContaining({ order: 'stop-first' }));
    expect(doc.services.edge?.deploy.rollback_config).toEqual({ parallelism: 1, order: 'stop-first' });
  });

  test('configs and secrets get content-hashed names; the record names them, the deploy reads staged files', () => {
    const contents: Record<string, string> = { './a.conf': 'one', './pw': 'hunter2-content' };
    const rendered = renderStack(
      'shop',
      files([
        'services:\n  web:\n    image: web:1\nconfigs:\n  app:\n    file: ./a.conf\nsecrets:\n  pw:\n    file: ./pw\n  ext:\n    external: true\n',
      ]),
      lookup,
      parse,
      (_k, path) => Buffer.from(contents[path] ?? ''),
    );
    expect(rendered.files.map((f) => f.name)).toEqual([
      expect.stringMatching(/^shop_app-[a-f0-9]{12}$/) as unknown,
      expect.stringMatching(/^shop_pw-[a-f0-9]{12}$/) as unknown,
    ]);
    const images = new Map([['web', 'web:1@sha256:' + 'a'.repeat(64)]]);
    const deploy = stackDocument(rendered.doc, rendered.files, images, 'deploy');
    const record = stackDocument(rendered.doc, rendered.files, images, 'record');
    expect((deploy.configs as Record<string, unknown>).app).toEqual({
      name: rendered.files[0]?.name,
      file: './files/config-app',
    });
    expect((record.secrets as Record<string, unknown>).pw).toEqual({
      name: rendered.files[1]?.name,
      external: true,
    });
    expect(stringify(record)).not.toContain('hunter2');
    expect((record.secrets as Record<string, unknown>).ext).toEqual({ external: true });
    // Same content, same name: nothing new is created.
    const again = renderStack(
      'shop',
      files(['services:\n  web:\n    image: web:1\nconfigs:\n  app:\n    file: ./a.conf\n']),
      lookup,
      parse,
      (_k, p) => Buffer.from(contents[p] ?? ''),
    );
    expect(again.files[0]?.name).toBe(rendered.files[0]?.name);
  });

  test('rendered values are escaped for the second interpolation docker stack deploy does', () => {
    vars.PW = 'a$b$(c)';
    const rendered = renderStack(
      's',
      files(['services:\n  web:\n    image: web:1\n    environment:\n      PW: ${PW}\n']),
      lookup,
      parse,
      noFile,
    );
    const doc = stackDocument(rendered.doc, [], new Map(), 'deploy') as {
      services: { web: { environment: { PW: string } } };
    };
    expect(doc.services.web.environment.PW).toBe('a$$b$$(c)');
    expect(escapeDollars({ k$: ['$'] })).toEqual({ k$: ['$$'] });
    delete vars.PW;
  });

  test.each([
    ['services: [', /is not valid YAML/],
    ['version: "3"', /no services/],
    ['services:\n  "a b":\n    image: web:1', /service "a b" is not/],
    ['services:\n  web:\n    build: .', /has 'build' but no 'image'/],
    ['services:\n  web:\n    image: "web;rm -rf /"', /'image' must be an image reference/],
    ['services:\n  web:\n    image: web:1\nconfigs:\n  c:\n    content: x', /config c needs 'file'/],
  ])('refused: %j', (text, message) => {
    expect(() => renderStack('s', files([text]), lookup, parse, noFile)).toThrow(message);
  });
});

describe('pinning', () => {
  test.each([
    [
      '10.0.0.1:5000/web:v1',
      ['10.0.0.1:5000/web@sha256:' + 'b'.repeat(64)],
      '10.0.0.1:5000/web:v1@sha256:' + 'b'.repeat(64),
    ],
    ['nginx:1.25', ['nginx@sha256:' + 'c'.repeat(64)], 'nginx:1.25@sha256:' + 'c'.repeat(64)],
    ['ghcr.io/o/app', ['ghcr.io/o/app@sha256:' + 'd'.repeat(64)], 'ghcr.io/o/app@sha256:' + 'd'.repeat(64)],
    ['web:1', [], undefined],
    ['web:1', ['other@sha256:' + 'e'.repeat(64)], undefined],
  ])('%s with %j → %s', (image, digests, expected) => {
    expect(pinImage(image, digests)).toBe(expected);
  });

  test('repositories as docker names them', () => {
    expect(repositoryOf('nginx')).toBe('docker.io/library/nginx');
    expect(repositoryOf('o/app:1')).toBe('docker.io/o/app');
    expect(repositoryOf('localhost:5000/app:1@sha256:' + 'a'.repeat(64))).toBe('localhost:5000/app');
  });
});

describe('rollout verdict', () => {
  const spec = (image: string): Record<string, unknown> => ({
    Image: image,
    Init: false,
    StopGracePeriod: 10_000_000_000,
  });
  const service = (
    image: string,
    replicas: number,
    state?: string,
    message = '',
  ): Record<string, unknown> => ({
    ID: 'svc1',
    Spec: {
      Name: 'shop_web',
      Mode: { Replicated: { Replicas: replicas } },
      TaskTemplate: { ContainerSpec: spec(image), ForceUpdate: 0 },
    },
    ...(state ? { UpdateStatus: { State: state, Message: message } } : {}),
  });
  // A task's copy of the spec leaves StopGracePeriod out, as Docker 20.10 prints it.
  const task = (image: string, state: string, desired = 'running', err = ''): Record<string, unknown> => ({
    ServiceID: 'svc1',
    DesiredState: desired,
    Spec: { ContainerSpec: { Image: image, Init: false }, ForceUpdate: 0 },
    Status: { State: state, Err: err, Timestamp: '2026-12-04T10:00:00Z' },
  });
  const snap = (svc: Record<string, unknown>, tasks: Array<Record<string, unknown>>): StackSnapshot => ({
    services: [svc],
    tasks,
  });

  test('converged: every desired replica runs the current spec', () => {
    const statuses = serviceStatuses(
      'shop',
      snap(service('web:2', 2, 'completed'), [
        task('web:2', 'running'),
        task('web:2', 'running'),
        task('web:1', 'shutdown', 'shutdown'),
      ]),
    );
    expect(statuses.map(progressLine)).toEqual(['web 2/2 completed']);
    expect(judge(statuses, new Map([['web', statuses[0]?.specKey ?? '']]))).toEqual({ kind: 'converged' });
  });

  test('progressing while an old task still runs or the update is under way', () => {
    const deployed = new Map([['web', specKey(spec('web:2'), 0)]]);
    const mixed = serviceStatuses(
      'shop',
      snap(service('web:2', 2, 'updating'), [task('web:2', 'running'), task('web:1', 'running')]),
    );
    expect(mixed.map(progressLine)).toEqual(['web 1/2 updating (1 old)']);
    expect(judge(mixed, deployed)).toEqual({ kind: 'progressing' });
  });

  test("Swarm's own rollback fails it, naming the service and the task error", () => {
    const deployed = new Map([['web', specKey(spec('web:3'), 0)]]);
    const back = serviceStatuses(
      'shop',
      snap(service('web:2', 1, 'rollback_completed', 'rollback completed'), [
        task('web:2', 'running'),
        task('web:3', 'failed', 'shutdown', 'task: non-zero exit (1): dockerexec: unhealthy container'),
      ]),
    );
    expect(judge(back, deployed)).toEqual({
      kind: 'failed',
      service: 'web',
      reason:
        'Swarm rolled web back (rollback completed; task error: task: non-zero exit (1): dockerexec: unhealthy container)',
    });
  });

  test('a paused update fails; a service gone from the stack fails', () => {
    const paused = serviceStatuses(
      'shop',
      snap(service('web:2', 1, 'paused', 'update paused due to failure'), [task('web:1', 'running')]),
    );
    expect(judge(paused, new Map([['web', paused[0]?.specKey ?? '']]))).toEqual(
      expect.objectContaining({
        kind: 'failed',
        reason: expect.stringMatching(/paused the update of web/) as unknown,
      }),
    );
    expect(judge([], new Map([['api', 'x']]))).toEqual(
      expect.objectContaining({ kind: 'failed', service: 'api' }),
    );
  });

  test('control: comparing whole specs (StopGracePeriod included) would never see a task as current', () => {
    const svc = service('web:2', 1, 'completed');
    const whole = canonical(
      (svc.Spec as { TaskTemplate: { ContainerSpec: unknown } }).TaskTemplate.ContainerSpec,
    );
    expect(whole).not.toBe(canonical({ Image: 'web:2', Init: false }));
    expect(serviceStatuses('shop', snap(svc, [task('web:2', 'running')]))[0]?.running).toBe(1);
  });
});

describe('history', () => {
  const entry = (version: string, outcome: HistoryEntry['outcome']): string =>
    JSON.stringify({
      version,
      outcome,
      time: '',
      runId: '',
      actor: '',
      sha: '',
      action: 'deploy-swarm',
      images: {},
      objects: [],
    });
  const history = parseHistory(
    [entry('v1', 'deployed'), entry('v2', 'deployed'), entry('v3', 'rolled-back'), 'garbage'].join('\n'),
  );

  test('the default target is the version before the current one; failed versions are never targets', () => {
    expect(history).toHaveLength(3);
    expect(rollbackTarget(history, undefined).version).toBe('v1');
    expect(rollbackTarget(history, 'v2').version).toBe('v2');
    expect(() => rollbackTarget(history, 'v3')).toThrow(/never deployed to this stack; recorded: v1, v2/);
  });

  test('deploy-path: absolute or under ~/, nothing else', () => {
    expect(checkSwarmDeployPath('~/.deploy-kit/')).toBe('~/.deploy-kit');
    expect(checkSwarmDeployPath('/srv/dk')).toBe('/srv/dk');
    for (const bad of ['rel', '~/../x', '/a/../b', '~/$(id)', '/-rf', '~user/x'])
      expect(() => checkSwarmDeployPath(bad)).toThrow(/Input 'deploy-path' must be/);
  });
});

test("the hooks' environment: env first, then the deploy's facts and each service's image as a shell name", () => {
  expect(imageVariable('web')).toBe('IMAGE_WEB');
  expect(imageVariable('api-v2.internal')).toBe('IMAGE_API_V2_INTERNAL');
  expect(
    hookEnv({ env: [['DATABASE_URL', 'postgres://x']], stack: 'shop', version: 'v2' }, undefined, {
      web: 'r/web@sha256:1',
      'api-v2': 'r/api@sha256:2',
    }),
  ).toEqual([
    ['DATABASE_URL', 'postgres://x'],
    ['STACK', 'shop'],
    ['VERSION', 'v2'],
    ['PREVIOUS_VERSION', ''],
    ['IMAGE_WEB', 'r/web@sha256:1'],
    ['IMAGE_API_V2', 'r/api@sha256:2'],
  ]);
});
