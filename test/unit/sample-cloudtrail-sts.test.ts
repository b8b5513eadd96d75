import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  ListTrailsCommand,
  TrailNotFoundException,
} from '@aws-sdk/client-cloudtrail';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ORG_TRAIL_ARN, ORG_TRAIL_NAME, SAMPLE_ACCOUNTS, SAMPLE_REGIONS, STUDENT_RECORDS_BUCKET, createSampleRequestHandler } from '../../src/sample';

const credentials = { accessKeyId: 'AKIDSAMPLEEXAMPLE', secretAccessKey: 'sample-secret' };
const mgmt = SAMPLE_ACCOUNTS.management.id;
const prod = SAMPLE_ACCOUNTS.production.id;

function cloudTrail(account: string, day: number, region = 'us-east-1'): CloudTrailClient {
  return new CloudTrailClient({ region, credentials, maxAttempts: 1, requestHandler: createSampleRequestHandler({ account, day }) });
}

describe('sample STS', () => {
  it('answers GetCallerIdentity as the collector role of the handler account', async () => {
    // Prepare
    const sts = new STSClient({ region: 'us-west-2', credentials, requestHandler: createSampleRequestHandler({ account: prod, day: 0 }) });
    // Act
    const out = await sts.send(new GetCallerIdentityCommand({}));
    // Assess
    expect(out.Account).toBe(prod);
    expect(out.Arn).toBe(`arn:aws:sts::${prod}:assumed-role/EvidenceVaultReadOnly/evidence-collector`);
    expect(out.UserId).toMatch(/^AROA[A-Z0-9]{17}:evidence-collector$/);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('sample CloudTrail', () => {
  it('describes the organization trail in the management home region', async () => {
    const out = await cloudTrail(mgmt, 0).send(new DescribeTrailsCommand({}));
    expect(out.trailList).toHaveLength(1);
    expect(out.trailList?.[0]).toMatchObject({
      Name: ORG_TRAIL_NAME, TrailARN: ORG_TRAIL_ARN, HomeRegion: 'us-east-1', IsOrganizationTrail: true,
      IsMultiRegionTrail: true, LogFileValidationEnabled: true, HasCustomEventSelectors: true,
    });
    expect(out.trailList?.[0]?.KmsKeyId).toMatch(/^arn:aws:kms:us-east-1:/);
    expect(out.trailList?.[0]?.CloudWatchLogsLogGroupArn).toMatch(/^arn:aws:logs:us-east-1:/);
  });

  it('shows the organization trail as a shadow trail in member accounts, hidden when includeShadowTrails is false', async () => {
    const shown = await cloudTrail(prod, 0, 'us-west-2').send(new DescribeTrailsCommand({}));
    expect(shown.trailList?.map((t) => t.Name)).toEqual([ORG_TRAIL_NAME]);
    const own = await cloudTrail(prod, 0, 'us-west-2').send(new DescribeTrailsCommand({ includeShadowTrails: false }));
    expect(own.trailList).toEqual([]);
  });

  it('lists only the organization trail in every account and region, delivering to a bucket some account lists', async () => {
    // Prepare
    const accounts = [mgmt, SAMPLE_ACCOUNTS.logArchive.id, prod];
    const s3 = (account: string) => new S3Client({ region: 'us-east-1', credentials, maxAttempts: 1, requestHandler: createSampleRequestHandler({ account, day: 0 }) });
    // Act
    const listings = await Promise.all(accounts.flatMap((a) => SAMPLE_REGIONS.map((r) => cloudTrail(a, 0, r).send(new DescribeTrailsCommand({})))));
    const buckets = await Promise.all(accounts.map((a) => s3(a).send(new ListBucketsCommand({}))));
    // Assess
    expect(listings.map((l) => l.trailList?.map((t) => t.TrailARN))).toEqual(listings.map(() => [ORG_TRAIL_ARN]));
    const listed = buckets.flatMap((b) => b.Buckets?.map((x) => x.Name) ?? []);
    expect(listed).toContain(listings[0]?.trailList?.[0]?.S3BucketName);
  });

  it('knows no production legacy trail any more', async () => {
    const arn = `arn:aws:cloudtrail:us-west-2:${prod}:trail/brightpath-prod-legacy-trail`;
    const err: unknown = await cloudTrail(prod, 0, 'us-west-2').send(new GetTrailStatusCommand({ Name: arn })).catch((e: unknown) => e);
    expect((err as Error).name).toBe('TrailNotFoundException');
    const selectors: unknown = await cloudTrail(prod, 0, 'us-west-2').send(new GetEventSelectorsCommand({ TrailName: 'brightpath-prod-legacy-trail' })).catch((e: unknown) => e);
    expect((selectors as Error).name).toBe('TrailNotFoundException');
  });

  it('reports the trail logging, then stopped with stale delivery on days 40-41, then restarted', async () => {
    const status = async (day: number) => cloudTrail(mgmt, day).send(new GetTrailStatusCommand({ Name: ORG_TRAIL_NAME }));
    const [d39, d40, d41, d42] = await Promise.all([status(39), status(40), status(41), status(42)]);
    expect([d39.IsLogging, d40.IsLogging, d41.IsLogging, d42.IsLogging]).toEqual([true, false, false, true]);
    expect(d40.LatestDeliveryTime).toEqual(d41.LatestDeliveryTime);
    expect(d40.LatestDeliveryTime?.getTime()).toBeLessThan(Date.parse('2025-08-10T00:00:00Z'));
    expect(d40.StopLoggingTime?.toISOString()).toBe('2025-08-09T22:31:08.604Z');
    expect(d42.StartLoggingTime?.toISOString()).toBe('2025-08-12T03:12:55.208Z');
    expect(d39.LatestDeliveryTime?.toISOString().slice(0, 10)).toBe('2025-08-09');
    expect(d42.LatestDeliveryTime?.toISOString().slice(0, 10)).toBe('2025-08-12');
  });

  it('answers GetTrailStatus for the organization trail by ARN from a member account', async () => {
    const out = await cloudTrail(prod, 3, 'us-west-2').send(new GetTrailStatusCommand({ Name: ORG_TRAIL_ARN }));
    expect(out.IsLogging).toBe(true);
  });

  it('lists S3 data events for the student-records bucket only', async () => {
    const out = await cloudTrail(mgmt, 0).send(new GetEventSelectorsCommand({ TrailName: ORG_TRAIL_NAME }));
    expect(out.TrailARN).toBe(ORG_TRAIL_ARN);
    expect(out.EventSelectors).toEqual([{
      ReadWriteType: 'All', IncludeManagementEvents: true, ExcludeManagementEventSources: [],
      DataResources: [{ Type: 'AWS::S3::Object', Values: [`arn:aws:s3:::${STUDENT_RECORDS_BUCKET}/`] }],
    }]);
  });

  it('throws the typed TrailNotFoundException for a trail name that is a shadow here', async () => {
    const err: unknown = await cloudTrail(prod, 0).send(new GetTrailStatusCommand({ Name: ORG_TRAIL_NAME })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrailNotFoundException);
    expect((err as Error).name).toBe('TrailNotFoundException');
    expect((err as Error).message).toBe(`Unknown trail: arn:aws:cloudtrail:us-east-1:${prod}:trail/${ORG_TRAIL_NAME} for the user: ${prod}`);
  });

  it('answers an unrecorded operation with UnknownOperationException naming it', async () => {
    const err: unknown = await cloudTrail(mgmt, 0).send(new ListTrailsCommand({})).catch((e: unknown) => e);
    expect((err as Error).name).toBe('UnknownOperationException');
    expect((err as Error).message).toContain('CloudTrail_20131101.ListTrails');
    expect((err as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
  });

  it('gives identical answers on two days without drift, except the GetTrailStatus times', async () => {
    const answers = async (day: number) => {
      const ct = cloudTrail(mgmt, day);
      const [trails, selectors, status] = await Promise.all([
        ct.send(new DescribeTrailsCommand({})),
        ct.send(new GetEventSelectorsCommand({ TrailName: ORG_TRAIL_NAME })),
        ct.send(new GetTrailStatusCommand({ Name: ORG_TRAIL_NAME })),
      ]);
      return { trails, selectors, status };
    };
    const [a, b] = await Promise.all([answers(5), answers(6)]);
    expect({ ...b.trails, $metadata: null }).toEqual({ ...a.trails, $metadata: null });
    expect({ ...b.selectors, $metadata: null }).toEqual({ ...a.selectors, $metadata: null });
    expect(b.status.IsLogging).toBe(a.status.IsLogging);
    expect(b.status.StartLoggingTime).toEqual(a.status.StartLoggingTime);
    expect(b.status.LatestDeliveryTime).not.toEqual(a.status.LatestDeliveryTime);
  });
});
