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
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient, S3ControlServiceException } from '@aws-sdk/client-s3-control';
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

/** The account-level block as S3 Control answers it (all four settings on). */
const accountBlock = { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } };

/** S3 clients per region (regions records where S3 was asked), and S3 Control clients. */
function provider(): { clients: ClientProvider; regions: string[] } {
  const regions: string[] = [];
  const clients: ClientProvider = {
    get: <C>(cls: unknown, region: string) => {
      if (cls === S3ControlClient) return new S3ControlClient({ region }) as unknown as C;
      regions.push(region);
      return new S3Client({ region }) as unknown as C;
    },
  };
  return { clients, regions };
}

type Recorded = { service: string; operation: string; input: unknown; region: string; error?: { code: string } };

function all(rec: Recorder): Recorded[] {
  return rec.artifacts.map((a) => {
    const art = JSON.parse(a.bytes.toString()) as { request: Omit<Recorded, 'error'>; error?: { code: string } };
    const { service, operation, input, region } = art.request;
    return { service, operation, input, region, ...(art.error ? { error: { code: art.error.code } } : {}) };
  });
}

/** The bucket-level artifacts (service s3); the account-level block is asked of S3 Control. */
function recorded(rec: Recorder): Array<Omit<Recorded, 'service'>> {
  return all(rec).filter((a) => a.service === 's3').map(({ service: _service, ...rest }) => rest);
}

describe('s3 collector', () => {
  const s3 = mockClient(S3Client);
  const control = mockClient(S3ControlClient);
  beforeEach(() => {
    s3.reset();
    control.reset();
    control.on(GetAccountPublicAccessBlockCommand).resolves(accountBlock);
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', MFADelete: 'Disabled' });
    s3.on(GetObjectLockConfigurationCommand).rejects(s3Error('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket'));
    s3.on(GetBucketLoggingCommand).resolves({});
    s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] } });
    s3.on(GetPublicAccessBlockCommand).rejects(s3Error('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found'));
    s3.on(GetBucketLifecycleConfigurationCommand).rejects(s3Error('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist'));
    s3.on(GetBucketTaggingCommand).resolves({ TagSet: [{ Key: 'data-classification', Value: 'student-data' }] });
    s3.on(GetBucketPolicyCommand).rejects(s3Error('NoSuchBucketPolicy', 'The bucket policy does not exist'));
  });
  afterAll(() => {
    s3.restore();
    control.restore();
  });

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
    expect(recorded(rec)).toEqual([]);
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
    expect(control).toHaveReceivedCommandTimes(GetAccountPublicAccessBlockCommand, 0);
  });

  it('asks S3 Control once for the account-level public access block, before the buckets', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'a', BucketRegion: 'us-west-2' }] });
    const rec = new Recorder('s3', account, 'us-east-1', now);
    await s3Collector.collect({ account, region: 'us-east-1', isHomeRegion: true, settings: { date: '2026-07-01' }, clients: provider().clients }, rec);
    expect(control).toHaveReceivedCommandTimes(GetAccountPublicAccessBlockCommand, 1);
    expect(control).toHaveReceivedCommandWith(GetAccountPublicAccessBlockCommand, { AccountId: account });
    const first = all(rec)[0]!;
    expect(first).toEqual({ service: 's3-control', operation: 'GetPublicAccessBlock', input: { AccountId: account }, region: 'us-east-1' });
    expect(JSON.parse(rec.artifacts[0]!.bytes.toString())).toMatchObject({ response: accountBlock });
    expect(all(rec).filter((a) => a.service === 's3-control')).toHaveLength(1);
  });

  it('seals "no account-level block" (NoSuchPublicAccessBlockConfiguration) as evidence', async () => {
    control.on(GetAccountPublicAccessBlockCommand).rejects(
      new S3ControlServiceException({ name: 'NoSuchPublicAccessBlockConfiguration', message: 'The public access block configuration was not found', $fault: 'client', $metadata: { httpStatusCode: 404 } }),
    );
    s3.on(ListBucketsCommand).resolves({ Buckets: [] });
    const rec = new Recorder('s3', account, 'us-east-1', now);
    await s3Collector.collect({ account, region: 'us-east-1', isHomeRegion: true, settings: { date: '2026-07-01' }, clients: provider().clients }, rec);
    expect(rec.gaps).toEqual([]);
    expect(all(rec).map((a) => [a.service, a.operation, a.error?.code])).toEqual([
      ['s3-control', 'GetPublicAccessBlock', 'NoSuchPublicAccessBlockConfiguration'],
      ['s3', 'ListBuckets', undefined],
    ]);
  });

  it('records AccessDenied on the account-level block as a gap and still lists the buckets', async () => {
    control.on(GetAccountPublicAccessBlockCommand).rejects(
      new S3ControlServiceException({ name: 'AccessDenied', message: 'Access Denied', $fault: 'client', $metadata: { httpStatusCode: 403 } }),
    );
    s3.on(ListBucketsCommand).resolves({ Buckets: [] });
    const rec = new Recorder('s3', account, 'us-east-1', now);
    await s3Collector.collect({ account, region: 'us-east-1', isHomeRegion: true, settings: { date: '2026-07-01' }, clients: provider().clients }, rec);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['s3-control:GetPublicAccessBlock', 'AccessDenied']]);
    expect(recorded(rec).map((o) => o.operation)).toEqual(['ListBuckets']);
  });
});
