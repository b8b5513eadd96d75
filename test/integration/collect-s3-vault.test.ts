import { GetObjectCommand, GetObjectRetentionCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ArtifactV1 } from '../../src/core/artifact';
import type { ManifestV1 } from '../../src/core/manifest';
import { SAMPLE_ACCOUNTS, startSampleServer, type SampleServer } from '../../src/sample';
import { runCli } from '../support/cli';
import { createLockedBucket, describeWithS3, testS3Client } from '../support/s3';
import { useTempDir } from '../support/temp';

/**
 * The whole daily job into an S3 Object Lock vault on a real store (Ceph RGW), with nothing
 * but the standard SDK configuration: AWS_ENDPOINT_URL sends CloudTrail and STS to the
 * sample organization's server, AWS_ENDPOINT_URL_S3 sends S3 — both the vault and the
 * collector's questions — to RGW. Then an auditor downloads the vault and verifies it offline.
 */
describeWithS3('evidence collect into an s3:// vault', (settings) => {
  const tmp = useTempDir();
  let server: SampleServer;
  const saved = { ...process.env };

  beforeAll(async () => {
    server = await startSampleServer({ account: SAMPLE_ACCOUNTS.management.id, day: 40, startDate: '2026-07-01' });
  });
  afterAll(async () => server.close());
  afterEach(() => {
    process.env = { ...saved };
  });

  it('seals two days with COMPLIANCE retention, and the downloaded vault verifies offline', async () => {
    const client = testS3Client(settings);
    const bucket = await createLockedBucket(client, 'collect');
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: server.url,
      AWS_ENDPOINT_URL_S3: settings.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: settings.accessKeyId,
      AWS_SECRET_ACCESS_KEY: settings.secretAccessKey,
    });
    delete process.env.AWS_PROFILE;
    const key = path.join(tmp(), 'signing-key.pem');
    for (const date of ['2026-08-10', '2026-08-11']) {
      const r = await runCli(['collect', '--vault', `s3://${bucket}/evidence`, '--signing-key', key, '--date', date, '--retention-days', '30']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }

    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'evidence/', ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
    expect(keys).toEqual(expect.arrayContaining(['evidence/public-key.pem', 'evidence/manifests/2026-08-10/00000000.json', 'evidence/manifests/2026-08-11/00000001.json.sig']));
    const retention = await client.send(new GetObjectRetentionCommand({ Bucket: bucket, Key: 'evidence/manifests/2026-08-10/00000000.json' }));
    expect(retention.Retention?.Mode).toBe('COMPLIANCE');

    // The auditor's copy: every object, then `evidence verify` with no network at all.
    const copy = path.join(tmp(), 'copy');
    for (const k of keys) {
      const body = await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: k }))).Body!.transformToByteArray();
      const file = path.join(copy, k.slice('evidence/'.length));
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, body);
    }
    const verify = await runCli(['verify', copy, '--json']);
    expect(verify.code).toBe(0);

    const manifest = JSON.parse(await fs.readFile(path.join(copy, 'manifests/2026-08-10/00000000.json'), 'utf8')) as ManifestV1;
    const artifacts = await Promise.all(manifest.artifacts.map(async (a) => JSON.parse(await fs.readFile(path.join(copy, a.key), 'utf8')) as ArtifactV1));
    // CloudTrail answered by the sample organization: day 40, the organization trail is stopped.
    const status = artifacts.find((a) => a.request.operation === 'GetTrailStatus');
    expect(status && 'response' in status ? status.response : undefined).toMatchObject({ IsLogging: false });
    // S3 answered by RGW itself: its bucket list includes the vault bucket.
    const list = artifacts.find((a) => a.request.operation === 'ListBuckets');
    expect(JSON.stringify(list)).toContain(bucket);
  });
});
