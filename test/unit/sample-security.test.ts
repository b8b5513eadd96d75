import { DescribeFlowLogsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetDetectorCommand, GetFindingsCommand, GetFindingsStatisticsCommand, GuardDutyClient, ListDetectorsCommand, ListFindingsCommand } from '@aws-sdk/client-guardduty';
import {
  GenerateCredentialReportCommand, GetAccountAuthorizationDetailsCommand, GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, GetCredentialReportCommand, IAMClient,
} from '@aws-sdk/client-iam';
import { S3ControlClient, GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { CREDENTIAL_REPORT_COLUMNS, PROD_USW2_FLOW_LOG_ID, PROD_USW2_RECREATED_FLOW_LOG_ID, SAMPLE_ACCOUNTS, TOR_FINDING_ID } from '../../src/sample';
import { sampleClient } from '../support/sample-client';

const mgmt = SAMPLE_ACCOUNTS.management.id;
const logs = SAMPLE_ACCOUNTS.logArchive.id;
const prod = SAMPLE_ACCOUNTS.production.id;

const client = sampleClient;

const OPEN = { 'service.archived': { Equals: ['false'] } };

describe('sample GuardDuty', () => {
  async function highOpen(day: number): Promise<string[]> {
    const gd = client(GuardDutyClient, prod, day);
    const [DetectorId] = (await gd.send(new ListDetectorsCommand({ MaxResults: 50 }))).DetectorIds ?? [];
    const out = await gd.send(new ListFindingsCommand({ DetectorId, FindingCriteria: { Criterion: { ...OPEN, severity: { GreaterThanOrEqual: 7 } } },
      SortCriteria: { AttributeName: 'updatedAt', OrderBy: 'DESC' }, MaxResults: 50 }));
    return out.FindingIds ?? [];
  }

  it('has a detector with S3 protection and counts open findings by severity', async () => {
    const gd = client(GuardDutyClient, prod, 71);
    const { DetectorIds } = await gd.send(new ListDetectorsCommand({ MaxResults: 50 }));
    expect(DetectorIds).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/)]);
    const DetectorId = DetectorIds?.[0];
    const detector = await gd.send(new GetDetectorCommand({ DetectorId }));
    expect(detector.Status).toBe('ENABLED');
    expect(detector.Features?.find((f) => f.Name === 'S3_DATA_EVENTS')?.Status).toBe('ENABLED');
    const stats = await gd.send(new GetFindingsStatisticsCommand({ DetectorId, FindingStatisticTypes: ['COUNT_BY_SEVERITY'], FindingCriteria: { Criterion: OPEN } }));
    expect(stats.FindingStatistics?.CountBySeverity).toEqual({ '2.0': 1, '8.0': 1 });
    const err: unknown = await gd.send(new GetDetectorCommand({ DetectorId: '0'.repeat(32) })).catch((e: unknown) => e);
    expect((err as Error).name).toBe('BadRequestException');
  });

  it('shows the Tor-caller finding open on days 70-72 only, in full through GetFindings', async () => {
    expect(await Promise.all([69, 70, 72, 73].map(highOpen))).toEqual([[], [TOR_FINDING_ID], [TOR_FINDING_ID], []]);
    const gd = client(GuardDutyClient, prod, 71);
    const [DetectorId] = (await gd.send(new ListDetectorsCommand({}))).DetectorIds ?? [];
    const { Findings } = await gd.send(new GetFindingsCommand({ DetectorId, FindingIds: [TOR_FINDING_ID] }));
    expect(Findings?.[0]).toMatchObject({ Type: 'UnauthorizedAccess:S3/TorIPCaller', Severity: 8, AccountId: prod, Service: { Archived: false } });
    expect(Findings?.[0]?.Resource?.S3BucketDetails?.[0]?.Name).toBe('brightpath-prod-student-records');
    expect(Findings?.[0]?.CreatedAt).toBe('2025-09-09T02:48:31.774Z');
  });
});

describe('sample EC2', () => {
  it('describes the VPCs with flow logs of ALL traffic', async () => {
    const ec2 = client(EC2Client, logs, 0, 'us-west-2');
    const vpcs = await ec2.send(new DescribeVpcsCommand({ MaxResults: 1000 }));
    expect(vpcs.Vpcs?.map((v) => [v.IsDefault, v.OwnerId])).toEqual([[false, logs], [true, logs]]);
    const flows = await ec2.send(new DescribeFlowLogsCommand({ MaxResults: 1000 }));
    expect(flows.FlowLogs?.every((f) => f.TrafficType === 'ALL' && f.LogDestinationType === 's3')).toBe(true);
    const paged = await ec2.send(new DescribeFlowLogsCommand({ MaxResults: 1 }));
    const rest = await ec2.send(new DescribeFlowLogsCommand({ MaxResults: 1, NextToken: paged.NextToken }));
    expect([paged.FlowLogs?.length, rest.FlowLogs?.length, rest.NextToken]).toEqual([1, 1, undefined]);
    expect((await client(EC2Client, mgmt, 0).send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
  });

  it('drops the production us-west-2 flow log on days 48-53 and re-creates it under a new id', async () => {
    const ids = async (day: number) => (await client(EC2Client, prod, day, 'us-west-2').send(new DescribeFlowLogsCommand({ MaxResults: 1000 }))).FlowLogs?.map((f) => f.FlowLogId);
    const [d47, d48, d53, d54] = await Promise.all([47, 48, 53, 54].map(ids));
    expect(d47).toContain(PROD_USW2_FLOW_LOG_ID);
    expect(d48).not.toContain(PROD_USW2_FLOW_LOG_ID);
    expect(d53).toHaveLength(1);
    expect(d54).toContain(PROD_USW2_RECREATED_FLOW_LOG_ID);
  });

  it('answers an unrecorded action with the ec2 InvalidAction error', async () => {
    const { DescribeInstancesCommand } = await import('@aws-sdk/client-ec2');
    const err: unknown = await client(EC2Client, prod, 0).send(new DescribeInstancesCommand({})).catch((e: unknown) => e);
    expect((err as Error).name).toBe('InvalidAction');
  });
});

describe('sample IAM and S3 Control', () => {
  it('answers the password policy, or NoSuchEntity in log-archive, and the account summary', async () => {
    expect((await client(IAMClient, prod, 0).send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy?.MinimumPasswordLength).toBe(14);
    const err: unknown = await client(IAMClient, logs, 0).send(new GetAccountPasswordPolicyCommand({})).catch((e: unknown) => e);
    expect((err as Error).name).toBe('NoSuchEntityException');
    const summary = await client(IAMClient, mgmt, 0).send(new GetAccountSummaryCommand({}));
    expect(summary.SummaryMap).toMatchObject({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 });
  });

  it('returns the credential report CSV with the documented header, a console user without MFA and a stale key', async () => {
    const iam = client(IAMClient, prod, 10);
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
    const report = await iam.send(new GetCredentialReportCommand({}));
    const lines = Buffer.from(report.Content ?? new Uint8Array()).toString('utf8').split('\n').map((l) => l.split(','));
    expect(lines[0]).toEqual([...CREDENTIAL_REPORT_COLUMNS]);
    const row = (user: string) => Object.fromEntries(CREDENTIAL_REPORT_COLUMNS.map((c, i) => [c, lines.find((l) => l[0] === user)?.[i]]));
    expect(row('legacy-sis-export')).toMatchObject({ password_enabled: 'true', mfa_active: 'false' });
    expect(row('brightpath-enrollment-batch').access_key_1_last_rotated).toBe('2024-08-19T07:15:44+00:00');
    expect(row('<root_account>')).toMatchObject({ arn: `arn:aws:iam::${prod}:root`, password_enabled: 'not_supported' });
    expect(report.ReportFormat).toBe('text/csv');
  });

  it('lists roles including break-glass admin and the evidence role, paged by Marker', async () => {
    const iam = client(IAMClient, prod, 0);
    const Filter = ['User' as const, 'Role' as const, 'Group' as const, 'LocalManagedPolicy' as const];
    const all = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter, MaxItems: 1000 }));
    expect(all.RoleDetailList?.map((r) => r.RoleName)).toEqual(['EvidenceVaultReadOnly', 'OrganizationAccountAccessRole', 'brightpath-break-glass-admin']);
    expect(all.RoleDetailList?.[2]?.AttachedManagedPolicies).toEqual([{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }]);
    expect(JSON.parse(decodeURIComponent(all.RoleDetailList?.[0]?.AssumeRolePolicyDocument ?? ''))).toMatchObject({ Version: '2012-10-17' });
    expect([all.UserDetailList?.length, all.GroupDetailList?.length, all.Policies?.length, all.IsTruncated]).toEqual([3, 1, 1, false]);
    const first = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter, MaxItems: 5 }));
    const second = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter, MaxItems: 5, Marker: first.Marker }));
    expect([first.IsTruncated, second.IsTruncated, (second.RoleDetailList?.length ?? 0) + (second.Policies?.length ?? 0)]).toEqual([true, false, 3]);
  });

  it('answers the account-level public access block, NoSuchPublicAccessBlockConfiguration in management', async () => {
    const pab = await client(S3ControlClient, prod, 0).send(new GetPublicAccessBlockCommand({ AccountId: prod }));
    expect(pab.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    const err: unknown = await client(S3ControlClient, mgmt, 0).send(new GetPublicAccessBlockCommand({ AccountId: mgmt })).catch((e: unknown) => e);
    expect((err as Error).name).toBe('NoSuchPublicAccessBlockConfiguration');
  });
});
