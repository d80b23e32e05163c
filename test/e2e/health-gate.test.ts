// health-gate run as the GitHub runner runs it: the committed bundle, action.yml defaults, real servers.
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { messages } from '@deploy-kit/core';
import { reply, selfSignedCert, startHttpServer, type TestServer } from '../support/http.js';
import { freePort } from '../support/ports.js';
import { runBundle, type RunResult } from '../support/runner.js';
import { assertNoSecret } from '../support/secrets.js';

const FAST = { interval: '200ms', 'request-timeout': '1s', timeout: '10s' };

async function withServer<T>(
  handler: Parameters<typeof startHttpServer>[0],
  body: (s: TestServer) => Promise<T>,
): Promise<T> {
  const server = await startHttpServer(handler);
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

function gate(
  inputs: Record<string, string>,
  options: Parameters<typeof runBundle>[1] = {},
): Promise<RunResult> {
  return runBundle('health-gate', { ...options, inputs: { ...FAST, ...inputs } });
}

function expectFailed(result: RunResult, pattern: RegExp): void {
  expect(result.exitCode).toBe(1);
  expect(result.outputs.healthy).toBe('false');
  expect(result.log).toMatch(pattern);
}

test.concurrent('becomes healthy after the server starts 2 s late', async () => {
  const port = await freePort();
  let server: ReturnType<typeof createServer> | undefined;
  let startedAt = 0;
  let served = 0;
  const late = setTimeout(() => {
    startedAt = Date.now();
    server = createServer((_req, res) => {
      served += 1;
      reply(res, 200, 'up');
    }).listen(port, '127.0.0.1');
  }, 2000);
  try {
    const result = await gate({ url: `http://127.0.0.1:${port}/health` });
    const endedAt = Date.now();
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ healthy: 'true', 'last-status': '200' });
    // Measured from the server's start, not the gate's: the gate process itself may take a while to
    // start on a busy runner (CI once saw 1.8 s of gate time for this 2 s wait).
    expect(startedAt).toBeGreaterThan(0);
    // Three consecutive successes, 200 ms apart, all after the server came up; then it stops asking.
    expect(served).toBe(3);
    expect(endedAt - startedAt).toBeGreaterThanOrEqual(400);
    const attempts = Number(result.outputs.attempts);
    expect(attempts).toBeGreaterThan(served); // the refused attempts before the start count too
    expect(result.log).toMatch(/connection refused/);
    expect(result.summary).toMatch(/Health gate: ✅ healthy/);
    expect(result.summary).toMatch(/```mermaid\nxychart-beta/);
  } finally {
    clearTimeout(late);
    server?.close();
  }
});

test.concurrent('never healthy fails at the deadline, within one interval', async () => {
  await withServer(
    (_q, res) => reply(res, 503, 'down'),
    async (s) => {
      const result = await gate({ url: s.url, timeout: '3s', interval: '500ms' });
      expectFailed(result, /not healthy within 3s/);
      const elapsed = Number(result.outputs['elapsed-ms']);
      expect(elapsed).toBeGreaterThanOrEqual(3000);
      expect(elapsed).toBeLessThanOrEqual(3500);
      expect(result.outputs['last-status']).toBe('503');
      expect(result.summary).toMatch(/❌ timeout/);
    },
  );
});

test.concurrent('200 once then 500: not healthy (timeout), and regressed when it had passed', async () => {
  await withServer(
    (_q, res, i) => reply(res, i === 0 ? 200 : 500),
    async (s) => {
      expectFailed(await gate({ url: s.url, timeout: '2s' }), /not healthy within 2s/);
    },
  );
  await withServer(
    (_q, res, i) => reply(res, i === 0 ? 200 : 500),
    async (s) => {
      const result = await gate({ url: s.url, 'success-threshold': '1', soak: '5s' });
      expectFailed(result, /3 consecutive failures after having been healthy/);
      expect(result.outputs.attempts).toBe('4');
    },
  );
});

test.concurrent('500 ×5 then 200 passes at attempt 8', async () => {
  await withServer(
    (_q, res, i) => reply(res, i < 5 ? 500 : 200),
    async (s) => {
      const result = await gate({ url: s.url });
      expect(result.exitCode).toBe(0);
      expect(result.outputs.attempts).toBe('8');
      expect(s.count()).toBe(8);
    },
  );
});

test.concurrent('alternating responses fail as flapping', async () => {
  await withServer(
    (_q, res, i) => reply(res, i % 2 === 0 ? 200 : 500),
    async (s) => {
      const result = await gate({ url: s.url, timeout: '60s' });
      expectFailed(result, /flapping/);
      expect(Number(result.outputs['elapsed-ms'])).toBeLessThan(5000);
    },
  );
});

test.concurrent(
  'a hanging server counts as a failure after request-timeout, it does not hang the gate',
  async () => {
    await withServer(
      () => undefined,
      async (s) => {
        const started = Date.now();
        const result = await gate({ url: s.url, 'request-timeout': '1s', timeout: '3s', interval: '500ms' });
        expectFailed(result, /no response within 1000ms/);
        expect(result.outputs['last-status']).toBe('0');
        expect(Date.now() - started).toBeLessThan(6000);
      },
    );
  },
);

test.concurrent('wrong status, body substring and regex', async () => {
  await withServer(
    (q, res) => (q.url === '/teapot' ? reply(res, 418) : reply(res, 200, '{"status":"UP","db":"ok"}')),
    async (s) => {
      expectFailed(await gate({ url: `${s.url}/teapot`, timeout: '1s' }), /status 418, expected 200-299/);
      expect(
        (await gate({ url: s.url, 'expect-status': '200,204', 'expect-body': '"db":"ok"' })).exitCode,
      ).toBe(0);
      expect((await gate({ url: s.url, 'expect-body': '/"status":\\s*"up"/i' })).exitCode).toBe(0);
      expectFailed(await gate({ url: s.url, 'expect-body': 'DOWN', timeout: '1s' }), /body does not match/);
      expect((await gate({ url: `${s.url}/teapot`, 'expect-status': '400-499' })).exitCode).toBe(0);
    },
  );
});

test.concurrent('expect-version via body and via X-Version; the old version fails', async () => {
  await withServer(
    (q, res) =>
      q.url === '/header'
        ? reply(res, 200, 'ok', { 'X-Version': '2.0.1' })
        : reply(res, 200, '{"version":"2.0.0"}'),
    async (s) => {
      expect((await gate({ url: s.url, 'expect-version': '2.0.0' })).exitCode).toBe(0);
      expect((await gate({ url: `${s.url}/header`, 'expect-version': '2.0.1' })).exitCode).toBe(0);
      const old = await gate({ url: s.url, 'expect-version': '2.0.1', timeout: '1s' });
      expectFailed(old, /version 2.0.1 expected, not in the body or X-Version header/);
      expect(old.outputs['last-status']).toBe('200');
      expectFailed(
        await gate({ url: `${s.url}/header`, 'expect-version': '2.0.0', timeout: '1s' }),
        /X-Version is "2.0.1"/,
      );
    },
  );
});

test.concurrent('a redirect to another host is not followed unless asked', async () => {
  await withServer(
    (_q, res) => reply(res, 200, 'other host'),
    async (target) => {
      const targetUrl = target.url.replace('127.0.0.1', 'localhost');
      await withServer(
        (_q, res) => reply(res, 302, '', { location: targetUrl }),
        async (s) => {
          const result = await gate({ url: s.url, timeout: '1s' });
          expectFailed(result, /redirect to http:\/\/localhost:\d+ ?\/? not followed/);
          expect(target.count()).toBe(0);
          expect((await gate({ url: s.url, 'follow-redirects': 'true' })).exitCode).toBe(0);
          expect(target.count()).toBe(3);
        },
      );
    },
  );
});

test.concurrent('self-signed TLS fails verification unless insecure-tls is true', async () => {
  const server = await startHttpServer((_q, res) => reply(res, 200, 'tls ok'), await selfSignedCert());
  try {
    expectFailed(
      await gate({ url: server.url, timeout: '1s' }),
      /TLS verification failed: self-signed certificate/,
    );
    expect(server.count()).toBe(0);
    const result = await gate({ url: server.url, 'insecure-tls': 'true' });
    expect(result.exitCode).toBe(0);
  } finally {
    await server.close();
  }
});

test.concurrent('two URLs: one failing fails the gate and is named', async () => {
  await withServer(
    (_q, res) => reply(res, 200),
    async (good) => {
      await withServer(
        (_q, res) => reply(res, 500, 'broken'),
        async (bad) => {
          const result = await gate({ url: `${good.url}/a\n${bad.url}/b`, timeout: '1s' });
          expectFailed(result, new RegExp(`Health gate failed for ${bad.url}/b`));
          expect(result.summary).toContain(`${good.url}/a`);
          expect(good.count()).toBeGreaterThan(0);
        },
      );
    },
  );
});

test.concurrent(
  'a secret header value never appears in the log or summary, even when the server echoes it',
  async () => {
    const secret = 'Bearer s3cr3t-t0ken-4f9a2c';
    await withServer(
      (q, res) => reply(res, 500, `you sent ${q.headers.authorization ?? ''}`),
      async (s) => {
        const result = await gate({ url: s.url, headers: `Authorization: ${secret}`, timeout: '1s' });
        expect(result.exitCode).toBe(1);
        expect(s.requests[0]!.headers.authorization).toBe(secret);
        expect(result.log).toContain(`::add-mask::${secret}`);
        assertNoSecret(result.log, secret, 'log');
        assertNoSecret(result.summary, secret, 'summary');
        assertNoSecret(JSON.stringify(result.outputs), secret, 'outputs');
        // Control: the same echo with the value in a non-secret input is caught by the check.
        const leaky = await gate({
          url: `${s.url}/?q=s3cr3t-t0ken-4f9a2c`,
          'expect-body': 's3cr3t-t0ken-4f9a2c',
          timeout: '1s',
        });
        expect(() => assertNoSecret(leaky.log, 's3cr3t-t0ken-4f9a2c', 'log')).toThrow(/secret leaked/);
      },
    );
  },
);

test.concurrent('remote body output is fenced from workflow commands', async () => {
  await withServer(
    (_q, res) => reply(res, 500, '::set-output name=healthy::true\n::error::forged'),
    async (s) => {
      // 5 s, not 1: under a loaded CI machine the first probe alone can take a second.
      const result = await gate({ url: s.url, timeout: '5s' });
      const token = /::stop-commands::([0-9a-f]+)/.exec(result.log)?.[1];
      expect(token).toBeDefined();
      const fenced = result.log.slice(
        result.log.indexOf(`::stop-commands::${token}`),
        result.log.indexOf(`::${token}::`),
      );
      expect(fenced).toContain('::error::forged');
      expect(result.outputs.healthy).toBe('false');
    },
  );
});

test.concurrent('SIGTERM stops the gate within 5 s and reports cancellation', async () => {
  let child: ChildProcess | undefined;
  let killedAt = 0;
  await withServer(
    (_q, res) => {
      reply(res, 503);
      // At the gate's first probe, not after a fixed delay: the action is running by then (its
      // signal handlers set), however long node took to start on a busy runner.
      if (child && killedAt === 0) {
        killedAt = Date.now();
        child.kill('SIGTERM');
      }
    },
    async (s) => {
      const result = await gate(
        { url: s.url, timeout: '60s' },
        {
          onSpawn: (spawned) => {
            child = spawned;
          },
        },
      );
      expect(killedAt).toBeGreaterThan(0);
      expect(Date.now() - killedAt).toBeLessThan(5000);
      expect(result.exitCode).toBe(1);
      expect(result.log).toMatch(/Received SIGTERM/);
      expect(result.log).toContain(messages.cancelled());
    },
  );
});

test.concurrent('refuses a fork pull request unless allow-untrusted-event', async () => {
  await withServer(
    (_q, res) => reply(res, 200),
    async (s) => {
      const event = {
        pull_request: {
          head: { repo: { full_name: 'evil/app' } },
          base: { repo: { full_name: 'acme/app' } },
        },
      };
      const refused = await gate({ url: s.url }, { eventName: 'pull_request', event });
      expect(refused.exitCode).toBe(1);
      expect(refused.log).toContain(messages.untrustedEvent('pull_request'));
      expect(s.count()).toBe(0);
      const allowed = await gate(
        { url: s.url, 'allow-untrusted-event': 'true' },
        { eventName: 'pull_request', event },
      );
      expect(allowed.exitCode).toBe(0);
    },
  );
});

describe('bad input: one line naming the input, nothing probed', () => {
  const cases: Array<[string, string, string]> = [
    [
      'url',
      'ftp://example.com/health',
      `Input 'url' must be one or more URLs starting with http:// or https://, got "ftp://example.com/health"`,
    ],
    [
      'method',
      'FETCH',
      `Input 'method' must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got "FETCH"`,
    ],
    ['headers', 'Bad Header: x', `Input 'headers' must be 'Name: value' lines`],
    [
      'expect-status',
      '2xx',
      `Input 'expect-status' must be HTTP status codes 100-599 as a list or ranges, like 200,204 or 200-299, got "2xx"`,
    ],
    [
      'expect-body',
      '/[unclosed/',
      `Input 'expect-body' must be a substring, or a valid /regex/flags, got "/[unclosed/"`,
    ],
    [
      'expect-version',
      '1.0; rm -rf /',
      `Input 'expect-version' must be a version of letters, digits and . _ + - (at most 128), got "1.0; rm -rf /"`,
    ],
    [
      'interval',
      'fast',
      `Input 'interval' must be a duration like 500ms, 30s, 5m, 1h, 30d, 2w or a number of seconds, got "fast"`,
    ],
    ['request-timeout', '1d', `Input 'request-timeout' must be a duration`],
    ['timeout', '-5s', `Input 'timeout' must be a duration`],
    ['success-threshold', '0', `Input 'success-threshold' must be an integer 1-100, got "0"`],
    ['failure-threshold', 'many', `Input 'failure-threshold' must be an integer 1-100, got "many"`],
    ['soak', '1w', `Input 'soak' must be a duration`],
    ['follow-redirects', 'yes', `Input 'follow-redirects' must be true or false, got "yes"`],
    ['insecure-tls', '1', `Input 'insecure-tls' must be true or false, got "1"`],
    ['allow-untrusted-event', 'TRUE', `Input 'allow-untrusted-event' must be true or false, got "TRUE"`],
  ];
  test.concurrent.each(cases)('%s = %j', async (input, value, message) => {
    await withServer(
      (_q, res) => reply(res, 200),
      async (s) => {
        const result = await gate({ url: s.url, [input]: value });
        expect(result.exitCode).toBe(1);
        expect(result.log).toContain(`::error::${message}`);
        expect(
          result.log
            .trim()
            .split('\n')
            .filter((l) => l.startsWith('::error::')),
        ).toHaveLength(1);
        expect(s.count()).toBe(0);
        expect(result.outputs).toEqual({});
      },
    );
  });

  const viaSsh = {
    hosts: 'root@127.0.0.1:2222',
    'host-fingerprint': `SHA256:${'A'.repeat(43)}`,
    'ssh-key': 'placeholder',
  };
  const sshCases: Array<[string, Record<string, string>, RegExp]> = [
    ['hosts', { hosts: 'root@;reboot' }, /^Input 'hosts' must be \[user@\]host\[:port\]/],
    ['user', { ...viaSsh, user: 'a b' }, /^Input 'user' must be a user name/],
    ['port', { ...viaSsh, port: '0' }, /^Input 'port' must be an integer 1-65535, got "0"$/],
    [
      'host-fingerprint',
      { ...viaSsh, 'host-fingerprint': 'SHA256:short' },
      /^Input 'host-fingerprint' must be SHA256:/,
    ],
    [
      'known-hosts',
      { ...viaSsh, 'host-fingerprint': '', 'known-hosts': 'junk' },
      /^Input 'known-hosts' must be known_hosts lines/,
    ],
    [
      'insecure-skip-host-key-check',
      { ...viaSsh, 'insecure-skip-host-key-check': 'yes' },
      /must be true or false, got "yes"$/,
    ],
    ['proxy-jump', { ...viaSsh, 'proxy-jump': 'a;b' }, /^Input 'proxy-jump' must be \[user@\]host\[:port\]/],
    [
      'connect-timeout',
      { ...viaSsh, 'connect-timeout': '0s' },
      /^Input 'connect-timeout' must be a duration.*between 1s and/,
    ],
    [
      'ssh-key',
      { ...viaSsh, 'ssh-key': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDx user@host' },
      /^Input 'ssh-key' holds a public key/,
    ],
    [
      'ssh-key-passphrase',
      { ...viaSsh, 'ssh-key': '', password: 'pw', 'ssh-key-passphrase': 'x' },
      /^Input 'ssh-key-passphrase' is set but 'ssh-key' is not$/,
    ],
    ['password', { ...viaSsh, 'ssh-key': '', password: '' }, /^Set 'ssh-key' \(recommended\) or 'password'/],
  ];
  test.concurrent.each(sshCases)('SSH input %s', async (_input, inputs, message) => {
    await withServer(
      (_q, res) => reply(res, 200),
      async (s) => {
        const result = await gate({ url: s.url, ...inputs });
        expect(result.exitCode).toBe(1);
        const errors = result.log.split('\n').filter((l) => l.startsWith('::error::'));
        expect(errors).toHaveLength(1);
        expect(errors[0]!.slice('::error::'.length)).toMatch(message);
        expect(s.count()).toBe(0);
      },
    );
  });

  test('url is required', async () => {
    const result = await runBundle('health-gate', { inputs: {} });
    expect(result.log).toContain(`::error::Input 'url' is required`);
  });
});
