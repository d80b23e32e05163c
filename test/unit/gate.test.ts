import { ManualClock } from '@deploy-kit/core';
import {
  carriesVersion,
  evaluate,
  flapWindow,
  parseBodyExpectation,
  parseStatusRanges,
  runGate,
  type GateOptions,
  type ProbeResponse,
} from '@deploy-kit/health';

const ok = (status = 200, body = 'ok', headers: ProbeResponse['headers'] = {}): ProbeResponse => ({
  url: 'http://app/',
  status,
  body,
  headers,
  latencyMs: 5,
});
const refused: ProbeResponse = {
  url: 'http://app/',
  headers: {},
  body: '',
  latencyMs: 1,
  error: 'connection refused',
};

function options(overrides: Partial<GateOptions> = {}): GateOptions {
  return {
    urls: [new URL('http://app/')],
    method: 'GET',
    headers: [],
    expect: { status: [{ min: 200, max: 299 }], followRedirects: false },
    intervalMs: 1000,
    requestTimeoutMs: 500,
    timeoutMs: 30_000,
    successThreshold: 3,
    failureThreshold: 3,
    soakMs: 0,
    insecureTls: false,
    ...overrides,
  };
}

/** A probe that plays a script of responses (the last one repeats) and records when it was called. */
function scripted(clock: ManualClock, script: ProbeResponse[]) {
  const calls: number[] = [];
  return {
    calls,
    probe: async () => {
      calls.push(clock.now());
      clock.advance(5);
      return script[Math.min(calls.length - 1, script.length - 1)]!;
    },
  };
}

async function gate(script: ProbeResponse[], overrides: Partial<GateOptions> = {}) {
  const clock = new ManualClock();
  const probe = scripted(clock, script);
  const result = await runGate(options(overrides), {
    probe: probe.probe,
    clock,
    signal: new AbortController().signal,
  });
  return { result, calls: probe.calls, clock };
}

describe('gate decisions (injected clock)', () => {
  test('500 ×5 then 200 passes at attempt 8 with threshold 3', async () => {
    const { result, calls } = await gate([...Array.from({ length: 5 }, () => ok(500)), ok(200)]);
    expect(result.healthy).toBe(true);
    expect(result.attempts).toBe(8);
    expect(calls).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000]);
  });

  test('never healthy fails at the deadline, within one interval', async () => {
    const { result } = await gate([ok(503)], { timeoutMs: 10_000 });
    expect(result).toMatchObject({ healthy: false, outcome: 'timeout', lastStatus: 503 });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(10_000);
    expect(result.elapsedMs).toBeLessThanOrEqual(11_000);
  });

  test('a last probe the deadline cuts short does not hide the status seen before it', async () => {
    // 503 twice, then the final probe times out at the deadline (no status).
    const timedOut: ProbeResponse = { ...refused, error: 'timeout' };
    const { result } = await gate([ok(503, 'down: db'), ok(503, 'down: db'), timedOut], { timeoutMs: 2300 });
    expect(result).toMatchObject({ outcome: 'timeout', lastStatus: 503 });
    // The body shown on failure is that of the last response, not the empty timed-out probe's.
    expect(result.targets[0]?.last).toMatchObject({ status: 503, body: 'down: db' });
    // Control: with no status ever received, it is 0.
    expect((await gate([timedOut], { timeoutMs: 2300 })).result.lastStatus).toBe(0);
  });

  test('the request timeout is clipped to the time left before the deadline', async () => {
    const clock = new ManualClock();
    const timeouts: number[] = [];
    await runGate(options({ timeoutMs: 2300, intervalMs: 1000, requestTimeoutMs: 500 }), {
      clock,
      signal: new AbortController().signal,
      probe: async (req) => {
        timeouts.push(req.timeoutMs);
        return refused;
      },
    });
    expect(timeouts).toEqual([500, 500, 300]);
  });

  test('200 once then 500 never becomes healthy', async () => {
    const { result } = await gate([ok(200), ok(500)], { timeoutMs: 10_000 });
    expect(result.outcome).toBe('timeout');
  });

  test('after being healthy, failure-threshold failures during soak fail it as regressed', async () => {
    const { result } = await gate([ok(200), ok(500)], { successThreshold: 1, soakMs: 10_000 });
    expect(result).toMatchObject({ healthy: false, outcome: 'regressed', attempts: 4 });
  });

  test('one failure during soak is tolerated (rise/fall, not a hair trigger)', async () => {
    const { result } = await gate([ok(200), ok(500), ok(200)], { successThreshold: 1, soakMs: 5000 });
    expect(result.healthy).toBe(true);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(5000);
  });

  test('alternating results fail as flapping, long before the deadline', async () => {
    const script = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? ok(200) : ok(500)));
    const { result } = await gate(script, { timeoutMs: 120_000 });
    expect(result.outcome).toBe('flapping');
    expect(result.attempts).toBe(flapWindow(3, 3).maxChanges + 1);
  });

  test('control: a single recovery is not flapping', async () => {
    const { result } = await gate([refused, refused, refused, ok(200)]);
    expect(result.outcome).toBe('healthy');
  });

  test('several URLs: all must pass, and the failing one is named', async () => {
    const clock = new ManualClock();
    const result = await runGate(
      options({ urls: [new URL('http://a/'), new URL('http://b/')], timeoutMs: 5000 }),
      {
        clock,
        signal: new AbortController().signal,
        probe: async (req) => (req.url.hostname === 'a' ? ok(200) : ok(502)),
      },
    );
    expect(result).toMatchObject({
      healthy: false,
      outcome: 'timeout',
      failedUrl: 'http://b/',
      lastStatus: 502,
    });
    expect(result.targets.map((t) => t.healthy)).toEqual([true, false]);
  });

  test('a cancelled gate stops at once', async () => {
    const controller = new AbortController();
    const clock = new ManualClock();
    controller.abort();
    await expect(
      runGate(options(), { clock, signal: controller.signal, probe: async () => ok() }),
    ).rejects.toThrow('Cancelled');
  });
});

describe('expectations', () => {
  test('status ranges and lists', () => {
    expect(parseStatusRanges('200-299')).toEqual([{ min: 200, max: 299 }]);
    expect(parseStatusRanges('200,204, 301-302')).toHaveLength(3);
    for (const bad of ['2xx', '200-', '99', '600', '300-200', ''])
      expect(parseStatusRanges(bad)).toBeUndefined();
  });

  test('body substring and /regex/flags', () => {
    const regex = parseBodyExpectation('/"status":\\s*"UP"/i');
    expect(regex && 'regex' in regex).toBe(true);
    expect(parseBodyExpectation('/[unclosed/')).toBeUndefined();
    expect(parseBodyExpectation('plain')).toEqual({ substring: 'plain' });
    const expect_ = { status: [{ min: 200, max: 299 }], followRedirects: false };
    expect(evaluate(ok(200, '{"Status": "up"}'), { ...expect_, body: regex }).ok).toBe(true);
    expect(evaluate(ok(200, 'down'), { ...expect_, body: regex }).reason).toMatch(/body does not match/);
  });

  test('version as a whole token, or the X-Version header', () => {
    expect(carriesVersion(ok(200, '{"version":"1.2.3"}'), '1.2.3')).toBe(true);
    expect(carriesVersion(ok(200, 'app v1.2.3 up'), '1.2.3')).toBe(true);
    expect(carriesVersion(ok(200, '{"version":"1.2.3"}'), '1.2')).toBe(false);
    expect(carriesVersion(ok(200, 'build 11.2.3'), '1.2.3')).toBe(false);
    expect(carriesVersion(ok(200, 'no', { 'x-version': '2.0.0' }), '2.0.0')).toBe(true);
    // The header is authoritative: an old instance saying so fails even if the body mentions the version.
    expect(carriesVersion(ok(200, 'upgrading to 2.0.0', { 'x-version': '1.9.0' }), '2.0.0')).toBe(false);
  });

  test('an unfollowed redirect is explained', () => {
    const verdict = evaluate(ok(302, '', { location: 'http://elsewhere/' }), {
      status: [{ min: 200, max: 299 }],
      followRedirects: false,
    });
    expect(verdict.reason).toMatch(/redirect to http:\/\/elsewhere\/ not followed/);
  });
});
