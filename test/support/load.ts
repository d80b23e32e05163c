import type { EventEmitter } from 'node:events';
import { request } from 'node:http';

/** One GET on a fresh connection. */
export function get(
  url: string,
  timeoutMs = 5000,
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export interface LoadReport {
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Count per HTTP status seen by the keep-alive connections, e.g. `{ "200": 9000, "502": 1 }`. */
  statuses: Record<string, number>;
  freshRequests: number;
  freshFailures: number;
  /** The first few fresh-connection failures, as `<ms since start> <status or error code>`, to say why. */
  freshFailureSamples: string[];
  bodies: Set<string>;
  latencyP99Ms: number;
}

/**
 * Drives load at `url` until stop() is called: autocannon with keep-alive connections, plus a loop
 * of fresh-connection requests (keep-alive can hide refused connections).
 */
export async function startLoad(
  url: string,
  connections = 50,
  durationS = 120,
): Promise<{ stop(): Promise<LoadReport>; responses(): number }> {
  const { default: autocannon } = await import('autocannon');
  type AutocannonResult = Parameters<Parameters<typeof autocannon>[1]>[1];
  let finished: (result: AutocannonResult) => void = () => undefined;
  const result = new Promise<AutocannonResult>((resolve) => (finished = resolve));
  const instance = autocannon({ url, connections, duration: durationS, timeout: 5 }, (error, r) => {
    if (error) throw error;
    finished(r);
  });
  let responses = 0;
  // The instance is an EventEmitter (autocannon's types leave that out): one 'response' per reply.
  (instance as unknown as EventEmitter).on('response', () => (responses += 1));
  let running = true;
  const bodies = new Set<string>();
  let freshRequests = 0;
  let freshFailures = 0;
  const freshFailureSamples: string[] = [];
  const started = Date.now();
  const sample = (what: string): void => {
    if (freshFailureSamples.length < 10) freshFailureSamples.push(`${Date.now() - started}ms ${what}`);
  };
  const loop = (async () => {
    while (running) {
      try {
        const response = await get(url, 5000);
        freshRequests += 1;
        bodies.add(response.body);
        if (response.status !== 200) {
          freshFailures += 1;
          sample(`${response.status} ${response.body.slice(0, 80)}`);
        }
      } catch (error) {
        freshRequests += 1;
        freshFailures += 1;
        sample((error as NodeJS.ErrnoException).code ?? (error as Error).message);
      }
    }
  })();
  return {
    responses: () => responses + freshRequests,
    stop: async () => {
      running = false;
      instance.stop();
      const [r] = await Promise.all([result, loop]);
      return {
        requests: r.requests.total,
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
        statuses: Object.fromEntries(
          Object.entries(
            (r as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {},
          ).map(([code, s]) => [code, s.count]),
        ),
        freshRequests,
        freshFailures,
        freshFailureSamples,
        bodies,
        latencyP99Ms: r.latency.p99,
      };
    },
  };
}
