import {
  AccessDeniedException,
  GetDetectorCommand,
  GetFindingsCommand,
  GetFindingsStatisticsCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListFindingsCommand,
  type GetDetectorCommandOutput,
  type ListFindingsCommandInput,
} from '@aws-sdk/client-guardduty';
import { mockClient } from 'aws-sdk-client-mock';
import { SdkClientProvider } from '../../src/collectors/clients';
import { guarddutyCollector } from '../../src/collectors/guardduty';
import type { ArtifactV1 } from '../../src/core/artifact';
import type { JsonValue } from '../../src/core/canonical';
import { artifactsOf, oneClient, recorder, target } from '../support/collect';
import { ScriptedHandler, TEST_CREDENTIALS } from '../support/scripted-handler';

/** What AWS answered (artifacts of error answers have none). */
const responseOf = (a: ArtifactV1): JsonValue | undefined => ('response' in a ? a.response : undefined);

const detectorId = '12abc34d567e8fa901bc2d34e56789f0';
const open = { 'service.archived': { Equals: ['false'] } };
const highOpen: ListFindingsCommandInput = { DetectorId: detectorId, FindingCriteria: { Criterion: { ...open, severity: { GreaterThanOrEqual: 7 } } }, SortCriteria: { AttributeName: 'updatedAt', OrderBy: 'DESC' }, MaxResults: 50 };

/** GetDetector as GuardDuty answers it (REST JSON, unmarshalled to the SDK's PascalCase). */
const detector: Omit<GetDetectorCommandOutput, '$metadata'> = {
  CreatedAt: '2025-01-15T09:12:40.123Z',
  UpdatedAt: '2026-06-01T10:00:00.000Z',
  FindingPublishingFrequency: 'FIFTEEN_MINUTES',
  ServiceRole: 'arn:aws:iam::111122223333:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
  Status: 'ENABLED',
  Features: [
    { Name: 'CLOUD_TRAIL', Status: 'ENABLED', UpdatedAt: new Date('2025-01-15T09:12:40Z') },
    { Name: 'DNS_LOGS', Status: 'ENABLED', UpdatedAt: new Date('2025-01-15T09:12:40Z') },
    { Name: 'FLOW_LOGS', Status: 'ENABLED', UpdatedAt: new Date('2025-01-15T09:12:40Z') },
    { Name: 'S3_DATA_EVENTS', Status: 'ENABLED', UpdatedAt: new Date('2025-01-15T09:12:40Z') },
  ],
  Tags: {},
};

function finding(id: string): object {
  return {
    AccountId: '111122223333',
    Arn: `arn:aws:guardduty:us-east-1:111122223333:detector/${detectorId}/finding/${id}`,
    CreatedAt: '2026-06-29T22:14:03.512Z',
    UpdatedAt: '2026-06-30T08:01:11.000Z',
    Id: id,
    Partition: 'aws',
    Region: 'us-east-1',
    Resource: { ResourceType: 'S3Bucket', S3BucketDetails: [{ Name: 'student-records', Type: 'Destination' }] },
    SchemaVersion: '2.0',
    Severity: 8,
    Title: 'Amazon S3 Block Public Access was disabled for S3 bucket student-records.',
    Type: 'Policy:S3/BucketBlockPublicAccessDisabled',
  };
}

const ids = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `f${String(from + i).padStart(31, '0')}`);

describe('guardduty collector', () => {
  const guardduty = mockClient(GuardDutyClient);
  beforeEach(() => {
    guardduty.reset();
    guardduty.on(GetDetectorCommand).resolves(detector);
    guardduty.on(GetFindingsStatisticsCommand).resolves({ FindingStatistics: { CountBySeverity: { '2.0': 4, '5.0': 1, '8.0': 2 } } });
    guardduty.on(GetFindingsCommand).callsFake((input: { FindingIds: string[] }) => Promise.resolve({ Findings: input.FindingIds.map(finding) }));
  });
  // mockClient stubs every GuardDutyClient; the retry tests below need the real one.
  afterAll(() => guardduty.restore());

  it('records the detector, open findings by severity, and the open high-severity findings in full', async () => {
    // Prepare
    guardduty.on(ListDetectorsCommand).resolves({ DetectorIds: [detectorId] });
    guardduty.on(ListFindingsCommand).resolves({ FindingIds: ids(2) });
    const rec = recorder('guardduty');
    // Act
    await guarddutyCollector.collect(target({ clients: oneClient(new GuardDutyClient({})) }), rec);
    // Assess
    expect(guardduty).toHaveReceivedCommandWith(ListDetectorsCommand, { MaxResults: 50 });
    expect(guardduty).toHaveReceivedCommandWith(GetDetectorCommand, { DetectorId: detectorId });
    expect(guardduty).toHaveReceivedCommandWith(GetFindingsStatisticsCommand, { DetectorId: detectorId, FindingStatisticTypes: ['COUNT_BY_SEVERITY'], FindingCriteria: { Criterion: open } });
    expect(guardduty.commandCalls(ListFindingsCommand).map((c) => c.args[0].input)).toEqual([highOpen]);
    expect(guardduty.commandCalls(GetFindingsCommand).map((c) => c.args[0].input)).toEqual([{ DetectorId: detectorId, FindingIds: ids(2) }]);
    expect(rec.gaps).toEqual([]);
    const arts = artifactsOf(rec);
    expect(arts.map((a) => a.request.operation)).toEqual(['ListDetectors', 'GetDetector', 'GetFindingsStatistics', 'ListFindings', 'GetFindings']);
    expect(arts.every((a) => a.request.service === 'guardduty' && a.request.region === 'us-east-1')).toBe(true);
    expect(responseOf(arts[1]!)).toMatchObject({ Status: 'ENABLED', Features: expect.arrayContaining([{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED', UpdatedAt: '2025-01-15T09:12:40.000Z' }]) });
    expect(responseOf(arts[4]!)).toMatchObject({ Findings: [{ CreatedAt: '2026-06-29T22:14:03.512Z', Severity: 8 }, { Id: ids(2)[1] }] });
  });

  it('records a region without GuardDuty (no detector) as an answer, not a gap', async () => {
    guardduty.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    const rec = recorder('guardduty', '111122223333', 'eu-west-1');
    await guarddutyCollector.collect(target({ region: 'eu-west-1', isHomeRegion: false, clients: oneClient(new GuardDutyClient({})) }), rec);
    expect(rec.gaps).toEqual([]);
    expect(artifactsOf(rec).map((a) => [a.request.operation, a.request.region, responseOf(a)])).toEqual([['ListDetectors', 'eu-west-1', { DetectorIds: [] }]]);
    expect(guardduty).toHaveReceivedCommandTimes(GetDetectorCommand, 0);
  });

  it('follows ListDetectors and ListFindings pages to the end, each page recorded with its input', async () => {
    guardduty.on(ListDetectorsCommand, { MaxResults: 50 }).resolves({ DetectorIds: [detectorId], NextToken: 'det-2' });
    guardduty.on(ListDetectorsCommand, { MaxResults: 50, NextToken: 'det-2' }).resolves({ DetectorIds: [] });
    guardduty.on(ListFindingsCommand, highOpen).resolves({ FindingIds: ids(50), NextToken: 'AAMA-page-2' });
    guardduty.on(ListFindingsCommand, { ...highOpen, NextToken: 'AAMA-page-2' }).resolves({ FindingIds: ids(3, 50) });
    const rec = recorder('guardduty');
    await guarddutyCollector.collect(target({ clients: oneClient(new GuardDutyClient({})) }), rec);
    const inputs = (op: string): unknown[] => artifactsOf(rec).filter((a) => a.request.operation === op).map((a) => a.request.input);
    expect(inputs('ListDetectors')).toEqual([{ MaxResults: 50 }, { MaxResults: 50, NextToken: 'det-2' }]);
    expect(inputs('ListFindings')).toEqual([highOpen, { ...highOpen, NextToken: 'AAMA-page-2' }]);
    expect(inputs('GetFindings')).toEqual([{ DetectorId: detectorId, FindingIds: ids(50) }, { DetectorId: detectorId, FindingIds: ids(3, 50) }]);
    expect(rec.gaps).toEqual([]);
  });

  it('asks GetFindings for at most 50 ids at a time, in list order (120 ids: 50, 50, 20)', async () => {
    guardduty.on(ListDetectorsCommand).resolves({ DetectorIds: [detectorId] });
    guardduty.on(ListFindingsCommand, highOpen).resolves({ FindingIds: ids(50), NextToken: 'p2' });
    guardduty.on(ListFindingsCommand, { ...highOpen, NextToken: 'p2' }).resolves({ FindingIds: ids(50, 50), NextToken: 'p3' });
    guardduty.on(ListFindingsCommand, { ...highOpen, NextToken: 'p3' }).resolves({ FindingIds: ids(20, 100) });
    const rec = recorder('guardduty');
    await guarddutyCollector.collect(target({ clients: oneClient(new GuardDutyClient({})) }), rec);
    const batches = guardduty.commandCalls(GetFindingsCommand).map((c) => c.args[0].input.FindingIds!);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches.flat()).toEqual(ids(120));
  });

  it('records AccessDeniedException as a gap and carries on with the next question', async () => {
    const denied = new AccessDeniedException({ message: 'User: arn:aws:sts::111122223333:assumed-role/EvidenceReader/run is not authorized to perform: guardduty:GetFindingsStatistics', $metadata: { httpStatusCode: 403 } });
    guardduty.on(ListDetectorsCommand).resolves({ DetectorIds: [detectorId] });
    guardduty.on(GetFindingsStatisticsCommand).rejects(denied);
    guardduty.on(ListFindingsCommand).resolves({ FindingIds: [] });
    const rec = recorder('guardduty');
    await guarddutyCollector.collect(target({ clients: oneClient(new GuardDutyClient({})) }), rec);
    expect(rec.gaps).toEqual([
      { collector: 'guardduty', account: '111122223333', region: 'us-east-1', operation: 'guardduty:GetFindingsStatistics', errorCode: 'AccessDeniedException', message: denied.message },
    ]);
    expect(artifactsOf(rec).map((a) => a.request.operation)).toEqual(['ListDetectors', 'GetDetector', 'ListFindings']);
    expect(guardduty).toHaveReceivedCommandTimes(GetFindingsCommand, 0);
  });
});

describe('guardduty collector through the real SDK retry strategy', () => {
  const throttle = {
    statusCode: 429,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' },
    body: JSON.stringify({ __type: 'TooManyRequestsException', message: 'Rate exceeded' }),
  };

  it('sends the documented REST JSON request and records a gap when throttling outlasts the retries', async () => {
    const handler = new ScriptedHandler([throttle]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 2 });
    const rec = recorder('guardduty');
    await guarddutyCollector.collect(target({ clients }), rec);
    clients.destroy();
    expect(handler.requests).toHaveLength(2);
    expect([handler.requests[0]!.method, handler.requests[0]!.path, handler.requests[0]!.query]).toEqual(['GET', '/detector', { maxResults: '50' }]);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['guardduty:ListDetectors', 'TooManyRequestsException']]);
    expect(rec.artifacts).toEqual([]);
  });

  it('retries throttling and records the answer, with camelCase on the wire', async () => {
    const json = { 'content-type': 'application/json' };
    const handler = new ScriptedHandler([
      throttle,
      { statusCode: 200, headers: json, body: JSON.stringify({ detectorIds: [detectorId] }) },
      { statusCode: 200, headers: json, body: JSON.stringify({ createdAt: '2025-01-15T09:12:40.123Z', status: 'ENABLED', serviceRole: 'r', features: [{ name: 'S3_DATA_EVENTS', status: 'ENABLED' }] }) },
      { statusCode: 200, headers: json, body: JSON.stringify({ findingStatistics: { countBySeverity: {} } }) },
      { statusCode: 200, headers: json, body: JSON.stringify({ findingIds: [] }) },
    ]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 3 });
    const rec = recorder('guardduty');
    await guarddutyCollector.collect(target({ clients }), rec);
    clients.destroy();
    expect(rec.gaps).toEqual([]);
    expect(handler.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /detector', 'GET /detector', `GET /detector/${detectorId}`, `POST /detector/${detectorId}/findings/statistics`, `POST /detector/${detectorId}/findings`,
    ]);
    expect(JSON.parse(new TextDecoder().decode(handler.requests[4]!.body as Uint8Array))).toEqual({
      findingCriteria: { criterion: { 'service.archived': { equals: ['false'] }, severity: { greaterThanOrEqual: 7 } } },
      sortCriteria: { attributeName: 'updatedAt', orderBy: 'DESC' },
      maxResults: 50,
    });
    expect(responseOf(artifactsOf(rec)[1]!)).toEqual({ CreatedAt: '2025-01-15T09:12:40.123Z', Status: 'ENABLED', ServiceRole: 'r', Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }] });
  });
});
