import { archiveImmutability, archiveRetention } from '../../src/evaluate/rules/cloudtrail-archive';
import { s3DataEvents } from '../../src/evaluate/rules/cloudtrail-data-events';
import type { CheckResult, DayGap, ResourceResult } from '../../src/evaluate/types';
import { evalContext, type Answer } from '../support/eval-context';

/**
 * Trails and the buckets around them: the organization trail (management account) records S3
 * data events on student-data buckets in the production account and delivers to an archive
 * bucket in the log-archive account. Shapes follow the CloudTrail and S3 API Reference examples.
 */
const MGMT = '111122223333';
const ARCHIVE = '222233334444';
const PROD = '444455556666';
const ORG_ARN = `arn:aws:cloudtrail:us-east-1:${MGMT}:trail/org-trail`;
const ARCHIVE_BUCKET = 'org-cloudtrail-archive';
const RECORDS = 'brightpath-student-records';
const STUDENT = { tagKey: 'data-classification', tagValues: ['student-data'] };

const orgTrail = {
  Name: 'org-trail', S3BucketName: ARCHIVE_BUCKET, IncludeGlobalServiceEvents: true, IsMultiRegionTrail: true, HomeRegion: 'us-east-1',
  TrailARN: ORG_ARN, LogFileValidationEnabled: true, HasCustomEventSelectors: true, HasInsightSelectors: false, IsOrganizationTrail: true,
};

type Reply = { response: unknown } | { error: { code: string; message: string } };
const s3 = (account: string, operation: string, bucket: string, reply: Reply): Answer => ({ service: 's3', operation, input: { Bucket: bucket }, account, region: 'us-east-1', ...reply });
const listBuckets = (account: string, names: string[]): Answer => ({
  service: 's3', operation: 'ListBuckets', input: { MaxBuckets: 1000 }, account, region: 'us-east-1',
  response: { Buckets: names.map((Name) => ({ Name, CreationDate: new Date('2021-02-17T14:58:12Z'), BucketRegion: 'us-east-1' })), Owner: { ID: 'owner-canonical-id' } },
});

const LOCKED: Reply = { response: { ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } } } } };
const SEVEN_YEARS: Reply = {
  response: {
    Rules: [{
      ID: 'cloudtrail-archive-7y', Filter: { Prefix: 'AWSLogs/' }, Status: 'Enabled',
      Transitions: [{ Days: 90, StorageClass: 'GLACIER' }, { Days: 365, StorageClass: 'DEEP_ARCHIVE' }],
      Expiration: { Days: 2557 }, NoncurrentVersionExpiration: { NoncurrentDays: 2557 },
    }],
    TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K',
  },
};

interface Day { selectors?: object; status?: object; lock?: Reply; lifecycle?: Reply; collectArchive?: boolean }

function day(o: Day = {}): Answer[] {
  const accounts = o.collectArchive === false ? [MGMT, PROD] : [MGMT, ARCHIVE, PROD];
  const selectors = o.selectors ?? { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: [`arn:aws:s3:::${RECORDS}/`] }], ExcludeManagementEventSources: [] }] };
  const answers: Answer[] = [
    ...accounts.map((account): Answer => ({ service: 'cloudtrail', operation: 'DescribeTrails', input: { includeShadowTrails: true }, account, region: 'us-east-1', response: { trailList: [orgTrail] } })),
    { service: 'cloudtrail', operation: 'GetTrailStatus', input: { Name: ORG_ARN }, account: MGMT, region: 'us-east-1', response: { IsLogging: true, LatestDeliveryTime: new Date('2026-07-15T05:57:41Z'), ...o.status } },
    { service: 'cloudtrail', operation: 'GetEventSelectors', input: { TrailName: ORG_ARN }, account: MGMT, region: 'us-east-1', response: { TrailARN: ORG_ARN, ...selectors } },
    listBuckets(MGMT, []),
    listBuckets(PROD, [RECORDS]),
    s3(PROD, 'GetBucketTagging', RECORDS, { response: { TagSet: [{ Key: 'data-classification', Value: 'student-data' }] } }),
  ];
  if (o.collectArchive !== false) {
    answers.push(
      listBuckets(ARCHIVE, [ARCHIVE_BUCKET]),
      s3(ARCHIVE, 'GetBucketTagging', ARCHIVE_BUCKET, { response: { TagSet: [{ Key: 'data-classification', Value: 'audit-logs' }] } }),
      s3(ARCHIVE, 'GetObjectLockConfiguration', ARCHIVE_BUCKET, o.lock ?? LOCKED),
      s3(ARCHIVE, 'GetBucketLifecycleConfiguration', ARCHIVE_BUCKET, o.lifecycle ?? SEVEN_YEARS),
    );
  }
  return answers;
}

const gap = (operation: string, account: string, errorCode = 'AccessDenied'): DayGap => ({ collector: operation.split(':')[0]!, account, region: 'us-east-1', operation, errorCode });
const records = (r: CheckResult): ResourceResult => r.resources.find((x) => x.resource === RECORDS)!;
const archive = (r: CheckResult): ResourceResult => r.resources.find((x) => x.resource === ARCHIVE_BUCKET)!;

describe('cloudtrail.s3-data-events', () => {
  it('the organization trail logging object reads and writes on the student-data bucket passes', () => {
    const r = s3DataEvents.evaluate(evalContext(day()), STUDENT);
    expect(records(r)).toMatchObject({ account: PROD, verdict: 'pass' });
    expect(records(r).reason).toBe(`object reads and writes on arn:aws:s3:::${RECORDS}/ are recorded: ${ORG_ARN} records reads and writes (EventSelectors[0] DataResources AWS::S3::Object arn:aws:s3:::${RECORDS}/ ReadWriteType All)`);
    expect(records(r).evidence).toHaveLength(4);
  });

  it('advanced selectors with resources.ARN StartsWith the bucket pass', () => {
    const advanced = { AdvancedEventSelectors: [{ Name: 'Log student data objects', FieldSelectors: [
      { Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'resources.ARN', StartsWith: [`arn:aws:s3:::${RECORDS}/`] },
    ] }] };
    expect(records(s3DataEvents.evaluate(evalContext(day({ selectors: advanced })), STUDENT)).verdict).toBe('pass');
  });

  it('the classic all-buckets value arn:aws:s3 covers the bucket', () => {
    const all = { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] };
    expect(records(s3DataEvents.evaluate(evalContext(day({ selectors: all })), STUDENT)).verdict).toBe('pass');
  });

  it('data events on one prefix of the bucket only fail', () => {
    const prefix = { EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: [`arn:aws:s3:::${RECORDS}/exports/`] }] }] };
    const r = s3DataEvents.evaluate(evalContext(day({ selectors: prefix })), STUDENT);
    expect(records(r)).toMatchObject({ verdict: 'fail', reason: `no logging trail records object reads and writes on arn:aws:s3:::${RECORDS}/ (${ORG_ARN} records nothing)` });
  });

  it('write-only data events (no GetObject records) fail', () => {
    const writes = { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'readOnly', Equals: ['false'] }] }] };
    expect(records(s3DataEvents.evaluate(evalContext(day({ selectors: writes })), STUDENT)).reason).toContain('records writes only');
  });

  it('a stopped trail records nothing: fail', () => {
    expect(records(s3DataEvents.evaluate(evalContext(day({ status: { IsLogging: false } })), STUDENT)).reason).toContain(`${ORG_ARN} has IsLogging false`);
  });

  it('unreadable event selectors are not evidenced', () => {
    const answers = day().filter((a) => a.operation !== 'GetEventSelectors');
    const r = s3DataEvents.evaluate(evalContext(answers, [gap('cloudtrail:GetEventSelectors', MGMT)]), STUDENT);
    expect(records(r)).toMatchObject({ verdict: 'not-evidenced', reason: `trail ${ORG_ARN}: cloudtrail:GetEventSelectors was not answered (AccessDenied) in ${MGMT} us-east-1` });
  });

  it('accounts without a student-data bucket are not applicable', () => {
    const r = s3DataEvents.evaluate(evalContext(day()), STUDENT);
    expect(r.resources.filter((x) => x.verdict === 'not-applicable').map((x) => x.resource)).toEqual([MGMT, ARCHIVE]);
  });
});

describe('cloudtrail.archive-immutability', () => {
  it('Object Lock with a COMPLIANCE default retention on the trail bucket passes, read in the log-archive account', () => {
    const r = archiveImmutability.evaluate(evalContext(day()), {});
    expect(r.resources).toEqual([expect.objectContaining({ resource: ARCHIVE_BUCKET, account: ARCHIVE, verdict: 'pass', reason: `ObjectLockEnabled is Enabled, default retention COMPLIANCE 365 days (archive of ${ORG_ARN})` })]);
  });
  it('ObjectLockConfigurationNotFoundError on the trail bucket fails', () => {
    const r = archiveImmutability.evaluate(evalContext(day({ lock: { error: { code: 'ObjectLockConfigurationNotFoundError', message: 'Object Lock configuration does not exist for this bucket' } } })), {});
    expect(archive(r)).toMatchObject({ verdict: 'fail', reason: `no Object Lock configuration (ObjectLockConfigurationNotFoundError) (archive of ${ORG_ARN})` });
  });
  it('Object Lock enabled without a default retention leaves log files unlocked: fail', () => {
    const r = archiveImmutability.evaluate(evalContext(day({ lock: { response: { ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } } } })), {});
    expect(archive(r).verdict).toBe('fail');
  });
  it('a trail bucket in an account that was not collected is not evidenced', () => {
    const r = archiveImmutability.evaluate(evalContext(day({ collectArchive: false })), {});
    expect(archive(r)).toMatchObject({ verdict: 'not-evidenced', account: MGMT, reason: `bucket ${ARCHIVE_BUCKET} (S3BucketName of ${ORG_ARN}) is not in the ListBuckets of any collected account: its account was not collected` });
  });
  it('a listed trail bucket whose answer is missing names the gap', () => {
    const answers = day().filter((a) => a.operation !== 'GetObjectLockConfiguration');
    const r = archiveImmutability.evaluate(evalContext(answers, [gap('s3:GetObjectLockConfiguration', ARCHIVE)]), {});
    expect(archive(r)).toMatchObject({ verdict: 'not-evidenced', reason: `s3:GetObjectLockConfiguration was not answered (AccessDenied) in ${ARCHIVE} us-east-1` });
  });
});

describe('cloudtrail.archive-retention', () => {
  const lifecycle = (rule: object): Reply => ({ response: { Rules: [{ ID: 'expire', Filter: { Prefix: '' }, Status: 'Enabled', ...rule }] } });
  it('a seven-year lifecycle on AWSLogs/ passes a one-year minimum', () => {
    expect(archive(archiveRetention.evaluate(evalContext(day()), { minRetentionDays: 365 }))).toMatchObject({ verdict: 'pass', reason: `no enabled lifecycle rule reaching AWSLogs/ expires objects in fewer than 365 days (1 enabled rule reaches them) (archive of ${ORG_ARN})` });
  });
  it('no lifecycle configuration passes: nothing expires the logs', () => {
    const r = archiveRetention.evaluate(evalContext(day({ lifecycle: { error: { code: 'NoSuchLifecycleConfiguration', message: 'The lifecycle configuration does not exist' } } })), { minRetentionDays: 365 });
    expect(archive(r).verdict).toBe('pass');
  });
  it('log files expiring after 90 days fail a one-year minimum', () => {
    const r = archiveRetention.evaluate(evalContext(day({ lifecycle: lifecycle({ Expiration: { Days: 90 } }) })), { minRetentionDays: 365 });
    expect(archive(r)).toMatchObject({ verdict: 'fail', reason: `rule expire Expiration.Days is 90: fewer than 365 days (archive of ${ORG_ARN})` });
  });
  it('noncurrent versions deleted after 30 days fail', () => {
    const r = archiveRetention.evaluate(evalContext(day({ lifecycle: lifecycle({ NoncurrentVersionExpiration: { NoncurrentDays: 30 } }) })), { minRetentionDays: 365 });
    expect(archive(r).reason).toContain('NoncurrentVersionExpiration.NoncurrentDays is 30');
  });
  it('a short rule on another prefix or a Disabled rule does not reach the log files', () => {
    const rules: Reply = { response: { Rules: [
      { ID: 'tmp', Filter: { Prefix: 'tmp/' }, Status: 'Enabled', Expiration: { Days: 1 } },
      { ID: 'old', Filter: {}, Status: 'Disabled', Expiration: { Days: 30 } },
    ] } };
    expect(archive(archiveRetention.evaluate(evalContext(day({ lifecycle: rules })), { minRetentionDays: 365 })).verdict).toBe('pass');
  });
  it('a lifecycle answer lost to a gap is not evidenced', () => {
    const answers = day().filter((a) => a.operation !== 'GetBucketLifecycleConfiguration');
    const r = archiveRetention.evaluate(evalContext(answers, [gap('s3:GetBucketLifecycleConfiguration', ARCHIVE, 'SlowDown')]), { minRetentionDays: 365 });
    expect(archive(r).verdict).toBe('not-evidenced');
  });
});

describe('determinism', () => {
  it('shuffled answers give byte-identical results for the archive and data-event rules', () => {
    const answers = [...day(), ...day({ lock: { error: { code: 'ObjectLockConfigurationNotFoundError', message: 'none' } } })];
    const run = (list: Answer[]): string => {
      const ctx = evalContext(list);
      return JSON.stringify([s3DataEvents.evaluate(ctx, STUDENT), archiveImmutability.evaluate(ctx, {}), archiveRetention.evaluate(ctx, { minRetentionDays: 365 })]);
    };
    const reference = run(answers);
    for (let k = 1; k < answers.length; k += 2) expect(run([...answers.slice(k), ...answers.slice(0, k)].reverse())).toBe(reference);
  });
});
