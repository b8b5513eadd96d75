import { cloudwatchDelivery, kmsEncryption, logFileValidation } from '../../src/evaluate/rules/cloudtrail-per-trail';
import { CLOUDTRAIL_RULES, managementEvents, multiRegionLogging, organizationTrail } from '../../src/evaluate/rules/cloudtrail';
import { archiveImmutability, archiveRetention } from '../../src/evaluate/rules/cloudtrail-archive';
import { s3DataEvents } from '../../src/evaluate/rules/cloudtrail-data-events';
import type { DayGap, EvalContext } from '../../src/evaluate/types';
import { evalContext, type Answer } from '../support/eval-context';

/**
 * CloudTrail rules over answers shaped like the CloudTrail API Reference examples
 * (DescribeTrails trailList, GetTrailStatus, GetEventSelectors), as the collector records
 * them: DescribeTrails with shadow trails in every account × region, status and selectors in
 * the trail's home account and region only.
 */
const MGMT = '111122223333';
const MEMBER = '444455556666';
const ORG_ARN = `arn:aws:cloudtrail:us-east-1:${MGMT}:trail/org-trail`;
const LEGACY_ARN = `arn:aws:cloudtrail:us-west-2:${MEMBER}:trail/legacy-trail`;
const REGIONS = ['us-east-1', 'us-west-2'];

const orgTrail = {
  Name: 'org-trail', S3BucketName: 'org-cloudtrail-archive', IncludeGlobalServiceEvents: true, IsMultiRegionTrail: true,
  HomeRegion: 'us-east-1', TrailARN: ORG_ARN, LogFileValidationEnabled: true,
  CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${MGMT}:log-group:aws-cloudtrail-logs-org:*`,
  CloudWatchLogsRoleArn: `arn:aws:iam::${MGMT}:role/CloudTrail_CloudWatchLogs_Role`,
  KmsKeyId: `arn:aws:kms:us-east-1:${MGMT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  HasCustomEventSelectors: true, HasInsightSelectors: false, IsOrganizationTrail: true,
};
const legacyTrail = {
  Name: 'legacy-trail', S3BucketName: 'legacy-cloudtrail-us-west-2', S3KeyPrefix: 'legacy', IncludeGlobalServiceEvents: false,
  IsMultiRegionTrail: false, HomeRegion: 'us-west-2', TrailARN: LEGACY_ARN, LogFileValidationEnabled: false,
  HasCustomEventSelectors: false, HasInsightSelectors: false, IsOrganizationTrail: false,
};

const describe_ = (account: string, region: string, trails: object[]): Answer => ({
  service: 'cloudtrail', operation: 'DescribeTrails', input: { includeShadowTrails: true }, account, region, response: { trailList: trails },
});

function status(arn: string, over: Record<string, unknown> = {}, account = MGMT, region = 'us-east-1'): Answer {
  return {
    service: 'cloudtrail', operation: 'GetTrailStatus', input: { Name: arn }, account, region,
    response: {
      IsLogging: true, LatestDeliveryTime: new Date('2026-07-15T05:57:41Z'), LatestDigestDeliveryTime: new Date('2026-07-15T05:14:32Z'),
      LatestCloudWatchLogsDeliveryTime: new Date('2026-07-15T05:57:43Z'), StartLoggingTime: new Date('2021-02-17T15:20:03Z'),
      LatestDeliveryAttemptTime: '2026-07-15T05:57:41Z', LatestNotificationAttemptTime: '', LatestNotificationAttemptSucceeded: '',
      LatestDeliveryAttemptSucceeded: '2026-07-15T05:57:41Z', TimeLoggingStarted: '2021-02-17T15:20:03Z', TimeLoggingStopped: '',
      ...over,
    },
  };
}

const ALL_MANAGEMENT = { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] };

function selectors(arn: string, body: object, account = MGMT, region = 'us-east-1'): Answer {
  return { service: 'cloudtrail', operation: 'GetEventSelectors', input: { TrailName: arn }, account, region, response: { TrailARN: arn, ...body } };
}

/** The organization trail listed everywhere, its status and selectors in the management account's us-east-1. */
function organization(over: { status?: Record<string, unknown>; selectors?: object; trail?: object } = {}): Answer[] {
  const trail = { ...orgTrail, ...over.trail };
  return [
    ...[MGMT, MEMBER].flatMap((a) => REGIONS.map((r) => describe_(a, r, [trail]))),
    status(ORG_ARN, over.status),
    selectors(ORG_ARN, over.selectors ?? { EventSelectors: [ALL_MANAGEMENT] }),
  ];
}

const gap = (operation: string, account: string, region: string, errorCode = 'AccessDeniedException'): DayGap => ({ collector: 'cloudtrail', account, region, operation, errorCode });
const verdicts = (r: { resources: Array<{ resource: string; verdict: string }> }): Record<string, string> => Object.fromEntries(r.resources.map((x) => [x.resource, x.verdict]));

describe('cloudtrail.multi-region-logging', () => {
  it('an organization trail that is logging covers every account and region, its status read from the management account', () => {
    const r = multiRegionLogging.evaluate(evalContext(organization()), {});
    expect(r.verdict).toBe('pass');
    expect(r.resources).toHaveLength(4);
    const member = r.resources.find((x) => x.resource === `${MEMBER}/us-west-2`)!;
    expect(member.reason).toBe(`multi-region trail ${ORG_ARN} has IsLogging true`);
    expect(member.evidence).toHaveLength(2);
  });

  it('a stopped organization trail (IsLogging false) fails every region', () => {
    const r = multiRegionLogging.evaluate(evalContext(organization({ status: { IsLogging: false, StopLoggingTime: new Date('2026-07-14T22:31:08Z') } })), {});
    expect(r.verdict).toBe('fail');
    expect(new Set(Object.values(verdicts(r)))).toEqual(new Set(['fail']));
    expect(r.resources[0]!.reason).toBe(`IsLogging is false for every multi-region trail (${ORG_ARN})`);
  });

  it('a region logged only by a single-region trail fails', () => {
    const ctx = evalContext([describe_(MEMBER, 'us-west-2', [legacyTrail]), status(LEGACY_ARN, {}, MEMBER, 'us-west-2')]);
    const r = multiRegionLogging.evaluate(ctx, {});
    expect(r.verdict).toBe('fail');
    expect(r.resources[0]!.reason).toBe(`no trail in DescribeTrails has IsMultiRegionTrail true (trails: ${LEGACY_ARN})`);
  });

  it('a region whose DescribeTrails was denied is not evidenced, naming the gap', () => {
    const answers = organization().filter((a) => !(a.operation === 'DescribeTrails' && a.account === MEMBER && a.region === 'us-west-2'));
    const r = multiRegionLogging.evaluate(evalContext(answers, [gap('cloudtrail:DescribeTrails', MEMBER, 'us-west-2')]), {});
    expect(r.verdict).toBe('not-evidenced');
    expect(verdicts(r)[`${MEMBER}/us-west-2`]).toBe('not-evidenced');
    expect(r.resources.find((x) => x.verdict === 'not-evidenced')!.reason).toBe(`cloudtrail:DescribeTrails was not answered (AccessDeniedException) in ${MEMBER} us-west-2`);
  });

  it('a member account collected without the management account cannot see the organization trail status', () => {
    const answers = REGIONS.map((r) => describe_(MEMBER, r, [orgTrail]));
    const r = multiRegionLogging.evaluate(evalContext(answers), {});
    expect(r.verdict).toBe('not-evidenced');
    expect(r.resources[0]!.reason).toBe(`trail ${ORG_ARN}: no cloudtrail:GetTrailStatus answer was collected for ${MGMT} us-east-1`);
  });
});

describe('cloudtrail.organization-trail', () => {
  it('every account covered by the logging organization trail passes', () => {
    const r = organizationTrail.evaluate(evalContext(organization()), {});
    expect(verdicts(r)).toEqual({ [MGMT]: 'pass', [MEMBER]: 'pass' });
    expect(r.resources[0]!.reason).toBe(`organization trail ${ORG_ARN} (IsOrganizationTrail true) has IsLogging true`);
  });

  it('an account with only its own trails (IsOrganizationTrail false) fails', () => {
    const ctx = evalContext([...REGIONS.map((r) => describe_(MEMBER, r, [legacyTrail])), status(LEGACY_ARN, {}, MEMBER, 'us-west-2')]);
    const r = organizationTrail.evaluate(ctx, {});
    expect(r.verdict).toBe('fail');
    expect(r.resources[0]!.reason).toBe(`no trail listed by DescribeTrails in ${MEMBER} has IsOrganizationTrail true`);
  });

  it('an account with a region not listed cannot be failed: not evidenced', () => {
    const ctx = evalContext([describe_(MEMBER, 'us-east-1', [])], [gap('cloudtrail:DescribeTrails', MEMBER, 'us-west-2', 'ThrottlingException')], { regions: REGIONS });
    const r = organizationTrail.evaluate(ctx, {});
    expect(r.resources).toEqual([expect.objectContaining({ resource: MEMBER, region: '*', verdict: 'not-evidenced', reason: `cloudtrail:DescribeTrails was not answered (ThrottlingException) in ${MEMBER} us-west-2` })]);
  });
});

describe('cloudtrail.management-events', () => {
  it('the logging multi-region trail recording all management events (classic selector) passes', () => {
    const r = managementEvents.evaluate(evalContext(organization()), {});
    expect(r.verdict).toBe('pass');
    expect(r.resources[0]!.reason).toBe(`logging multi-region trail ${ORG_ARN} records all management events (EventSelectors[0] IncludeManagementEvents true, ReadWriteType All)`);
  });

  it('advanced selectors with eventCategory Management and no readOnly field pass', () => {
    const advanced = { AdvancedEventSelectors: [{ Name: 'Management events selector', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] };
    expect(managementEvents.evaluate(evalContext(organization({ selectors: advanced })), {}).verdict).toBe('pass');
  });

  it('separate ReadOnly and WriteOnly selectors together record all management events', () => {
    const split = { EventSelectors: [{ ...ALL_MANAGEMENT, ReadWriteType: 'ReadOnly' }, { ...ALL_MANAGEMENT, ReadWriteType: 'WriteOnly' }] };
    expect(managementEvents.evaluate(evalContext(organization({ selectors: split })), {}).verdict).toBe('pass');
  });

  it('a trail recording only write management events (ReadWriteType WriteOnly) fails', () => {
    const r = managementEvents.evaluate(evalContext(organization({ selectors: { EventSelectors: [{ ...ALL_MANAGEMENT, ReadWriteType: 'WriteOnly' }] } })), {});
    expect(r.verdict).toBe('fail');
    expect(r.resources[0]!.reason).toContain('records management writes only');
  });

  it('excluding kms.amazonaws.com from management events fails', () => {
    const advanced = { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }] }] };
    const r = managementEvents.evaluate(evalContext(organization({ selectors: advanced })), {});
    expect(r.verdict).toBe('fail');
    expect(r.resources[0]!.reason).toContain('excludes management event sources kms.amazonaws.com');
  });

  it('event selectors that could not be read are not evidenced', () => {
    const answers = organization().filter((a) => a.operation !== 'GetEventSelectors');
    const r = managementEvents.evaluate(evalContext(answers, [gap('cloudtrail:GetEventSelectors', MGMT, 'us-east-1')]), {});
    expect(r.verdict).toBe('not-evidenced');
    expect(r.resources[0]!.reason).toBe(`trail ${ORG_ARN}: cloudtrail:GetEventSelectors was not answered (AccessDeniedException) in ${MGMT} us-east-1`);
  });
});

describe('per-trail settings', () => {
  const withLegacy = (): Answer[] => [
    ...organization().map((a) => (a.operation === 'DescribeTrails' && a.account === MEMBER && a.region === 'us-west-2' ? describe_(MEMBER, 'us-west-2', [orgTrail, legacyTrail]) : a)),
    status(LEGACY_ARN, { LatestCloudWatchLogsDeliveryTime: undefined }, MEMBER, 'us-west-2'),
  ];

  it('log file validation: judged once per trail in its home account and region; LogFileValidationEnabled false fails', () => {
    const r = logFileValidation.evaluate(evalContext(withLegacy()), {});
    expect(r.resources.map((x) => [x.resource, x.account, x.region, x.verdict, x.reason])).toEqual([
      [ORG_ARN, MGMT, 'us-east-1', 'pass', 'LogFileValidationEnabled is true'],
      [LEGACY_ARN, MEMBER, 'us-west-2', 'fail', 'LogFileValidationEnabled is false'],
    ]);
  });

  it('log file validation: a region whose trails could not be listed is not evidenced', () => {
    const answers = organization().filter((a) => !(a.operation === 'DescribeTrails' && a.account === MEMBER && a.region === 'us-east-1'));
    const r = logFileValidation.evaluate(evalContext(answers, [gap('cloudtrail:DescribeTrails', MEMBER, 'us-east-1')]), {});
    expect(verdicts(r)).toEqual({ [ORG_ARN]: 'pass', [`${MEMBER}/us-east-1`]: 'not-evidenced' });
    expect(r.verdict).toBe('not-evidenced');
  });

  it('KMS encryption: KmsKeyId present passes, absent fails', () => {
    const r = kmsEncryption.evaluate(evalContext(withLegacy()), {});
    expect(verdicts(r)).toEqual({ [ORG_ARN]: 'pass', [LEGACY_ARN]: 'fail' });
    expect(r.resources.find((x) => x.resource === LEGACY_ARN)!.reason).toBe('KmsKeyId is absent (log files are encrypted with SSE-S3 only)');
  });

  it('CloudWatch delivery 2 minutes before observation passes; a trail without a log group fails', () => {
    const r = cloudwatchDelivery.evaluate(evalContext(withLegacy()), { maxDeliveryAgeHours: 24 });
    expect(verdicts(r)).toEqual({ [ORG_ARN]: 'pass', [LEGACY_ARN]: 'fail' });
    expect(r.resources.find((x) => x.resource === LEGACY_ARN)!.reason).toBe('CloudWatchLogsLogGroupArn is absent (events are not sent to CloudWatch Logs)');
  });

  it('CloudWatch delivery 30 hours old fails against a 24 hour limit', () => {
    const r = cloudwatchDelivery.evaluate(evalContext(organization({ status: { LatestCloudWatchLogsDeliveryTime: new Date('2026-07-14T00:00:00Z') } })), { maxDeliveryAgeHours: 24 });
    expect(r.resources[0]).toMatchObject({ verdict: 'fail', reason: 'LatestCloudWatchLogsDeliveryTime is 2026-07-14T00:00:00.000Z, 30.0 h before the status was observed (limit 24 h)' });
  });

  it('CloudWatch delivery with LatestCloudWatchLogsDeliveryError fails', () => {
    const r = cloudwatchDelivery.evaluate(evalContext(organization({ status: { LatestCloudWatchLogsDeliveryError: 'AccessDenied' } })), { maxDeliveryAgeHours: 24 });
    expect(r.resources[0]).toMatchObject({ verdict: 'fail', reason: 'LatestCloudWatchLogsDeliveryError is AccessDenied' });
  });

  it('CloudWatch delivery without a trail status is not evidenced', () => {
    const answers = organization().filter((a) => a.operation !== 'GetTrailStatus');
    const r = cloudwatchDelivery.evaluate(evalContext(answers, [gap('cloudtrail:GetTrailStatus', MGMT, 'us-east-1', 'ThrottlingException')]), { maxDeliveryAgeHours: 24 });
    expect(r.resources[0]).toMatchObject({ resource: ORG_ARN, verdict: 'not-evidenced', reason: `trail ${ORG_ARN}: cloudtrail:GetTrailStatus was not answered (ThrottlingException) in ${MGMT} us-east-1` });
  });
});

describe('determinism', () => {
  it('shuffled answers give byte-identical results for every CloudTrail rule', () => {
    const answers = [...organization(), describe_(MEMBER, 'us-west-2', [orgTrail, legacyTrail]), status(LEGACY_ARN, {}, MEMBER, 'us-west-2')];
    const ctxOf = (list: Answer[]): EvalContext => evalContext(list, [], { regions: REGIONS, accounts: [MGMT, MEMBER] });
    const bucket = { tagKey: 'data-classification', tagValues: ['student-data'] };
    const run = (list: Answer[]): string => {
      const ctx = ctxOf(list);
      return JSON.stringify([
        multiRegionLogging.evaluate(ctx, {}), organizationTrail.evaluate(ctx, {}), managementEvents.evaluate(ctx, {}),
        logFileValidation.evaluate(ctx, {}), kmsEncryption.evaluate(ctx, {}), cloudwatchDelivery.evaluate(ctx, { maxDeliveryAgeHours: 24 }),
        s3DataEvents.evaluate(ctx, bucket), archiveImmutability.evaluate(ctx, {}), archiveRetention.evaluate(ctx, { minRetentionDays: 365 }),
      ]);
    };
    expect(CLOUDTRAIL_RULES).toHaveLength(9);
    const reference = run(answers);
    for (let k = 1; k < answers.length; k++) expect(run([...answers.slice(k), ...answers.slice(0, k)].reverse())).toBe(reference);
  });
});
