import { ConfigurationError, messages, type InputReader } from '@deploy-kit/core';
import { readSshInputs, type SshInputs, type TransferPair } from '@deploy-kit/ssh';

const SHELLS = ['sh', 'bash'] as const;
const MIB = 1024 * 1024;
const SIZE = /^(\d+)\s*(B|K|KB|KiB|M|MB|MiB)?$/i;
const SIZE_FORM = 'a size in bytes, or with K/KiB or M/MiB (1MiB at most)';
const PATH_FORM = 'a path without control characters, .. segments or a leading -';
const PAIR_FORM = `local:remote lines, each side ${PATH_FORM}`;

/** Every input of ssh-run/action.yml, read and validated once; keys are the action.yml names. */
export interface Inputs extends SshInputs {
  script: string;
  'script-stop': boolean;
  shell: (typeof SHELLS)[number];
  /** '' for the login directory. */
  'working-directory': string;
  env: Array<[string, string]>;
  upload: TransferPair[];
  download: TransferPair[];
  'capture-limit': number;
  'allow-untrusted-event': boolean;
}

/** A path that reaches a remote host or the runner's disk: literal bytes, never an option or a climb. */
function checkPath(input: string, path: string, whole: string, form = PATH_FORM): string {
  const bad =
    path === '' ||
    // Control characters (a newline would end a line of the remote protocol or the log).
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/.test(path) ||
    path.startsWith('-') ||
    path.split('/').includes('..');
  if (bad) throw new ConfigurationError(messages.invalidInput(input, form, whole));
  return path;
}

/** `local:remote` lines; the first colon splits (a Windows drive letter `C:` belongs to the local side). */
function parsePairs(name: 'upload' | 'download', text = ''): TransferPair[] {
  const pairs: TransferPair[] = [];
  for (const line of text.split(/\r?\n/)) {
    const item = line.trim();
    if (item === '') continue;
    const drive = /^[A-Za-z]:[\\/]/.test(item) ? 2 : 0;
    const colon = item.indexOf(':', drive);
    if (colon < 0) throw new ConfigurationError(messages.invalidInput(name, PAIR_FORM, item));
    pairs.push({
      local: checkPath(name, item.slice(0, colon).trim(), item, PAIR_FORM),
      remote: checkPath(name, item.slice(colon + 1).trim(), item, PAIR_FORM),
    });
  }
  return pairs;
}

function parseSize(name: string, text: string): number {
  const match = SIZE.exec(text);
  const unit = (match?.[2] ?? 'B').toUpperCase();
  const bytes = Number(match?.[1] ?? NaN) * (unit.startsWith('M') ? MIB : unit.startsWith('K') ? 1024 : 1);
  if (!match || !Number.isSafeInteger(bytes) || bytes > MIB)
    throw new ConfigurationError(messages.invalidInput(name, SIZE_FORM, text));
  return bytes;
}

export function readInputs(read: InputReader): Inputs {
  // Secrets first (the SSH credentials, then every env value): masked before anything can echo them.
  const ssh = readSshInputs(read);
  const env = read.keyValues('env', { secret: true, multiline: true });
  const script = read.string('script', { raw: true }) ?? '';
  const upload = parsePairs('upload', read.string('upload', { raw: true }));
  const download = parsePairs('download', read.string('download', { raw: true }));
  if (script.trim() === '' && upload.length === 0 && download.length === 0)
    throw new ConfigurationError(
      messages.requiredInput('script', "the commands to run (or at least one 'upload' or 'download' pair)"),
    );
  const directory = read.string('working-directory') ?? '';
  return {
    ...ssh,
    script,
    'script-stop': read.boolean('script-stop'),
    shell: read.enum('shell', SHELLS),
    'working-directory': directory === '' ? '' : checkPath('working-directory', directory, directory),
    env,
    upload,
    download,
    'capture-limit': parseSize(
      'capture-limit',
      read.string('capture-limit', { required: true, accepted: SIZE_FORM }),
    ),
    'allow-untrusted-event': read.boolean('allow-untrusted-event'),
  };
}
