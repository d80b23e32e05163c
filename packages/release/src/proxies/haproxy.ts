import { ActionFailedError } from '@deploy-kit/core';
import type { HostContext } from '../modes/context.js';
import { WRITE_FILE } from '../scripts.js';
import type { Slot, SlotState } from '../types.js';
import { drainUntilIdle, switched, type ProxySwitch } from './switch.js';

/**
 * HAProxy: the slots are servers `blue` and `green` of backend `<app>`, switched through the
 * runtime API on its admin socket (reached over the SSH connection as the SSH user): no reload, no
 * process restarts, no client connection touched. The old server drains (`state drain`: no new
 * requests, its sessions finish) until its `scur` is 0, then goes to maintenance. The servers'
 * state is written to `.deploy-kit/haproxy.state`, which the backend loads on a restart.
 */
export class HaproxyRuntime implements ProxySwitch {
  constructor(
    private readonly ctx: HostContext,
    private readonly app: string,
    private readonly socket: string,
  ) {}

  /** One runtime-API command; HAProxy answers and closes (non-interactive mode). */
  async command(line: string): Promise<string> {
    let stream;
    try {
      stream = await this.ctx.host.conn.forwardSocket(this.socket);
    } catch (error) {
      throw new ActionFailedError(
        `${this.ctx.label}: cannot reach HAProxy's runtime API at ${this.socket}: missing, or the SSH user may not open it (see the README: 'stats socket … mode 660 level admin' and the user in its group)`,
        { cause: error },
      );
    }
    return new Promise((resolve, reject) => {
      let answer = '';
      stream.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
      stream.on('error', reject);
      stream.on('close', () => resolve(answer));
      stream.end(`${line}\n`);
    });
  }

  private fail(what: string, answer: string): ActionFailedError {
    return new ActionFailedError(
      `${this.ctx.label}: HAProxy refused ${what}: ${answer.trim() || '(no answer)'}`,
    );
  }

  /** `set server …`: HAProxy answers nothing, or a line that is not an error, on success. */
  private async set(server: Slot, what: string): Promise<void> {
    const answer = await this.command(`set server ${this.app}/${server} ${what}`);
    if (/no such|can't find|not found|unknown|require|invalid|denied|error/i.test(answer))
      throw this.fail(`'set server ${this.app}/${server} ${what}'`, answer);
  }

  async check(): Promise<void> {
    const answer = await this.command(`show servers state ${this.app}`);
    if (/can't find backend/i.test(answer))
      throw new ActionFailedError(
        `${this.ctx.label}: HAProxy has no backend '${this.app}' (the backend is named after 'app'; see the README's snippet)`,
      );
    const servers = new Set(
      answer
        .split('\n')
        .filter((line) => /^\d/.test(line))
        .map((line) => line.split(' ')[3]),
    );
    const missing = (['blue', 'green'] as const).filter((name) => !servers.has(name));
    if (missing.length > 0)
      throw new ActionFailedError(
        `${this.ctx.label}: HAProxy's backend '${this.app}' has no server ${missing.join(' or ')} (it needs servers blue and green; see the README's snippet)`,
      );
  }

  async switchTo(slot: Slot, port: number): Promise<void> {
    const old: Slot = slot === 'blue' ? 'green' : 'blue';
    // The new server takes traffic before the old one stops taking it: never a moment with none.
    const started = this.ctx.deps.clock.now();
    await this.set(slot, `addr 127.0.0.1 port ${port}`);
    await this.set(slot, 'state ready');
    switched(this.ctx, slot, started, 'haproxy runtime API');
    await this.set(old, 'state drain');
    await this.saveState();
  }

  async drain(old: SlotState, maxMs: number): Promise<void> {
    await drainUntilIdle(this.ctx, old, maxMs, 'session(s)', () => this.sessions(old.slot));
    await this.set(old.slot, 'state maint');
    await this.saveState();
  }

  /** The server's current sessions (`scur` in `show stat`). */
  private async sessions(server: Slot): Promise<number> {
    const answer = await this.command(`show stat ${this.app} 4 -1`);
    const [header = '', ...rows] = answer.split('\n');
    const columns = header.replace(/^# /, '').split(',');
    const scur = columns.indexOf('scur');
    const row = rows.map((r) => r.split(',')).find((r) => r[0] === this.app && r[1] === server);
    const value = row?.[scur];
    if (scur < 0 || value === undefined) throw this.fail(`'show stat' for ${this.app}/${server}`, answer);
    return Number(value);
  }

  /** The servers' state as HAProxy would reload it (`load-server-state-from-file`). */
  private async saveState(): Promise<void> {
    const state = await this.command(`show servers state ${this.app}`);
    await this.ctx.host.must('haproxy-state', WRITE_FILE, [this.ctx.path('.deploy-kit', 'haproxy.state')], {
      stdin: state,
    });
  }
}
