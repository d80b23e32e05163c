import { createHash } from 'node:crypto';

/** SHA-256 (hex) of everything a stream yields: files, downloads, objects read back. */
export async function sha256Of(stream: AsyncIterable<unknown>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
