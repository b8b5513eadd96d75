import { S3_RULES, s3AccessLogging, s3DefaultEncryption, s3ObjectLock, s3PublicAccessBlock, s3TlsOnly, s3Versioning } from '../../src/evaluate/rules/s3';
import type { CheckResult, DayGap, ResourceResult } from '../../src/evaluate/types';
import { evalContext, type Answer } from '../support/eval-context';

/**
 * S3 rules over answers shaped like the Amazon S3 API Reference examples, recorded as the s3
 * collector records them: ListBuckets in the home region, every bucket question in the bucket's
 * own region, "not configured" errors sealed as error answers.
 */
const PROD = '444455556666';
const STUDENT = { tagKey: 'data-classification', tagValues: ['student-data'] };
const RECORDS = 'brightpath-student-records';
const COURSES = 'brightpath-course-content';
const LOGS = 'brightpath-s3-access-logs';

type Reply = { response: unknown } | { error: { code: string; message: string } };
const notFound = (code: string, message: string): Reply => ({ error: { code, message } });

const tlsPolicy = (bucket: string): string => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{
    Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*',
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  }],
});

function healthy(bucket: string, tag?: string): Record<string, Reply> {
  return {
    GetBucketVersioning: { response: { Status: 'Enabled', MFADelete: 'Disabled' } },
    GetObjectLockConfiguration: { response: { ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } } } },
    GetBucketLogging: { response: { LoggingEnabled: { TargetBucket: LOGS, TargetPrefix: `${bucket}/` } } },
    GetBucketEncryption: { response: { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: `arn:aws:kms:us-east-1:${PROD}:key/1234abcd-12ab-34cd-56ef-1234567890ab` }, BucketKeyEnabled: true }] } } },
    GetPublicAccessBlock: { response: { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } } },
    GetBucketLifecycleConfiguration: notFound('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist'),
    GetBucketTagging: tag ? { response: { TagSet: [{ Key: 'data-classification', Value: tag }, { Key: 'owner', Value: 'student-information-systems' }] } } : notFound('NoSuchTagSet', 'The TagSet does not exist'),
    GetBucketPolicy: { response: { Policy: tlsPolicy(bucket) } },
  };
}

function bucketAnswers(bucket: string, region: string, replies: Record<string, Reply>): Answer[] {
  return Object.entries(replies).map(([operation, reply]) => ({ service: 's3', operation, input: { Bucket: bucket }, account: PROD, region, ...reply }));
}

const listBuckets = (names: Array<[string, string]>): Answer => ({
  service: 's3', operation: 'ListBuckets', input: { MaxBuckets: 1000 }, account: PROD, region: 'us-east-1',
  response: { Buckets: names.map(([Name, BucketRegion]) => ({ Name, CreationDate: new Date('2021-03-02T10:09:18Z'), BucketRegion })), Owner: { ID: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' }, Prefix: null },
});

/** The production account: student records (us-east-1), course content (us-west-2), an untagged log bucket. */
function account(over: Record<string, Reply> = {}): Answer[] {
  return [
    listBuckets([[LOGS, 'us-east-1'], [COURSES, 'us-west-2'], [RECORDS, 'us-east-1']]),
    ...bucketAnswers(RECORDS, 'us-east-1', { ...healthy(RECORDS, 'student-data'), ...over }),
    ...bucketAnswers(COURSES, 'us-west-2', healthy(COURSES, 'course-content')),
    ...bucketAnswers(LOGS, 'us-east-1', healthy(LOGS)),
  ];
}

const gap = (operation: string, region = 'us-east-1', errorCode = 'AccessDenied'): DayGap => ({ collector: 's3', account: PROD, region, operation, errorCode });
const only = (r: CheckResult, name = RECORDS): ResourceResult => r.resources.find((x) => x.resource === name)!;

describe('bucket selection', () => {
  it('only buckets tagged with a selected value are judged, each in its BucketRegion', () => {
    const r = s3Versioning.evaluate(evalContext(account()), { tagKey: 'data-classification', tagValues: ['student-data', 'course-content'] });
    expect(r.resources.map((x) => [x.resource, x.region, x.verdict])).toEqual([[RECORDS, 'us-east-1', 'pass'], [COURSES, 'us-west-2', 'pass']]);
    expect(only(r).evidence).toHaveLength(2);
  });

  it('an account with no bucket carrying the tag is not applicable, with the reason', () => {
    const r = s3Versioning.evaluate(evalContext(account()), { tagKey: 'data-classification', tagValues: ['exam-papers'] });
    expect(r.verdict).toBe('not-applicable');
    expect(r.resources).toEqual([expect.objectContaining({ resource: PROD, verdict: 'not-applicable', reason: `no bucket in ${PROD} has tag data-classification = exam-papers (3 buckets listed, GetBucketTagging TagSet read for each)` })]);
  });

  it('an account whose ListBuckets was denied is not evidenced', () => {
    const r = s3Versioning.evaluate(evalContext([], [gap('s3:ListBuckets')], { accounts: [PROD], regions: ['us-east-1'] }), STUDENT);
    expect(r.resources).toEqual([expect.objectContaining({ resource: PROD, verdict: 'not-evidenced', reason: `s3:ListBuckets was not answered (AccessDenied) in ${PROD} us-east-1` })]);
  });

  it('a bucket whose tags could not be read is not evidenced: it may hold student data', () => {
    const answers = account().filter((a) => !(a.operation === 'GetBucketTagging' && a.input?.Bucket === LOGS));
    const r = s3Versioning.evaluate(evalContext(answers, [gap('s3:GetBucketTagging')]), STUDENT);
    expect(r.verdict).toBe('not-evidenced');
    expect(only(r, LOGS).reason).toBe(`cannot tell whether the bucket has tag data-classification = student-data: s3:GetBucketTagging was not answered (AccessDenied) in ${PROD} us-east-1`);
  });

  it('an unfollowed ListBuckets ContinuationToken leaves the account not evidenced', () => {
    const page = { ...listBuckets([[RECORDS, 'us-east-1']]) };
    page.response = { ...(page.response as object), ContinuationToken: 'ZXhhbXBsZS10b2tlbg==' };
    const r = s3Versioning.evaluate(evalContext([page, ...bucketAnswers(RECORDS, 'us-east-1', healthy(RECORDS, 'student-data'))]), STUDENT);
    expect(only(r, PROD)).toMatchObject({ verdict: 'not-evidenced', reason: 'the ListBuckets page after ContinuationToken ZXhhbXBsZS10b2tlbg== was not answered: the bucket list is incomplete' });
  });

  it('a bucket answer lost to throttling is not evidenced', () => {
    const answers = account().filter((a) => !(a.operation === 'GetBucketVersioning' && a.input?.Bucket === RECORDS));
    const r = s3Versioning.evaluate(evalContext(answers, [gap('s3:GetBucketVersioning', 'us-east-1', 'SlowDown')]), STUDENT);
    expect(only(r)).toMatchObject({ verdict: 'not-evidenced', reason: `s3:GetBucketVersioning was not answered (SlowDown) in ${PROD} us-east-1` });
  });
});

describe('s3.versioning', () => {
  it('versioning Enabled on a student-data bucket passes', () => {
    expect(only(s3Versioning.evaluate(evalContext(account()), STUDENT))).toMatchObject({ verdict: 'pass', reason: 'Status is Enabled' });
  });
  it('versioning Suspended on a student-data bucket fails', () => {
    const r = s3Versioning.evaluate(evalContext(account({ GetBucketVersioning: { response: { Status: 'Suspended', MFADelete: 'Disabled' } } })), STUDENT);
    expect(r.verdict).toBe('fail');
    expect(only(r).reason).toBe('Status is Suspended');
  });
  it('a student-data bucket that never had versioning (empty answer) fails', () => {
    expect(only(s3Versioning.evaluate(evalContext(account({ GetBucketVersioning: { response: {} } })), STUDENT)).reason).toBe('Status is absent (versioning was never enabled)');
  });
});

describe('s3.object-lock', () => {
  it('ObjectLockEnabled Enabled passes and reports the default retention', () => {
    expect(only(s3ObjectLock.evaluate(evalContext(account()), STUDENT))).toMatchObject({ verdict: 'pass', reason: 'ObjectLockEnabled is Enabled, default retention GOVERNANCE 365 days' });
  });
  it('ObjectLockConfigurationNotFoundError fails', () => {
    const r = s3ObjectLock.evaluate(evalContext(account({ GetObjectLockConfiguration: notFound('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket') })), STUDENT);
    expect(only(r)).toMatchObject({ verdict: 'fail', reason: 'no Object Lock configuration (ObjectLockConfigurationNotFoundError)' });
  });
});

describe('s3.access-logging', () => {
  it('server access logging to the log bucket passes', () => {
    expect(only(s3AccessLogging.evaluate(evalContext(account()), STUDENT))).toMatchObject({ verdict: 'pass', reason: `LoggingEnabled.TargetBucket is ${LOGS}` });
  });
  it('a student-data bucket without LoggingEnabled fails', () => {
    expect(only(s3AccessLogging.evaluate(evalContext(account({ GetBucketLogging: { response: {} } })), STUDENT))).toMatchObject({ verdict: 'fail', reason: 'LoggingEnabled is absent (server access logging is off)' });
  });
});

describe('s3.default-encryption', () => {
  const sse = (SSEAlgorithm: string): Record<string, Reply> => ({ GetBucketEncryption: { response: { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm }, BucketKeyEnabled: false }] } } } });
  it('SSE-KMS passes when a KMS key is required', () => {
    expect(only(s3DefaultEncryption.evaluate(evalContext(account()), { ...STUDENT, requireKms: true })).verdict).toBe('pass');
  });
  it('DSSE-KMS (aws:kms:dsse) passes when a KMS key is required', () => {
    expect(only(s3DefaultEncryption.evaluate(evalContext(account(sse('aws:kms:dsse'))), { ...STUDENT, requireKms: true })).reason).toBe('SSEAlgorithm is aws:kms:dsse');
  });
  it('SSE-S3 (AES256) fails when a KMS key is required, passes when it is not', () => {
    const ctx = evalContext(account(sse('AES256')));
    expect(only(s3DefaultEncryption.evaluate(ctx, { ...STUDENT, requireKms: true }))).toMatchObject({ verdict: 'fail', reason: 'SSEAlgorithm is AES256, not aws:kms or aws:kms:dsse (requireKms)' });
    expect(only(s3DefaultEncryption.evaluate(ctx, { ...STUDENT, requireKms: false })).verdict).toBe('pass');
  });
  it('no default encryption configuration fails', () => {
    const r = s3DefaultEncryption.evaluate(evalContext(account({ GetBucketEncryption: notFound('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found') })), { ...STUDENT, requireKms: false });
    expect(only(r).verdict).toBe('fail');
  });
});

describe('s3.public-access-block', () => {
  const noBlock: Record<string, Reply> = { GetPublicAccessBlock: notFound('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found') };
  const accountBlock = (flags: Record<string, boolean>): Answer => ({
    service: 's3-control', operation: 'GetPublicAccessBlock', input: { AccountId: PROD }, account: PROD, region: 'us-east-1',
    response: { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true, ...flags } },
  });
  it('all four bucket-level flags true passes', () => {
    expect(only(s3PublicAccessBlock.evaluate(evalContext(account()), STUDENT)).reason).toBe('bucket-level PublicAccessBlockConfiguration has all four flags true');
  });
  it('no bucket-level block but the account-level block with all four flags passes', () => {
    const r = s3PublicAccessBlock.evaluate(evalContext([...account(noBlock), accountBlock({})]), STUDENT);
    expect(only(r)).toMatchObject({ verdict: 'pass', reason: `account-level PublicAccessBlockConfiguration of ${PROD} has all four flags true` });
  });
  it('RestrictPublicBuckets false on the bucket and no account-level block fails, naming both', () => {
    const partial: Record<string, Reply> = { GetPublicAccessBlock: { response: { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false } } } };
    const none: Answer = { service: 's3-control', operation: 'GetPublicAccessBlock', input: { AccountId: PROD }, account: PROD, region: 'us-east-1', error: { code: 'NoSuchPublicAccessBlockConfiguration' } };
    const r = s3PublicAccessBlock.evaluate(evalContext([...account(partial), none]), STUDENT);
    expect(only(r)).toMatchObject({ verdict: 'fail', reason: 'bucket level: RestrictPublicBuckets not true; account level: no configuration (NoSuchPublicAccessBlockConfiguration)' });
  });
  it('no bucket-level block and the account-level answer denied is not evidenced', () => {
    const r = s3PublicAccessBlock.evaluate(evalContext(account(noBlock), [{ ...gap('s3-control:GetPublicAccessBlock'), collector: 's3-control' }]), STUDENT);
    expect(only(r)).toMatchObject({ verdict: 'not-evidenced', reason: 'bucket level: no configuration (NoSuchPublicAccessBlockConfiguration); account level: s3-control:GetPublicAccessBlock was not answered (AccessDenied)' });
  });
});

describe('s3.tls-only', () => {
  const policy = (doc: unknown): Record<string, Reply> => ({ GetBucketPolicy: { response: { Policy: typeof doc === 'string' ? doc : JSON.stringify(doc) } } });
  const deny = { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [`arn:aws:s3:::${RECORDS}`, `arn:aws:s3:::${RECORDS}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
  it('the documented DenyInsecureTransport statement passes', () => {
    expect(only(s3TlsOnly.evaluate(evalContext(account()), STUDENT))).toMatchObject({ verdict: 'pass', reason: 'Policy statement DenyInsecureTransport denies Principal * when aws:SecureTransport is "false"' });
  });
  it('Principal {"AWS": "*"} counts as everyone', () => {
    expect(only(s3TlsOnly.evaluate(evalContext(account(policy({ Version: '2012-10-17', Statement: deny }))), STUDENT)).reason).toContain('Statement[0]');
  });
  it('a student-data bucket without a bucket policy fails', () => {
    expect(only(s3TlsOnly.evaluate(evalContext(account({ GetBucketPolicy: notFound('NoSuchBucketPolicy', 'The bucket policy does not exist') })), STUDENT))).toMatchObject({ verdict: 'fail', reason: 'no bucket policy (NoSuchBucketPolicy)' });
  });
  it('a deny narrowed by a further condition does not enforce TLS for everyone and fails', () => {
    const narrowed = { ...deny, Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringNotEquals: { 'aws:PrincipalAccount': PROD } } };
    expect(only(s3TlsOnly.evaluate(evalContext(account(policy({ Statement: [narrowed] }))), STUDENT)).verdict).toBe('fail');
  });
  it('a deny that covers only the bucket, not its objects, fails', () => {
    expect(only(s3TlsOnly.evaluate(evalContext(account(policy({ Statement: [{ ...deny, Resource: `arn:aws:s3:::${RECORDS}` }] }))), STUDENT)).verdict).toBe('fail');
  });
  it('a Policy that is not JSON fails without throwing', () => {
    expect(only(s3TlsOnly.evaluate(evalContext(account(policy('{"Statement": ['))), STUDENT))).toMatchObject({ verdict: 'fail', reason: 'Policy is not valid JSON' });
  });
});

describe('determinism', () => {
  it('shuffled answers give byte-identical results for every S3 rule', () => {
    const answers = [...account({ GetBucketVersioning: { response: { Status: 'Suspended' } } }), ...account()];
    const sel = { tagKey: 'data-classification', tagValues: ['student-data', 'course-content'] };
    const run = (list: Answer[]): string => {
      const ctx = evalContext(list, [gap('s3:GetBucketPolicy', 'us-west-2')], { accounts: [PROD], regions: ['us-east-1', 'us-west-2'] });
      return JSON.stringify([s3Versioning, s3ObjectLock, s3AccessLogging, s3PublicAccessBlock, s3TlsOnly].map((rule) => rule.evaluate(ctx, sel)).concat(s3DefaultEncryption.evaluate(ctx, { ...sel, requireKms: true })));
    };
    expect(S3_RULES).toHaveLength(6);
    const reference = run(answers);
    for (let k = 1; k < answers.length; k += 3) expect(run([...answers.slice(k), ...answers.slice(0, k)].reverse())).toBe(reference);
  });
});
