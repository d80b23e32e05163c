import type { DeployHooks, HealthConfig } from './types.js';

/** How a release goes live with two slots behind the proxy. */
export type BlueGreenPhase = 'start' | 'gate' | 'switch' | 'post-switch' | 'drain' | 'stop-old' | 'soak';
/** How a release goes live in place. */
export type InPlacePhase = 'switch' | 'restart' | 'gate' | 'post-switch' | 'soak';

/** What decides which phases run: a post-switch hook, and a soak (its time or a public URL to watch). */
export interface PhaseShape {
  hooks: Pick<DeployHooks, 'postSwitch'>;
  soakMs: number;
  health: Pick<HealthConfig, 'url'>;
}

const optional = <T extends string>(name: T, on: boolean): T[] => (on ? [name] : []);
const watches = (config: PhaseShape): boolean => config.soakMs > 0 || config.health.url !== undefined;

/**
 * The phases of a blue-green activation, in the order HostDeploy runs them and the dry-run plan
 * lists them: one list, so the two cannot drift. A host may skip one (no old slot to drain).
 */
export function blueGreenPhases(config: PhaseShape): BlueGreenPhase[] {
  return [
    'start',
    'gate',
    'switch',
    ...optional('post-switch' as const, Boolean(config.hooks.postSwitch)),
    'drain',
    'stop-old',
    ...optional('soak' as const, watches(config)),
  ];
}

/** The phases of an in-place activation (the mode may have nothing to restart or gate). */
export function inPlacePhases(config: PhaseShape): InPlacePhase[] {
  return [
    'switch',
    'restart',
    'gate',
    ...optional('post-switch' as const, Boolean(config.hooks.postSwitch)),
    ...optional('soak' as const, watches(config)),
  ];
}
