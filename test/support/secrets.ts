/**
 * Fails when `secret` appears in `text` anywhere except the runner's own `::add-mask::` commands
 * (which is how an action asks the runner to mask it).
 */
export function assertNoSecret(text: string, secret: string, where: string): void {
  const lines = text.split('\n').filter((line) => !line.startsWith('::add-mask::'));
  const leaked = lines.find((line) => line.includes(secret));
  if (leaked !== undefined) throw new Error(`secret leaked into ${where}: ${leaked.slice(0, 200)}`);
}
