/**
 * Where things live under a host's deploy path (docs/architecture.md). One place, so the upload,
 * the modes and HostDeploy agree; REMOVE_RELEASES and INSPECT (scripts.ts) read the same names.
 */
export const layout = {
  releaseDir: (deployPath: string, version: string): string => `${deployPath}/releases/${version}`,
  /** Marks a release complete; rollback reads it. */
  manifestFile: (deployPath: string, version: string): string =>
    `${deployPath}/.deploy-kit/releases/${version}.json`,
  /** The release's files as placed (incremental.ts): what the next upload may link. */
  filesManifest: (deployPath: string, version: string): string =>
    `${deployPath}/.deploy-kit/releases/${version}.files`,
  envFile: (deployPath: string, version: string): string => `${deployPath}/.deploy-kit/env/${version}.env`,
  containerEnvFile: (deployPath: string, version: string): string =>
    `${deployPath}/.deploy-kit/env/${version}.cenv`,
};
