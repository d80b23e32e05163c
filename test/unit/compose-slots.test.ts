import { parse } from 'yaml';
import * as yaml from 'yaml';
import { planComposeSlots, publishOn } from '../../packages/release/src/compose-slots.js';

const FILE = `services:
  web:
    image: \${IMAGE}
    depends_on: [db, worker]
    ports:
      - "127.0.0.1:\${WEB_PORT:-8000}:8080"
  worker:
    image: \${IMAGE}
    depends_on:
      db: { condition: service_started }
  db:
    image: postgres:15
    environment:
      POSTGRES_PASSWORD: \${DB_PASSWORD}
    volumes: [data:/var/lib/postgresql/data]
volumes:
  data: {}
`;

const plan = (
  content: string,
  named: string[] = [],
  engine: 'docker' | 'podman' = 'podman',
  env: Array<[string, string]> = [],
) =>
  planComposeSlots(content, { named, ports: [3001, 3002], engine, env: [['VERSION', 'v1'], ...env] }, yaml);
type Services = Record<string, Record<string, unknown>>;
const servicesOf = (file: string): Services => (parse(file) as { services: Services }).services;

test('the published service runs as <name>-blue and <name>-green on the slot ports; the database stays one service', () => {
  const p = plan(FILE);
  // The fronted service comes first.
  expect(p.services[0]).toBe('web');
  expect(p.services).toEqual(['web']);
  expect(p.inPlace).toEqual(['worker', 'db']);
  const services = servicesOf(p.file);
  expect(Object.keys(services).sort()).toEqual(['db', 'web-blue', 'web-green', 'worker']);
  expect(services['web-blue']?.ports).toEqual(['127.0.0.1:3001:8080']);
  expect(services['web-green']?.ports).toEqual(['127.0.0.1:3002:8080']);
  // Bringing a slot up must not recreate the database or the worker (podman-compose brings deps down).
  expect(services['web-green']?.depends_on).toBeUndefined();
  expect(services['web-green']?.image).toBe('${IMAGE}');
  expect(services.db?.environment).toEqual({ POSTGRES_PASSWORD: '${DB_PASSWORD}' });
  expect((parse(p.file) as { volumes: unknown }).volumes).toEqual({ data: {} });
});

test('services names the blue-green set: a worker runs per slot, and its dependencies follow the slot', () => {
  const p = plan(FILE, ['worker', 'web']);
  expect(p.services).toEqual(['web', 'worker']);
  expect(p.inPlace).toEqual(['db']);
  const services = servicesOf(p.file);
  expect(services['web-blue']?.depends_on).toEqual(['worker-blue']);
  expect(services['worker-green']?.depends_on).toBeUndefined();
  expect(services['worker-green']?.ports).toBeUndefined();
});

test('docker compose: the slot variants answer to the service name on their networks', () => {
  const services = servicesOf(plan(FILE, [], 'docker').file);
  expect(services['web-blue']?.networks).toEqual({ default: { aliases: ['web'] } });
  const named = `services:\n  web:\n    image: a\n    ports: ["80"]\n    networks:\n      front: { aliases: [www] }\nnetworks:\n  front: {}\n`;
  expect(servicesOf(plan(named, [], 'docker').file)['web-green']?.networks).toEqual({
    front: { aliases: ['www', 'web'] },
  });
});

test('the in-place hash changes with the database definition or a variable it uses, not with the app image', () => {
  const base = plan(FILE, [], 'podman', [['DB_PASSWORD', 'a']]).inPlaceSha256;
  expect(
    plan(FILE, [], 'podman', [
      ['DB_PASSWORD', 'a'],
      ['OTHER', 'x'],
    ]).inPlaceSha256,
  ).toBe(base);
  expect(plan(FILE, [], 'podman', [['DB_PASSWORD', 'b']]).inPlaceSha256).not.toBe(base);
  expect(
    plan(FILE.replace('postgres:15', 'postgres:16'), [], 'podman', [['DB_PASSWORD', 'a']]).inPlaceSha256,
  ).not.toBe(base);
  // The app's image and VERSION are not used by worker or db... except the worker's ${IMAGE}.
  const worker = plan(FILE, [], 'podman', [['IMAGE', 'a@sha256:1']]).inPlaceSha256;
  expect(plan(FILE, [], 'podman', [['IMAGE', 'a@sha256:2']]).inPlaceSha256).not.toBe(worker);
  const noWorker = plan(FILE, ['web', 'worker'], 'podman', [['IMAGE', 'a@sha256:1']]).inPlaceSha256;
  expect(plan(FILE, ['web', 'worker'], 'podman', [['IMAGE', 'a@sha256:2']]).inPlaceSha256).toBe(noWorker);
});

test('the port forms users write keep their address and protocol', () => {
  expect(publishOn('8080', 3001, 'web')).toBe('127.0.0.1:3001:8080');
  expect(publishOn(8080, 3001, 'web')).toBe('127.0.0.1:3001:8080');
  expect(publishOn('80:8080', 3001, 'web')).toBe('3001:8080');
  expect(publishOn('0.0.0.0:80:8080/tcp', 3001, 'web')).toBe('0.0.0.0:3001:8080/tcp');
  expect(publishOn('[::1]:80:8080', 3001, 'web')).toBe('[::1]:3001:8080');
  expect(publishOn('${HOST:-127.0.0.1}:${PORT:-80}:8080', 3001, 'web')).toBe('${HOST:-127.0.0.1}:3001:8080');
  expect(publishOn({ target: 8080, published: '80', host_ip: '127.0.0.1' }, 3002, 'web')).toEqual({
    target: 8080,
    published: '3002',
    host_ip: '127.0.0.1',
  });
  expect(() => publishOn('1:2:3:4', 3001, 'web')).toThrow(/cannot read the port/);
  expect(() => publishOn({ published: 80 }, 3001, 'web')).toThrow(/needs 'target'/);
});

test('a file blue-green cannot run twice is refused, naming the input and what to change', () => {
  const two = `services:\n  web:\n    image: a\n    ports: ["80:8080"]\n  admin:\n    image: a\n    ports: ["81:8080"]\n`;
  expect(() => plan(two)).toThrow(/Input 'services': .*web, admin publish ports/);
  expect(plan(two, ['web']).inPlace).toEqual(['admin']);
  const marked = two.replace('  admin:\n', '  admin:\n    labels: ["deploy-kit.in-place=true"]\n');
  expect(plan(marked).services[0]).toBe('web');
  expect(() => plan(marked, ['admin'])).toThrow(/labelled deploy-kit.in-place=true/);
  expect(() => plan('services:\n  db:\n    image: a\n')).toThrow(/none publishes a port/);
  expect(() => plan(FILE, ['nope'])).toThrow(/Input 'services': nope is not a service/);
  expect(() =>
    plan(
      FILE.replace(
        '    image: ${IMAGE}\n    depends_on: [db, worker]',
        '    image: a\n    container_name: web',
      ),
    ),
  ).toThrow(/container_name/);
  expect(() => plan(`services:\n  web:\n    image: a\n    ports: ["80:8080", "443:8443"]\n`)).toThrow(
    /publishes 2 ports/,
  );
  expect(() => plan(`services:\n  web:\n    image: a\n    network_mode: host\n    ports: ["80"]\n`)).toThrow(
    /network_mode: host/,
  );
  expect(() =>
    plan(`services:\n  web:\n    image: a\n    ports: ["80"]\n  web-blue:\n    image: b\n`),
  ).toThrow(/already named web-blue/);
  expect(() => plan('services: [a]\n')).toThrow(/Input 'compose-file': no 'services' mapping/);
  expect(() => plan('services:\n  web: [\n')).toThrow(/Input 'compose-file': not valid YAML/);
});
