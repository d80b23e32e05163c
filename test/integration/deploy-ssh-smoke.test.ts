import { startTargetHost, type TargetHost } from '../support/target-host.js';
import { get } from '../support/load.js';

let host: TargetHost;
beforeAll(async () => {
  host = await startTargetHost();
});
afterAll(async () => {
  await host.stop();
});

test('v1 then v2 blue-green, then a broken v3 stays on v2', async () => {
  const v1 = await host.deploy('v1');
  if (v1.exitCode !== 0) console.log(v1.log);
  expect(v1.exitCode).toBe(0);
  expect((await get(host.nginx.url)).body).toBe('hello from v1');
  const v2 = await host.deploy('v2');
  if (v2.exitCode !== 0) console.log(v2.log);
  expect(v2.exitCode).toBe(0);
  expect(v2.outputs).toMatchObject({
    version: 'v2',
    'previous-version': 'v1',
    slot: 'green',
    'rolled-back': 'false',
  });
  expect((await get(host.nginx.url)).body).toBe('hello from v2');
  const v3 = await host.deploy('v3', { source: host.makeRelease('v3', { BROKEN: '1' }) });
  expect(v3.exitCode).toBe(1);
  expect(v3.outputs['rolled-back']).toBe('true');
  expect((await get(host.nginx.url)).body).toBe('hello from v2');
  expect(host.current()).toBe('v2');
  expect(host.history().map((h) => [h.version, h.status])).toEqual([
    ['v1', 'success'],
    ['v2', 'success'],
    ['v3', 'failed'],
  ]);
});
