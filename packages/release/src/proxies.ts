import { ActionFailedError } from '@deploy-kit/core';
import type { HostContext } from './modes/context.js';
import { SWITCH_UPSTREAM, WRITE_FILE } from './scripts.js';
import type { ActivationConfig, Slot, SlotState } from './types.js';

/**
 * How a proxy moves traffic between the two slots (blue-green). HostDeploy calls `check` before it
 * starts anything, `switchTo` in the switch phase (and to switch back), `drain` in the drain phase.
 */
export interface ProxySwitch {
  /** Fails, naming what is wrong, when the proxy cannot be switched: nothing has changed yet. */
  check(): Promise<void>;
  /** New connections and requests go to `slot` on `port` from now on. */
  switchTo(slot: Slot, port: number): Promise<void>;
  /** Waits, at most `maxMs`, until the old slot serves nothing any more. */
  drain(old: SlotState, maxMs: number): Promise<void>;
}

export function upstreamConfig(proxy: 'nginx' | 'caddy', app: string, port: number): string {
  if (proxy === 'caddy') return `(${app}) {\n\treverse_proxy 127.0.0.1:${port}\n}\n`;
  return `upstream ${app} { server 127.0.0.1:${port}; }\n`;
}

/**
 * nginx and Caddy: an upstream file the user's configuration includes, rewritten, tested and
 * reloaded (SWITCH_UPSTREAM restores the previous file when either fails); drain is a wait.
 */
class UpstreamFile implements ProxySwitch {
  constructor(
    private readonly ctx: HostContext,
    private readonly config: ActivationConfig & { proxy: 'nginx' | 'caddy' },
  ) {}

  async check(): Promise<void> {
    // The configuration test runs with the new file; a bad one restores the old and fails there.
  }

  async switchTo(slot: Slot, port: number): Promise<void> {
    const { ctx, config } = this;
    const started = ctx.deps.clock.now();
    const result = await ctx.host.script('switch-upstream', SWITCH_UPSTREAM, [
      ctx.path('.deploy-kit', 'upstream.conf'),
      upstreamConfig(config.proxy, config.app, port),
      config.proxyTestCommand,
      config.proxyReloadCommand,
    ]);
    if (result.code === 5 || result.code === 6) {
      ctx.logger.untrusted(result.stderr.trim());
      const what =
        result.code === 5
          ? `proxy configuration test ('${config.proxyTestCommand}')`
          : `proxy reload ('${config.proxyReloadCommand}')`;
      throw new ActionFailedError(
        `${ctx.label}: ${what} failed; the previous upstream was restored${sudoAdvice(result.stderr, ctx.label, config)}`,
      );
    }
    if (result.code !== 0)
      throw new ActionFailedError(
        `${ctx.label}: switching the upstream failed (exit ${result.code ?? '?'}): ${result.stderr.trim()}`,
      );
    switched(ctx, slot, started, `${config.proxy}: upstream file, test, reload`);
  }

  drain(_old: SlotState, maxMs: number): Promise<void> {
    // A reloaded nginx or Caddy gives the old workers' requests time of their own; wait that long.
    return this.ctx.deps.clock.sleep(maxMs, this.ctx.deps.signal);
  }
}

/** Logs how long the switch took, from its first command until the new slot takes traffic. */
function switched(ctx: HostContext, slot: Slot, started: number, how: string): void {
  ctx.logger.info(
    `${ctx.label}: traffic switched to ${slot} in ${ctx.deps.clock.now() - started} ms (${how})`,
  );
}

/** sudo's refusals: no password-less rule for the command (`sudo -n` never prompts). */
const SUDO_REFUSED =
  /sudo: (?:a password is required|a terminal is required|.*not allowed to execute|.*not in the sudoers)/;

/** When sudo refused, the sudoers line that lets the SSH user run exactly the proxy's two commands. */
function sudoAdvice(stderr: string, label: string, config: ActivationConfig): string {
  if (!SUDO_REFUSED.test(stderr)) return '';
  const user = label.split('@')[0] ?? 'deploy';
  const unsudo = (command: string): string => command.replace(/^(?:\S*\/)?sudo\s+(?:-n\s+)?/, '');
  const absolute = (command: string): string => command.replace(/^nginx\b/, '/usr/sbin/nginx');
  const commands = [config.proxyTestCommand, config.proxyReloadCommand].map((c) => absolute(unsudo(c)));
  return `. sudo refused to run it without a password: let ${user} run exactly these, e.g. echo '${user} ALL=(root) NOPASSWD: ${commands.join(', ')}' > /etc/sudoers.d/deploy-kit-${config.proxy}`;
}

/** How often the drain reads the old server's current sessions. */
const DRAIN_POLL_MS = 50;

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
    const { clock, signal } = this.ctx.deps;
    const deadline = clock.now() + maxMs;
    let sessions = await this.sessions(old.slot);
    while (sessions > 0 && clock.now() < deadline) {
      await clock.sleep(Math.min(DRAIN_POLL_MS, deadline - clock.now()), signal);
      sessions = await this.sessions(old.slot);
    }
    if (sessions > 0)
      this.ctx.logger.warning(
        `${this.ctx.label}: the old ${old.slot} server still had ${sessions} session(s) after drain (${maxMs} ms)`,
      );
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

/** The proxy switch for a blue-green activation. */
export function proxySwitch(ctx: HostContext, config: ActivationConfig): ProxySwitch {
  const { proxy } = config;
  if (proxy === 'haproxy') return new HaproxyRuntime(ctx, config.app, config.haproxySocket);
  if (proxy === 'none') throw new ActionFailedError(`${ctx.label}: blue-green needs a proxy to switch`);
  return new UpstreamFile(ctx, { ...config, proxy });
}
