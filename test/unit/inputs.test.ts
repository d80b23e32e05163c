import {
  ConfigurationError,
  InputReader,
  messages,
  parseDuration,
  SecretRegistry,
  splitList,
} from '@deploy-kit/core';

function reader(values: Record<string, string>, secrets = new SecretRegistry()): InputReader {
  return new InputReader((name) => values[name], secrets);
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('duration', () => {
  test.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['45', 45_000],
    ['1.5s', 1500],
    ['30d', 30 * 86_400_000],
    ['2w', 14 * 86_400_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
    expect(reader({ t: text }).duration('t')).toBe(ms);
  });

  test.each(['5 m', '-1s', '1y', '2 weeks', 'soon', '1e3', 's', 'd'])(
    'rejects %j naming the input and the form',
    (text) => {
      expect(errorOf(() => reader({ timeout: text }).duration('timeout'))).toBe(
        messages.invalidInput(
          'timeout',
          'a duration like 500ms, 30s, 5m, 1h, 30d, 2w or a number of seconds',
          text,
        ),
      );
    },
  );

  test('enforces bounds', () => {
    expect(errorOf(() => reader({ interval: '10ms' }).duration('interval', { minMs: 100 }))).toMatch(
      /Input 'interval' must be .*between 100ms and/,
    );
  });
});

describe('int', () => {
  test('accepts in range, rejects outside and non-integers', () => {
    expect(reader({ port: '22' }).int('port', { min: 1, max: 65535 })).toBe(22);
    expect(errorOf(() => reader({ port: '22a' }).int('port', { min: 1, max: 65535 }))).toBe(
      `Input 'port' must be an integer 1-65535, got "22a"`,
    );
    expect(errorOf(() => reader({ port: '0' }).int('port', { min: 1, max: 65535 }))).toMatch(/got "0"/);
    expect(errorOf(() => reader({ port: '1.5' }).int('port', { min: 1, max: 65535 }))).toMatch(/got "1.5"/);
    expect(reader({}).int('port', { min: 1, max: 2 })).toBeUndefined();
  });
});

describe('boolean', () => {
  test('only true and false', () => {
    expect(reader({ b: 'true' }).boolean('b')).toBe(true);
    expect(reader({ b: 'false' }).boolean('b')).toBe(false);
    for (const bad of ['yes', 'True', '1', 'on']) {
      expect(errorOf(() => reader({ b: bad }).boolean('b'))).toBe(
        messages.invalidInput('b', 'true or false', bad),
      );
    }
  });
});

describe('list, key-values, enum, url', () => {
  test('lists split on newlines and commas', () => {
    expect(splitList('a, b\nc\n\n ,d')).toEqual(['a', 'b', 'c', 'd']);
    expect(reader({ hosts: 'h1\nh2,h3' }).list('hosts')).toEqual(['h1', 'h2', 'h3']);
    expect(
      errorOf(() =>
        reader({ hosts: 'ok,bad host' }).list('hosts', { item: /^\S+$/, accepted: 'host names' }),
      ),
    ).toBe(`Input 'hosts' must be host names, got "bad host"`);
  });

  test('KEY=VALUE blocks keep = in values and reject bad keys and duplicates', () => {
    expect(reader({ env: 'A=1\n# c\n\nB=x=y' }).keyValues('env')).toEqual([
      ['A', '1'],
      ['B', 'x=y'],
    ]);
    expect(errorOf(() => reader({ env: '1A=2' }).keyValues('env'))).toMatch(
      /^Input 'env' must be KEY=VALUE lines/,
    );
    expect(errorOf(() => reader({ env: 'A=1\nA=2' }).keyValues('env'))).toMatch(/each KEY once/);
    expect(errorOf(() => reader({ env: 'novalue' }).keyValues('env'))).toMatch(/got "novalue"/);
  });

  test('secret key-values never echo the value in the message', () => {
    const message = errorOf(() =>
      reader({ env: 'BAD KEY=hunter2secret' }).keyValues('env', { secret: true }),
    );
    expect(message).not.toContain('hunter2secret');
    expect(message).toMatch(/a value of \d+ characters/);
  });

  test('enum', () => {
    expect(reader({ m: 'GET' }).enum('m', ['GET', 'HEAD'])).toBe('GET');
    expect(errorOf(() => reader({ m: 'get' }).enum('m', ['GET', 'HEAD']))).toBe(
      `Input 'm' must be one of GET, HEAD, got "get"`,
    );
  });

  test('url: scheme checked, credentials masked and not echoed', () => {
    const secrets = new SecretRegistry();
    expect(reader({ u: 'https://example.com/x' }, secrets).url('u')?.href).toBe('https://example.com/x');
    expect(errorOf(() => reader({ u: 'ftp://example.com' }).url('u'))).toBe(
      `Input 'u' must be a URL starting with http:// or https://, got "ftp://example.com"`,
    );
    expect(errorOf(() => reader({ u: 'not a url' }).url('u'))).toMatch(/got "not a url"/);
    const message = errorOf(() => reader({ u: 'ftp://user:s3cretpass@example.com' }, secrets).url('u'));
    expect(message).not.toContain('s3cretpass');
    expect(secrets.redact('s3cretpass')).toBe('***');
  });

  test('required string with a pattern', () => {
    expect(errorOf(() => reader({}).string('app', { required: true, accepted: 'a name' }))).toBe(
      messages.requiredInput('app', 'a name'),
    );
    expect(
      errorOf(() => reader({ app: '; rm -rf /' }).string('app', { pattern: /^[a-z]+$/, accepted: 'a name' })),
    ).toBe(`Input 'app' must be a name, got "; rm -rf /"`);
  });

  test('headers are parsed and their values registered as secrets', () => {
    const secrets = new SecretRegistry();
    const headers = reader({ headers: 'Authorization: Bearer tok3n-value\nX-A: b' }, secrets).headers(
      'headers',
    );
    expect(headers).toEqual([
      { name: 'Authorization', value: 'Bearer tok3n-value' },
      { name: 'X-A', value: 'b' },
    ]);
    expect(secrets.redact('auth=Bearer tok3n-value')).toBe('auth=***');
    expect(errorOf(() => reader({ headers: 'Bad Header: x' }).headers('headers'))).toMatch(
      /^Input 'headers' must be 'Name: value' lines/,
    );
  });
});
