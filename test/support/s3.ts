import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, HeadObjectCommand, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import { createVaultS3Client } from '../../src/vault/s3-client';

/** The test S3 store that scripts/s3-store.sh starts (its env file exports these). */
export interface S3TestSettings {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const HOW_TO_START = 'start one with `scripts/s3-store.sh start DIR && . DIR/env`';

export function s3TestSettings(env: NodeJS.ProcessEnv = process.env): S3TestSettings | undefined {
  const endpoint = env.EVIDENCE_TEST_S3_ENDPOINT;
  if (endpoint === undefined || endpoint === '') return undefined;
  return {
    endpoint,
    accessKeyId: env.EVIDENCE_TEST_S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.EVIDENCE_TEST_S3_SECRET_ACCESS_KEY ?? '',
  };
}

/**
 * Runs `body` against the real test store. Without one the suite is skipped with a message,
 * except under EVIDENCE_REQUIRE_S3=1 (CI), where a missing store must fail, not pass silently.
 */
export function describeWithS3(name: string, body: (settings: S3TestSettings) => void): void {
  const settings = s3TestSettings();
  if (settings !== undefined) {
    describe(name, () => body(settings));
    return;
  }
  if (process.env.EVIDENCE_REQUIRE_S3 === '1') {
    describe(name, () => {
      it('has a real S3 store to run against', () => {
        throw new Error(`EVIDENCE_REQUIRE_S3=1 but EVIDENCE_TEST_S3_ENDPOINT is unset: ${HOW_TO_START}`);
      });
    });
    return;
  }
  console.warn(`${name}: skipped, EVIDENCE_TEST_S3_ENDPOINT is unset; ${HOW_TO_START}`);
  describe.skip(name, () => body({ endpoint: '', accessKeyId: '', secretAccessKey: '' }));
}

/** A client for the test store: path-style and us-east-1, as a loopback endpoint needs. */
export function testS3Client(settings: S3TestSettings): S3Client {
  return createVaultS3Client({
    region: 'us-east-1',
    endpoint: settings.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
  });
}

/** A fresh bucket with Object Lock (and so versioning) on, under a name no other test uses. */
export async function createLockedBucket(client: S3Client, label = 'vault'): Promise<string> {
  const bucket = `evidence-test-${label}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  return bucket;
}

export async function headObject(client: S3Client, bucket: string, key: string) {
  return client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
}

/** Every version of exactly `key` (ListObjectVersions matches by prefix); one page is plenty here. */
export async function versionsOf(client: S3Client, bucket: string, key: string) {
  const out = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }));
  return (out.Versions ?? []).filter((v) => v.Key === key);
}
