import { fileURLToPath } from 'node:url';
import { ConfigurationError, runAction } from '@deploy-kit/core';
import { resolveCommand, type ActionLoader } from './cli.js';

const actions = new Map<string, ActionLoader>([
  ['health-gate', async () => (await import('../../../actions/health-gate/main.js')).healthGate],
  ['deploy-ssh', async () => (await import('../../../actions/deploy-ssh/main.js')).deploySsh],
  ['deploy-swarm', async () => (await import('../../../actions/deploy-swarm/main.js')).deploySwarm],
  ['rollback', async () => (await import('../../../actions/rollback/main.js')).rollback],
  ['slack-notify', async () => (await import('../../../actions/slack-notify/main.js')).slackNotify],
  ['deploy', async () => (await import('../../../actions/deploy/main.js')).deployAction],
  ['build-image', async () => (await import('../../../actions/build-image/main.js')).buildImage],
  ['trivy-scan', async () => (await import('../../../actions/trivy-scan/main.js')).trivyScan],
  ['version-tag', async () => (await import('../../../actions/version-tag/main.js')).versionTag],
  ['ssh-run', async () => (await import('../../../actions/ssh-run/main.js')).sshRun],
  ['db-backup', async () => (await import('../../../actions/db-backup/main.js')).dbBackup],
]);

// dist/cli/index.js → the repository root holding <action>/action.yml.
const root = fileURLToPath(new URL('../../', import.meta.url));
const io = {
  stdout: (line: string) => process.stdout.write(`${line}\n`),
  stderr: (line: string) => process.stderr.write(`${line}\n`),
  env: process.env,
  root,
};

try {
  const command = await resolveCommand(process.argv.slice(2), actions, io);
  if (command.kind === 'help') {
    io.stderr(command.text);
    process.exit(command.exitCode);
  }
  if (command.kind === 'plan') {
    io.stdout(command.text);
    process.exit(0);
  }
  await runAction(command.definition, command.runtime);
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  io.stderr(`error: ${error.message}`);
  process.exit(1);
}
