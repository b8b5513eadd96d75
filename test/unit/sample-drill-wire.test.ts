import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createSampleRequestHandler, SAMPLE_ACCOUNTS, SAMPLE_DRILL_ALARM, simulatedClock } from '../../src/sample';
import { SAMPLE_TEST_CREDENTIALS } from '../support/sample-client';

/** The sample's drill answers through the real SDK clients: state, history and delivery lines appear as time passes. */
describe('sample organization: SetAlarmState, drill history and SNS delivery status logs', () => {
  const prod = SAMPLE_ACCOUNTS.production.id;
  const start = Date.parse('2026-10-11T10:00:00.000Z');
  function clients(day: number) {
    const clock = simulatedClock(start);
    const config = { region: 'us-east-1', credentials: SAMPLE_TEST_CREDENTIALS, maxAttempts: 1, requestHandler: createSampleRequestHandler({ account: prod, day, startDate: '2026-10-01', now: () => clock.now() }) };
    return { clock, cw: new CloudWatchClient(config), logs: new CloudWatchLogsClient(config) };
  }
  const group = `sns/us-east-1/${prod}/security-alerts`;

  it('changes the alarm state, adds the action 214 ms later and the pager delivery line about 2.1 s later', async () => {
    const { clock, cw, logs } = clients(10);
    await cw.send(new SetAlarmStateCommand({ AlarmName: SAMPLE_DRILL_ALARM, StateValue: 'ALARM', StateReason: 'drill' }));
    const alarm = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: [SAMPLE_DRILL_ALARM] }))).MetricAlarms?.[0];
    expect(alarm).toMatchObject({ StateValue: 'ALARM', StateReason: 'drill', StateUpdatedTimestamp: new Date(start) });
    expect((await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: SAMPLE_DRILL_ALARM, HistoryItemType: 'Action', StartDate: new Date(start) }))).AlarmHistoryItems).toEqual([]);
    await clock.sleep(1000);
    const items = (await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: SAMPLE_DRILL_ALARM, StartDate: new Date(start), ScanBy: 'TimestampAscending' }))).AlarmHistoryItems ?? [];
    expect(items.map((i) => [i.HistoryItemType, i.HistorySummary, i.Timestamp?.toISOString()])).toEqual([
      ['StateUpdate', 'Alarm updated from OK to ALARM', '2026-10-11T10:00:00.000Z'],
      ['Action', `Successfully executed action arn:aws:sns:us-east-1:${prod}:security-alerts`, '2026-10-11T10:00:00.214Z'],
    ]);
    expect(JSON.parse(items[1]?.HistoryData ?? '')).toMatchObject({ error: null, actionState: 'Succeeded', notificationResource: `arn:aws:sns:us-east-1:${prod}:security-alerts`, stateUpdateTimestamp: start });
    expect((await logs.send(new FilterLogEventsCommand({ logGroupName: group, startTime: start }))).events).toEqual([]);
    await clock.sleep(2000);
    const events = (await logs.send(new FilterLogEventsCommand({ logGroupName: group, startTime: start }))).events ?? [];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ timestamp: start + 2124, ingestionTime: start + 2124 + 2417 });
    expect(JSON.parse(events[0]?.message ?? '')).toMatchObject({
      notification: { topicArn: `arn:aws:sns:us-east-1:${prod}:security-alerts`, timestamp: '2026-10-11 10:00:00.251' },
      delivery: { destination: expect.stringMatching(/^https:\/\/events\.pagerduty\.com\//) as unknown, statusCode: 202, attempts: 1, dwellTimeMs: 1873 },
      status: 'SUCCESS',
    });
    expect((await logs.send(new FilterLogEventsCommand({ logGroupName: `${group}/Failure`, startTime: start }))).events).toEqual([]);
  });

  it('delivers nothing to the pending pager subscription (days 56-63)', async () => {
    const { clock, cw, logs } = clients(58);
    await cw.send(new SetAlarmStateCommand({ AlarmName: SAMPLE_DRILL_ALARM, StateValue: 'ALARM', StateReason: 'drill' }));
    await clock.sleep(60_000);
    expect((await logs.send(new FilterLogEventsCommand({ logGroupName: group }))).events).toEqual([]);
  });

  it('answers errors as the services do', async () => {
    const { cw, logs } = clients(10);
    await expect(cw.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'ALARM', StateReason: 'x' }))).rejects.toMatchObject({ name: 'ResourceNotFound', message: 'alarm nope not found' });
    await expect(cw.send(new SetAlarmStateCommand({ AlarmName: SAMPLE_DRILL_ALARM, StateValue: 'RED' as 'OK', StateReason: 'x' }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(logs.send(new FilterLogEventsCommand({ logGroupName: 'sns/us-east-1/000000000000/other' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
    await expect(logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: '{ $.status = "FAILURE" }' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
