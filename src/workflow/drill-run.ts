import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, SetAlarmStateCommand, type AlarmHistoryItem, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { ListSubscriptionsByTopicCommand, SNSClient, type Subscription } from '@aws-sdk/client-sns';
import { EvidenceError, describeError } from '../core/errors';
import { LOGGED_PROTOCOLS, actionFor, analyzeDrill, type TopicDeliveryLogs } from './drill-analyze';
import { drillIdFor, drillReason } from './drill-id';
import type { DrillRecord } from './model';

/**
 * Runs one escalation-chain drill for real (docs/drills.md): CloudWatch DescribeAlarms finds the
 * designated alarm and its SNS AlarmActions, SNS ListSubscriptionsByTopic the chain's
 * subscriptions, SetAlarmState puts the alarm into ALARM with a reason naming the drill, then
 * DescribeAlarmHistory (Action items) and the SNS delivery status logs (FilterLogEvents on
 * `sns/<region>/<account>/<topic>` and `…/Failure`) are polled until every action and every
 * observable delivery is accounted for, or the timeout. Clients and clock are injected.
 */
export interface DrillClients {
  cloudwatch: CloudWatchClient;
  sns: SNSClient;
  logs: CloudWatchLogsClient;
}

export interface DrillClock {
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

export const realClock: DrillClock = { now: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export interface DrillOptions {
  alarmName: string;
  /** Short name of the chain; default the alarm's name. */
  chain?: string;
  trigger: DrillRecord['trigger'];
  recordedBy: string;
  timeoutMs: number;
  pollMs?: number;
  /** Put the alarm back to OK once the drill has been read. */
  resetToOk?: boolean;
  /** Told when the reset fails: the drill's record is kept and sealed all the same. */
  warn?: (text: string) => void;
}

/** The designated alarm and its chain, checked before anything is triggered. */
export interface DrillTarget {
  alarm: MetricAlarm;
  chain: DrillRecord['chain'];
  subscriptions: Subscription[];
}

function aws(what: string, e: unknown): EvidenceError {
  return new EvidenceError('AWS_UNAVAILABLE', `${what}: ${describeError(e)}`, { cause: e });
}

/** Finds the alarm and its SNS topics and subscriptions; refuses (USAGE) an unknown alarm or one without SNS actions. */
export async function resolveDrillTarget(clients: DrillClients, alarmName: string, chainName?: string): Promise<DrillTarget> {
  const found = await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] })).catch((e: unknown) => {
    throw aws(`CloudWatch DescribeAlarms ${alarmName}`, e);
  });
  const alarm = [...(found.MetricAlarms ?? []), ...(found.CompositeAlarms ?? [])].find((a) => a.AlarmName === alarmName);
  const region = await clients.cloudwatch.config.region();
  if (!alarm?.AlarmArn) throw new EvidenceError('USAGE', `--alarm: no CloudWatch alarm named '${alarmName}' in ${region}`);
  const topicArns = (alarm.AlarmActions ?? []).filter((a) => /^arn:aws[a-z-]*:sns:/.test(a));
  if (topicArns.length === 0) {
    throw new EvidenceError('USAGE', `--alarm: ${alarmName} has no SNS topic among its alarm actions (${(alarm.AlarmActions ?? []).join(', ') || 'none'}): there is no escalation chain to drill`);
  }
  const arn = alarm.AlarmArn.split(':');
  const subscriptions: Subscription[] = [];
  for (const topic of topicArns) {
    let token: string | undefined;
    do {
      const page = await clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic, NextToken: token })).catch((e: unknown) => {
        throw aws(`SNS ListSubscriptionsByTopic ${topic}`, e);
      });
      subscriptions.push(...(page.Subscriptions ?? []).map((s) => ({ ...s, TopicArn: s.TopicArn ?? topic })));
      token = page.NextToken;
    } while (token);
  }
  const chain = { name: chainName ?? alarmName, alarmName, alarmArn: alarm.AlarmArn, account: arn[4] ?? '', region: arn[3] ?? region, topicArns };
  return { alarm, chain, subscriptions };
}

async function actionHistory(clients: DrillClients, alarmName: string, since: Date): Promise<AlarmHistoryItem[]> {
  const items: AlarmHistoryItem[] = [];
  let token: string | undefined;
  do {
    const page = await clients.cloudwatch.send(new DescribeAlarmHistoryCommand({ AlarmName: alarmName, HistoryItemType: 'Action', StartDate: new Date(since.getTime() - 1000), ScanBy: 'TimestampAscending', NextToken: token }));
    items.push(...(page.AlarmHistoryItems ?? []));
    token = page.NextToken;
  } while (token);
  return items;
}

async function logEvents(clients: DrillClients, group: string, since: Date): Promise<FilteredLogEvent[] | null> {
  const events: FilteredLogEvent[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await clients.logs.send(new FilterLogEventsCommand({ logGroupName: group, startTime: since.getTime() - 1000, nextToken: token }));
      events.push(...(page.events ?? []));
      token = page.nextToken;
    } while (token);
  } catch (e) {
    if ((e as { name?: string }).name === 'ResourceNotFoundException') return null;
    throw e;
  }
  return events;
}

/** `sns/<region>/<account>/<TopicName>`: where SNS writes a topic's delivery status lines. */
export function deliveryLogGroup(topicArn: string): string {
  const [, , , region, account, name] = topicArn.split(':');
  return `sns/${region}/${account}/${name}`;
}

async function deliveryLogs(clients: DrillClients, topicArns: readonly string[], since: Date): Promise<TopicDeliveryLogs[]> {
  return Promise.all(topicArns.map(async (topicArn) => {
    const successGroup = deliveryLogGroup(topicArn);
    return { topicArn, successGroup, success: await logEvents(clients, successGroup, since), failure: await logEvents(clients, `${successGroup}/Failure`, since) };
  }));
}

function settled(target: DrillTarget, history: AlarmHistoryItem[], logs: TopicDeliveryLogs[], triggeredAt: Date): boolean {
  const actions = target.chain.topicArns.map((t) => actionFor(history, t, triggeredAt));
  if (actions.some((a) => a === undefined)) return false;
  if (actions.every((a) => a && !a.ok)) return true;
  const waiting = target.subscriptions.filter((s) => s.SubscriptionArn !== 'PendingConfirmation' && LOGGED_PROTOCOLS.has(s.Protocol ?? ''));
  return waiting.every((s) => {
    const l = logs.find((x) => x.topicArn === s.TopicArn);
    if (!l || (l.success === null && l.failure === null)) return true;
    return [...(l.success ?? []), ...(l.failure ?? [])].some((e) => (e.message ?? '').includes(JSON.stringify(s.Endpoint ?? '')));
  });
}

/** Triggers the drill on an already resolved target, waits for its outcome and returns the record. */
export async function runDrill(clients: DrillClients, target: DrillTarget, options: DrillOptions, clock: DrillClock = realClock): Promise<DrillRecord> {
  const triggeredAt = clock.now();
  const drillId = drillIdFor(triggeredAt, target.chain.name);
  const reason = drillReason(drillId);
  const alarmName = target.chain.alarmName;
  await clients.cloudwatch.send(new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: 'ALARM', StateReason: reason })).catch((e: unknown) => {
    throw aws(`CloudWatch SetAlarmState ${alarmName}`, e);
  });
  const deadline = triggeredAt.getTime() + options.timeoutMs;
  const read = async (): Promise<{ history: AlarmHistoryItem[]; logs: TopicDeliveryLogs[] }> => {
    try {
      return { history: await actionHistory(clients, alarmName, triggeredAt), logs: await deliveryLogs(clients, target.chain.topicArns, triggeredAt) };
    } catch (e) {
      throw aws(`reading the outcome of drill ${drillId} (the alarm was set to ALARM at ${triggeredAt.toISOString()})`, e);
    }
  };
  let seen = await read();
  while (!settled(target, seen.history, seen.logs, triggeredAt) && clock.now().getTime() < deadline) {
    await clock.sleep(Math.min(options.pollMs ?? 2_000, Math.max(1, deadline - clock.now().getTime())));
    seen = await read();
  }
  const { history, logs } = seen;
  if (options.resetToOk) {
    await clients.cloudwatch.send(new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: 'OK', StateReason: `Escalation drill ${drillId} finished: set back to OK by Evidence Vault` })).catch((e: unknown) => {
      options.warn?.(`could not set ${alarmName} back to OK (CloudWatch sets it from its metric at the next evaluation): ${describeError(e)}`);
    });
  }
  const recordedAt = clock.now();
  return analyzeDrill({
    drillId, chain: target.chain, trigger: options.trigger, triggeredAt, reason, history, subscriptions: target.subscriptions, logs,
    waitedSeconds: Math.round((Math.min(recordedAt.getTime(), deadline) - triggeredAt.getTime()) / 1000), recordedAt, recordedBy: options.recordedBy,
  });
}
