/** OCI annotations every image gets (opencontainers image-spec annotations), under the user's labels. */
export function ociLabels(context: {
  serverUrl: string;
  repository?: string;
  sha: string;
  createdIso: string;
  version: string;
}): Record<string, string> {
  const labels: Record<string, string> = {
    'org.opencontainers.image.created': context.createdIso,
    'org.opencontainers.image.revision': context.sha,
    'org.opencontainers.image.version': context.version,
  };
  if (context.repository) {
    labels['org.opencontainers.image.source'] = `${context.serverUrl}/${context.repository}`;
    labels['org.opencontainers.image.title'] = context.repository.split('/').pop() ?? context.repository;
  }
  return labels;
}

/** Automatic labels first, the user's `labels` on top (theirs win on the same key). */
export function mergeLabels(
  auto: Record<string, string>,
  user: ReadonlyArray<[string, string]>,
): Array<[string, string]> {
  const merged = new Map(Object.entries(auto));
  for (const [k, v] of user) merged.set(k, v);
  return [...merged.entries()];
}
