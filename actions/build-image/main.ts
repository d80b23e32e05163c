import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ActionFailedError,
  assertTrustedEvent,
  lineEcho,
  localExec,
  Summary,
  type ActionContext,
  type ActionDefinition,
  type LocalExec,
  type LocalExecOptions,
} from '@deploy-kit/core';
import {
  buildArgv,
  computeTags,
  ghaScope,
  loginArgv,
  logoutArgv,
  mergeLabels,
  ociLabels,
  pushArgv,
  registryOf,
  type CacheSpec,
} from '@deploy-kit/image';
import { readInputs, type Inputs } from './inputs.js';

export interface Deps extends ActionContext {
  exec: LocalExec;
}

export interface BuildResult {
  refs: string[];
  digest?: string;
  imageId?: string;
  pushed: boolean;
}

function cacheSpec(inputs: Inputs): CacheSpec {
  const image = inputs.image[0];
  if (inputs.cache === 'gha') return { kind: 'gha', scope: ghaScope(image, inputs.platforms[0]) };
  if (inputs.cache === 'registry')
    return {
      kind: 'registry',
      ref: inputs.engine === 'docker' ? `${image}:buildcache` : `${image}-buildcache`,
    };
  return { kind: 'none' };
}

export async function run(inputs: Inputs, deps: Deps): Promise<BuildResult> {
  const { logger, env } = deps;
  assertTrustedEvent(deps.event, inputs['allow-untrusted-event']);
  for (const notice of inputs.notices) logger.warning(notice);
  const payload = deps.event.payload as {
    repository?: { default_branch?: string };
    pull_request?: { number?: number };
  };
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const isPullRequest = eventName === 'pull_request' || eventName === 'pull_request_target';
  const sha = env.GITHUB_SHA ?? '';
  const { tags, version } = computeTags(
    {
      eventName,
      ref: env.GITHUB_REF ?? '',
      sha,
      defaultBranch: payload.repository?.default_branch,
      pullRequestNumber: payload.pull_request?.number,
    },
    { latest: inputs.latest, extra: inputs.tags },
  );
  const refs = inputs.image.flatMap((image) => tags.map((tag) => `${image}:${tag}`));
  const labels = mergeLabels(
    ociLabels({
      serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
      repository: env.GITHUB_REPOSITORY,
      sha,
      createdIso: new Date(deps.clock.now()).toISOString(),
      version,
    }),
    inputs.labels,
  );
  const push = inputs.push ?? !isPullRequest;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const context = resolve(workspace, inputs.context);
  if (!existsSync(context))
    throw new ActionFailedError(`Build context ${inputs.context} does not exist in the workspace`);

  // Secrets, the auth file and metadata live in a private temp dir, removed whatever happens.
  const temp = mkdtempSync(join(env.RUNNER_TEMP ?? tmpdir(), 'deploy-kit-build-'));
  chmodSync(temp, 0o700);
  const registry = inputs.registry ?? registryOf(inputs.image[0]);
  const engineEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  // When this step logs in, podman keeps the credentials in this file only (removed with the temp
  // dir); docker's login is undone in `finally`. Without a login, the engine's own config applies.
  if (inputs.engine === 'podman' && inputs.username) engineEnv.REGISTRY_AUTH_FILE = join(temp, 'auth.json');
  const must = async (what: string, argv: string[], options: LocalExecOptions = {}): Promise<string> => {
    logger.info(`$ ${argv.join(' ')}`);
    const echo = lineEcho(logger);
    const result = await deps
      .exec(argv, { env: engineEnv, signal: deps.signal, onOutput: (text) => echo.write(text), ...options })
      .finally(() => echo.end());
    if (result.code !== 0)
      throw new ActionFailedError(`${what} failed (exit ${result.code ?? result.signal ?? '?'})`);
    return result.stdout;
  };
  let loggedIn = false;
  try {
    if (inputs.username && inputs.password) {
      await must(`login to ${registry}`, loginArgv(inputs.engine, registry, inputs.username), {
        stdin: inputs.password,
        onOutput: undefined,
      });
      loggedIn = true;
    }
    const secretsDir = join(temp, 'secrets');
    mkdirSync(secretsDir, { mode: 0o700 });
    const secrets = inputs.secrets.map(([id, value]) => {
      const file = join(secretsDir, id);
      writeFileSync(file, value, { mode: 0o600 });
      return { id, file };
    });
    const metadataFile = join(temp, inputs.engine === 'docker' ? 'metadata.json' : 'iid');
    await logger.group(`Build ${refs[0]}${refs.length > 1 ? ` (+${refs.length - 1} tags)` : ''}`, () =>
      must(
        'build',
        buildArgv({
          engine: inputs.engine,
          context,
          file: inputs.file ? resolve(workspace, inputs.file) : undefined,
          refs,
          labels,
          platforms: inputs.platforms,
          buildArgs: inputs['build-args'],
          secrets,
          target: inputs.target,
          cache: cacheSpec(inputs),
          push,
          metadataFile,
        }),
      ),
    );
    let digest: string | undefined;
    let imageId: string | undefined;
    if (inputs.engine === 'docker') {
      const metadata = JSON.parse(readFileSync(metadataFile, 'utf8')) as Record<string, string>;
      digest = push ? metadata['containerimage.digest'] : undefined;
      imageId = metadata['containerimage.config.digest'];
    } else {
      imageId = readFileSync(metadataFile, 'utf8').trim();
      if (push) {
        for (const [index, ref] of refs.entries()) {
          const digestFile = join(temp, `digest-${index}`);
          await must(`push ${ref}`, pushArgv(ref, digestFile));
          digest ??= readFileSync(digestFile, 'utf8').trim();
        }
      }
    }
    const result: BuildResult = { refs, digest, imageId, pushed: push };
    report(inputs, result, labels, deps);
    return result;
  } finally {
    if (loggedIn && inputs.engine === 'docker') {
      await deps.exec(logoutArgv('docker', registry), { env: engineEnv }).catch(() => undefined);
    }
    rmSync(temp, { recursive: true, force: true });
  }
}

function report(inputs: Inputs, result: BuildResult, labels: Array<[string, string]>, deps: Deps): void {
  const imageRef = result.digest ? `${inputs.image[0]}@${result.digest}` : '';
  deps.setOutput('digest', result.digest ?? '');
  deps.setOutput('image-ref', imageRef);
  deps.setOutput('tags', result.refs.join('\n'));
  deps.setOutput(
    'metadata',
    JSON.stringify({
      images: inputs.image,
      refs: result.refs,
      digest: result.digest ?? null,
      imageId: result.imageId ?? null,
      pushed: result.pushed,
      platforms: inputs.platforms,
      labels: Object.fromEntries(labels),
    }),
  );
  let manifestPath = '';
  if (inputs['manifest-name'] && imageRef) {
    // One small file per matrix leg; upload the directory with actions/upload-artifact and the
    // deploy job reads the exact digests built (deploy-ssh's image-manifest).
    const dir = join(deps.env.RUNNER_TEMP ?? tmpdir(), 'deploy-kit-manifests');
    mkdirSync(dir, { recursive: true });
    manifestPath = join(dir, `${inputs['manifest-name']}.json`);
    writeFileSync(manifestPath, `${JSON.stringify({ [inputs['manifest-name']]: imageRef })}\n`);
  }
  deps.setOutput('manifest', manifestPath);
  deps.writeSummary(
    new Summary()
      .heading(`build-image ${inputs.image[0]}: ${result.pushed ? 'pushed' : 'built'}`)
      .table(
        ['image', 'digest', 'tags', 'platforms', 'cache', 'engine'],
        [
          [
            inputs.image.join(', '),
            result.digest ?? result.imageId ?? '',
            result.refs.length,
            inputs.platforms.join(', ') || 'default',
            inputs.cache,
            inputs.engine,
          ],
        ],
      )
      .table(
        ['reference'],
        result.refs.map((r) => [r]),
      ),
  );
  deps.logger.info(result.digest ? `Pushed ${imageRef}` : `Built ${result.imageId ?? ''} (not pushed)`);
}

export const buildImage: ActionDefinition<Inputs> = {
  name: 'build-image',
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, { ...ctx, exec: localExec });
  },
};
