import { Summary } from '@deploy-kit/core';
import { timeline } from '@deploy-kit/release';
import type { SwarmResult } from './deploy.js';

/** The `services` output: per service, the image it runs (digest included), replicas and update state. */
export function servicesOutput(result: SwarmResult): string {
  return JSON.stringify(
    result.services.map((s) => ({
      name: s.name,
      image: s.image,
      digest: /@(sha256:[a-f0-9]{64})$/.exec(s.image)?.[1] ?? null,
      running: s.running,
      desired: s.desired,
      update: s.update,
    })),
  );
}

/** Job summary: the outcome, the services table and the phases as a timeline. */
export function swarmSummary(title: string, result: SwarmResult): Summary {
  const icon = result.ok ? '✅' : result.rolledBack ? '↩️' : '❌';
  const state = result.ok ? 'deployed' : result.rolledBack ? 'rolled back' : 'failed';
  const summary = new Summary().heading(`${title}: ${icon} ${state}`);
  summary.paragraph(
    `Manager ${result.manager}; previous version ${result.previous ?? 'none'}; ${(result.durationMs / 1000).toFixed(1)}s`,
  );
  if (result.error) summary.code(result.error);
  if (result.services.length > 0)
    summary.table(
      ['service', 'image', 'replicas', 'update'],
      result.services.map((s) => [s.name, s.image, `${s.running}/${s.desired}`, s.update]),
    );
  if (result.phases.length > 0) summary.mermaid(timeline([{ host: 'stack', phases: result.phases }]));
  return summary;
}
