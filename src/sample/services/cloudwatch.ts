import { epochSeconds, simulatedTime } from '../clock';
import type { Recording, SampleCall, ServiceRoute } from '../route-types';
import { alarmFilters, alarmStateAt, alarmTransitions, type AlarmTransition } from '../state/alarms';
import type { SampleMetricFilter } from '../state/metric-filters';
import { SAMPLE_TOPICS, topicArn } from '../state/topics';
import { awsJson, jsonOk } from '../wire/protocols';
import { pageOf, pageSize } from '../wire/paging';
import { jsonBody } from '../wire/request';
import type { SampleResponse } from '../wire/response';

/**
 * Amazon CloudWatch. The installed client speaks awsJson1_0 (X-Amz-Target
 * GraniteServiceVersion20100801.*) with awsQueryCompatible errors, so answers are JSON with
 * the members of the CloudWatch API Reference (DescribeAlarms: MetricAlarms / CompositeAlarms;
 * DescribeAlarmHistory: AlarmHistoryItems with HistoryData as a JSON string) and timestamps
 * in epoch seconds. "Now" is the daily collection time, 06:00 UTC of the simulated day.
 */
const PROTOCOL = awsJson('1.0', 'GraniteServiceVersion20100801', { queryCompatible: true });

function invalid(call: SampleCall, message: string): SampleResponse {
  return PROTOCOL.error(call.seed, { status: 400, code: 'InvalidParameterValue', message });
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function alarmArn(f: SampleMetricFilter): string {
  return `arn:aws:cloudwatch:${f.region}:${f.account}:alarm:${f.alarmName}`;
}

function securityTopic(f: SampleMetricFilter): string[] {
  const topic = SAMPLE_TOPICS.find((t) => t.account === f.account && t.region === f.region);
  return topic ? [topicArn(topic)] : [];
}

function metricAlarmJson(f: SampleMetricFilter, call: SampleCall): object {
  const now = simulatedTime(call.ctx.startMs, call.ctx.day, 6, 0, 0);
  const state = alarmStateAt(f, call.ctx.startMs, now);
  return {
    AlarmName: f.alarmName, AlarmArn: alarmArn(f), AlarmDescription: f.alarmDescription,
    AlarmConfigurationUpdatedTimestamp: epochSeconds(f.creationTime + 95_211), ActionsEnabled: true,
    OKActions: [], AlarmActions: securityTopic(f), InsufficientDataActions: [],
    StateValue: state.to, StateReason: state.reason, StateUpdatedTimestamp: epochSeconds(state.at),
    MetricName: f.metricName, Namespace: f.namespace, Statistic: 'Sum', Dimensions: [], Period: 300, EvaluationPeriods: 1,
    DatapointsToAlarm: 1, Threshold: 1.0, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching',
    StateTransitionedTimestamp: epochSeconds(state.at),
  };
}

const describeAlarms: Recording = (call) => {
  const input = jsonBody(call.req) ?? {};
  const size = pageSize(input['MaxRecords'], 50, 100);
  if (size === undefined) return invalid(call, 'The parameter MaxRecords must be between 1 and 100.');
  const types = strings(input['AlarmTypes']);
  const names = strings(input['AlarmNames']);
  const prefix = typeof input['AlarmNamePrefix'] === 'string' ? input['AlarmNamePrefix'] : '';
  // Without AlarmTypes only metric alarms are returned; the sample has no composite alarms.
  const metric = types.length === 0 || types.includes('MetricAlarm');
  const alarms = (metric ? alarmFilters(call.ctx.account.id, call.ctx.region) : [])
    .filter((f) => (names.length === 0 || names.includes(f.alarmName)) && f.alarmName.startsWith(prefix));
  const token = typeof input['NextToken'] === 'string' ? input['NextToken'] : undefined;
  const page = pageOf(alarms, size, token, `DescribeAlarms|${call.ctx.account.id}|${call.ctx.region}`);
  if (!page) return invalid(call, 'The service cannot find the NextToken.');
  return jsonOk(PROTOCOL, call.seed, {
    ...(types.includes('CompositeAlarm') ? { CompositeAlarms: [] } : {}),
    MetricAlarms: page.items.map((f) => metricAlarmJson(f, call)),
    ...(page.next ? { NextToken: page.next } : {}),
  });
};

const isoMillis = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

interface HistoryItem {
  readonly AlarmName: string;
  readonly AlarmType: 'MetricAlarm';
  readonly Timestamp: number;
  readonly HistoryItemType: 'StateUpdate' | 'Action';
  readonly HistoryData: string;
  readonly HistorySummary: string;
}

function historyItems(f: SampleMetricFilter, t: AlarmTransition): HistoryItem[] {
  const newState: Record<string, unknown> = { stateValue: t.to, stateReason: t.reason };
  if (t.datapointAt !== undefined) {
    newState['stateReasonData'] = {
      version: '1.0', queryDate: isoMillis(t.at), startDate: isoMillis(t.datapointAt), statistic: 'Sum', period: 300,
      recentDatapoints: [1.0], threshold: 1.0, evaluatedDatapoints: [{ timestamp: isoMillis(t.datapointAt), sampleCount: 1.0, value: 1.0 }],
    };
  }
  const state: HistoryItem = {
    AlarmName: f.alarmName, AlarmType: 'MetricAlarm', Timestamp: epochSeconds(t.at), HistoryItemType: 'StateUpdate',
    HistoryData: JSON.stringify({ version: '1.0', oldState: { stateValue: t.from }, newState }),
    HistorySummary: `Alarm updated from ${t.from} to ${t.to}`,
  };
  const actions = t.to === 'ALARM' ? securityTopic(f).map((arn): HistoryItem => ({
    AlarmName: f.alarmName, AlarmType: 'MetricAlarm', Timestamp: epochSeconds(t.at + 214), HistoryItemType: 'Action',
    HistoryData: JSON.stringify({ actionState: 'Succeeded', stateUpdateTimestamp: t.at, notificationResource: arn, publishedMessage: { messageId: `${f.alarmName}-${t.at}` } }),
    HistorySummary: `Successfully executed action ${arn}`,
  })) : [];
  return [...actions, state];
}

const describeAlarmHistory: Recording = (call) => {
  const input = jsonBody(call.req) ?? {};
  const size = pageSize(input['MaxRecords'], 100, 100);
  if (size === undefined) return invalid(call, 'The parameter MaxRecords must be between 1 and 100.');
  const name = typeof input['AlarmName'] === 'string' ? input['AlarmName'] : undefined;
  const kind = typeof input['HistoryItemType'] === 'string' ? input['HistoryItemType'] : undefined;
  const from = typeof input['StartDate'] === 'number' ? input['StartDate'] * 1000 : -Infinity;
  const to = typeof input['EndDate'] === 'number' ? input['EndDate'] * 1000 : Infinity;
  const types = strings(input['AlarmTypes']);
  const filters = types.length === 0 || types.includes('MetricAlarm') ? alarmFilters(call.ctx.account.id, call.ctx.region) : [];
  const items = filters.filter((f) => name === undefined || f.alarmName === name)
    .flatMap((f) => alarmTransitions(f, call.ctx.startMs).flatMap((t) => historyItems(f, t)))
    .filter((i) => i.Timestamp * 1000 >= from && i.Timestamp * 1000 < to)
    .filter((i) => kind === undefined || i.HistoryItemType === kind)
    .sort((a, b) => a.Timestamp - b.Timestamp);
  if (input['ScanBy'] !== 'TimestampAscending') items.reverse();
  const token = typeof input['NextToken'] === 'string' ? input['NextToken'] : undefined;
  const page = pageOf(items, size, token, `DescribeAlarmHistory|${call.ctx.account.id}|${call.ctx.region}|${name ?? ''}`);
  if (!page) return invalid(call, 'The service cannot find the NextToken.');
  return jsonOk(PROTOCOL, call.seed, { AlarmHistoryItems: page.items, ...(page.next ? { NextToken: page.next } : {}) });
};

export const CLOUDWATCH_ROUTE: ServiceRoute = {
  signingName: 'monitoring',
  protocol: PROTOCOL,
  recordings: { DescribeAlarms: describeAlarms, DescribeAlarmHistory: describeAlarmHistory },
};
