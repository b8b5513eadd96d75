import { epochSeconds, simulatedTime } from '../clock';
import type { Recording, SampleCall, ServiceRoute } from '../route-types';
import { alarmFilters, alarmStateAt, alarmTransitions, type AlarmTransition } from '../state/alarms';
import type { SampleMetricFilter } from '../state/metric-filters';
import { ACTION_DELAY_MS, alarmMessage, type DrillTrigger } from '../state/drills';
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

/** The alarm's state at the simulated now: the recorded transitions, then any drill's SetAlarmState. */
function currentState(f: SampleMetricFilter, call: SampleCall): { to: string; reason: string; at: number } {
  const now = call.ctx.now();
  const recorded = alarmStateAt(f, call.ctx.startMs, Math.min(now, simulatedTime(call.ctx.startMs, call.ctx.day, 6, 0, 0)));
  const drill = drillsOf(f, call).filter((d) => d.at <= now).at(-1);
  return drill && drill.at >= recorded.at ? drill : recorded;
}

function drillsOf(f: SampleMetricFilter, call: SampleCall): DrillTrigger[] {
  return call.ctx.drills.filter((d) => d.alarmName === f.alarmName && d.account === f.account && d.region === f.region);
}

function metricAlarmJson(f: SampleMetricFilter, call: SampleCall): object {
  const state = currentState(f, call);
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

/** What SetAlarmState leaves in the history: the state change and, to ALARM, one SNS action per topic. */
function drillHistoryItems(f: SampleMetricFilter, d: DrillTrigger): HistoryItem[] {
  const state: HistoryItem = {
    AlarmName: f.alarmName, AlarmType: 'MetricAlarm', Timestamp: epochSeconds(d.at), HistoryItemType: 'StateUpdate',
    HistoryData: JSON.stringify({ version: '1.0', oldState: { stateValue: d.from }, newState: { stateValue: d.to, stateReason: d.reason } }),
    HistorySummary: `Alarm updated from ${d.from} to ${d.to}`,
  };
  const actions = d.to === 'ALARM' ? securityTopic(f).map((arn): HistoryItem => ({
    AlarmName: f.alarmName, AlarmType: 'MetricAlarm', Timestamp: epochSeconds(d.at + ACTION_DELAY_MS), HistoryItemType: 'Action',
    HistoryData: JSON.stringify({ error: null, actionState: 'Succeeded', notificationResource: arn, stateUpdateTimestamp: d.at, publishedMessage: JSON.stringify({ default: alarmMessage(d) }) }),
    HistorySummary: `Successfully executed action ${arn}`,
  })) : [];
  return [state, ...actions];
}

/**
 * SetAlarmState (CloudWatch API Reference): StateValue OK | ALARM | INSUFFICIENT_DATA and a
 * StateReason of at most 1023 characters; an unknown alarm is `ResourceNotFound` (404).
 */
const setAlarmState: Recording = (call) => {
  const input = jsonBody(call.req) ?? {};
  const name = typeof input['AlarmName'] === 'string' ? input['AlarmName'] : '';
  const value = input['StateValue'];
  const reason = typeof input['StateReason'] === 'string' ? input['StateReason'] : '';
  if (value !== 'OK' && value !== 'ALARM' && value !== 'INSUFFICIENT_DATA') {
    return invalid(call, `1 validation error detected: Value '${String(value)}' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]`);
  }
  if (reason.length > 1023) return invalid(call, "1 validation error detected: Value at 'stateReason' failed to satisfy constraint: Member must have length less than or equal to 1023");
  const f = alarmFilters(call.ctx.account.id, call.ctx.region).find((a) => a.alarmName === name);
  if (!f) return PROTOCOL.error(call.seed, { status: 404, code: 'ResourceNotFound', message: `alarm ${name} not found` });
  const from = currentState(f, call).to;
  call.ctx.drills.push({ alarmName: f.alarmName, account: f.account, region: f.region, at: call.ctx.now(), from, to: value, reason, day: call.ctx.day });
  return jsonOk(PROTOCOL, call.seed, {});
};

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
    .flatMap((f) => [
      ...alarmTransitions(f, call.ctx.startMs).flatMap((t) => historyItems(f, t)),
      ...drillsOf(f, call).flatMap((d) => drillHistoryItems(f, d)).filter((i) => i.Timestamp * 1000 <= call.ctx.now()),
    ])
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
  recordings: { DescribeAlarms: describeAlarms, DescribeAlarmHistory: describeAlarmHistory, SetAlarmState: setAlarmState },
};
