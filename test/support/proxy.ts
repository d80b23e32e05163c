import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { stopPid, waitFor } from './procs.js';
import { makeTempDir } from './tempdir.js';

/**
 * Debian's tinyproxy on loopback. Its outgoing connections leave from 127.0.0.2 (`Bind`), so a
 * server on 127.0.0.1 tells a proxied request (from 127.0.0.2) from a direct one (127.0.0.1).
 */
export interface HttpProxy {
  url: string;
  port: number;
  /** The address the proxy's own connections come from. */
  outgoing: string;
  /** What tinyproxy logged so far (each CONNECT and request it served or refused). */
  log(): string;
  stop(): Promise<void>;
}

export const PROXY_OUTGOING = '127.0.0.2';

/** `refuse`: tinyproxy denies every client (403), as a proxy that does not know the runner does. */
export async function startTinyproxy(options: { refuse?: boolean } = {}): Promise<HttpProxy> {
  const temp = makeTempDir('tinyproxy');
  const port = await freePort();
  const logFile = join(temp.path, 'tinyproxy.log');
  writeFileSync(logFile, '');
  writeFileSync(
    join(temp.path, 'tinyproxy.conf'),
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      `Bind ${PROXY_OUTGOING}`,
      'Timeout 60',
      'MaxClients 200',
      // No ConnectPort line: CONNECT to any port (the stand-ins listen on free ports).
      options.refuse ? 'Deny 127.0.0.1' : 'Allow 127.0.0.1',
      `LogFile "${logFile}"`,
      'LogLevel Info',
      '',
    ].join('\n'),
  );
  const child = spawn('tinyproxy', ['-d', '-c', join(temp.path, 'tinyproxy.conf')], { stdio: 'ignore' });
  const pid = child.pid ?? 0;
  await waitFor(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      }),
    10_000,
    'tinyproxy to listen',
  );
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    outgoing: PROXY_OUTGOING,
    log: () => readFileSync(logFile, 'utf8'),
    stop: async () => {
      await stopPid(pid);
      temp.remove();
    },
  };
}
