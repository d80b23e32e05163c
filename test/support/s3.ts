import S3rver from 's3rver';
import { freePort } from './ports.js';
import { makeTempDir } from './tempdir.js';

export interface S3Server {
  endpoint: string;
  /** Environment for the action: the standard AWS credential variables s3rver accepts. */
  env: Record<string, string>;
  dir: string;
  close(): Promise<void>;
}

/** An S3-compatible server on loopback (s3rver, files in a temporary directory) with `buckets`. */
export async function startS3(buckets: string[]): Promise<S3Server> {
  const temp = makeTempDir('s3');
  const port = await freePort();
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    directory: temp.path,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    env: { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' },
    dir: temp.path,
    close: async () => {
      await server.close();
      temp.remove();
    },
  };
}
