import type { DeliveryStatus, DrillDelivery, DrillRecord } from './model';
import { maskEndpoint } from './drill-mask';

/**
 * What a drill observed, in AWS's own shapes (CloudWatch AlarmHistoryItem, SNS Subscription,
 * CloudWatch Logs FilteredLogEvent), turned into the drill record
 * (docs/formats/workflow-records-v1.md §drill; docs/drills.md). Pure: no SDK, no clock.
 */
export interface HistoryItemLike {
  Timestamp?: Date;
  HistoryItemType?: string;
  HistoryData?: string;
  HistorySummary?: string;
}
export interface SubscriptionLike {
  SubscriptionArn?: string;
  Protocol?: string;
  Endpoint?: string;
  TopicArn?: string;
}
export interface LogEventLike {
  timestamp?: number;
  message?: string;
}
/** One topic's delivery status log groups; null when the group does not exist (logging not configured). */
export interface TopicDeliveryLogs {
  topicArn: string;
  successGroup: string;
  success: LogEventLike[] | null;
  failure: LogEventLike[] | null;
}

export interface DrillObservations {
  drillId: string;
  chain: DrillRecord['chain'];
  trigger: DrillRecord['trigger'];
  triggeredAt: Date;
  reason: string;
  /** Action items of the alarm history read after the trigger. */
  history: HistoryItemLike[];
  subscriptions: SubscriptionLike[];
  logs: TopicDeliveryLogs[];
  /** How long the drill waited, for the reasons' wording. */
  waitedSeconds: number;
  recordedAt: Date;
  recordedBy: string;
}

/** Protocols whose delivery status SNS logs to CloudWatch Logs (SNS Developer Guide, "Amazon SNS message delivery status"). */
export const LOGGED_PROTOCOLS: ReadonlySet<string> = new Set(['http', 'https', 'sqs', 'lambda', 'firehose', 'application']);

interface ActionSeen {
  ok: boolean;
  at: Date;
  summary: string;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text ?? '');
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The first Action item at or after the trigger that names `topic` (HistoryData.notificationResource, else the summary). */
export function actionFor(history: readonly HistoryItemLike[], topic: string, triggeredAt: Date): ActionSeen | undefined {
  const items = history
    .filter((h) => h.HistoryItemType === 'Action' && h.Timestamp !== undefined && h.Timestamp.getTime() >= triggeredAt.getTime())
    .filter((h) => {
      const data = parseJson(h.HistoryData);
      return data?.['notificationResource'] === topic || (data === undefined && (h.HistorySummary ?? '').includes(topic));
    })
    .sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime());
  const first = items[0];
  if (!first) return undefined;
  const state = parseJson(first.HistoryData)?.['actionState'];
  const ok = state === undefined ? /^Successfully executed action/.test(first.HistorySummary ?? '') : state === 'Succeeded';
  return { ok, at: first.Timestamp!, summary: first.HistorySummary ?? '' };
}

interface DeliveryLine {
  status: string;
  at: number;
  detail: string;
}

/** The delivery status line for `endpoint` on `topic` published at or after the trigger. */
function deliveryLine(events: readonly LogEventLike[] | null, topic: string, endpoint: string, triggeredMs: number): DeliveryLine | undefined {
  for (const e of events ?? []) {
    const m = parseJson(e.message);
    const n = m?.['notification'] as Record<string, unknown> | undefined;
    const d = m?.['delivery'] as Record<string, unknown> | undefined;
    if (!n || !d || n['topicArn'] !== topic || d['destination'] !== endpoint || typeof e.timestamp !== 'number') continue;
    // notification.timestamp is the publish time, "YYYY-MM-DD HH:MM:SS.mmm" UTC.
    const published = Date.parse(`${String(n['timestamp']).replace(' ', 'T')}Z`);
    if (Number.isNaN(published) || published < triggeredMs - 1000) continue;
    const detail = `${String(m?.['status'])}: HTTP status ${String(d['statusCode'])} after ${String(d['attempts'])} attempt(s), provider response ${JSON.stringify(d['providerResponse'] ?? '')}, message ${String(n['messageId'])}`;
    return { status: String(m?.['status']), at: e.timestamp, detail };
  }
  return undefined;
}

const seconds = (fromMs: number, toMs: number): number => Math.round(toMs - fromMs) / 1000;

function delivery(s: SubscriptionLike, o: DrillObservations): DrillDelivery {
  const topicArn = s.TopicArn ?? '';
  const protocol = s.Protocol ?? '';
  const endpoint = s.Endpoint ?? '';
  const base = { topicArn, subscriptionArn: s.SubscriptionArn ?? '', protocol, endpoint: maskEndpoint(protocol, endpoint) };
  const none = (status: DeliveryStatus, detail: string): DrillDelivery => ({ ...base, status, at: null, secondsAfterTrigger: null, detail });
  if (s.SubscriptionArn === 'PendingConfirmation') return none('pending-confirmation', 'the subscription was never confirmed: SNS does not deliver to it');
  if (!LOGGED_PROTOCOLS.has(protocol)) {
    return none('no-record', `SNS logs no delivery status for ${protocol} subscriptions: receipt is shown by the on-call acknowledgement`);
  }
  const logs = o.logs.find((l) => l.topicArn === topicArn);
  if (!logs || (logs.success === null && logs.failure === null)) {
    return none('no-record', `delivery status logging is not configured for this topic (no log group ${logs?.successGroup ?? `for ${topicArn}`})`);
  }
  const triggeredMs = o.triggeredAt.getTime();
  const ok = deliveryLine(logs.success, topicArn, endpoint, triggeredMs);
  if (ok && ok.status === 'SUCCESS') return { ...base, status: 'delivered', at: new Date(ok.at).toISOString(), secondsAfterTrigger: seconds(triggeredMs, ok.at), detail: ok.detail };
  const failed = deliveryLine(logs.failure, topicArn, endpoint, triggeredMs) ?? ok;
  if (failed) return none('failed', failed.detail);
  return none('no-record', `no delivery status line in ${logs.successGroup} (or its /Failure group) within ${o.waitedSeconds} s of the trigger`);
}

/** Every subscription that could have delivered and did not, and the missing actions, make the drill fail. */
export function analyzeDrill(o: DrillObservations): DrillRecord {
  const reasons: string[] = [];
  const actions = o.chain.topicArns.map((topic) => ({ topic, seen: actionFor(o.history, topic, o.triggeredAt) }));
  for (const { topic, seen } of actions) {
    if (!seen) reasons.push(`the alarm history shows no action on ${topic} within ${o.waitedSeconds} s of the trigger`);
    else if (!seen.ok) reasons.push(`the alarm's action on ${topic} failed: ${seen.summary}`);
  }
  const executed = actions.every((a) => a.seen?.ok === true) && actions.length > 0;
  const last = actions.map((a) => a.seen).filter((s): s is ActionSeen => s !== undefined).sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  const summary = actions.map((a) => a.seen?.summary ?? `no action on ${a.topic}`).join('; ');
  for (const topic of o.chain.topicArns) {
    if (!o.subscriptions.some((s) => s.TopicArn === topic)) reasons.push(`${topic} has no subscription: nobody is notified`);
  }
  const deliveries = o.subscriptions.map((s) => delivery(s, o));
  for (const d of deliveries) {
    const who = `${d.protocol} subscription ${d.endpoint} on ${d.topicArn}`;
    if (d.status === 'pending-confirmation') reasons.push(`${who} is pending confirmation: SNS does not deliver to it`);
    else if (d.status === 'failed') reasons.push(`${who} did not receive the notification: ${d.detail}`);
    else if (d.status === 'no-record' && LOGGED_PROTOCOLS.has(d.protocol)) reasons.push(`${who}: ${d.detail}`);
  }
  const delivered = deliveries.filter((d) => d.status === 'delivered');
  if (deliveries.length > 0 && delivered.length === 0 && reasons.length === 0) {
    reasons.push('no delivery could be confirmed: none of the subscriptions uses a protocol SNS logs delivery status for');
  }
  const everyLogged = deliveries.every((d) => d.status === 'delivered' || (d.status === 'no-record' && !LOGGED_PROTOCOLS.has(d.protocol)));
  return {
    kind: 'drill',
    drillId: o.drillId,
    chain: o.chain,
    trigger: o.trigger,
    triggeredAt: o.triggeredAt.toISOString(),
    reason: o.reason,
    action: { executed, at: executed && last ? last.at.toISOString() : null, summary },
    deliveries,
    secondsToDelivery: everyLogged && delivered.length > 0 ? Math.max(...delivered.map((d) => d.secondsAfterTrigger ?? 0)) : null,
    outcome: reasons.length === 0 ? 'pass' : 'fail',
    failureReasons: reasons,
    recordedAt: o.recordedAt.toISOString(),
    recordedBy: o.recordedBy,
  };
}
