import { ActionFailedError } from '@deploy-kit/core';
import { caddyEndpoint, forms } from '../inputs.js';
import type { HostContext } from '../modes/context.js';
import type { ActivationConfig } from '../types.js';
import { CaddySwitch } from './caddy.js';
import { HaproxyRuntime } from './haproxy.js';
import type { ProxySwitch } from './switch.js';
import { UpstreamFile } from './upstream-file.js';

export { HaproxyRuntime } from './haproxy.js';
export type { ProxySwitch } from './switch.js';
export { upstreamConfig } from './upstream-file.js';

/** The proxy switch for a blue-green activation. */
export function proxySwitch(ctx: HostContext, config: ActivationConfig): ProxySwitch {
  const { proxy } = config;
  if (proxy === 'haproxy') return new HaproxyRuntime(ctx, config.app, config.haproxySocket);
  if (proxy === 'caddy') {
    const endpoint = caddyEndpoint(config.caddyAdmin);
    // Checked as an input; a manifest edited on the host could still hold anything.
    if (!endpoint)
      throw new ActionFailedError(
        `${ctx.label}: caddy-admin '${config.caddyAdmin}' is not ${forms.caddyAdmin}`,
      );
    return new CaddySwitch(ctx, config, endpoint);
  }
  if (proxy === 'none') throw new ActionFailedError(`${ctx.label}: blue-green needs a proxy to switch`);
  return new UpstreamFile(ctx, { ...config, proxy });
}
