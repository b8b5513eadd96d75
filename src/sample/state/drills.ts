import { createHash } from 'node:crypto';
import { subscriptionsOnDay, topicArn, topicsIn, type SampleTopic } from './topics';

/**
 * Escalation drills against the sample organization (docs/sample-organization.md §Escalation
 * drills). A SetAlarmState call is remembered by the handler that received it, at the handler's
 * simulated now; what AWS would then do follows from the sample state of that day:
 * - the alarm's state changes, and for a change to ALARM CloudWatch publishes to each SNS topic
 *   of AlarmActions (an `Action` history item, 214 ms after the change);
 * - SNS delivers to every *confirmed* subscription (never to one pending confirmation) and, for
 *   the protocols SNS logs delivery status for (HTTP/S, SQS, Lambda, Firehose, application),
 *   writes a SUCCESS line to `sns/<region>/<account>/<topic>` a little later. E-mail deliveries
 *   are not logged by SNS at all.
 * Everything appears only once the simulated now has reached it, so a drill must poll.
 */
export interface DrillTrigger {
  readonly alarmName: string;
  readonly account: string;
  readonly region: string;
  /** Epoch ms of the SetAlarmState call. */
  readonly at: number;
  readonly from: string;
  readonly to: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  readonly reason: string;
  /** The simulated day it was sent on (subscriptions are those of that day). */
  readonly day: number;
}

/** Milliseconds from SetAlarmState to the SNS action, publish and per-protocol delivery. */
export const ACTION_DELAY_MS = 214;
export const PUBLISH_DELAY_MS = 251;
const DWELL_MS: Readonly<Record<string, number>> = { https: 1_873, http: 1_873, sqs: 96, lambda: 412, firehose: 640, application: 930 };
const INGESTION_DELAY_MS = 2_417;

/** Protocols whose delivery status SNS can log to CloudWatch Logs (not email, email-json or sms on topics). */
export const LOGGED_PROTOCOLS: readonly string[] = Object.keys(DWELL_MS);

export function deliveryLogGroup(t: SampleTopic, failure = false): string {
  return `sns/${t.region}/${t.account}/${t.name}${failure ? '/Failure' : ''}`;
}

function uuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** SNS writes `notification.timestamp` as `YYYY-MM-DD HH:MM:SS.mmm` (UTC). */
function snsTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** The message CloudWatch publishes for an alarm state change (the JSON alarm notification). */
export function alarmMessage(d: DrillTrigger): string {
  return JSON.stringify({
    AlarmName: d.alarmName, AlarmDescription: null, AWSAccountId: d.account, NewStateValue: d.to, NewStateReason: d.reason,
    StateChangeTime: new Date(d.at).toISOString().replace('Z', '+0000'), Region: 'US East (N. Virginia)',
    AlarmArn: `arn:aws:cloudwatch:${d.region}:${d.account}:alarm:${d.alarmName}`, OldStateValue: d.from,
  });
}

export interface DeliveryLogEvent {
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
  readonly eventId: string;
}

/** SNS's messageId for the drill's publish to `topic`. */
export function publishedMessageId(d: DrillTrigger, topic: string): string {
  return uuid(`publish|${topic}|${d.alarmName}|${d.at}`);
}

/** The delivery status log lines SNS writes for the drill's notification on `topic`. */
export function deliveryEvents(d: DrillTrigger, t: SampleTopic): DeliveryLogEvent[] {
  if (d.to !== 'ALARM') return [];
  const arn = topicArn(t);
  const published = d.at + PUBLISH_DELAY_MS;
  const message = alarmMessage(d);
  const messageId = publishedMessageId(d, arn);
  return subscriptionsOnDay(t, d.day).filter((s) => s.confirmed && LOGGED_PROTOCOLS.includes(s.protocol)).map((s) => {
    const dwell = DWELL_MS[s.protocol] ?? 1_000;
    const delivered = published + dwell;
    const body = {
      notification: { messageMD5Sum: createHash('md5').update(message).digest('hex'), messageId, topicArn: arn, timestamp: snsTime(published) },
      delivery: { deliveryId: uuid(`delivery|${messageId}|${s.id}`), destination: s.endpoint, providerResponse: '{"status":"success","message":"Event processed"}', dwellTimeMs: dwell, attempts: 1, statusCode: 202 },
      status: 'SUCCESS',
    };
    return {
      logGroupName: deliveryLogGroup(t), logStreamName: uuid(`stream|${arn}|${s.id}`), timestamp: delivered,
      message: JSON.stringify(body), ingestionTime: delivered + INGESTION_DELAY_MS,
      eventId: BigInt(`0x${createHash('sha256').update(`${messageId}|${s.id}`).digest('hex').slice(0, 30)}`).toString().padStart(56, '0').slice(0, 56),
    };
  });
}

/** The alarm's topics in the drill's account and region (the sample's alarms notify the security topic). */
export function drillTopics(d: DrillTrigger): SampleTopic[] {
  return [...topicsIn(d.account, d.region)];
}

/** Delivery log events visible at `now` in the log group `name`. */
export function deliveryLogEventsIn(drills: readonly DrillTrigger[], account: string, region: string, name: string, now: number): DeliveryLogEvent[] {
  return drills.filter((d) => d.account === account && d.region === region)
    .flatMap((d) => drillTopics(d).flatMap((t) => deliveryEvents(d, t)))
    .filter((e) => e.logGroupName === name && e.timestamp <= now)
    .sort((a, b) => a.timestamp - b.timestamp);
}

/** Whether `name` is one of the delivery status log groups of the account's topics in `region`. */
export function isDeliveryLogGroup(account: string, region: string, name: string): boolean {
  return topicsIn(account, region).some((t) => deliveryLogGroup(t) === name || deliveryLogGroup(t, true) === name);
}
