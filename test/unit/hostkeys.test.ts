// Per-host fingerprint pins: parsing, which pins apply to which host, and coverage of the fleet.
import { checkPinCoverage, parseFingerprintPins, pinsFor } from '@deploy-kit/ssh';

const A = `SHA256:${'A'.repeat(43)}`;
const B = `SHA256:${'B'.repeat(43)}`;

test('pins name their host (and port), with or without a key type; bare pins stay allowed', () => {
  expect(
    parseFingerprintPins('host-fingerprint', [
      `app1.example.com=${A}`,
      `app2.example.com:2222=ssh-ed25519 ${B}`,
      `[fd00::2]:22=${A} (ED25519)`,
      B,
    ]),
  ).toEqual([
    { fingerprint: A, type: undefined, host: { name: 'app1.example.com' } },
    { fingerprint: B, type: 'ssh-ed25519', host: { name: 'app2.example.com', port: 2222 } },
    { fingerprint: A, type: 'ssh-ed25519', host: { name: 'fd00::2', port: 22 } },
    { fingerprint: B, type: undefined },
  ]);
  for (const bad of ['app1=', 'app1=SHA256:short', '; rm -rf /=' + A, `$(id)=${A}`, `app1=${A} extra`])
    expect(() => parseFingerprintPins('host-fingerprint', [bad])).toThrow(/Input 'host-fingerprint' must be/);
});

test('a host gets the pins naming it, else the bare ones; a port in the pin must match', () => {
  const pins = parseFingerprintPins('host-fingerprint', [`app1=${A}`, `app2:2222=${B}`, B]);
  expect(pinsFor(pins, 'app1', 22).map((p) => p.fingerprint)).toEqual([A]);
  expect(pinsFor(pins, 'app2', 2222).map((p) => p.fingerprint)).toEqual([B]);
  // app2 on another port is not the pinned one: only the bare pin applies.
  expect(pinsFor(pins, 'app2', 22)).toEqual([{ fingerprint: B, type: undefined }]);
  expect(pinsFor(parseFingerprintPins('host-fingerprint', [`app1=${A}`]), 'app3', 22)).toEqual([]);
});

test('coverage: a stray name or an unpinned host is an error; one bare pin for several hosts a warning', () => {
  const hosts = [
    { host: 'app1', port: 22 },
    { host: 'app2', port: 22 },
  ];
  const pins = (items: string[]) => parseFingerprintPins('host-fingerprint', items);
  expect(checkPinCoverage('host-fingerprint', pins([`app1=${A}`, `app2=${B}`]), hosts)).toBeUndefined();
  expect(checkPinCoverage('host-fingerprint', pins([A]), hosts.slice(0, 1))).toBeUndefined();
  expect(checkPinCoverage('host-fingerprint', pins([A, B]), hosts)).toMatch(
    /accepted for 2 hosts \(app1, app2\)/,
  );
  expect(() => checkPinCoverage('host-fingerprint', pins([`app1=${A}`]), hosts)).toThrow(
    /has no pin for app2:22/,
  );
  expect(() =>
    checkPinCoverage('host-fingerprint', pins([`app1=${A}`, `app2=${B}`, `app9=${A}`]), hosts),
  ).toThrow(/pins app9, which is not one of 'hosts' or 'proxy-jump'/);
});
