import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/core/serde';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { S3StagingStore, stagingKeys } from '../../src/pipeline/staging';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());
const store = (): S3StagingStore => new S3StagingStore(new S3Client({ region: 'us-east-1' }), 'evidence-vault-prod-staging');

describe('the S3 staging store', () => {
  it('puts JSON under the key asked (a retried worker overwrites its own object)', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store().put(stagingKeys.result('2026-11-27', '222222222222', 'eu-west-1'), '{"a":1}');
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, { Bucket: 'evidence-vault-prod-staging', Key: 'staging/2026-11-27/results/222222222222/eu-west-1.json', Body: '{"a":1}', ContentType: 'application/json' });
  });

  it('reads an object, and answers undefined for a key that is not there', async () => {
    s3.on(GetObjectCommand, { Key: 'runs/2026-11-27/items.json' }).resolves({ Body: sdkStreamMixin(Readable.from([Buffer.from('[1]')])) });
    s3.on(GetObjectCommand, { Key: 'staging/2026-11-27/failures/222222222222/eu-west-1.json' }).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));
    expect((await store().get('runs/2026-11-27/items.json'))?.toString()).toBe('[1]');
    expect(await store().get('staging/2026-11-27/failures/222222222222/eu-west-1.json')).toBeUndefined();
  });

  it('lists every page, sorted', async () => {
    s3.on(ListObjectsV2Command, { Prefix: 'staging/2026-11-27/', ContinuationToken: undefined }).resolves({ Contents: [{ Key: 'staging/2026-11-27/b' }], IsTruncated: true, NextContinuationToken: 't1' });
    s3.on(ListObjectsV2Command, { Prefix: 'staging/2026-11-27/', ContinuationToken: 't1' }).resolves({ Contents: [{ Key: 'staging/2026-11-27/a' }], IsTruncated: false });
    expect(await store().list('staging/2026-11-27/')).toEqual(['staging/2026-11-27/a', 'staging/2026-11-27/b']);
  });

  it('names the bucket, key and operation when S3 refuses', async () => {
    s3.on(PutObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const put = store().put('runs/2026-11-27/items.json', '[]');
    await expect(put).rejects.toThrow('staging s3://evidence-vault-prod-staging/runs/2026-11-27/items.json: PutObject failed: AccessDenied');
    await expect(put).rejects.toMatchObject({ code: 'AWS_UNAVAILABLE' });
  });
});
