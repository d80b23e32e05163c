import { ActionFailedError } from '@deploy-kit/core';
import type { HostContext } from '../modes/context.js';
import { SWITCH_UPSTREAM } from '../scripts.js';
import type { ActivationConfig, Slot, SlotState } from '../types.js';
import { switched, type ProxySwitch } from './switch.js';

export function upstreamConfig(proxy: 'nginx' | 'caddy', app: string, port: number): string {
  if (proxy === 'caddy') return `(${app}) {\n\treverse_proxy 127.0.0.1:${port}\n}\n`;
  return `upstream ${app} { server 127.0.0.1:${port}; }\n`;
}

/**
 * nginx and Caddy: an upstream file the user's configuration includes, rewritten, tested and
 * reloaded (SWITCH_UPSTREAM restores the previous file when either fails); drain is a wait.
 */
export class UpstreamFile implements ProxySwitch {
  /** nginx's `-v` answer, asked in check() and read after the switch: no wait on the way. */
  private nginxVersion: Promise<string> | undefined;

  constructor(
    private readonly ctx: HostContext,
    private readonly config: ActivationConfig & { proxy: 'nginx' | 'caddy' },
  ) {}

  async check(): Promise<void> {
    // The configuration test runs with the new file; a bad one restores the old and fails there.
    // Asking is best effort: `nginx -v` needs no root, and a failure only means no advice.
    if (this.config.proxy === 'nginx')
      this.nginxVersion = this.ctx.host.conn
        .exec([nginxBinary(this.config.proxyTestCommand), '-v'])
        .then((r) => `${r.stderr}${r.stdout}`)
        .catch(() => '');
  }

  /**
   * nginx before 1.27.4 resets idle keep-alive clients at every reload (bench/results/zero-downtime.md);
   * from 1.27.4, `keepalive_min_timeout` makes it answer them with `Connection: close` instead.
   * Where that nginx runs, say so once per deploy.
   */
  private async adviseKeepaliveMinTimeout(): Promise<void> {
    const answer = this.nginxVersion;
    this.nginxVersion = undefined;
    const version = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec((await answer) ?? '');
    if (!version) return;
    const [major, minor, patch] = version.slice(1).map(Number) as [number, number, number];
    if (major * 1e6 + minor * 1e3 + patch >= 1_027_004)
      this.ctx.logger.info(
        `${this.ctx.label}: nginx ${major}.${minor}.${patch} supports keepalive_min_timeout: set it (e.g. 'keepalive_min_timeout 1s;' in the http block) and a reload answers idle keep-alive clients with Connection: close instead of resetting them`,
      );
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
    await this.adviseKeepaliveMinTimeout();
  }

  drain(_old: SlotState, maxMs: number): Promise<void> {
    // A reloaded nginx or Caddy gives the old workers' requests time of their own; wait that long.
    return this.ctx.deps.clock.sleep(maxMs, this.ctx.deps.signal);
  }
}

/** The nginx the test command runs (`sudo -n /usr/sbin/nginx -t` → /usr/sbin/nginx), else `nginx`. */
function nginxBinary(testCommand: string): string {
  const words = testCommand.split(/\s+/).filter((w) => w !== 'sudo' && w !== '-n');
  const [first = ''] = words;
  return /^(?:\/[\w.-]+)*\/?nginx$/.test(first) ? first : 'nginx';
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
