// packages/core writes the runner protocol itself (docs/architecture.md, "The runner protocol").
// Here the same calls go through it and through @actions/core and @actions/github (dev
// dependencies only), and the bytes the runner would see are compared. Where ours differs on
// purpose, the test says so and why.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as toolkit from '@actions/core';
// The class behind `github.context` (the package exports only its instance, made at import time).
import { Context } from '../../node_modules/@actions/github/lib/context.js';
import {
  ActionsLogger,
  InputReader,
  SecretRegistry,
  SUMMARY_LIMIT_BYTES,
  actionsRuntime,
  formatAnnotation,
  formatFileCommand,
  runContext,
} from '@deploy-kit/core';
import { repoRoot } from '../support/paths.js';
import { parseFileCommands } from '../support/runner.js';

const temp = mkdtempSync(join(tmpdir(), 'dk-parity-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Runs `body` with process.stdout captured and the given environment; returns what was written. */
async function capture(env: Record<string, string>, body: () => unknown): Promise<string> {
  const before = new Map(Object.keys(env).map((key) => [key, process.env[key]]));
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = (chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  };
  Object.assign(process.env, env);
  try {
    await body();
  } finally {
    process.stdout.write = write;
    // Put back exactly what was there (jest's process.env cannot be swapped for another object).
    for (const [key, value] of before) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
  }
  return out;
}

let files = 0;
const file = (): string => {
  const path = join(temp, `file-${(files += 1)}`);
  writeFileSync(path, '');
  return path;
};

const VALUES = [
  'one',
  'two\nlines',
  '',
  'ends with a newline\n',
  'a value that says ghadelimiter_ and <<EOF',
  '  spaced  ',
  '100% :, {"json": [1, 2]}',
];

describe('file commands: GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV', () => {
  const commands = [
    ['GITHUB_OUTPUT', (n: string, v: string) => toolkit.setOutput(n, v)],
    ['GITHUB_STATE', (n: string, v: string) => toolkit.saveState(n, v)],
    ['GITHUB_ENV', (n: string, v: string) => toolkit.exportVariable(n, v)],
  ] as const;
  test.each(commands.flatMap(([variable, call]) => VALUES.map((value) => [variable, call, value] as const)))(
    '%s: %j reads back the same',
    async (variable, call, value) => {
      const theirs = file();
      await capture({ [variable]: theirs }, () => call('name', value));
      const ours = file();
      writeFileSync(ours, formatFileCommand('name', value));
      expect(parseFileCommands(readFileSync(ours, 'utf8'))).toEqual(
        parseFileCommands(readFileSync(theirs, 'utf8')),
      );
    },
  );

  test("the runtime's setOutput writes the same entry the toolkit does", async () => {
    const theirs = file();
    const ours = file();
    await capture({ GITHUB_OUTPUT: theirs }, () => toolkit.setOutput('hosts', '[{"a":1}]\nline 2'));
    actionsRuntime({ GITHUB_OUTPUT: ours }).setOutput('hosts', '[{"a":1}]\nline 2');
    expect(parseFileCommands(readFileSync(ours, 'utf8'))).toEqual(
      parseFileCommands(readFileSync(theirs, 'utf8')),
    );
  });
});

describe('workflow commands on stdout', () => {
  const messages = ['plain', '100% done', 'two\nlines\r\nand a bare \r', 'a::b, c:d', ''];
  const where = {
    title: 'A title: with, commas %',
    file: 'src/a,b:c.ts',
    startLine: 3,
    endLine: 5,
    startColumn: 2,
    endColumn: 9,
  };
  type Kind = 'error' | 'warning' | 'notice';
  const cases: Array<[Kind, string, toolkit.AnnotationProperties]> = (
    ['error', 'warning', 'notice'] as const
  ).flatMap((kind) =>
    messages.flatMap((message): Array<[Kind, string, toolkit.AnnotationProperties]> => [
      [kind, message, {}],
      [kind, message, where],
      [kind, message, { title: 'only a title' }],
      [kind, message, { file: 'f.ts', startLine: 1 }],
    ]),
  );
  test.each(cases)('%s %j %j', async (kind, message, properties) => {
    const call = { error: toolkit.error, warning: toolkit.warning, notice: toolkit.notice }[kind];
    const theirs = await capture({}, () => call(message, properties));
    expect(`${formatAnnotation(kind, message, properties)}\n`).toBe(theirs);
  });

  test.each(messages)('debug, group and endgroup: %j', async (message) => {
    const theirs = await capture({}, () => {
      toolkit.debug(message);
      toolkit.startGroup(message);
      toolkit.endGroup();
    });
    const lines: string[] = [];
    const logger = new ActionsLogger(new SecretRegistry(), (line) => lines.push(line));
    logger.debug(message);
    await logger.group(message, () => Promise.resolve());
    expect(`${lines.join('\n')}\n`).toBe(theirs);
  });

  test.each(['s3cr3t-value', 'multi\nline secret\r\nthird', 'with % and : and ,', '  padded  '])(
    'add-mask: every line the toolkit writes for %j, ours writes too (ours adds derived forms)',
    async (secret) => {
      const theirs = (await capture({}, () => toolkit.setSecret(secret))).split('\n').filter(Boolean);
      const ours: string[] = [];
      actionsRuntimeMasks(secret, ours);
      expect(ours).toEqual(expect.arrayContaining(theirs));
      // Deliberately more: each line, base64 and URL-encoded forms, so a derived leak is masked too.
      expect(ours.length).toBeGreaterThanOrEqual(theirs.length);
    },
  );
});

/** The add-mask lines the runtime writes when a secret is registered. */
function actionsRuntimeMasks(secret: string, out: string[]): void {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: string) => {
    out.push(...chunk.split('\n').filter(Boolean));
    return true;
  };
  try {
    actionsRuntime({}).secrets.register(secret);
  } finally {
    process.stdout.write = write;
  }
}

describe('job summary', () => {
  // The toolkit's summary is one object that keeps the first GITHUB_STEP_SUMMARY it saw.
  const theirs = file();
  beforeEach(() => writeFileSync(theirs, ''));

  test('the same Markdown lands in GITHUB_STEP_SUMMARY', async () => {
    const markdown = '## deploy\n\n| host | status |\n| --- | --- |\n| a | ok |';
    await capture({ GITHUB_STEP_SUMMARY: theirs }, () => toolkit.summary.addRaw(markdown, true).write());
    const ours = file();
    actionsRuntime({ GITHUB_STEP_SUMMARY: ours }).appendSummary(markdown);
    expect(readFileSync(ours, 'utf8')).toBe(readFileSync(theirs, 'utf8'));
  });

  test('deliberately stricter: past the runner’s 1 MiB limit ours keeps what fits and says so', async () => {
    const big = 'x'.repeat(700 * 1024);
    await capture({ GITHUB_STEP_SUMMARY: theirs }, async () => {
      await toolkit.summary.addRaw(big).write();
      await toolkit.summary.addRaw(big).write();
    });
    // The toolkit writes past the limit, and the runner then drops the whole summary.
    expect(readFileSync(theirs).length).toBeGreaterThan(SUMMARY_LIMIT_BYTES);
    const ours = file();
    const runtime = actionsRuntime({ GITHUB_STEP_SUMMARY: ours });
    runtime.appendSummary(big);
    runtime.appendSummary(big);
    const written = readFileSync(ours, 'utf8');
    expect(Buffer.byteLength(written)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(written).toContain('a step summary is limited to 1 MiB');
  });
});

describe('inputs', () => {
  const reader = (value: string) => new InputReader(() => value, new SecretRegistry());
  const theirs = async <T>(value: string, get: () => T): Promise<T | Error> => {
    let result: T | Error = new Error('not run');
    await capture({ INPUT_X: value }, () => {
      try {
        result = get();
      } catch (error) {
        result = error as Error;
      }
    });
    return result;
  };

  test.each(['plain', '  padded  ', '\tline\n', '', 'a\nb'])('string %j: trimmed the same', async (value) => {
    expect(reader(value).string('x') ?? '').toBe(await theirs(value, () => toolkit.getInput('x')));
    expect(reader(value).string('x', { raw: true }) ?? '').toBe(
      await theirs(value, () => toolkit.getInput('x', { trimWhitespace: false })),
    );
  });

  test('required: both refuse an empty value (ours names the accepted form too)', async () => {
    expect(await theirs('', () => toolkit.getInput('x', { required: true }))).toBeInstanceOf(Error);
    expect(() => reader('').string('x', { required: true, accepted: 'a host' })).toThrow(
      /Input 'x' is required: a host/,
    );
  });

  test('deliberately stricter: a required input of spaces only is missing to us, and "" to the toolkit', async () => {
    expect(await theirs('  ', () => toolkit.getInput('x', { required: true }))).toBe('');
    expect(() => reader('  ').string('x', { required: true, accepted: 'a host' })).toThrow(
      /Input 'x' is required: a host/,
    );
  });

  test.each(['true', 'false'])('boolean %j: the same', async (value) => {
    expect(reader(value).boolean('x')).toBe(await theirs(value, () => toolkit.getBooleanInput('x')));
  });

  test.each(['True', 'TRUE', 'False', 'FALSE'])(
    'deliberately stricter: boolean %j is YAML-true to the toolkit, an error to us (one spelling, no "on by typo")',
    async (value) => {
      expect(typeof (await theirs(value, () => toolkit.getBooleanInput('x')))).toBe('boolean');
      expect(() => reader(value).boolean('x')).toThrow(/Input 'x' must be true or false/);
    },
  );

  test.each(['a\nb\n\nc', ' a \n b ', 'single'])(
    'list %j: the same items as a multiline input',
    async (value) => {
      expect(reader(value).list('x')).toEqual(await theirs(value, () => toolkit.getMultilineInput('x')));
    },
  );

  test('deliberately different: our lists also split on commas (hosts: a, b), as the action.yml files document', async () => {
    expect(reader('a, b').list('x')).toEqual(['a', 'b']);
    expect(await theirs('a, b', () => toolkit.getMultilineInput('x'))).toEqual(['a, b']);
  });
});

describe('github.context for the events we handle', () => {
  const base = {
    GITHUB_SHA: '3fa1c8b3fa1c8b3fa1c8b3fa1c8b3fa1c8b3fa1c',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_ACTION: '__org_deploy-kit',
    GITHUB_ACTOR: 'octocat',
    GITHUB_JOB: 'deploy',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_RUN_NUMBER: '41',
    GITHUB_RUN_ID: '9001',
    GITHUB_REPOSITORY: 'acme/shop',
  };
  const repository = { name: 'shop', full_name: 'acme/shop', owner: { login: 'acme' } };
  const events: Array<[string, Record<string, string>, Record<string, unknown>]> = [
    ['push', { GITHUB_REF: 'refs/heads/main' }, { ref: 'refs/heads/main', repository }],
    ['push', { GITHUB_REF: 'refs/tags/v1.2.3' }, { ref: 'refs/tags/v1.2.3', repository }],
    [
      'pull_request',
      { GITHUB_REF: 'refs/pull/12/merge', GITHUB_SERVER_URL: 'https://ghe.example.com' },
      { number: 12, pull_request: { number: 12, head: { repo: { full_name: 'fork/shop' } } }, repository },
    ],
    ['workflow_dispatch', { GITHUB_REF: 'refs/heads/main' }, { inputs: { version: 'v1.2.3' }, repository }],
    [
      'schedule',
      { GITHUB_REF: 'refs/heads/main', GITHUB_REPOSITORY: '' },
      { schedule: '0 3 * * *', repository },
    ],
  ];
  test.each(events)('%s %j', async (name, env, payload) => {
    const path = join(temp, `event-${name}-${Object.values(env).join('-').replace(/\W/g, '_')}.json`);
    writeFileSync(path, JSON.stringify(payload));
    const full = { ...base, ...env, GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: path };
    let context: Context | undefined;
    await capture(full, () => {
      if (full.GITHUB_REPOSITORY === '') delete process.env.GITHUB_REPOSITORY;
      context = new Context();
    });
    const theirs = context!;
    const ours = runContext(Object.fromEntries(Object.entries(full).filter(([, v]) => v !== '')));
    expect({
      eventName: ours.eventName,
      sha: ours.sha,
      ref: ours.ref,
      workflow: ours.workflow,
      action: ours.action,
      actor: ours.actor,
      job: ours.job,
      runAttempt: ours.runAttempt,
      runNumber: ours.runNumber,
      runId: ours.runId,
      apiUrl: ours.apiUrl,
      serverUrl: ours.serverUrl,
      graphqlUrl: ours.graphqlUrl,
      payload: ours.payload,
    }).toEqual({
      eventName: theirs.eventName,
      sha: theirs.sha,
      ref: theirs.ref,
      workflow: theirs.workflow,
      action: theirs.action,
      actor: theirs.actor,
      job: theirs.job,
      runAttempt: theirs.runAttempt,
      runNumber: theirs.runNumber,
      runId: theirs.runId,
      apiUrl: theirs.apiUrl,
      serverUrl: theirs.serverUrl,
      graphqlUrl: theirs.graphqlUrl,
      payload: theirs.payload,
    });
    // repo and issue read GITHUB_REPOSITORY when they are called: answer them in the same env.
    await capture(full, () => {
      if (full.GITHUB_REPOSITORY === '') delete process.env.GITHUB_REPOSITORY;
      expect(ours.repo).toEqual(theirs.repo);
      expect(ours.issueNumber).toEqual(theirs.issue.number);
    });
  });
});

describe('the bundles do not load the toolkit', () => {
  /** The files an entry loads before it runs: static imports only (a dynamic import is on demand). */
  function staticClosure(entry: string): string[] {
    const seen = new Set<string>();
    const visit = (path: string): void => {
      if (seen.has(path)) return;
      seen.add(path);
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(/^import\s[^'"]*?["'](\.{1,2}\/[^"']+)["']/gm))
        visit(join(path, '..', m[1]!));
    };
    visit(entry);
    return [...seen];
  }

  // Each entry, and the run bundle it imports once the inputs are valid (the CLI has none of its own).
  const bundles = readdirSync(join(repoRoot, 'dist'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'chunks' && d.name !== 'lib')
    .flatMap((d) => ['index.js', 'main.js'].map((file) => `${d.name}/${file}`))
    .filter((bundle) => existsSync(join(repoRoot, 'dist', bundle)));
  test('every action has an entry and a run bundle', () => {
    expect(bundles.filter((b) => b.endsWith('/main.js')).length).toBeGreaterThanOrEqual(11);
    expect(bundles).toContain('cli/index.js');
  });
  test.each(bundles)('dist/%s', (bundle) => {
    const sources = staticClosure(join(repoRoot, 'dist', bundle)).flatMap((file) => {
      const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
      return map.sources;
    });
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter((s) => /node_modules\/@actions\/(core|exec|github)\//.test(s))).toEqual([]);
  });

  test('control: the toolkit is found where it is loaded (the artifact client, on demand)', () => {
    const chunks = readdirSync(join(repoRoot, 'dist', 'chunks')).filter((f) => f.endsWith('.js.map'));
    const withToolkit = chunks.filter((f) =>
      (
        JSON.parse(readFileSync(join(repoRoot, 'dist', 'chunks', f), 'utf8')) as { sources: string[] }
      ).sources.some((s) => /node_modules\/@actions\/core\//.test(s)),
    );
    expect(withToolkit.length).toBeGreaterThan(0);
  });
});
