import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { Recorder } from '../../src/collectors/recorder';
import { s3Collector } from '../../src/collectors/s3';
import type { ClientProvider } from '../../src/collectors/types';

const now = (): Date => new Date('2026-07-01T06:00:00Z');
const account = '444455556666';

/** S3 errors as the SDK raises them from AWS's XML error bodies. */
function s3Error(name: string, message: string, status = 404): S3ServiceException {
  return new S3ServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: status } });
}

function provider(): { clients: ClientProvider; regions: string[] } {
  const regions: string[] = [];
  const clients: ClientProvider = {
    get: <C>(_cls: unknown, region: string) => {
      regions.push(region);
      return new S3Client({ region }) as unknown as C;
    },
  };
  return { clients, regions };
}

function recorded(rec: Recorder): Array<{ operation: string; input: unknown; region: string; error?: { code: string } }> {
  return rec.artifacts.map((a) => {
    const art = JSON.parse(a.bytes.toString()) as { request: { operation: string; input: unknown; region: string }; error?: { code: string } };
    return { operation: art.request.operation, input: art.request.input, region: art.request.region, ...(art.error ? { error: { code: art.error.code } } : {}) };
  });
}

describe('s3 collector', () => {
  const s3 = mockClient(S3Client);
  beforeEach(() => {
    s3.reset();
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', MFADelete: 'Disabled' });
    s3.on(GetObjectLockConfigurationCommand).rejects(s3Error('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket'));
    s3.on(GetBucketLoggingCommand).resolves({});
    s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] } });
    s3.on(GetPublicAccessBlockCommand).rejects(s3Error('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found'));
    s3.on(GetBucketLifecycleConfigurationCommand).rejects(s3Error('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist'));
    s3.on(GetBucketTaggingCommand).resolves({ TagSet: [{ Key: 'data-classification', Value: 'student-data' }] });
    s3.on(GetBucketPolicyCommand).rejects(s3Error('NoSuchBucketPolicy', 'The bucket policy does not exist'));
  });
  afterAll(() => s3.restore());

  it('lists buckets once in the home region and asks every bucket question in its own region', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'student-records', BucketRegion: 'us-west-2' }], Owner: { ID: 'abc' } });
    const { clients, regions } = provider();
    const rec = new Recorder('s3', account, 'us-east-1', now);
    await s3Collector.collect({ account, region: 'us-east-1', isHomeRegion: true, settings: { date: '2026-07-01' }, clients }, rec);
    expect(s3).toHaveReceivedCommandWith(ListBucketsCommand, { MaxBuckets: 1000 });
    expect(s3).toHaveReceivedCommandTimes(GetBucketVersioningCommand, 1);
    expect(regions).toEqual(['us-east-1', 'us-west-2']);
    expect(rec.gaps).toEqual([]);
    const ops = recorded(rec);
    expect(ops.map((o) => o.operation)).toEqual([
      'ListBuckets', 'GetBucketVersioning', 'GetObjectLockConfiguration', 'GetBucketLogging', 'GetBucketEncryption',
      'GetPublicAccessBlock', 'GetBucketLifecycleConfiguration', 'GetBucketTagging', 'GetBucketPolicy',
    ]);
    expect(ops.slice(1).every((o) => o.region === 'us-west-2')).toBe(true);
    // "Not configured" answers are evidence about the bucket, not failures to collect.
    expect(ops.filter((o) => o.error).map((o) => o.error!.code)).toEqual([
      'ObjectLockConfigurationNotFoundError', 'NoSuchPublicAccessBlockConfiguration', 'NoSuchLifecycleConfiguration', 'NoSuchBucketPolicy',
    ]);
  });

  it('follows ListBuckets pages to the end', async () => {
    s3.on(ListBucketsCommand, { MaxBuckets: 1000 }).resolves({ Buckets: [{ Name: 'a', BucketRegion: 'us-east-1' }], ContinuationToken: 'tok-1' });
    s3.on(ListBucketsCommand, { MaxBuckets: 1000, ContinuationToken: 'tok-1' }).resolves({ Buckets: [{ Name: 'b', BucketRegion: 'us-east-1' }], ContinuationToken: 'tok-2' });
    s3.on(ListBucketsCommand, { MaxBuckets: 1000, ContinuationToken: 'tok-2' }).resolves({ Buckets: [{ Name: 'c', BucketRegion: 'us-east-1' }] });
    const rec = new Recorder('s3', account, 'us-east-1', now);
    await s3Collector.collect({ account, region: 'us-east-1', isHomeRegion: true, settings: { date: '2026-07-01' }, clients: provider().clients }, rec);
    expect(s3).toHaveReceivedCommandTimes(ListBucketsCommand, 3);
    expect(s3).toHaveReceivedCommandTimes(GetBucketVersioningCommand, 3);
    expect(recorded(rec).filter((o) => o.operation === 'ListBuckets').map((o) => o.input)).toEqual([
      { MaxBuckets: 1000 }, { MaxBuckets: 1000, ContinuationToken: 'tok-1' }, { MaxBuckets: 1000, ContinuationToken: 'tok-2' },
    ]);
  });

  it('records AccessDenied on ListBuckets as a gap', async () => {
    s3.on(ListBucketsCommand).rejects(s3Error('AccessDenied', 'Access Denied', 403));
    const rec = new Recorder('s3', account, 'us-east-1', now);
    await s3Collector.collect({ account, region: 'us-east-1', isHomeRegion: true, settings: { date: '2026-07-01' }, clients: provider().clients }, rec);
    expect(rec.artifacts).toEqual([]);
    expect(rec.gaps).toEqual([{ collector: 's3', account, region: 'us-east-1', operation: 's3:ListBuckets', errorCode: 'AccessDenied', message: 'Access Denied' }]);
  });

  it('records throttling past retries (SlowDown) on one bucket as a gap and carries on', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'a', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketVersioningCommand).rejects(s3Error('SlowDown', 'Please reduce your request rate.', 503));
    const rec = new Recorder('s3', account, 'us-east-1', now);
    await s3Collector.collect({ account, region: 'us-east-1', isHomeRegion: true, settings: { date: '2026-07-01' }, clients: provider().clients }, rec);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode, g.region])).toEqual([['s3:GetBucketVersioning', 'SlowDown', 'us-east-1']]);
    expect(recorded(rec)).toHaveLength(8);
  });

  it('asks nothing outside the home region: buckets are account-wide', async () => {
    const rec = new Recorder('s3', account, 'us-west-2', now);
    await s3Collector.collect({ account, region: 'us-west-2', isHomeRegion: false, settings: { date: '2026-07-01' }, clients: provider().clients }, rec);
    expect(s3).toHaveReceivedCommandTimes(ListBucketsCommand, 0);
  });
});
