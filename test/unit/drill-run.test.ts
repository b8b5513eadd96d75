import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { EvidenceError } from '../../src/core/errors';
import { simulatedClock } from '../../src/sample';
import { resolveDrillTarget, runDrill, type DrillClients } from '../../src/workflow/drill-run';
import { ACCOUNT, ALARM, ALARM_ARN, PAGER, TOPIC, TRIGGER, actionItem, deliveryLine, subscription } from '../support/drill-fixtures';

const GROUP = `sns/eu-west-1/${ACCOUNT}/dpo-escalation`;
const alarm = { AlarmName: ALARM, AlarmArn: ALARM_ARN, ActionsEnabled: true, AlarmActions: [TOPIC], StateValue: 'OK' as const };

describe('drill runner (CloudWatch, SNS and CloudWatch Logs clients)', () => {
  const cw = mockClient(CloudWatchClient);
  const sns = mockClient(SNSClient);
  const logs = mockClient(CloudWatchLogsClient);
  const clients = (): DrillClients => ({ cloudwatch: new CloudWatchClient({ region: 'eu-west-1' }), sns: new SNSClient({ region: 'eu-west-1' }), logs: new CloudWatchLogsClient({ region: 'eu-west-1' }) });
  beforeEach(() => {
    cw.reset();
    sns.reset();
    logs.reset();
  });
  afterAll(() => {
    cw.restore();
    sns.restore();
    logs.restore();
  });

  it('finds the chain (subscriptions over several pages), triggers with a reason naming the drill, polls until delivered', async () => {
    // Prepare
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm] });
    sns.on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC, NextToken: undefined }).resolves({ Subscriptions: [subscription('https', PAGER)], NextToken: 'page-2' })
      .on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC, NextToken: 'page-2' }).resolves({ Subscriptions: [subscription('email', 'oncall@example.edu', true, '6b4e0f2a-9c1d-47e3-a8b5-2e7f3c9d1a04')] });
    cw.on(SetAlarmStateCommand).resolves({});
    // The action shows on the second read, the delivery on the third.
    cw.on(DescribeAlarmHistoryCommand).resolvesOnce({ AlarmHistoryItems: [] }).resolves({ AlarmHistoryItems: [actionItem(new Date(TRIGGER.getTime() + 300))] });
    logs.on(FilterLogEventsCommand, { logGroupName: GROUP }).resolvesOnce({ events: [] }).resolvesOnce({ events: [] }).resolves({ events: [deliveryLine(PAGER, TRIGGER.getTime() + 340, 1873)] });
    logs.on(FilterLogEventsCommand, { logGroupName: `${GROUP}/Failure` }).resolves({ events: [] });
    const clock = simulatedClock(TRIGGER.getTime());
    // Act
    const c = clients();
    const target = await resolveDrillTarget(c, ALARM, 'dpo-chain');
    const record = await runDrill(c, target, { alarmName: ALARM, chain: 'dpo-chain', trigger: 'cli', recordedBy: 'compliance-lead', timeoutMs: 300_000, pollMs: 2_000 }, clock);
    // Assess
    expect(cw.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input).toEqual({ AlarmNames: [ALARM], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
    expect(cw.commandCalls(SetAlarmStateCommand).map((x) => x.args[0].input)).toEqual([{
      AlarmName: ALARM, StateValue: 'ALARM',
      StateReason: 'Escalation drill drill-20261005T090000Z-dpo-chain by Evidence Vault: a test of the escalation chain, not an incident. Acknowledge it with: evidence drill ack drill-20261005T090000Z-dpo-chain',
    }]);
    expect(cw.commandCalls(DescribeAlarmHistoryCommand)[0]?.args[0].input).toEqual({ AlarmName: ALARM, HistoryItemType: 'Action', StartDate: new Date(TRIGGER.getTime() - 1000), ScanBy: 'TimestampAscending', NextToken: undefined });
    expect(cw.commandCalls(DescribeAlarmHistoryCommand)).toHaveLength(3);
    expect(logs.commandCalls(FilterLogEventsCommand)[0]?.args[0].input).toEqual({ logGroupName: GROUP, startTime: TRIGGER.getTime() - 1000, nextToken: undefined });
    expect(clock.ms - TRIGGER.getTime()).toBe(4_000);
    expect(record).toMatchObject({ outcome: 'pass', chain: { name: 'dpo-chain', account: ACCOUNT, region: 'eu-west-1', topicArns: [TOPIC] }, secondsToDelivery: 2.213, recordedAt: '2026-10-05T09:00:04.000Z' });
    expect(record.deliveries.map((d) => d.status)).toEqual(['delivered', 'no-record']);
  });

  it('times out: polls until the deadline, then fails with no action and no delivery, and sets the alarm back to OK when asked', async () => {
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm] });
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [subscription('https', PAGER)] });
    cw.on(SetAlarmStateCommand).resolves({});
    cw.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [] });
    logs.on(FilterLogEventsCommand).resolves({ events: [] });
    const clock = simulatedClock(TRIGGER.getTime());
    const c = clients();
    const record = await runDrill(c, await resolveDrillTarget(c, ALARM), { alarmName: ALARM, trigger: 'scheduled', recordedBy: 'drill-scheduler', timeoutMs: 60_000, pollMs: 15_000, resetToOk: true }, clock);
    expect(cw.commandCalls(DescribeAlarmHistoryCommand)).toHaveLength(5);
    expect(clock.ms - TRIGGER.getTime()).toBe(60_000);
    expect(record.outcome).toBe('fail');
    expect(record.failureReasons).toEqual([
      `the alarm history shows no action on ${TOPIC} within 60 s of the trigger`,
      `https subscription https://events.pagerduty.com/*** on ${TOPIC}: no delivery status line in ${GROUP} (or its /Failure group) within 60 s of the trigger`,
    ]);
    expect(cw.commandCalls(SetAlarmStateCommand).map((x) => x.args[0].input.StateValue)).toEqual(['ALARM', 'OK']);
    expect(record.chain.name).toBe(ALARM);
  });

  it('treats a missing delivery status log group as logging not configured', async () => {
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm] });
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [subscription('https', PAGER)] });
    cw.on(SetAlarmStateCommand).resolves({});
    cw.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [actionItem(new Date(TRIGGER.getTime() + 300))] });
    logs.on(FilterLogEventsCommand).rejects(new ResourceNotFoundException({ message: 'The specified log group does not exist.', $metadata: {} }));
    const c = clients();
    const record = await runDrill(c, await resolveDrillTarget(c, ALARM), { alarmName: ALARM, trigger: 'cli', recordedBy: 'compliance-lead', timeoutMs: 60_000 }, simulatedClock(TRIGGER.getTime()));
    expect(record.deliveries[0]).toMatchObject({ status: 'no-record', detail: `delivery status logging is not configured for this topic (no log group ${GROUP})` });
    expect(record.outcome).toBe('fail');
  });

  it('refuses an unknown alarm and an alarm without SNS actions before triggering anything', async () => {
    cw.on(DescribeAlarmsCommand).resolvesOnce({ MetricAlarms: [], CompositeAlarms: [] })
      .resolves({ MetricAlarms: [{ ...alarm, AlarmActions: ['arn:aws:autoscaling:eu-west-1:444455556666:scalingPolicy:1a2b:autoScalingGroupName/web:policyName/up'] }] });
    const c = clients();
    await expect(resolveDrillTarget(c, 'no-such-alarm')).rejects.toThrow(new EvidenceError('USAGE', "--alarm: no CloudWatch alarm named 'no-such-alarm' in eu-west-1"));
    await expect(resolveDrillTarget(c, ALARM)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringMatching(/has no SNS topic among its alarm actions \(arn:aws:autoscaling:.*\): there is no escalation chain to drill$/) as unknown });
    expect(cw.commandCalls(SetAlarmStateCommand)).toHaveLength(0);
  });

  it('reports AWS refusing the trigger as AWS_UNAVAILABLE with the cause', async () => {
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm] });
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [subscription('https', PAGER)] });
    const denied = Object.assign(new Error('User: arn:aws:sts::444455556666:assumed-role/x/y is not authorized to perform: cloudwatch:SetAlarmState'), { name: 'AccessDenied' });
    cw.on(SetAlarmStateCommand).rejects(denied);
    const c = clients();
    const target = await resolveDrillTarget(c, ALARM);
    await expect(runDrill(c, target, { alarmName: ALARM, trigger: 'cli', recordedBy: 'compliance-lead', timeoutMs: 60_000 }, simulatedClock(TRIGGER.getTime())))
      .rejects.toMatchObject({ code: 'AWS_UNAVAILABLE', message: `CloudWatch SetAlarmState ${ALARM}: ${denied.message}`, cause: denied });
  });
});
