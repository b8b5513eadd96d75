import {
  ConfigServiceClient, DescribeComplianceByConfigRuleCommand, DescribeConfigRulesCommand, DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand,
  DescribeConformancePackComplianceCommand, DescribeConformancePacksCommand, DescribeDeliveryChannelsCommand, DescribeDeliveryChannelStatusCommand,
  GetComplianceDetailsByConfigRuleCommand, SelectAggregateResourceConfigCommand, SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { DescribeOrganizationCommand, ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { INVENTORY_EXPRESSION } from '../../src/collectors/config';
import { ORG_AGGREGATOR, SAMPLE_ACCOUNTS, SAMPLE_READ_ONLY_ROLE, createSampleRequestHandler, withCallCounter, withLatency } from '../../src/sample';
import { sampleClient } from '../support/sample-client';

const credentials = { accessKeyId: 'AKIDSAMPLEEXAMPLE', secretAccessKey: 'sample-secret' };
const mgmt = SAMPLE_ACCOUNTS.management.id;
const logs = SAMPLE_ACCOUNTS.logArchive.id;
const prod = SAMPLE_ACCOUNTS.production.id;

const client = sampleClient;

describe('sample organization mode', () => {
  it('lists the three accounts from management; members get AccessDeniedException', async () => {
    const out = await client(OrganizationsClient, mgmt, 0).send(new ListAccountsCommand({ MaxResults: 20 }));
    expect(out.Accounts?.map((a) => [a.Id, a.State])).toEqual([[mgmt, 'ACTIVE'], [logs, 'ACTIVE'], [prod, 'ACTIVE']]);
    const two = await client(OrganizationsClient, mgmt, 0).send(new ListAccountsCommand({ MaxResults: 2 }));
    expect(two.NextToken).toBeDefined();
    const err: unknown = await client(OrganizationsClient, prod, 0).send(new ListAccountsCommand({ MaxResults: 20 })).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AccessDeniedException');
    expect((err as Error).message).toBe("You don't have permissions to access this resource.");
    expect((await client(OrganizationsClient, prod, 0).send(new DescribeOrganizationCommand({}))).Organization?.MasterAccountId).toBe(mgmt);
  });

  it('assumes the read-only role with temporary credentials expiring an hour after the collection', async () => {
    const sts = client(STSClient, mgmt, 3);
    const RoleArn = `arn:aws:iam::${prod}:role/${SAMPLE_READ_ONLY_ROLE}`;
    const out = await sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'evidence-vault-collect', DurationSeconds: 3600 }));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials?.SecretAccessKey).toHaveLength(40);
    expect(out.Credentials?.SessionToken?.length).toBeGreaterThan(100);
    expect(out.Credentials?.Expiration?.toISOString()).toBe('2025-07-04T07:00:00.000Z');
    expect(out.AssumedRoleUser).toEqual({ Arn: `arn:aws:sts::${prod}:assumed-role/${SAMPLE_READ_ONLY_ROLE}/evidence-vault-collect`, AssumedRoleId: 'AROAQ5T8N2K6H9B3M7X4C:evidence-vault-collect' });
  });

  it('denies AssumeRole into log-archive on days 80-81 only, worded as STS words it', async () => {
    const assume = (day: number) => client(STSClient, mgmt, day).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${logs}:role/${SAMPLE_READ_ONLY_ROLE}`, RoleSessionName: 'evidence-vault-collect' }));
    const [d79, d80, d81, d82] = await Promise.all([79, 80, 81, 82].map((d) => assume(d).catch((e: unknown) => e as Error)));
    expect([d80, d81].map((e) => (e as Error).name)).toEqual(['AccessDenied', 'AccessDenied']);
    expect((d80 as Error).message).toBe(`User: arn:aws:sts::${mgmt}:assumed-role/EvidenceVaultReadOnly/evidence-collector is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${logs}:role/EvidenceVaultReadOnly`);
    expect([d79, d82].map((o) => (o as { Credentials?: unknown }).Credentials)).toEqual([expect.anything(), expect.anything()]);
  });

  it('maps a synthetic account onto a sample account, reading ARNs as the synthetic id', async () => {
    const synthetic = '100000000042';
    const handler = createSampleRequestHandler({ account: synthetic, day: 0, actAs: prod });
    const sts = new STSClient({ region: 'us-east-1', credentials, requestHandler: handler });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect([me.Account, me.Arn]).toEqual([synthetic, `arn:aws:sts::${synthetic}:assumed-role/EvidenceVaultReadOnly/evidence-collector`]);
    expect(() => createSampleRequestHandler({ account: 'x', day: 0, actAs: prod })).toThrow(/12 digits/);
  });

  it('counts requests per service and operation, and adds latency', async () => {
    const counted = withCallCounter(withLatency(createSampleRequestHandler({ account: prod, day: 0 }), 5));
    const sts = new STSClient({ region: 'us-east-1', credentials, requestHandler: counted });
    const started = Date.now();
    await sts.send(new GetCallerIdentityCommand({}));
    await sts.send(new GetCallerIdentityCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(10);
    expect([...counted.counts()]).toEqual([['sts:GetCallerIdentity', 2]]);
    expect(counted.total()).toBe(2);
  });
});

describe('sample AWS Config', () => {
  it('records all resources and delivers in every account and region', async () => {
    const config = client(ConfigServiceClient, logs, 0, 'us-west-2');
    const recorders = await config.send(new DescribeConfigurationRecordersCommand({}));
    expect(recorders.ConfigurationRecorders?.[0]?.recordingGroup).toMatchObject({ allSupported: true, includeGlobalResourceTypes: false });
    expect((await config.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus?.[0]).toMatchObject({ recording: true, lastStatus: 'Success' });
    expect((await config.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels?.[0]?.s3BucketName).toBe('brightpath-org-cloudtrail-archive');
    expect((await config.send(new DescribeDeliveryChannelStatusCommand({}))).DeliveryChannelsStatus?.[0]?.configSnapshotDeliveryInfo?.lastStatus).toBe('Success');
  });

  it('moves rule compliance with the drift: retention days 30-36, flow log 48-53, GuardDuty 71-72', async () => {
    const status = async (account: string, region: string, day: number, rule: string) =>
      (await client(ConfigServiceClient, account, day, region).send(new DescribeComplianceByConfigRuleCommand({})))
        .ComplianceByConfigRules?.find((r) => r.ConfigRuleName === rule)?.Compliance?.ComplianceType;
    const rows = (a: string, r: string, rule: string, days: number[]) => Promise.all(days.map((d) => status(a, r, d, rule)));
    const N = 'NON_COMPLIANT';
    const C = 'COMPLIANT';
    expect(await rows(prod, 'us-east-1', 'cw-loggroup-retention-period-check', [29, 30, 36, 37])).toEqual([C, N, N, C]);
    expect(await rows(prod, 'us-west-2', 'vpc-flow-logs-enabled', [47, 48, 53, 54])).toEqual([C, N, N, C]);
    expect(await rows(prod, 'us-east-1', 'guardduty-non-archived-findings', [70, 71, 72, 73])).toEqual([C, N, N, C]);
    expect(await rows(logs, 'us-west-2', 'cloudtrail-enabled', [39, 40, 41, 42])).toEqual([C, N, N, C]);
    const details = await client(ConfigServiceClient, prod, 31).send(new GetComplianceDetailsByConfigRuleCommand({
      ConfigRuleName: 'cw-loggroup-retention-period-check', ComplianceTypes: ['NON_COMPLIANT'], Limit: 100 }));
    expect(details.EvaluationResults?.map((e) => e.EvaluationResultIdentifier?.EvaluationResultQualifier?.ResourceId)).toEqual(['/aws/vpc/flow-logs/brightpath-prod']);
    const err: unknown = await client(ConfigServiceClient, prod, 0).send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'nope' })).catch((e: unknown) => e);
    expect((err as Error).name).toBe('NoSuchConfigRuleException');
  });

  it('lists rules and the production conformance pack with its compliance', async () => {
    const config = client(ConfigServiceClient, prod, 0);
    const rules = await config.send(new DescribeConfigRulesCommand({}));
    expect(rules.ConfigRules?.find((r) => r.ConfigRuleName === 'cw-loggroup-retention-period-check')?.InputParameters).toBe('{"MinRetentionTime":"90"}');
    const packs = await config.send(new DescribeConformancePacksCommand({}));
    const ConformancePackName = packs.ConformancePackDetails?.[0]?.ConformancePackName;
    const compliance = await config.send(new DescribeConformancePackComplianceCommand({ ConformancePackName }));
    expect(compliance.ConformancePackRuleComplianceList?.map((r) => r.ComplianceType)).toEqual(['NON_COMPLIANT', 'COMPLIANT']);
  });

  it('answers the collectors inventory query per account and through the organization aggregator', async () => {
    const own = await client(ConfigServiceClient, prod, 0).send(new SelectResourceConfigCommand({ Expression: INVENTORY_EXPRESSION, Limit: 100 }));
    const rows = own.Results?.map((r) => JSON.parse(r) as { resourceType: string; accountId: string }) ?? [];
    expect(new Set(rows.map((r) => r.resourceType))).toEqual(new Set(['AWS::S3::Bucket', 'AWS::EC2::VPC', 'AWS::Logs::LogGroup', 'AWS::SNS::Topic', 'AWS::CloudWatch::Alarm', 'AWS::IAM::Role', 'AWS::IAM::User']));
    expect(own.QueryInfo?.SelectFields?.map((f) => f.Name)).toEqual(['resourceId', 'resourceName', 'resourceType', 'awsRegion', 'accountId', 'tags']);
    const org = client(ConfigServiceClient, mgmt, 0);
    const first = await org.send(new SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: ORG_AGGREGATOR, Expression: INVENTORY_EXPRESSION, Limit: 20 }));
    const rest = await org.send(new SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: ORG_AGGREGATOR, Expression: INVENTORY_EXPRESSION, Limit: 100, NextToken: first.NextToken }));
    const accounts = [...(first.Results ?? []), ...(rest.Results ?? [])].map((r) => (JSON.parse(r) as { accountId: string }).accountId);
    expect(new Set(accounts)).toEqual(new Set([mgmt, logs, prod]));
    const err: unknown = await client(ConfigServiceClient, prod, 0).send(new SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: ORG_AGGREGATOR, Expression: INVENTORY_EXPRESSION })).catch((e: unknown) => e);
    expect((err as Error).name).toBe('NoSuchConfigurationAggregatorException');
  });
});
