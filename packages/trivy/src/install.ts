import { createReadStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ActionFailedError, errorMessage, sha256Of, type Logger } from '@deploy-kit/core';

/**
 * The Trivy release installed when `trivy-version` is not given. Pinned, not `latest`: in March 2026
 * trivy-action's tags were moved to a malicious commit; a pinned version with its checksum verified
 * cannot be swapped under a running pipeline.
 */
export const DEFAULT_TRIVY_VERSION = '0.72.0';

/**
 * The SHA-256 of each supported platform's archive of DEFAULT_TRIVY_VERSION, as its release's
 * checksums file lists them (trivy_0.72.0_checksums.txt), kept in the code: whoever can replace
 * the archive on the release (or a mirror) can replace the checksums file beside it, but not this.
 * Another `trivy-version` is checked against its release's checksums file, and the log says so.
 */
export const PINNED_TRIVY_SHA256: Readonly<Record<string, string>> = {
  'trivy_0.72.0_Linux-64bit.tar.gz': 'bbb64b9695866ce4a7a8f5c9592002c5961cab378577fa3f8a040df362b9b2ea',
  'trivy_0.72.0_Linux-ARM64.tar.gz': '2ca2c023109c2db6b2b77366b6717291452d4531167377d95c79547f0c8e3467',
  'trivy_0.72.0_macOS-64bit.tar.gz': 'ee5e60df8a98e5b89fd74a6d86f9e5c7e9a266a35002cb1e43291698b3bfee08',
  'trivy_0.72.0_macOS-ARM64.tar.gz': '88f208680dc05da2b459e19b4f5aa2b4dc7c2117892ba4aab2ae63baba330016',
};

/** Where releases live; `{version}` is replaced. A mirror serves the same file names. */
export const DEFAULT_DOWNLOAD_URL = 'https://github.com/aquasecurity/trivy/releases/download/v{version}';

/** The subset of @actions/tool-cache deploy-kit uses, passed in so the flow is testable. */
export interface ToolCache {
  find(tool: string, version: string, arch?: string): string;
  downloadTool(url: string): Promise<string>;
  extractTar(file: string): Promise<string>;
  cacheDir(dir: string, tool: string, version: string, arch?: string): Promise<string>;
}

/** Trivy's release asset platform names. */
export function releasePlatform(platform: NodeJS.Platform, arch: string): string {
  const os = platform === 'linux' ? 'Linux' : platform === 'darwin' ? 'macOS' : undefined;
  const cpu = arch === 'x64' ? '64bit' : arch === 'arm64' ? 'ARM64' : undefined;
  if (!os || !cpu)
    throw new ActionFailedError(
      `Trivy releases are installed for Linux and macOS on x64/arm64; this runner is ${platform}/${arch}: ` +
        `install Trivy yourself and set 'trivy-path'`,
    );
  return `${os}-${cpu}`;
}

export interface ReleaseAsset {
  archiveName: string;
  archiveUrl: string;
  checksumsUrl: string;
}

export function releaseAsset(downloadUrl: string, version: string, platform: string): ReleaseAsset {
  const base = downloadUrl.replaceAll('{version}', version).replace(/\/+$/, '');
  const archiveName = `trivy_${version}_${platform}.tar.gz`;
  return {
    archiveName,
    archiveUrl: `${base}/${archiveName}`,
    checksumsUrl: `${base}/trivy_${version}_checksums.txt`,
  };
}

/** The expected SHA-256 of `file` in a `sha256sum`-style checksums file, or undefined. */
export function expectedChecksum(checksums: string, file: string): string | undefined {
  for (const line of checksums.split(/\r?\n/)) {
    const match = /^([0-9a-fA-F]{64})\s+\*?(\S+)$/.exec(line.trim());
    const [, sum = '', name] = match ?? [];
    if (name === file) return sum.toLowerCase();
  }
  return undefined;
}

function httpStatus(error: unknown): number | undefined {
  const status = (error as { httpStatusCode?: unknown }).httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

async function download(tools: ToolCache, url: string, what: string): Promise<string> {
  try {
    return await tools.downloadTool(url);
  } catch (error) {
    const status = httpStatus(error);
    const reason = status ? `HTTP ${status}` : errorMessage(error);
    throw new ActionFailedError(`Could not download ${what} from ${url}: ${reason}`);
  }
}

export interface InstallRequest {
  version: string;
  downloadUrl: string;
  platform: string;
}

export interface Installed {
  path: string;
  /** Taken from the tool cache: nothing was downloaded. */
  cached: boolean;
}

/**
 * Installs Trivy into the tool cache: a cached copy is used as is; otherwise the release archive
 * and its checksums file are downloaded and the archive's SHA-256 must match before it is
 * extracted. A mismatch installs nothing.
 */
export async function installTrivy(
  request: InstallRequest,
  tools: ToolCache,
  logger: Logger,
): Promise<Installed> {
  const cachedDir = tools.find('trivy', request.version);
  if (cachedDir && existsSync(join(cachedDir, 'trivy')))
    return { path: join(cachedDir, 'trivy'), cached: true };
  const asset = releaseAsset(request.downloadUrl, request.version, request.platform);
  const pinned = PINNED_TRIVY_SHA256[asset.archiveName];
  let expected = pinned;
  if (expected === undefined) {
    logger.info(
      `Trivy ${request.version} is not the pinned ${DEFAULT_TRIVY_VERSION}: its checksum comes from the same release as the archive`,
    );
    const checksumsFile = await download(
      tools,
      asset.checksumsUrl,
      `the checksums of Trivy ${request.version}`,
    );
    expected = expectedChecksum(readFileSync(checksumsFile, 'utf8'), asset.archiveName);
    rmSync(checksumsFile, { force: true });
  }
  if (!expected)
    throw new ActionFailedError(
      `${asset.checksumsUrl} has no SHA-256 for ${asset.archiveName}; nothing installed`,
    );
  const archive = await download(tools, asset.archiveUrl, `Trivy ${request.version}`);
  try {
    const actual = await sha256Of(createReadStream(archive));
    if (actual !== expected)
      throw new ActionFailedError(
        `Checksum mismatch for ${asset.archiveName}: ${pinned ? 'pinned in deploy-kit' : 'the release lists'} ${expected}, the download is ${actual}; nothing installed`,
      );
    logger.info(
      `Trivy ${request.version}: SHA-256 ${actual} matches ${pinned ? 'the checksum pinned in deploy-kit' : 'the release checksums'}`,
    );
    const extracted = await tools.extractTar(archive);
    if (!existsSync(join(extracted, 'trivy')))
      throw new ActionFailedError(`${asset.archiveName} holds no 'trivy' executable; nothing installed`);
    const installedDir = await tools.cacheDir(extracted, 'trivy', request.version);
    return { path: join(installedDir, 'trivy'), cached: false };
  } finally {
    rmSync(archive, { force: true });
  }
}
