import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { honouredCommands } from '../support/workflow-log.js';
import { repoRoot } from '../support/paths.js';
import {
  ActionsLogger,
  lineEcho,
  ActionFailedError,
  ConfigurationError,
  escapeData,
  executeAction,
  fenceUntrusted,
  formatCommand,
  formatFileCommand,
  isUntrustedEvent,
  ManualClock,
  percentile,
  SecretRegistry,
  Summary,
  systemClock,
  CancelledError,
  type ActionDefinition,
  type Runtime,
  runRepository,
  localExec,
} from '@deploy-kit/core';
import { parseFileCommands } from '../support/runner.js';

describe('secrets', () => {
  test('registers whole value, lines, base64 and URL-encoded forms', () => {
    const masked: string[] = [];
    const secrets = new SecretRegistry((v) => masked.push(v));
    const key = '-----BEGIN KEY-----\r\nabcdEFGH1234\nzz\n-----END KEY-----\n';
    secrets.register(key);
    expect(masked).toContain(key);
    expect(masked).toContain('abcdEFGH1234');
    expect(masked).not.toContain('zz'); // too short to mask on its own; still inside the whole value
    expect(masked).toContain(Buffer.from(key).toString('base64'));
    secrets.register('p@ss word&x');
    expect(masked).toContain(encodeURIComponent('p@ss word&x'));
    expect(secrets.redact(`token=${encodeURIComponent('p@ss word&x')} line abcdEFGH1234`)).toBe(
      'token=*** line ***',
    );
  });

  test('control: an unregistered value is not redacted', () => {
    const secrets = new SecretRegistry();
    expect(secrets.redact('plain text')).toBe('plain text');
  });
});

describe('workflow commands', () => {
  test('escaping follows the runner', () => {
    expect(escapeData('50%\r\nx')).toBe('50%25%0D%0Ax');
    expect(formatCommand('error', 'a\nb', { file: 'a:b,c' })).toBe('::error file=a%3Ab%2Cc::a%0Ab');
  });

  test('file commands round-trip through the harness parser, multi-line included', () => {
    const text = formatFileCommand('a', 'one') + formatFileCommand('b', 'two\nlines') + 'c=plain\n';
    expect(parseFileCommands(text)).toEqual({ a: 'one', b: 'two\nlines', c: 'plain' });
  });

  test('fenceUntrusted disables commands with a random token the text cannot know', () => {
    const evil = '::add-mask::x\n::endgroup::';
    const a = fenceUntrusted(evil);
    const b = fenceUntrusted(evil);
    const token = /^::stop-commands::([0-9a-f]{32})\n/.exec(a)?.[1];
    expect(token).toBeDefined();
    expect(a.endsWith(`\n::${token}::`)).toBe(true);
    expect(a).toContain(evil);
    expect(a).not.toBe(b);
  });
});

describe('untrusted text cannot start a workflow command in any sink', () => {
  const injected = 'feat: x\r::warning title=injected::boom\n::add-mask::abc\r\n  ::set-output name=a::b';
  const sinks: Array<[string, (logger: ActionsLogger) => unknown, string[]]> = [
    ['info', (l) => l.info(`commit ${injected}`), []],
    ['debug', (l) => l.debug(injected), ['debug']],
    ['warning', (l) => l.warning(injected), ['warning']],
    ['error', (l) => l.error(injected), ['error']],
    ['untrusted', (l) => l.untrusted(injected), []],
    ['group title', (l) => l.group(injected, async () => undefined), ['group', 'endgroup']],
  ];
  test.each(sinks)('%s', async (_name, sink, expected) => {
    const lines: string[] = [];
    await sink(new ActionsLogger(new SecretRegistry(), (line) => lines.push(line)));
    const log = lines.join('\n');
    expect(honouredCommands(log)).toEqual(expected);
    expect(log).toContain('boom');
  });

  test('control: the simulated runner does see the command in raw output', () => {
    expect(honouredCommands(`commit ${injected}`)).toEqual([
      'warning title=injected',
      'add-mask',
      'set-output name=a',
    ]);
  });

  test('plain messages stay as they are', () => {
    const lines: string[] = [];
    new ActionsLogger(new SecretRegistry(), (line) => lines.push(line)).info('uploaded 1.0 MB: a::b');
    expect(lines).toEqual(['uploaded 1.0 MB: a::b']);
  });
});

describe('summary', () => {
  test('table cells cannot break the table or inject HTML', () => {
    const md = new Summary().table(['a', 'b'], [['x|y', '<script>\nz']]).toString();
    expect(md).toContain('x\\|y');
    expect(md).toContain('&lt;script&gt;<br>z');
    expect(md.split('\n').filter((l) => l.startsWith('|'))).toHaveLength(3);
  });

  test('code blocks use a fence longer than any backtick run in the text', () => {
    const md = new Summary().code('a ```` b').toString();
    expect(md.startsWith('`````text\n')).toBe(true);
  });
});

describe('events', () => {
  const pr = (head: string, base: string) => ({
    name: 'pull_request',
    payload: { pull_request: { head: { repo: { full_name: head } }, base: { repo: { full_name: base } } } },
  });
  test('fork pull requests and pull_request_target are untrusted, same-repo PRs and pushes are not', () => {
    expect(isUntrustedEvent(pr('fork/app', 'acme/app'))).toBe(true);
    expect(isUntrustedEvent(pr('acme/app', 'acme/app'))).toBe(false);
    expect(isUntrustedEvent({ name: 'pull_request_target', payload: {} })).toBe(true);
    expect(isUntrustedEvent({ name: 'push', payload: {} })).toBe(false);
  });
});

describe('executeAction', () => {
  function memoryRuntime(
    inputs: Record<string, string> = {},
  ): Runtime & { lines: string[]; outputs: Record<string, string> } {
    const lines: string[] = [];
    const outputs: Record<string, string> = {};
    const log = (prefix: string) => (m: string) => lines.push(prefix + m);
    return {
      inputs: (n) => inputs[n],
      logger: {
        info: log(''),
        debug: log('debug:'),
        warning: log('warning:'),
        error: log('error:'),
        untrusted: log('untrusted:'),
        group: (_t, body) => body(),
      },
      secrets: new SecretRegistry(),
      setOutput: (n, v) => (outputs[n] = v),
      appendSummary: () => undefined,
      env: {},
      lines,
      outputs,
    };
  }
  const def = (run: ActionDefinition<string>['run']): ActionDefinition<string> => ({
    name: 't',
    readInputs: (r) => r.string('x', { required: true, accepted: 'anything' }),
    run,
  });

  test('success is 0 and outputs are written', async () => {
    const rt = memoryRuntime({ x: 'v' });
    expect(
      await executeAction(
        def(async (x, ctx) => ctx.setOutput('echo', x)),
        rt,
        new AbortController().signal,
      ),
    ).toBe(0);
    expect(rt.outputs).toEqual({ echo: 'v' });
  });

  test('a configuration error is 1 with the message, before run() is called', async () => {
    const rt = memoryRuntime({});
    let ran = false;
    expect(
      await executeAction(
        def(async () => void (ran = true)),
        rt,
        new AbortController().signal,
      ),
    ).toBe(1);
    expect(ran).toBe(false);
    expect(rt.lines).toEqual([`error:Input 'x' is required: anything`]);
  });

  test('operational failures and bugs are told apart', async () => {
    const failed = memoryRuntime({ x: 'v' });
    await executeAction(
      def(async () => {
        throw new ActionFailedError('gate failed');
      }),
      failed,
      new AbortController().signal,
    );
    expect(failed.lines).toEqual(['error:gate failed']);
    const bug = memoryRuntime({ x: 'v' });
    await executeAction(
      def(async () => {
        throw new TypeError('boom');
      }),
      bug,
      new AbortController().signal,
    );
    expect(bug.lines[0]).toBe('error:t failed unexpectedly: boom');
    expect(bug.lines[1]).toMatch(/^debug:TypeError: boom/);
    const config = memoryRuntime({ x: 'v' });
    await executeAction(
      def(async () => {
        throw new ConfigurationError('bad');
      }),
      config,
      new AbortController().signal,
    );
    expect(config.lines).toEqual(['error:bad']);
  });

  test('cancellation is reported as cancelled', async () => {
    const rt = memoryRuntime({ x: 'v' });
    const controller = new AbortController();
    const code = await executeAction(
      def(async (_x, ctx) => {
        controller.abort();
        await systemClock.sleep(10_000, ctx.signal);
      }),
      rt,
      controller.signal,
    );
    expect(code).toBe(1);
    expect(rt.lines[0]).toMatch(/^error:Cancelled/);
  });

  describe("errors made by another copy of core (a bundle's entry and its run each carry one)", () => {
    type Errors = typeof import('../../packages/core/src/errors.js');
    let dir: string;
    let first: Errors;
    let second: Errors;
    beforeAll(async () => {
      const { build } = await import('esbuild');
      dir = mkdtempSync(join(tmpdir(), 'dk-errors-'));
      const copies: Errors[] = [];
      for (const name of ['first', 'second']) {
        const outfile = join(dir, `${name}.mjs`);
        await build({
          entryPoints: [join(repoRoot, 'packages/core/src/errors.ts')],
          outfile,
          bundle: true,
          format: 'esm',
          platform: 'node',
          logLevel: 'error',
        });
        copies.push((await import(outfile)) as Errors);
      }
      [first, second] = copies as [Errors, Errors];
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test('the copies are distinct classes, and instanceof still holds across them', () => {
      expect(first.ConfigurationError).not.toBe(second.ConfigurationError);
      expect(new first.ConfigurationError('x')).toBeInstanceOf(second.ConfigurationError);
      expect(new second.ActionFailedError('x')).toBeInstanceOf(first.ActionFailedError);
      expect(new first.CancelledError()).toBeInstanceOf(second.CancelledError);
      expect(new first.CancelledError()).toBeInstanceOf(Error);
      expect(new first.CancelledError().message).toBe('Cancelled');
      expect(new second.ConfigurationError('bad').name).toBe('ConfigurationError');
    });

    test('control: one class is not another, and a look-alike is not one', () => {
      expect(new first.ConfigurationError('x')).not.toBeInstanceOf(second.ActionFailedError);
      expect(new first.ActionFailedError('x')).not.toBeInstanceOf(first.CancelledError);
      const lookAlike = Object.assign(new Error('x'), { name: 'ConfigurationError' });
      expect(lookAlike).not.toBeInstanceOf(first.ConfigurationError);
      expect(null).not.toBeInstanceOf(first.ConfigurationError);
    });

    test('executeAction reports an error from the other copy as itself: one line, no "failed unexpectedly"', async () => {
      const failed = memoryRuntime({ x: 'v' });
      const code = await executeAction(
        def(async () => {
          throw new second.ActionFailedError('gate failed');
        }),
        failed,
        new AbortController().signal,
      );
      expect(code).toBe(1);
      expect(failed.lines).toEqual(['error:gate failed']);
    });
  });
});

describe('clock and stats', () => {
  test('system sleep rejects promptly on abort', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    await expect(systemClock.sleep(5000, controller.signal)).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(1000);
  });
  test('manual clock advances on sleep', async () => {
    const clock = new ManualClock(100);
    await clock.sleep(50);
    expect(clock.now()).toBe(150);
  });
  test('nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBe(0);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(95);
  });
});

describe('lineEcho', () => {
  function capture(): { lines: string[]; logger: ActionsLogger; secrets: SecretRegistry } {
    const lines: string[] = [];
    const secrets = new SecretRegistry();
    return { lines, secrets, logger: new ActionsLogger(secrets, (l) => lines.push(l)) };
  }

  test('whole lines in one fence; a secret split across chunks is still redacted', () => {
    const { lines, secrets, logger } = capture();
    secrets.register('hunter2-token');
    const echo = lineEcho(logger, 60_000);
    echo.write('step 1\npass: hunt');
    echo.write('er2-token\nstep 2');
    echo.end();
    const text = lines.join('\n');
    expect(text).not.toContain('hunter2-token');
    expect(text).toContain('pass: ***');
    expect(lines.filter((l) => l.startsWith('::stop-commands::'))).toHaveLength(1);
  });

  test('control: echoing each chunk as it comes leaks the split secret', () => {
    const { lines, secrets, logger } = capture();
    secrets.register('hunter2-token');
    for (const chunk of ['pass: hunt', 'er2-token\n']) logger.untrusted(chunk);
    expect(lines.join('')).toContain('hunt');
    expect(lines.join('\n')).not.toContain('***');
  });
});

test.each([
  ['missing', undefined],
  ['no owner', 'app'],
  ['a path', 'acme/app/extra'],
  ['a parent directory', 'acme/..'],
  ['a parent directory as owner', '../app'],
  ['a command', 'acme/app;rm -rf /'],
])('runRepository refuses GITHUB_REPOSITORY %s before it reaches a URL', (_name, value) => {
  expect(() =>
    runRepository(value === undefined ? {} : { GITHUB_REPOSITORY: value }, 'create-release'),
  ).toThrow(ConfigurationError);
  expect(() => runRepository({ GITHUB_REPOSITORY: value }, 'create-release')).toThrow(
    /create-release needs GITHUB_REPOSITORY \(owner\/repo\)/,
  );
});

test('runRepository passes owner/repo through, dots and underscores in the name included', () => {
  expect(runRepository({ GITHUB_REPOSITORY: 'acme-co/app_v2.js' }, 'x')).toBe('acme-co/app_v2.js');
});

test('localExec decodes a character split between two reads whole', async () => {
  // 3-byte characters past the pipe's 64 KiB reads: read edges fall inside characters.
  const euros = '€'.repeat(100_000);
  const result = await localExec(['cat'], { stdin: euros });
  expect(result.stdout.length).toBe(euros.length);
  expect(result.stdout).toBe(euros);
});
