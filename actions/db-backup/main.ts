import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  proxiedFetch,
  ActionFailedError,
  ConfigurationError,
  formatMs,
  localExec,
  runRepository,
  Summary,
  type ActionContext,
  type ActionDefinition,
} from '@deploy-kit/core';
import {
  applyRetention,
  checkAgeKeys,
  decryptWith,
  backupExtension,
  hasPolicy,
  jobBackups,
  hostPlace,
  ArtifactDestination,
  RepositoryArtifacts,
  LocalDestination,
  runnerPlace,
  S3Destination,
  type Place,
  SshDestination,
  restoreBackup,
  takeBackup,
  type BackupDeps,
  type BackupOutcome,
  type BackupRequest,
  type Destination,
} from '@deploy-kit/backup';
import { formatTarget, sshConnector, type SshConnection } from '@deploy-kit/ssh';
import { readInputs, type Inputs } from './inputs.js';

export interface Deps extends ActionContext {
  destination: Destination;
  /** Where the database tools run. */
  place: Place;
}

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(bytes < 10_485_760 ? 2 : 1)} MB`;
}

function backupDeps(deps: Deps): BackupDeps {
  return { clock: deps.clock, logger: deps.logger, signal: deps.signal, place: deps.place };
}

type Encryption = BackupRequest['encryption'];

/**
 * The age keys, parsed by the library before anything runs. Either input makes the backups
 * encrypted: to the recipients given, or else to the identity's own public key (a restore's safety
 * backup is never written in the clear).
 */
async function encryptionOf(inputs: Inputs): Promise<Encryption> {
  const identity = inputs['decrypt-identity'];
  const given = inputs['encrypt-recipients'];
  const own = await checkAgeKeys(given, identity);
  if (own !== undefined && given.length > 0 && inputs.verify === 'restore' && !given.includes(own))
    throw new ConfigurationError(
      `Input 'decrypt-identity' is the identity of ${own}, which is not in 'encrypt-recipients': verify: restore could not decrypt the backup`,
    );
  const recipients = given.length > 0 ? given : own !== undefined ? [own] : [];
  return recipients.length > 0 ? { recipients, identity } : undefined;
}

async function backup(
  inputs: Inputs,
  deps: Deps,
  prefix: string,
  summary: Summary,
  encryption: Encryption,
): Promise<BackupOutcome> {
  const outcome = await takeBackup(
    {
      spec: inputs.spec,
      destination: deps.destination,
      prefix,
      compression: inputs.compression,
      verify: inputs.verify !== 'false',
      restoreCheck: inputs.verify === 'restore',
      ...(encryption ? { encryption } : {}),
      timeoutMs: inputs.timeout,
    },
    backupDeps(deps),
  );
  const seconds = Math.max(outcome.durationMs, 1) / 1000;
  if (outcome.restoreChecked)
    deps.logger.info(
      `verify: restore: restored into a scratch database, ${outcome.restoreChecked.tables} tables and ${outcome.restoreChecked.rows} rows match ${inputs.spec.engine === 'postgres' ? "the dump's snapshot" : 'the rows the dump holds'}`,
    );
  deps.logger.info(
    `Backed up to ${outcome.path}: ${mb(outcome.sizeBytes)} (${mb(outcome.rawBytes)} before compression) in ${formatMs(outcome.durationMs)}, sha256 ${outcome.sha256}`,
  );
  summary.table(
    ['backup', 'size', 'uncompressed', 'duration', 'throughput', 'sha256', 'verified'],
    [
      [
        outcome.name,
        mb(outcome.sizeBytes),
        mb(outcome.rawBytes),
        formatMs(outcome.durationMs),
        `${mb(outcome.rawBytes / seconds)}/s`,
        outcome.sha256.slice(0, 16) + '…',
        outcome.restoreChecked
          ? `restored: ${outcome.restoreChecked.tables} tables, ${outcome.restoreChecked.rows} rows match`
          : inputs.verify === 'true'
            ? 'yes'
            : 'no (verify: false)',
      ],
    ],
  );
  return outcome;
}

export async function run(inputs: Inputs, deps: Deps): Promise<void> {
  const { logger } = deps;
  const warn = (message: string): void => logger.warning(message);
  const destination = deps.destination;
  const encryption = await encryptionOf(inputs);
  const extension = backupExtension(inputs.spec, inputs.compression, encryption !== undefined);
  const prefix = inputs['name-prefix'];
  const summary = new Summary().heading(
    `db-backup: ${inputs.operation} (${inputs.spec.engine} → ${destination.label})`,
  );
  const writes = inputs.operation === 'backup' || (inputs.operation === 'restore' && inputs['safety-backup']);
  if (writes && !encryption && (destination.label === 'artifact' || destination.label.startsWith('s3://')))
    logger.warning(
      `Backups to ${destination.label} are stored unencrypted: anyone who can read it holds a copy of the data. Set 'encrypt-recipients' (an age public key from age-keygen) to encrypt them`,
    );
  const swept = await destination.sweep(inputs['temp-ttl'], deps.clock.now());
  if (swept.length)
    logger.info(`Removed ${swept.length} temporary file(s) left by interrupted runs: ${swept.join(', ')}`);

  if (inputs.operation === 'list') {
    const files = jobBackups(await destination.list(), prefix, extension, deps.clock.now(), warn);
    deps.setOutput(
      'backups',
      JSON.stringify(files.map((f) => ({ ...f, takenAt: new Date(f.takenAt).toISOString() }))),
    );
    summary.table(
      ['backup', 'taken', 'size', 'verified'],
      files.map((f) => [
        f.name,
        new Date(f.takenAt).toISOString(),
        mb(f.sizeBytes),
        f.verified ? 'yes' : 'no',
      ]),
    );
    deps.writeSummary(summary);
    logger.info(`${files.length} backup(s) of ${prefix} in ${destination.label}`);
    return;
  }

  if (inputs.operation === 'restore') {
    const stored = await destination.list();
    const candidates = jobBackups(stored, prefix, extension, deps.clock.now(), warn);
    const chosenName = inputs['restore-from'] ?? candidates.find((f) => f.verified)?.name;
    // Only one of this job's own backups: never a name left out above (another job's, future-dated).
    const chosen = candidates.some((f) => f.name === chosenName)
      ? stored.find((f) => f.name === chosenName)
      : undefined;
    if (!chosenName || !chosen)
      throw new ActionFailedError(
        inputs['restore-from']
          ? `No backup named ${inputs['restore-from']} in ${destination.label}; there are: ${candidates.map((f) => f.name).join(', ') || 'none'}`
          : `No verified backup of ${prefix} in ${destination.label} to restore`,
      );
    let safety: BackupOutcome | undefined;
    const identity = encryption?.identity;
    await restoreBackup(
      {
        spec: inputs.spec,
        file: chosen,
        compression: inputs.compression,
        restoreDirectory: inputs['restore-directory'],
        scratchDir: deps.env.RUNNER_TEMP ?? tmpdir(),
        decrypt: identity ? () => decryptWith(identity, chosen.name) : undefined,
        // The current state first, once the chosen file has passed its checks: a restore of the
        // wrong backup must be undoable.
        beforeRestore: async () => {
          if (!inputs['safety-backup']) return;
          logger.info('Taking a safety backup of the current database before restoring');
          safety = await backup(inputs, deps, `${prefix}-safety`, summary, encryption);
        },
      },
      destination,
      backupDeps(deps),
    );
    logger.info(`Restored ${chosen.name}${safety ? ` (safety backup: ${safety.name})` : ''}`);
    deps.setOutput('backup-path', `${destination.label}/${chosen.name}`);
    deps.setOutput('size-bytes', chosen.sizeBytes);
    deps.setOutput('sha256', chosen.sha256 ?? '');
    deps.setOutput('duration-ms', 0);
    deps.setOutput('pruned', 0);
    deps.setOutput('safety-backup-path', safety?.path ?? '');
    summary.paragraph(`Restored **${chosen.name}**${safety ? `; safety backup ${safety.name}` : ''}.`);
    deps.writeSummary(summary);
    return;
  }

  const outcome = await backup(inputs, deps, prefix, summary, encryption);
  deps.setOutput('backup-path', outcome.path);
  deps.setOutput('size-bytes', outcome.sizeBytes);
  deps.setOutput('sha256', outcome.sha256);
  deps.setOutput('duration-ms', outcome.durationMs);
  // Retention runs only now, after the new backup is published and verified.
  let pruned = 0;
  if (hasPolicy(inputs.retention)) {
    const decision = await applyRetention(
      destination,
      prefix,
      extension,
      inputs.retention,
      deps.clock.now(),
      warn,
    );
    pruned = decision.delete.length;
    if (decision.refused) logger.warning(decision.refused);
    logger.info(
      `Retention: kept ${decision.keep.length}, deleted ${pruned}${pruned ? ` (${decision.delete.map((f) => f.name).join(', ')})` : ''}`,
    );
    summary.table(
      ['retention', 'backups'],
      [
        ['kept', decision.keep.map((f) => f.name).join(', ') || '—'],
        ['deleted', decision.delete.map((f) => f.name).join(', ') || '—'],
        ...(decision.refused ? [['refused', decision.refused]] : []),
      ],
    );
  }
  deps.setOutput('pruned', pruned);
  deps.setOutput('safety-backup-path', '');
  deps.writeSummary(summary);
}

/**
 * The REST view of the repository's artifacts (every run's), when there is a token. Without one,
 * the artifact destination sees this run's artifacts only, and says so.
 */
function repositoryArtifacts(
  inputs: Inputs,
  ctx: { env: NodeJS.ProcessEnv; logger: Deps['logger'] },
): RepositoryArtifacts | undefined {
  const token = inputs['github-token'];
  if (!token) {
    ctx.logger.warning(
      "Input 'github-token' is empty: list, restore and retention see this run's artifacts only",
    );
    return undefined;
  }
  const repository = runRepository(ctx.env, 'destination artifact (to find earlier runs)');
  const apiUrl = inputs['github-api-url']?.href ?? ctx.env.GITHUB_API_URL ?? 'https://api.github.com';
  const repositoryId = Number(ctx.env.GITHUB_REPOSITORY_ID);
  return new RepositoryArtifacts(
    { apiUrl, token, repository, fetch: proxiedFetch() },
    (message) => ctx.logger.warning(message),
    {
      ...(Number.isSafeInteger(repositoryId) && repositoryId > 0 ? { repositoryId } : {}),
      workflows: inputs['artifact-workflow'],
      branches: inputs['artifact-branches'],
      ...(ctx.env.GITHUB_WORKFLOW_REF ? { workflowRef: ctx.env.GITHUB_WORKFLOW_REF } : {}),
    },
  );
}

export const dbBackup: ActionDefinition<Inputs> = {
  name: 'db-backup',
  readInputs,
  run: async (inputs, ctx) => {
    const sshInputs = inputs.ssh;
    const host = sshInputs?.hosts[0];
    const ssh = sshInputs && host ? await sshConnector(sshInputs, ctx)(host) : undefined;
    // readInputs asked for exactly one host wherever one is used.
    const remote = (): { conn: SshConnection; label: string } => {
      if (!ssh || !host)
        throw new ConfigurationError("run-on ssh and ssh: destinations need one host in 'hosts'");
      return { conn: ssh, label: formatTarget(host) };
    };
    const place =
      inputs['run-on'] === 'ssh'
        ? hostPlace(inputs.spec, remote().conn, remote().label, ctx.signal, inputs.container)
        : runnerPlace(inputs.spec, localExec, ctx.env, ctx.env.RUNNER_TEMP ?? tmpdir(), ctx.signal);
    try {
      await run(inputs, {
        ...ctx,
        place,
        destination:
          inputs.destination.kind === 's3'
            ? await S3Destination.open(inputs.destination.location)
            : inputs.destination.kind === 'artifact'
              ? await ArtifactDestination.open(
                  join(ctx.env.RUNNER_TEMP ?? tmpdir(), 'deploy-kit-backup-artifact'),
                  { retentionDays: inputs['retention-days'], repository: repositoryArtifacts(inputs, ctx) },
                )
              : inputs.destination.kind === 'ssh'
                ? new SshDestination(remote().conn, inputs.destination.dir, remote().label, ctx.signal)
                : new LocalDestination(inputs.destination.dir),
      });
    } finally {
      place.close();
      ssh?.close();
    }
  },
};
