import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  NoSuchBucket,
  S3Client,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import {
  CLOUDTRAIL_ARCHIVE_BUCKET,
  COURSE_CONTENT_BUCKET,
  SAMPLE_ACCOUNTS,
  STUDENT_DATA_TAG,
  STUDENT_RECORDS_BUCKET,
  createSampleRequestHandler,
} from '../../src/sample';

const credentials = { accessKeyId: 'AKIDSAMPLEEXAMPLE', secretAccessKey: 'sample-secret' };
const prod = SAMPLE_ACCOUNTS.production.id;
const logArchive = SAMPLE_ACCOUNTS.logArchive.id;
const mgmt = SAMPLE_ACCOUNTS.management.id;

function s3(account: string, day: number, region = 'us-east-1', forcePathStyle = false): S3Client {
  return new S3Client({ region, credentials, forcePathStyle, maxAttempts: 1, requestHandler: createSampleRequestHandler({ account, day }) });
}

async function failure(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  return p.then(() => { throw new Error('expected the call to fail'); }, (e: unknown) => e as Error);
}

describe('sample S3 buckets', () => {
  it('lists the production buckets in two pages with max-buckets, each with its BucketRegion', async () => {
    // Prepare
    const client = s3(prod, 0);
    // Act
    const first = await client.send(new ListBucketsCommand({ MaxBuckets: 2 }));
    const second = await client.send(new ListBucketsCommand({ MaxBuckets: 2, ContinuationToken: first.ContinuationToken }));
    // Assess
    expect(first.Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([
      [COURSE_CONTENT_BUCKET, 'us-west-2'],
      ['brightpath-prod-s3-access-logs-us-east-1', 'us-east-1'],
    ]);
    expect(first.ContinuationToken).toEqual(expect.any(String));
    expect(second.Buckets?.map((b) => b.Name)).toEqual([STUDENT_RECORDS_BUCKET]);
    expect(second.ContinuationToken).toBeUndefined();
    expect(first.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(first.Buckets?.[0]?.CreationDate).toEqual(new Date('2022-08-15T17:42:09.000Z'));
  });

  it('pages through every bucket with the SDK paginator', async () => {
    const names: string[] = [];
    for await (const page of paginateListBuckets({ client: s3(prod, 0), pageSize: 1 }, {})) {
      names.push(...(page.Buckets ?? []).map((b) => b.Name ?? ''));
    }
    expect(names).toHaveLength(3);
  });

  it('omits BucketRegion when ListBuckets is sent without parameters, as documented', async () => {
    const out = await s3(logArchive, 0).send(new ListBucketsCommand({}));
    expect(out.Buckets?.map((b) => b.Name)).toEqual(['brightpath-log-archive-access-logs', CLOUDTRAIL_ARCHIVE_BUCKET]);
    expect(out.Buckets?.every((b) => b.BucketRegion === undefined)).toBe(true);
  });

  it.each([false, true])('suspends student-records versioning on days 20-26 (forcePathStyle=%s)', async (pathStyle) => {
    const versioning = async (day: number) =>
      s3(prod, day, 'us-east-1', pathStyle).send(new GetBucketVersioningCommand({ Bucket: STUDENT_RECORDS_BUCKET }));
    const [d0, d19, d20, d22, d26, d27] = await Promise.all([0, 19, 20, 22, 26, 27].map(versioning));
    expect([d0, d19, d20, d22, d26, d27].map((v) => v?.Status)).toEqual(['Enabled', 'Enabled', 'Suspended', 'Suspended', 'Suspended', 'Enabled']);
    expect(d0?.MFADelete).toBe('Disabled');
  });

  it('reads the tags that mark student data and course content', async () => {
    const student = await s3(prod, 0).send(new GetBucketTaggingCommand({ Bucket: STUDENT_RECORDS_BUCKET }));
    const course = await s3(prod, 0, 'us-west-2').send(new GetBucketTaggingCommand({ Bucket: COURSE_CONTENT_BUCKET }));
    expect(student.TagSet).toContainEqual({ Key: STUDENT_DATA_TAG.key, Value: 'student-data' });
    expect(course.TagSet).toContainEqual({ Key: STUDENT_DATA_TAG.key, Value: 'course-content' });
  });

  it('answers the CloudTrail archive configuration: Object Lock, lifecycle, logging, KMS, public access block, policy', async () => {
    const c = s3(logArchive, 0);
    const Bucket = CLOUDTRAIL_ARCHIVE_BUCKET;
    const [lock, lifecycle, logging, encryption, pab, policy, location] = await Promise.all([
      c.send(new GetObjectLockConfigurationCommand({ Bucket })),
      c.send(new GetBucketLifecycleConfigurationCommand({ Bucket })),
      c.send(new GetBucketLoggingCommand({ Bucket })),
      c.send(new GetBucketEncryptionCommand({ Bucket })),
      c.send(new GetPublicAccessBlockCommand({ Bucket })),
      c.send(new GetBucketPolicyCommand({ Bucket })),
      c.send(new GetBucketLocationCommand({ Bucket })),
    ]);
    expect(lock.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } } });
    expect(lifecycle.Rules?.[0]).toMatchObject({ ID: 'cloudtrail-archive-7y', Status: 'Enabled', Expiration: { Days: 2557 }, Filter: { Prefix: 'AWSLogs/' } });
    expect(lifecycle.TransitionDefaultMinimumObjectSize).toBe('all_storage_classes_128K');
    expect(logging.LoggingEnabled).toMatchObject({ TargetBucket: 'brightpath-log-archive-access-logs', TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: 'EventTime' } } });
    expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]).toMatchObject({ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true });
    expect(pab.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    expect(JSON.parse(policy.Policy ?? '{}')).toMatchObject({ Version: '2012-10-17' });
    expect(location.LocationConstraint).toBeUndefined();
  });

  it('reports the course-content bucket without access logging and its region as its location', async () => {
    const c = s3(prod, 0, 'us-west-2');
    const logging = await c.send(new GetBucketLoggingCommand({ Bucket: COURSE_CONTENT_BUCKET }));
    const location = await c.send(new GetBucketLocationCommand({ Bucket: COURSE_CONTENT_BUCKET }));
    expect(logging.LoggingEnabled).toBeUndefined();
    expect(location.LocationConstraint).toBe('us-west-2');
  });

  it.each([
    ['NoSuchLifecycleConfiguration', () => s3(prod, 0, 'us-west-2').send(new GetBucketLifecycleConfigurationCommand({ Bucket: COURSE_CONTENT_BUCKET }))],
    ['ObjectLockConfigurationNotFoundError', () => s3(prod, 0).send(new GetObjectLockConfigurationCommand({ Bucket: STUDENT_RECORDS_BUCKET }))],
    ['NoSuchPublicAccessBlockConfiguration', () => s3(mgmt, 0).send(new GetPublicAccessBlockCommand({ Bucket: 'brightpath-mgmt-iac-artifacts' }))],
    ['NoSuchTagSet', () => s3(mgmt, 0).send(new GetBucketTaggingCommand({ Bucket: 'brightpath-mgmt-iac-artifacts' }))],
    ['NoSuchBucketPolicy', () => s3(mgmt, 0).send(new GetBucketPolicyCommand({ Bucket: 'brightpath-mgmt-iac-artifacts' }))],
  ])('answers "not configured" with %s (404)', async (name, call) => {
    const err = await failure(call());
    expect(err.name).toBe(name);
    expect(err.$metadata?.httpStatusCode).toBe(404);
  });

  it('answers NoSuchBucket as the typed error, AccessDenied for another account, PermanentRedirect for another region', async () => {
    const missing = await failure(s3(prod, 0).send(new GetBucketVersioningCommand({ Bucket: 'brightpath-no-such-bucket' })));
    expect(missing).toBeInstanceOf(NoSuchBucket);
    const foreign = await failure(s3(prod, 0).send(new GetBucketVersioningCommand({ Bucket: CLOUDTRAIL_ARCHIVE_BUCKET })));
    expect([foreign.name, foreign.$metadata?.httpStatusCode]).toEqual(['AccessDenied', 403]);
    const elsewhere = await failure(s3(prod, 0).send(new GetBucketVersioningCommand({ Bucket: COURSE_CONTENT_BUCKET })));
    expect([elsewhere.name, elsewhere.$metadata?.httpStatusCode]).toEqual(['PermanentRedirect', 301]);
  });

  it('follows the region redirect when the client asks it to', async () => {
    const client = new S3Client({ region: 'us-east-1', credentials, followRegionRedirects: true, requestHandler: createSampleRequestHandler({ account: prod, day: 0 }) });
    const out = await client.send(new GetBucketVersioningCommand({ Bucket: COURSE_CONTENT_BUCKET }));
    expect(out.Status).toBe('Enabled');
  });

  it('answers HeadBucket with the bucket region and a bodiless NotFound', async () => {
    const out = await s3(prod, 0).send(new HeadBucketCommand({ Bucket: STUDENT_RECORDS_BUCKET }));
    expect(out.BucketRegion).toBe('us-east-1');
    const err = await failure(s3(prod, 0).send(new HeadBucketCommand({ Bucket: 'brightpath-no-such-bucket' })));
    expect(err.name).toBe('NotFound');
  });

  it('gives byte-identical parsed answers on two days without drift', async () => {
    const answers = async (day: number) => {
      const c = s3(prod, day);
      const Bucket = STUDENT_RECORDS_BUCKET;
      const all = await Promise.all([
        c.send(new ListBucketsCommand({ MaxBuckets: 10 })),
        c.send(new GetBucketVersioningCommand({ Bucket })),
        c.send(new GetBucketLoggingCommand({ Bucket })),
        c.send(new GetBucketEncryptionCommand({ Bucket })),
        c.send(new GetBucketTaggingCommand({ Bucket })),
        c.send(new GetBucketPolicyCommand({ Bucket })),
        c.send(new GetBucketLifecycleConfigurationCommand({ Bucket })),
      ]);
      return all.map(({ $metadata: _m, ...rest }) => JSON.stringify(rest));
    };
    expect(await answers(3)).toEqual(await answers(60));
  });
});
