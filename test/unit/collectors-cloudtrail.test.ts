import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { SdkClientProvider } from '../../src/collectors/clients';
import { cloudtrailCollector } from '../../src/collectors/cloudtrail';
import { Recorder } from '../../src/collectors/recorder';
import type { ClientProvider } from '../../src/collectors/types';
import { ScriptedHandler, TEST_CREDENTIALS, jsonThrottle } from '../support/scripted-handler';

const now = (): Date => new Date('2026-07-01T06:00:00Z');
const account = '111122223333';
const orgTrail = {
  Name: 'org-trail',
  TrailARN: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail',
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: true,
  IsOrganizationTrail: true,
  LogFileValidationEnabled: true,
  S3BucketName: 'org-cloudtrail-archive',
};
const shadow = { ...orgTrail, Name: 'other', TrailARN: 'arn:aws:cloudtrail:us-west-2:111122223333:trail/other', HomeRegion: 'us-west-2' };

function provider(client: CloudTrailClient): ClientProvider {
  return { get: <C>() => client as unknown as C };
}

describe('cloudtrail collector', () => {
  const cloudtrail = mockClient(CloudTrailClient);
  beforeEach(() => cloudtrail.reset());
  // mockClient stubs every CloudTrailClient; the retry tests below need the real one.
  afterAll(() => cloudtrail.restore());

  it('records the trails, and status and selectors of the trails homed in the region', async () => {
    // Prepare
    cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [orgTrail, shadow], $metadata: { requestId: 'r1' } });
    cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true, LatestDeliveryTime: new Date('2026-07-01T05:55:00Z') });
    cloudtrail.on(GetEventSelectorsCommand).resolves({ TrailARN: orgTrail.TrailARN, AdvancedEventSelectors: [] });
    const rec = new Recorder('cloudtrail', account, 'us-east-1', now);
    // Act
    await cloudtrailCollector.collect({ account, region: 'us-east-1', isHomeRegion: true, settings: { date: '2026-07-01' }, clients: provider(new CloudTrailClient({})) }, rec);
    // Assess
    expect(cloudtrail).toHaveReceivedCommandWith(DescribeTrailsCommand, { includeShadowTrails: true });
    expect(cloudtrail).toHaveReceivedCommandTimes(GetTrailStatusCommand, 1);
    expect(cloudtrail).toHaveReceivedCommandWith(GetTrailStatusCommand, { Name: orgTrail.TrailARN });
    expect(cloudtrail).toHaveReceivedCommandWith(GetEventSelectorsCommand, { TrailName: orgTrail.TrailARN });
    expect(rec.gaps).toEqual([]);
    expect(rec.artifacts).toHaveLength(3);
    const status = JSON.parse(rec.artifacts[1]!.bytes.toString()) as { response: unknown; request: unknown };
    expect(status.request).toEqual({ service: 'cloudtrail', operation: 'GetTrailStatus', input: { Name: orgTrail.TrailARN }, account, region: 'us-east-1' });
    expect(status.response).toEqual({ IsLogging: true, LatestDeliveryTime: '2026-07-01T05:55:00.000Z' });
    expect(rec.artifacts[0]!.bytes.toString()).not.toContain('$metadata');
  });

  it('records AccessDenied as a gap and asks nothing more', async () => {
    cloudtrail.on(DescribeTrailsCommand).rejects(Object.assign(new Error('User is not authorized to perform: cloudtrail:DescribeTrails'), { name: 'AccessDeniedException' }));
    const rec = new Recorder('cloudtrail', account, 'us-east-1', now);
    await cloudtrailCollector.collect({ account, region: 'us-east-1', isHomeRegion: true, settings: { date: '2026-07-01' }, clients: provider(new CloudTrailClient({})) }, rec);
    expect(rec.artifacts).toEqual([]);
    expect(rec.gaps).toEqual([
      { collector: 'cloudtrail', account, region: 'us-east-1', operation: 'cloudtrail:DescribeTrails', errorCode: 'AccessDeniedException', message: 'User is not authorized to perform: cloudtrail:DescribeTrails' },
    ]);
    expect(cloudtrail).toHaveReceivedCommandTimes(GetTrailStatusCommand, 0);
  });

  it('keeps going when one trail fails: a gap for it, artifacts for the rest', async () => {
    cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [orgTrail] });
    cloudtrail.on(GetTrailStatusCommand).rejects(Object.assign(new Error('Trail not found'), { name: 'TrailNotFoundException' }));
    cloudtrail.on(GetEventSelectorsCommand).resolves({ TrailARN: orgTrail.TrailARN, EventSelectors: [] });
    const rec = new Recorder('cloudtrail', account, 'us-east-1', now);
    await cloudtrailCollector.collect({ account, region: 'us-east-1', isHomeRegion: true, settings: { date: '2026-07-01' }, clients: provider(new CloudTrailClient({})) }, rec);
    expect(rec.gaps.map((g) => g.errorCode)).toEqual(['TrailNotFoundException']);
    expect(rec.artifacts).toHaveLength(2);
  });
});

describe('cloudtrail collector through the real SDK retry strategy', () => {
  it('retries throttling with backoff and records the answer that finally came', async () => {
    const body = JSON.stringify({ trailList: [] });
    const handler = new ScriptedHandler([jsonThrottle(), jsonThrottle(), { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body }]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 5 });
    const rec = new Recorder('cloudtrail', account, 'us-east-1', now);
    await cloudtrailCollector.collect({ account, region: 'us-east-1', isHomeRegion: true, settings: { date: '2026-07-01' }, clients }, rec);
    clients.destroy();
    expect(handler.requests).toHaveLength(3);
    expect(handler.requests[0]!.headers['x-amz-target']).toBe('CloudTrail_20131101.DescribeTrails');
    expect(rec.gaps).toEqual([]);
    expect(rec.artifacts).toHaveLength(1);
  });

  it('records a gap when throttling outlasts the retries', async () => {
    const handler = new ScriptedHandler([jsonThrottle()]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 2 });
    const rec = new Recorder('cloudtrail', account, 'us-east-1', now);
    await cloudtrailCollector.collect({ account, region: 'us-east-1', isHomeRegion: true, settings: { date: '2026-07-01' }, clients }, rec);
    clients.destroy();
    expect(handler.requests).toHaveLength(2);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['cloudtrail:DescribeTrails', 'ThrottlingException']]);
  });
});
