import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ActionFailedError,
  ConfigurationError,
  lineEcho,
  localExec,
  openCache,
  type ActionContext,
  type ActionDefinition,
  type KeyedCache,
  type LocalExec,
} from '@deploy-kit/core';
import { digestOf } from '@deploy-kit/image';
import {
  describeCounts,
  evaluateGate,
  findingsOf,
  installTrivy,
  needsVulnerabilityDb,
  parseReport,
  prepareDatabase,
  releasePlatform,
  restoreResult,
  resultKey,
  saveResult,
  scanArgv,
  scanSummary,
  SEVERITIES,
  toSarif,
  versionArgv,
  type GatePolicy,
  type GateResult,
  type ToolCache,
} from '@deploy-kit/trivy';
import { readInputs, type Inputs } from './inputs.js';

export interface Deps extends ActionContext {
  exec: LocalExec;
  tools: ToolCache;
  cache: KeyedCache;
  platform: NodeJS.Platform;
  arch: string;
}

export interface ScanOutcome {
  gate: GateResult;
  reportFile: string;
  sarifFile: string;
  dbUpdatedAt?: string;
  fromCache: boolean;
}

/** Grace beyond Trivy's own --timeout before the process is killed: Trivy should stop itself first. */
const KILL_GRACE_MS = 30_000;

function policyOf(inputs: Inputs): GatePolicy {
  return {
    severity: inputs.severity,
    failOn: inputs['fail-on'],
    ignoreUnfixed: inputs['ignore-unfixed'],
    failOnFixableOnly: inputs['fail-on-fixable-only'],
  };
}

/** `ghcr.io/acme/shop@sha256:ab…` → `ghcr.io-acme-shop-sha256-ab…`, for file names. */
export function fileSlug(target: string): string {
  return (
    target
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 80) || 'scan'
  );
}

async function trivyBinary(inputs: Inputs, deps: Deps): Promise<string> {
  const given = inputs['trivy-path'];
  if (given !== undefined) {
    if (!existsSync(given)) throw new ActionFailedError(`trivy-path ${given} does not exist`);
    return resolve(given);
  }
  const installed = await installTrivy(
    {
      version: inputs['trivy-version'],
      downloadUrl: inputs['download-url'],
      platform: releasePlatform(deps.platform, deps.arch),
    },
    deps.tools,
    deps.logger,
  );
  deps.logger.info(
    `Trivy ${inputs['trivy-version']} ${installed.cached ? 'from the tool cache' : 'installed'}: ${installed.path}`,
  );
  return installed.path;
}

async function trivyVersion(trivy: string, deps: Deps): Promise<string> {
  const result = await deps.exec(versionArgv(trivy), { signal: deps.signal, timeoutMs: 30_000 });
  const match = /^Version:\s*(\S+)/m.exec(result.stdout);
  if (result.code !== 0 || !match)
    throw new ActionFailedError(
      `${trivy} --version failed (exit ${String(result.code)}): ${(result.stderr || result.stdout).trim().slice(-500)}`,
    );
  return match[1] ?? '';
}

/** Runs Trivy once (JSON, every severity) and returns the report text; any failure fails the step. */
async function runTrivy(
  trivy: string,
  inputs: Inputs,
  cacheDir: string,
  outputFile: string,
  deps: Deps,
): Promise<string> {
  const argv = scanArgv(trivy, {
    scanType: inputs['scan-type'],
    target: inputs.target,
    scanners: inputs.scanners,
    skipDirs: inputs['skip-dirs'],
    ignoreFile: inputs.trivyignore,
    timeoutMs: inputs.timeout,
    cacheDir,
    outputFile,
  });
  const echo = lineEcho(deps.logger);
  const result = await deps.exec(argv, {
    signal: deps.signal,
    timeoutMs: inputs.timeout + KILL_GRACE_MS,
    onOutput: (text) => echo.write(text),
  });
  echo.end();
  if (result.code !== 0) {
    const why = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' / ');
    throw new ActionFailedError(
      `Trivy failed on ${inputs.target} (exit ${String(result.code ?? result.signal)}): ${why || 'no message'}`,
    );
  }
  if (!existsSync(outputFile))
    throw new ActionFailedError(`Trivy exited 0 but wrote no report to ${outputFile}`);
  return readFileSync(outputFile, 'utf8');
}

export async function run(inputs: Inputs, deps: Deps): Promise<ScanOutcome> {
  const { logger } = deps;
  if (inputs.trivyignore !== undefined && !existsSync(inputs.trivyignore))
    throw new ConfigurationError(`Input 'trivyignore': ${inputs.trivyignore} does not exist`);
  const cacheDir = join(deps.env.TRIVY_CACHE_DIR ?? join(deps.env.HOME ?? homedir(), '.cache', 'trivy'));
  const outputDir = resolve(deps.env.GITHUB_WORKSPACE ?? process.cwd(), inputs['output-dir']);
  mkdirSync(outputDir, { recursive: true });
  const slug = fileSlug(inputs.target);
  const reportFile = join(outputDir, `${slug}.json`);
  const sarifFile = join(outputDir, `${slug}.sarif`);

  const trivy = await trivyBinary(inputs, deps);
  const version = await trivyVersion(trivy, deps);
  const db = needsVulnerabilityDb(inputs['scan-type'], inputs.scanners)
    ? await prepareDatabase(
        {
          trivy,
          cacheDir,
          repositories: inputs['db-repository'],
          maxAgeMs: inputs['max-db-age'],
          useCache: inputs['cache-db'],
          timeoutMs: inputs.timeout,
        },
        deps,
      )
    : undefined;

  const digest = inputs['scan-type'] === 'image' ? digestOf(inputs.target) : undefined;
  const key =
    digest && db && inputs['cache-results']
      ? resultKey({
          digest,
          dbUpdatedAt: db.updatedAt,
          trivyVersion: version,
          scanners: inputs.scanners,
          skipDirs: inputs['skip-dirs'],
          ignoreFile:
            inputs.trivyignore && existsSync(inputs.trivyignore)
              ? readFileSync(inputs.trivyignore, 'utf8')
              : '',
        })
      : undefined;
  const cached = key ? await restoreResult(deps.cache, cacheDir, key).catch(() => undefined) : undefined;
  const fromCache = cached !== undefined;
  let text: string;
  if (cached !== undefined) {
    logger.info(
      `Same digest, same database (${db?.updatedAt ?? '?'}): reusing the stored scan result, Trivy not run`,
    );
    writeFileSync(reportFile, cached);
    text = cached;
  } else {
    text = await runTrivy(trivy, inputs, cacheDir, reportFile, deps);
  }
  const report = parseReport(text, fromCache ? 'The cached Trivy report' : `Trivy's report ${reportFile}`);
  if (key && !fromCache)
    await saveResult(deps.cache, cacheDir, key, text).catch((error: unknown) =>
      logger.warning(`Saving the scan result to the cache failed: ${String(error)}`),
    );

  const policy = policyOf(inputs);
  const gate = evaluateGate(findingsOf(report), policy);
  writeFileSync(sarifFile, `${JSON.stringify(toSarif(report, gate.reported, version), null, 2)}\n`);
  for (const severity of SEVERITIES) deps.setOutput(severity.toLowerCase(), gate.counts[severity]);
  deps.setOutput('total', gate.total);
  deps.setOutput('fixable', gate.fixable);
  deps.setOutput('passed', gate.passed);
  deps.setOutput('report-file', reportFile);
  deps.setOutput('sarif-file', sarifFile);
  deps.setOutput('db-updated-at', db?.updatedAt ?? '');
  deps.writeSummary(
    scanSummary(
      gate,
      policy,
      {
        subject: inputs.target,
        scanType: inputs['scan-type'],
        trivyVersion: version,
        dbUpdatedAt: db?.updatedAt,
        fromCache,
        reportFile,
        sarifFile,
      },
      inputs['summary-limit'],
    ),
  );
  logger.info(`Reported: ${describeCounts(gate.counts)} (${gate.total} in all, ${gate.fixable} fixable)`);
  if (!gate.passed) {
    const failing = gate.failing
      .slice(0, 5)
      .map((f) => `${f.id} (${f.severity}${f.subject ? `, ${f.subject}` : ''})`)
      .join(', ');
    throw new ActionFailedError(
      `${gate.failing.length} finding(s) at fail-on severities ${inputs['fail-on'].join(',')}` +
        `${inputs['fail-on-fixable-only'] ? ' (fixable)' : ''}: ${failing}${gate.failing.length > 5 ? ', …' : ''}`,
    );
  }
  logger.info('Gate passed');
  return { gate, reportFile, sarifFile, dbUpdatedAt: db?.updatedAt, fromCache };
}

/** @actions/tool-cache reads these from the process environment; outside Actions, give it homes. */
function ensureToolCacheEnv(env: NodeJS.ProcessEnv): void {
  env.RUNNER_TOOL_CACHE ||= join(env.HOME ?? homedir(), '.cache', 'deploy-kit', 'tools');
  env.RUNNER_TEMP ||= tmpdir();
}

export const trivyScan: ActionDefinition<Inputs> = {
  name: 'trivy-scan',
  readInputs,
  run: async (inputs, ctx) => {
    ensureToolCacheEnv(process.env);
    const tools = await import('@actions/tool-cache');
    await run(inputs, {
      ...ctx,
      exec: localExec,
      tools,
      cache: await openCache(ctx.env, ctx.logger),
      platform: process.platform,
      arch: process.arch,
    });
  },
};
