import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { PAGER_ENDPOINT, PROD_FLOW_LOG_GROUP, SAMPLE_ACCOUNTS, SAMPLE_REGIONS } from '../../src/sample';
import { sampleClient } from '../support/sample-client';

const mgmt = SAMPLE_ACCOUNTS.management.id;
const prod = SAMPLE_ACCOUNTS.production.id;

const client = sampleClient;

describe('sample CloudWatch Logs', () => {
  it('lists the trail log group (365 days, KMS) and the six CIS metric filters on it', async () => {
    const groups = await client(CloudWatchLogsClient, mgmt, 0).send(new DescribeLogGroupsCommand({ limit: 50 }));
    expect(groups.logGroups).toEqual([expect.objectContaining({
      logGroupName: 'aws-cloudtrail-logs-brightpath-org', retentionInDays: 365, metricFilterCount: 6,
      arn: `arn:aws:logs:us-east-1:${mgmt}:log-group:aws-cloudtrail-logs-brightpath-org:*`, logGroupArn: `arn:aws:logs:us-east-1:${mgmt}:log-group:aws-cloudtrail-logs-brightpath-org`,
    })]);
    expect(groups.logGroups?.[0]?.kmsKeyId).toMatch(/^arn:aws:kms:us-east-1:/);
    const filters = await client(CloudWatchLogsClient, mgmt, 0).send(new DescribeMetricFiltersCommand({ limit: 50 }));
    expect(filters.metricFilters?.map((f) => f.filterName)).toEqual([
      'cloudtrail-config-changes', 'console-signin-failures', 'iam-policy-changes', 'root-account-usage', 's3-bucket-policy-changes', 'unauthorized-api-calls']);
    expect(filters.metricFilters?.[5]?.metricTransformations).toEqual([{ metricName: 'UnauthorizedAPICalls', metricNamespace: 'LogMetrics', metricValue: '1' }]);
  });

  it('pages log groups with nextToken and refuses a foreign token', async () => {
    const logs = client(CloudWatchLogsClient, prod, 0);
    const first = await logs.send(new DescribeLogGroupsCommand({ limit: 2 }));
    const second = await logs.send(new DescribeLogGroupsCommand({ limit: 2, nextToken: first.nextToken }));
    expect(first.logGroups).toHaveLength(2);
    expect(second.logGroups).toHaveLength(1);
    expect(second.nextToken).toBeUndefined();
    const err: unknown = await logs.send(new DescribeMetricFiltersCommand({ limit: 2, nextToken: first.nextToken })).catch((e: unknown) => e);
    expect((err as Error).name).toBe('InvalidParameterException');
  });

  it('cuts the flow-log group retention to 30 days on days 30-36 only', async () => {
    const retention = async (day: number) => (await client(CloudWatchLogsClient, prod, day).send(new DescribeLogGroupsCommand({ limit: 50 })))
      .logGroups?.find((g) => g.logGroupName === PROD_FLOW_LOG_GROUP)?.retentionInDays;
    expect(await Promise.all([29, 30, 36, 37].map(retention))).toEqual([90, 30, 30, 90]);
  });
});

describe('sample CloudWatch alarms', () => {
  it('has an alarm per metric filter notifying the security topic, paged by MaxRecords', async () => {
    const cw = client(CloudWatchClient, mgmt, 5);
    const all = await cw.send(new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100 }));
    expect(all.MetricAlarms).toHaveLength(6);
    expect(all.CompositeAlarms).toEqual([]);
    expect(all.MetricAlarms?.[0]).toMatchObject({ StateValue: 'OK', Statistic: 'Sum', Threshold: 1, AlarmActions: [`arn:aws:sns:us-east-1:${mgmt}:security-alerts`] });
    const first = await cw.send(new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm'], MaxRecords: 4 }));
    const second = await cw.send(new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm'], MaxRecords: 4, NextToken: first.NextToken }));
    expect([first.MetricAlarms?.length, second.MetricAlarms?.length, second.NextToken]).toEqual([4, 2, undefined]);
  });

  it('shows alarm history only on the drift days (trail stopped, AssumeRole denied)', async () => {
    const history = async (day: number, AlarmName: string) => {
      const StartDate = new Date(Date.parse('2025-07-01T00:00:00Z') + day * 86_400_000);
      const out = await client(CloudWatchClient, mgmt, day).send(new DescribeAlarmHistoryCommand({
        AlarmName, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], StartDate, EndDate: new Date(StartDate.getTime() + 86_400_000), MaxRecords: 100, ScanBy: 'TimestampDescending' }));
      return out.AlarmHistoryItems ?? [];
    };
    expect(await history(10, 'brightpath-cloudtrail-config-changes')).toEqual([]);
    const stop = await history(39, 'brightpath-cloudtrail-config-changes');
    expect(stop.filter((i) => i.HistoryItemType === 'StateUpdate').map((i) => i.HistorySummary)).toEqual(['Alarm updated from ALARM to OK', 'Alarm updated from OK to ALARM']);
    expect(JSON.parse(stop[0]?.HistoryData ?? '{}')).toMatchObject({ version: '1.0', newState: { stateValue: 'OK' } });
    expect((await history(80, 'brightpath-unauthorized-api-calls')).length).toBeGreaterThan(0);
    expect(await history(82, 'brightpath-unauthorized-api-calls')).toEqual([]);
  });
});

describe('sample SNS and EventBridge', () => {
  it('lists the encrypted security topic with a confirmed e-mail and pager subscription', async () => {
    const sns = client(SNSClient, mgmt, 0);
    const topics = await sns.send(new ListTopicsCommand({}));
    const TopicArn = `arn:aws:sns:us-east-1:${mgmt}:security-alerts`;
    expect(topics.Topics).toEqual([{ TopicArn }]);
    const attrs = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
    expect(attrs.Attributes).toMatchObject({ KmsMasterKeyId: 'alias/brightpath-security-alerts', SubscriptionsConfirmed: '2', SubscriptionsPending: '0', Owner: mgmt });
    const subs = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(subs.Subscriptions?.map((s) => [s.Protocol, s.SubscriptionArn?.startsWith(`${TopicArn}:`)])).toEqual([['email', true], ['https', true]]);
    const err: unknown = await sns.send(new GetTopicAttributesCommand({ TopicArn: `${TopicArn}-nope` })).catch((e: unknown) => e);
    expect((err as Error).name).toBe('NotFoundException');
  });

  it('leaves the production pager subscription PendingConfirmation on days 56-63 only', async () => {
    const TopicArn = `arn:aws:sns:us-east-1:${prod}:security-alerts`;
    const pager = async (day: number) => (await client(SNSClient, prod, day).send(new ListSubscriptionsByTopicCommand({ TopicArn })))
      .Subscriptions?.find((s) => s.Endpoint === PAGER_ENDPOINT)?.SubscriptionArn;
    const [d55, d56, d63, d64] = await Promise.all([55, 56, 63, 64].map(pager));
    expect([d56, d63]).toEqual(['PendingConfirmation', 'PendingConfirmation']);
    expect(d55).toMatch(/^arn:aws:sns:/);
    expect(d64).toBe(d55);
    const attrs = await client(SNSClient, prod, 60).send(new GetTopicAttributesCommand({ TopicArn }));
    expect(attrs.Attributes).toMatchObject({ SubscriptionsConfirmed: '1', SubscriptionsPending: '1' });
  });

  it('routes GuardDuty and Security Hub findings to the production topic, and GuardDuty findings on to the management bus', async () => {
    const events = client(EventBridgeClient, prod, 0);
    const rules = await events.send(new ListRulesCommand({ Limit: 100 }));
    expect(rules.Rules?.map((r) => [r.Name, (JSON.parse(r.EventPattern ?? '{}') as { source: string[] }).source, r.State])).toEqual([
      ['brightpath-guardduty-findings-to-management', ['aws.guardduty'], 'ENABLED'],
      ['brightpath-guardduty-findings-to-sns', ['aws.guardduty'], 'ENABLED'],
      ['brightpath-securityhub-findings-to-sns', ['aws.securityhub'], 'ENABLED'],
    ]);
    const targets = await events.send(new ListTargetsByRuleCommand({ Rule: 'brightpath-guardduty-findings-to-sns', Limit: 100 }));
    expect(targets.Targets).toEqual([{ Id: 'security-alerts-topic', Arn: `arn:aws:sns:us-east-1:${prod}:security-alerts` }]);
    const err: unknown = await events.send(new ListTargetsByRuleCommand({ Rule: 'nope' })).catch((e: unknown) => e);
    expect((err as Error).name).toBe('ResourceNotFoundException');
  });

  it('has an ENABLED GuardDuty rule with a target wherever a detector is: topic, home-region bus or management bus', async () => {
    // Prepare
    const accounts = [mgmt, SAMPLE_ACCOUNTS.logArchive.id, prod];
    const pairs = accounts.flatMap((account) => SAMPLE_REGIONS.map((region) => ({ account, region })));
    // Act
    const routed = await Promise.all(pairs.map(async ({ account, region }) => {
      const events = client(EventBridgeClient, account, 0, region);
      const detectors = await client(GuardDutyClient, account, 0, region).send(new ListDetectorsCommand({}));
      const rules = (await events.send(new ListRulesCommand({ Limit: 100 }))).Rules ?? [];
      const guardDuty = rules.filter((r) => r.State === 'ENABLED' && (JSON.parse(r.EventPattern ?? '{}') as { source?: string[] }).source?.includes('aws.guardduty'));
      const targets = await Promise.all(guardDuty.map(async (r) => (await events.send(new ListTargetsByRuleCommand({ Rule: r.Name, Limit: 100 }))).Targets ?? []));
      return { account, region, detectors: detectors.DetectorIds?.length, targets: targets.flat().map((t) => [t.Arn, t.RoleArn]) };
    }));
    // Assess
    const bus = (region: string) => `arn:aws:events:${region}:${mgmt}:event-bus/default`;
    const role = (account: string) => `arn:aws:iam::${account}:role/brightpath-eventbridge-forward-findings`;
    expect(routed).toEqual([
      { account: mgmt, region: 'us-east-1', detectors: 1, targets: [[`arn:aws:sns:us-east-1:${mgmt}:security-alerts`, undefined]] },
      { account: mgmt, region: 'us-west-2', detectors: 1, targets: [[bus('us-east-1'), role(mgmt)]] },
      { account: SAMPLE_ACCOUNTS.logArchive.id, region: 'us-east-1', detectors: 1, targets: [[bus('us-east-1'), role(SAMPLE_ACCOUNTS.logArchive.id)]] },
      { account: SAMPLE_ACCOUNTS.logArchive.id, region: 'us-west-2', detectors: 1, targets: [[bus('us-west-2'), role(SAMPLE_ACCOUNTS.logArchive.id)]] },
      { account: prod, region: 'us-east-1', detectors: 1, targets: [[bus('us-east-1'), role(prod)], [`arn:aws:sns:us-east-1:${prod}:security-alerts`, undefined]] },
      { account: prod, region: 'us-west-2', detectors: 1, targets: [[bus('us-west-2'), role(prod)]] },
    ]);
  });

  it('pages ListRules with NextToken and filters by NamePrefix', async () => {
    const events = client(EventBridgeClient, prod, 0);
    const first = await events.send(new ListRulesCommand({ Limit: 2 }));
    const second = await events.send(new ListRulesCommand({ Limit: 2, NextToken: first.NextToken }));
    expect([first.Rules?.length, second.Rules?.length, second.NextToken]).toEqual([2, 1, undefined]);
    const prefixed = await events.send(new ListRulesCommand({ NamePrefix: 'brightpath-securityhub' }));
    expect(prefixed.Rules?.map((r) => r.Name)).toEqual(['brightpath-securityhub-findings-to-sns']);
    expect((await client(EventBridgeClient, SAMPLE_ACCOUNTS.logArchive.id, 0).send(new ListRulesCommand({}))).Rules?.map((r) => r.Arn)).toEqual([
      `arn:aws:events:us-east-1:${SAMPLE_ACCOUNTS.logArchive.id}:rule/brightpath-guardduty-findings-to-management`,
    ]);
  });
});
