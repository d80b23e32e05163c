// Self-hosted runners behind an HTTP proxy: the committed bundles, through Debian's tinyproxy on
// loopback. The proxy's own connections leave from 127.0.0.2, so every stand-in tells a proxied
// request from a direct one by its client address.
import { ok, runBundle, type RunResult } from '../support/runner.js';
import { startSlack, type SlackStandIn } from '../support/slack.js';
import { startHttpServer, selfSignedCert, type TestServer } from '../support/http.js';
import { freePort } from '../support/ports.js';
import { startTinyproxy, PROXY_OUTGOING, type HttpProxy } from '../support/proxy.js';
import { startS3 } from '../support/s3.js';
import { startPostgres, type Postgres } from '../support/databases.js';
import { makeTempDir } from '../support/tempdir.js';
import { teardown } from '../support/teardown.js';

let proxy: HttpProxy;
let refusing: HttpProxy;
let slack: SlackStandIn;
let app: TestServer;
let tlsApp: TestServer;
let tlsCaEnv: Record<string, string>;

beforeAll(async () => {
  [proxy, refusing, slack] = await Promise.all([
    startTinyproxy(),
    startTinyproxy({ refuse: true }),
    startSlack(),
  ]);
  app = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  const tls = await selfSignedCert();
  tlsApp = await startHttpServer((_req, res) => {
    res.writeHead(200);
    res.end('ok');
  }, tls);
  const ca = makeTempDir('proxy-ca');
  const caFile = `${ca.path}/ca.pem`;
  (await import('node:fs')).writeFileSync(caFile, tls.cert);
  tlsCaEnv = { NODE_EXTRA_CA_CERTS: caFile };
}, 60_000);
afterAll(async () => {
  await teardown(
    () => proxy.stop(),
    () => refusing.stop(),
    () => slack.stop(),
    () => app.close(),
    () => tlsApp.close(),
  );
});

const notify = (env: Record<string, string>): Promise<RunResult> =>
  runBundle('slack-notify', {
    inputs: { 'webhook-url': slack.webhookUrl, status: 'success', 'fail-on-error': 'true', retries: '0' },
    env: { ...slack.env, ...env },
  });
const lastFrom = (server: TestServer): string | undefined => server.requests.at(-1)?.from;

describe('slack-notify (fetch through undici’s ProxyAgent)', () => {
  test('HTTPS_PROXY: the webhook is reached through the proxy (a CONNECT tunnel); control: without it, directly', async () => {
    const direct = await notify({});
    expect(ok(direct)).toEqual({ exit: 0, log: '' });
    expect(lastFrom(slack.server)).toBe('127.0.0.1');

    const before = slack.server.count();
    const proxied = await notify({ HTTPS_PROXY: proxy.url });
    expect(ok(proxied)).toEqual({ exit: 0, log: '' });
    expect(slack.server.count()).toBe(before + 1);
    expect(lastFrom(slack.server)).toBe(PROXY_OUTGOING);
    expect(proxy.log()).toContain(`CONNECT 127.0.0.1:${slack.server.port}`);

    // As curl and the runner read them: lower case too.
    const lower = await notify({ https_proxy: proxy.url });
    expect(ok(lower)).toEqual({ exit: 0, log: '' });
    expect(lastFrom(slack.server)).toBe(PROXY_OUTGOING);
  });

  test('NO_PROXY: a listed host is reached directly, the proxy never asked', async () => {
    for (const noProxy of ['127.0.0.1', `127.0.0.1:${slack.server.port}`, 'example.com,127.0.0.1']) {
      const logged = proxy.log().length;
      const result = await notify({ HTTPS_PROXY: proxy.url, NO_PROXY: noProxy });
      expect(ok(result)).toEqual({ exit: 0, log: '' });
      expect(lastFrom(slack.server)).toBe('127.0.0.1');
      expect(proxy.log().slice(logged)).not.toContain('CONNECT');
    }
    // A NO_PROXY entry for another port does not bypass.
    const other = await notify({ HTTPS_PROXY: proxy.url, no_proxy: '127.0.0.1:1' });
    expect(ok(other)).toEqual({ exit: 0, log: '' });
    expect(lastFrom(slack.server)).toBe(PROXY_OUTGOING);
  });

  test('a proxy that refuses, or is not there: the step fails naming the proxy, nothing sent', async () => {
    const before = slack.server.count();
    const denied = await notify({ HTTPS_PROXY: refusing.url });
    expect(denied.exitCode).toBe(1);
    expect(denied.log).toContain(`HTTP proxy ${refusing.url} failed:`);
    expect(denied.log).toMatch(/403/);
    expect(denied.log).toContain(`(reaching 127.0.0.1:${slack.server.port}); check HTTPS_PROXY / HTTP_PROXY`);

    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const refused = await notify({ HTTPS_PROXY: nowhere });
    expect(refused.exitCode).toBe(1);
    expect(refused.log).toContain(`HTTP proxy ${nowhere} refused the connection`);
    expect(slack.server.count()).toBe(before);

    // Credentials in the proxy URL never reach the log.
    const withLogin = await notify({ HTTPS_PROXY: nowhere.replace('//', '//runner:pr0xy-Secr3t@') });
    expect(withLogin.exitCode).toBe(1);
    expect(withLogin.log).toContain(`HTTP proxy ${nowhere} refused the connection`);
    expect(withLogin.log).not.toContain('pr0xy-Secr3t');
  });
});

describe('health-gate (node:http through http-proxy-agent and https-proxy-agent)', () => {
  const gate = (url: string, env: Record<string, string>): Promise<RunResult> =>
    runBundle('health-gate', {
      inputs: { url, timeout: '3s', interval: '200ms', 'success-threshold': '1' },
      env,
    });

  test('http:// through HTTP_PROXY, https:// through HTTPS_PROXY (CONNECT, the certificate still verified); NO_PROXY bypasses', async () => {
    expect(ok(await gate(`${app.url}/health`, { HTTP_PROXY: proxy.url }))).toEqual({ exit: 0, log: '' });
    expect(lastFrom(app)).toBe(PROXY_OUTGOING);
    expect(proxy.log()).toContain(`GET http://127.0.0.1:${app.port}/health`);

    expect(ok(await gate(`${tlsApp.url}/`, { ...tlsCaEnv, HTTPS_PROXY: proxy.url }))).toEqual({
      exit: 0,
      log: '',
    });
    expect(lastFrom(tlsApp)).toBe(PROXY_OUTGOING);
    // Through the tunnel the TLS check is end to end: without the CA the probe fails.
    const untrusted = await gate(`${tlsApp.url}/`, { HTTPS_PROXY: proxy.url });
    expect(untrusted.exitCode).toBe(1);
    expect(untrusted.log).toMatch(/TLS verification failed: self-signed certificate/);

    expect(ok(await gate(`${app.url}/`, { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }))).toEqual({
      exit: 0,
      log: '',
    });
    expect(lastFrom(app)).toBe('127.0.0.1');
  });

  test('a refusing proxy: the probe reports it, naming the proxy', async () => {
    const result = await gate(`${app.url}/`, { HTTP_PROXY: `http://127.0.0.1:${await freePort()}` });
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(/connection refused \(through the HTTP proxy http:\/\/127\.0\.0\.1:\d+\)/);
  });
});

describe('db-backup to S3 (the AWS SDK through the proxy)', () => {
  let pg: Postgres;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(() => teardown(() => pg.stop()));

  test('every S3 request goes through HTTP_PROXY; NO_PROXY sends them directly', async () => {
    const s3 = await startS3(['backups']);
    try {
      const inputs = {
        engine: 'postgres',
        'db-host': pg.host,
        'db-port': String(pg.port),
        'db-user': 'postgres',
        'db-name': 'postgres',
        destination: 's3://backups/pg',
        's3-endpoint': s3.endpoint,
      };
      const endpoint = new URL(s3.endpoint);
      const logged = proxy.log().length;
      const result = await runBundle('db-backup', { inputs, env: { ...s3.env, HTTP_PROXY: proxy.url } });
      expect(ok(result)).toEqual({ exit: 0, log: '' });
      const requests = proxy.log().slice(logged);
      // The multipart upload, the re-read and the sidecar: all through the proxy.
      expect(requests).toContain(`PUT http://${endpoint.host}/backups/pg/`);
      expect(requests).toContain(`GET http://${endpoint.host}/backups/pg/`);

      const before = proxy.log().length;
      const direct = await runBundle('db-backup', {
        inputs,
        env: { ...s3.env, HTTP_PROXY: proxy.url, NO_PROXY: endpoint.hostname },
      });
      expect(ok(direct)).toEqual({ exit: 0, log: '' });
      expect(proxy.log().slice(before)).not.toContain(endpoint.host);
    } finally {
      await s3.close();
    }
  });
});
