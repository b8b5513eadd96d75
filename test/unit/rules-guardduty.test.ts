import { guarddutyEnabled, highFindingsTriaged, s3Protection } from '../../src/evaluate/rules/guardduty';
import type { DayGap } from '../../src/evaluate/types';
import { OBSERVED_AT, evalContext, type Answer } from '../support/eval-context';

// Shapes from the GuardDuty API reference (ListDetectors, GetDetector, ListFindings, GetFindings).
const ACCOUNT = '111122223333';
const DETECTOR = '12abc34d567e8fa901bc2d34eexample';
const HOUR = 3_600_000;
const ago = (hours: number): string => new Date(Date.parse(OBSERVED_AT) - hours * HOUR).toISOString();

const listDetectors = (...ids: string[]): Answer => ({ service: 'guardduty', operation: 'ListDetectors', input: {}, response: { DetectorIds: ids } });

const feature = (Name: string, Status = 'ENABLED'): Record<string, unknown> => ({ Name, Status, UpdatedAt: new Date('2026-03-01T10:00:00.000Z') });
const getDetector = (over: Record<string, unknown> = {}): Answer => ({
  service: 'guardduty', operation: 'GetDetector', input: { DetectorId: DETECTOR },
  response: {
    CreatedAt: '2025-11-02T08:00:00.000Z', FindingPublishingFrequency: 'FIFTEEN_MINUTES', Status: 'ENABLED', UpdatedAt: '2026-03-01T10:00:00.000Z',
    ServiceRole: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
    DataSources: { CloudTrail: { Status: 'ENABLED' }, DNSLogs: { Status: 'ENABLED' }, FlowLogs: { Status: 'ENABLED' }, S3Logs: { Status: 'ENABLED' } },
    Features: [feature('CLOUD_TRAIL'), feature('DNS_LOGS'), feature('FLOW_LOGS'), feature('S3_DATA_EVENTS'), feature('EKS_AUDIT_LOGS', 'DISABLED')],
    Tags: {},
    ...over,
  },
});

const CRITERIA = { Criterion: { 'service.archived': { Equals: ['false'] }, severity: { GreaterThanOrEqual: 7 } } };
const listFindings = (ids: string[], criteria: unknown = CRITERIA): Answer => ({
  service: 'guardduty', operation: 'ListFindings', input: { DetectorId: DETECTOR, FindingCriteria: criteria, MaxResults: 50 }, response: { FindingIds: ids },
});

const finding = (Id: string, createdHoursAgo: number, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  AccountId: ACCOUNT, Arn: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/${DETECTOR}/finding/${Id}`, CreatedAt: ago(createdHoursAgo),
  Description: 'An IAM entity invoked an S3 API in a suspicious way.', Id, Partition: 'aws', Region: 'us-east-1', SchemaVersion: '2.0',
  Resource: { ResourceType: 'S3Bucket', S3BucketDetails: [{ Arn: 'arn:aws:s3:::student-records', Name: 'student-records', Type: 'Destination' }] },
  Service: { Archived: false, Count: 4, DetectorId: DETECTOR, EventFirstSeen: ago(createdHoursAgo + 1), EventLastSeen: ago(1), ResourceRole: 'TARGET', ServiceName: 'guardduty' },
  Severity: 8, Title: 'Anomalous S3 GetObject calls', Type: 'Exfiltration:S3/AnomalousBehavior', UpdatedAt: ago(1),
  ...over,
});

const getFindings = (findings: Array<Record<string, unknown>>): Answer => ({
  service: 'guardduty', operation: 'GetFindings', input: { DetectorId: DETECTOR, FindingIds: findings.map((f) => f.Id) }, response: { Findings: findings },
});

const gap = (operation: string): DayGap => ({ collector: 'guardduty', account: ACCOUNT, region: 'us-east-1', operation, errorCode: 'AccessDeniedException' });
const TRIAGE = { minSeverity: 7, maxOpenHours: 24 };

describe('guardduty.enabled', () => {
  it('a region with an ENABLED detector is watched', () => {
    const result = guarddutyEnabled.evaluate(evalContext([listDetectors(DETECTOR), getDetector()]), {});
    expect(result.verdict).toBe('pass');
    expect(result.resources[0]).toMatchObject({ resource: `${ACCOUNT}/us-east-1`, reason: `detector ${DETECTOR} has Status ENABLED` });
  });

  it('a region without any detector has no threat detection', () => {
    const result = guarddutyEnabled.evaluate(evalContext([listDetectors()]), {});
    expect(result.verdict).toBe('fail');
    expect(result.resources[0]?.reason).toBe('ListDetectors DetectorIds is empty: GuardDuty is not enabled in this region');
  });

  it('a suspended detector is not enabled', () => {
    expect(guarddutyEnabled.evaluate(evalContext([listDetectors(DETECTOR), getDetector({ Status: 'DISABLED' })]), {}).verdict).toBe('fail');
  });

  it('detectors that could not be listed are not evidenced', () => {
    const result = guarddutyEnabled.evaluate(evalContext([], [gap('guardduty:ListDetectors')], { accounts: [ACCOUNT], regions: ['us-east-1'] }), {});
    expect(result.resources[0]).toMatchObject({ verdict: 'not-evidenced', reason: 'guardduty:ListDetectors was not answered (AccessDeniedException) in 111122223333 us-east-1' });
  });

  it('gives byte-identical results whatever the order of the answers', () => {
    const answers = [listDetectors(DETECTOR), getDetector(), { ...listDetectors(), region: 'eu-west-1' }];
    const json = JSON.stringify(guarddutyEnabled.evaluate(evalContext(answers), {}));
    expect(JSON.stringify(guarddutyEnabled.evaluate(evalContext([...answers].reverse()), {}))).toBe(json);
  });
});

describe('guardduty.s3-protection', () => {
  it('S3_DATA_EVENTS enabled watches data access to buckets', () => {
    const result = s3Protection.evaluate(evalContext([listDetectors(DETECTOR), getDetector()]), {});
    expect(result.resources[0]).toMatchObject({ resource: DETECTOR, verdict: 'pass', reason: 'Features S3_DATA_EVENTS has Status ENABLED' });
  });

  it('S3_DATA_EVENTS disabled leaves bucket exfiltration unseen, whatever the legacy field says', () => {
    const off = getDetector({ Features: [feature('CLOUD_TRAIL'), feature('S3_DATA_EVENTS', 'DISABLED')] });
    const result = s3Protection.evaluate(evalContext([listDetectors(DETECTOR), off]), {});
    expect(result.resources[0]).toMatchObject({ verdict: 'fail', reason: 'Features S3_DATA_EVENTS has Status DISABLED' });
  });

  it('a detector that only reports the legacy DataSources is read from S3Logs', () => {
    const legacy = getDetector({ Features: undefined });
    expect(s3Protection.evaluate(evalContext([listDetectors(DETECTOR), legacy]), {}).resources[0]?.reason).toBe('no S3_DATA_EVENTS in Features; legacy DataSources.S3Logs.Status is ENABLED');
  });

  it('a detector whose configuration was not read is not evidenced', () => {
    const result = s3Protection.evaluate(evalContext([listDetectors(DETECTOR)], [gap('guardduty:GetDetector')]), {});
    expect(result.resources[0]).toMatchObject({ resource: DETECTOR, verdict: 'not-evidenced' });
  });

  it('gives byte-identical results whatever the order of the answers', () => {
    const answers = [listDetectors(DETECTOR), getDetector(), { ...getDetector({ Status: 'DISABLED' }), region: 'eu-west-1' }, { ...listDetectors(DETECTOR), region: 'eu-west-1' }];
    const json = JSON.stringify(s3Protection.evaluate(evalContext(answers), {}));
    expect(JSON.stringify(s3Protection.evaluate(evalContext([...answers].reverse()), {}))).toBe(json);
  });
});

describe('guardduty.high-findings-triaged', () => {
  it('a high finding raised within the triage window does not fail the control', () => {
    const answers = [listDetectors(DETECTOR), listFindings(['f1']), getFindings([finding('f1', 5)])];
    const result = highFindingsTriaged.evaluate(evalContext(answers), TRIAGE);
    expect(result.verdict).toBe('pass');
    expect(result.resources[0]).toMatchObject({ resource: DETECTOR });
    expect(result.resources[0]?.reason).toBe('no finding with Severity >= 7 left unarchived more than 24 hours (1 listed); 1 younger open finding(s): f1');
  });

  it('a high-severity exfiltration finding left open for three days fails, with its age', () => {
    const answers = [listDetectors(DETECTOR), listFindings(['f1', 'f2']), getFindings([finding('f1', 72.5), finding('f2', 2)])];
    const result = highFindingsTriaged.evaluate(evalContext(answers), TRIAGE);
    expect(result.verdict).toBe('fail');
    expect(result.resources).toEqual([expect.objectContaining({
      resource: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/${DETECTOR}/finding/f1`, verdict: 'fail',
      reason: `finding f1 (Exfiltration:S3/AnomalousBehavior, Severity 8) is not archived 72 hours after CreatedAt ${ago(72.5)}, more than 24`,
    })]);
  });

  it('archived and lower-severity findings need no triage', () => {
    const old = [finding('f1', 300, { Service: { Archived: true } }), finding('f2', 300, { Severity: 5 })];
    const result = highFindingsTriaged.evaluate(evalContext([listDetectors(DETECTOR), listFindings([]), getFindings(old)]), TRIAGE);
    expect(result.verdict).toBe('pass');
  });

  it('findings collected only from severity 7 cannot evidence a control from severity 4', () => {
    const result = highFindingsTriaged.evaluate(evalContext([listDetectors(DETECTOR), listFindings([])]), { minSeverity: 4, maxOpenHours: 24 });
    expect(result.resources[0]).toMatchObject({ verdict: 'not-evidenced', reason: 'ListFindings FindingCriteria severity {"GreaterThanOrEqual":7} leaves out findings from Severity 4' });
  });

  it('a listed finding without details is not evidenced', () => {
    const result = highFindingsTriaged.evaluate(evalContext([listDetectors(DETECTOR), listFindings(['f1'])]), TRIAGE);
    expect(result.resources[0]).toMatchObject({ verdict: 'not-evidenced', reason: 'ListFindings FindingIds f1 have no GetFindings answer' });
  });

  it('findings that could not be listed are not evidenced', () => {
    const result = highFindingsTriaged.evaluate(evalContext([listDetectors(DETECTOR)], [gap('guardduty:ListFindings')]), TRIAGE);
    expect(result.resources[0]).toMatchObject({ resource: DETECTOR, verdict: 'not-evidenced', reason: 'guardduty:ListFindings was not answered (AccessDeniedException) in 111122223333 us-east-1' });
  });

  it('gives byte-identical results whatever the order of the answers', () => {
    const answers = [listDetectors(DETECTOR), listFindings(['f1', 'f2', 'f3']), getFindings([finding('f2', 40), finding('f1', 50)]), getFindings([finding('f3', 1)])];
    const json = JSON.stringify(highFindingsTriaged.evaluate(evalContext(answers), TRIAGE));
    expect(JSON.stringify(highFindingsTriaged.evaluate(evalContext([...answers].reverse()), TRIAGE))).toBe(json);
  });
});
