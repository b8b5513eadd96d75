import { CloudWatchClient, CloudWatchServiceException, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, type AlarmType } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { SdkClientProvider } from '../../src/collectors/clients';
import { cloudwatchCollector } from '../../src/collectors/cloudwatch';
import { artifactsOf, oneClient, recorder, target } from '../support/collect';
import { ScriptedHandler, TEST_CREDENTIALS, type ScriptedResponse } from '../support/scripted-handler';

const account = '444455556666';
const topic = `arn:aws:sns:us-east-1:${account}:security-alerts`;
const TYPES: AlarmType[] = ['MetricAlarm', 'CompositeAlarm'];

// CloudWatch API Reference, DescribeAlarms / DescribeAlarmHistory response elements.
const unauthorizedAlarm = {
  AlarmName: 'unauthorized-api-calls',
  AlarmArn: `arn:aws:cloudwatch:us-east-1:${account}:alarm:unauthorized-api-calls`,
  ActionsEnabled: true,
  AlarmActions: [topic],
  OKActions: [],
  InsufficientDataActions: [],
  StateValue: 'OK' as const,
  StateReason: 'Threshold Crossed: 1 datapoint [0.0 (01/07/26 05:55:00)] was not greater than or equal to the threshold (1.0).',
  StateUpdatedTimestamp: new Date('2026-07-01T05:56:00Z'),
  MetricName: 'UnauthorizedAPICalls',
  Namespace: 'CISBenchmark',
  Statistic: 'Sum' as const,
  Period: 300,
  EvaluationPeriods: 1,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold' as const,
  TreatMissingData: 'notBreaching',
};
const compositeAlarm = {
  AlarmName: 'student-data-exfiltration',
  AlarmArn: `arn:aws:cloudwatch:us-east-1:${account}:alarm:student-data-exfiltration`,
  AlarmRule: 'ALARM("unauthorized-api-calls") OR ALARM("s3-bulk-get")',
  ActionsEnabled: true,
  AlarmActions: [topic],
  StateValue: 'ALARM' as const,
  StateUpdatedTimestamp: new Date('2026-07-01T02:10:00Z'),
};
function historyItem(alarm: string, summary: string): object {
  return {
    AlarmName: alarm,
    AlarmType: 'CompositeAlarm',
    Timestamp: new Date('2026-07-01T02:10:00Z'),
    HistoryItemType: 'StateUpdate',
    HistorySummary: summary,
    HistoryData: '{"version":"1.0","oldState":{"stateValue":"OK"},"newState":{"stateValue":"ALARM"}}',
  };
}
const dayWindow = { StartDate: new Date('2026-07-01T00:00:00Z'), EndDate: new Date('2026-07-02T00:00:00Z') };
function historyInput(AlarmName: string, NextToken?: string): object {
  return { AlarmName, AlarmTypes: TYPES, ...dayWindow, MaxRecords: 100, ScanBy: 'TimestampDescending', ...(NextToken ? { NextToken } : {}) };
}

describe('cloudwatch collector', () => {
  const cloudwatch = mockClient(CloudWatchClient);
  beforeEach(() => cloudwatch.reset());
  // mockClient stubs every CloudWatchClient; the tests through the real SDK below need the real one.
  afterAll(() => cloudwatch.restore());

  it('records the alarms and the evidence-day history of every metric and composite alarm', async () => {
    // Prepare
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [unauthorizedAlarm], CompositeAlarms: [compositeAlarm] });
    cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [historyItem('student-data-exfiltration', 'Alarm updated from OK to ALARM')] });
    const rec = recorder('cloudwatch', account);
    // Act
    await cloudwatchCollector.collect(target({ account, clients: oneClient(new CloudWatchClient({})) }), rec);
    // Assess
    expect(cloudwatch).toHaveReceivedCommandWith(DescribeAlarmsCommand, { AlarmTypes: TYPES, MaxRecords: 100 });
    expect(cloudwatch).toHaveReceivedCommandTimes(DescribeAlarmHistoryCommand, 2);
    expect(cloudwatch).toHaveReceivedNthCommandWith(2, DescribeAlarmHistoryCommand, historyInput('unauthorized-api-calls'));
    expect(cloudwatch).toHaveReceivedNthCommandWith(3, DescribeAlarmHistoryCommand, historyInput('student-data-exfiltration'));
    expect(rec.gaps).toEqual([]);
    const artifacts = artifactsOf(rec);
    expect(artifacts.map((a) => a.request.operation)).toEqual(['DescribeAlarms', 'DescribeAlarmHistory', 'DescribeAlarmHistory']);
    expect(artifacts[2]!.request).toEqual({
      service: 'cloudwatch',
      operation: 'DescribeAlarmHistory',
      input: { AlarmName: 'student-data-exfiltration', AlarmTypes: TYPES, StartDate: '2026-07-01T00:00:00.000Z', EndDate: '2026-07-02T00:00:00.000Z', MaxRecords: 100, ScanBy: 'TimestampDescending' },
      account,
      region: 'us-east-1',
    });
  });

  it('asks history over exactly the evidence day: date T00:00Z up to the next day T00:00Z', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [unauthorizedAlarm] });
    cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [] });
    // Year end and a leap day: the window is calendar arithmetic in UTC, never local time.
    for (const [date, end] of [['2026-12-31', '2027-01-01'], ['2028-02-28', '2028-02-29'], ['2028-02-29', '2028-03-01']] as const) {
      cloudwatch.resetHistory();
      await cloudwatchCollector.collect(target({ account, clients: oneClient(new CloudWatchClient({})) }, { date }), recorder('cloudwatch', account));
      const sent = cloudwatch.commandCalls(DescribeAlarmHistoryCommand)[0]!.args[0].input;
      expect([sent.StartDate, sent.EndDate]).toEqual([new Date(`${date}T00:00:00Z`), new Date(`${end}T00:00:00Z`)]);
    }
  });

  it('follows NextToken to the end, each page recorded with its own input', async () => {
    // Prepare
    const list = { AlarmTypes: TYPES, MaxRecords: 100 };
    cloudwatch.on(DescribeAlarmsCommand, list).resolves({ MetricAlarms: [unauthorizedAlarm], NextToken: 'alarms-2' });
    cloudwatch.on(DescribeAlarmsCommand, { ...list, NextToken: 'alarms-2' }).resolves({ CompositeAlarms: [compositeAlarm] });
    cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [] });
    cloudwatch.on(DescribeAlarmHistoryCommand, { AlarmName: 'student-data-exfiltration' }).resolves({ AlarmHistoryItems: [historyItem('student-data-exfiltration', 'a')], NextToken: 'hist-2' });
    cloudwatch.on(DescribeAlarmHistoryCommand, { AlarmName: 'student-data-exfiltration', NextToken: 'hist-2' }).resolves({ AlarmHistoryItems: [historyItem('student-data-exfiltration', 'b')] });
    const rec = recorder('cloudwatch', account);
    // Act
    await cloudwatchCollector.collect(target({ account, clients: oneClient(new CloudWatchClient({})) }), rec);
    // Assess
    expect(rec.gaps).toEqual([]);
    const iso = (i: object): unknown => JSON.parse(JSON.stringify(i));
    expect(artifactsOf(rec).map((a) => [a.request.operation, a.request.input])).toEqual([
      ['DescribeAlarms', list],
      ['DescribeAlarms', { ...list, NextToken: 'alarms-2' }],
      ['DescribeAlarmHistory', iso(historyInput('unauthorized-api-calls'))],
      ['DescribeAlarmHistory', iso(historyInput('student-data-exfiltration'))],
      ['DescribeAlarmHistory', iso(historyInput('student-data-exfiltration', 'hist-2'))],
    ]);
  });

  it('records AccessDenied on DescribeAlarms as a gap and asks no history', async () => {
    const denied = new CloudWatchServiceException({ name: 'AccessDenied', message: 'User is not authorized to perform: cloudwatch:DescribeAlarms', $fault: 'client', $metadata: { httpStatusCode: 403 } });
    cloudwatch.on(DescribeAlarmsCommand).rejects(denied);
    const rec = recorder('cloudwatch', account);
    await cloudwatchCollector.collect(target({ account, clients: oneClient(new CloudWatchClient({})) }), rec);
    expect(rec.artifacts).toEqual([]);
    expect(rec.gaps).toEqual([
      { collector: 'cloudwatch', account, region: 'us-east-1', operation: 'cloudwatch:DescribeAlarms', errorCode: 'AccessDenied', message: 'User is not authorized to perform: cloudwatch:DescribeAlarms' },
    ]);
    expect(cloudwatch).toHaveReceivedCommandTimes(DescribeAlarmHistoryCommand, 0);
  });
});

/**
 * CloudWatch speaks awsJson1_0 with the awsQueryCompatible trait: errors carry the legacy
 * query error code in the x-amzn-query-error header ("Code;Type"), which the SDK exposes.
 */
function cloudwatchError(status: number, code: string, type: string): ScriptedResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${code};Sender` },
    body: JSON.stringify({ __type: type, message: code === 'AccessDenied' ? 'User is not authorized to perform: cloudwatch:DescribeAlarmHistory' : 'Rate exceeded' }),
  };
}
function cloudwatchOk(body: object): ScriptedResponse {
  return { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(body) };
}

describe('cloudwatch collector through the real SDK', () => {
  it("records AccessDenied on one alarm's history as a gap and still asks the next alarm", async () => {
    // Prepare (JSON protocol timestamps are epoch seconds)
    const alarms = cloudwatchOk({ MetricAlarms: [{ ...unauthorizedAlarm, StateUpdatedTimestamp: 1782885360 }], CompositeAlarms: [{ ...compositeAlarm, StateUpdatedTimestamp: 1782871800 }] });
    const handler = new ScriptedHandler([alarms, cloudwatchError(403, 'AccessDenied', 'com.amazon.coral.service#AccessDeniedException'), cloudwatchOk({ AlarmHistoryItems: [] })]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 2 });
    const rec = recorder('cloudwatch', account);
    // Act
    await cloudwatchCollector.collect(target({ account, clients }), rec);
    clients.destroy();
    // Assess
    expect(handler.requests.map((r) => r.headers['x-amz-target'])).toEqual([
      'GraniteServiceVersion20100801.DescribeAlarms', 'GraniteServiceVersion20100801.DescribeAlarmHistory', 'GraniteServiceVersion20100801.DescribeAlarmHistory',
    ]);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['cloudwatch:DescribeAlarmHistory', 'AccessDenied']]);
    expect(artifactsOf(rec).map((a) => [a.request.operation, (a.request.input as { AlarmName?: string }).AlarmName])).toEqual([
      ['DescribeAlarms', undefined], ['DescribeAlarmHistory', 'student-data-exfiltration'],
    ]);
  });

  it('records a gap when throttling (Throttling) outlasts the retries', async () => {
    const handler = new ScriptedHandler([cloudwatchError(400, 'Throttling', 'com.amazon.coral.availability#ThrottlingException')]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 2 });
    const rec = recorder('cloudwatch', account);
    await cloudwatchCollector.collect(target({ account, clients }), rec);
    clients.destroy();
    expect(handler.requests).toHaveLength(2);
    expect(rec.artifacts).toEqual([]);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['cloudwatch:DescribeAlarms', 'Throttling']]);
  });
});
