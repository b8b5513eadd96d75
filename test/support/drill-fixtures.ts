/**
 * AWS-shaped drill observations, built from the documented shapes: CloudWatch AlarmHistoryItem
 * (an `Action` item whose HistoryData carries actionState, notificationResource,
 * stateUpdateTimestamp and the published message as a string; HistorySummary "Successfully
 * executed action <arn>"), SNS Subscription (SubscriptionArn `PendingConfirmation` while
 * unconfirmed) and the SNS delivery status log line (notification {messageMD5Sum, messageId,
 * topicArn, timestamp "YYYY-MM-DD HH:MM:SS.mmm"}, delivery {deliveryId, destination,
 * providerResponse, dwellTimeMs, attempts, statusCode}, status SUCCESS | FAILURE) as
 * FilterLogEvents returns it (logStreamName, timestamp, message, ingestionTime, eventId).
 */
export const ACCOUNT = '444455556666';
export const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:dpo-escalation`;
export const ALARM = 'student-records-exfiltration';
export const ALARM_ARN = `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:${ALARM}`;
export const PAGER = 'https://events.pagerduty.com/integration/0f1e2d3c4b5a69788796a5b4c3d2e1f0/enqueue';
export const TRIGGER = new Date('2026-10-05T09:00:00.000Z');

export function actionItem(at: Date, topic = TOPIC, ok = true): { AlarmName: string; AlarmType: 'MetricAlarm'; Timestamp: Date; HistoryItemType: 'Action'; HistoryData: string; HistorySummary: string } {
  return {
    AlarmName: ALARM, AlarmType: 'MetricAlarm' as const, Timestamp: at, HistoryItemType: 'Action' as const,
    HistoryData: JSON.stringify({ error: ok ? null : 'Resource not found', actionState: ok ? 'Succeeded' : 'Failed', notificationResource: topic, stateUpdateTimestamp: TRIGGER.getTime(), publishedMessage: ok ? '{"default":"{\\"AlarmName\\":\\"student-records-exfiltration\\"}"}' : null }),
    HistorySummary: ok ? `Successfully executed action ${topic}` : `Failed to execute action ${topic}. Received error: "Resource not found"`,
  };
}

export function subscription(protocol: string, endpoint: string, confirmed = true, id = '8a21d249-4329-4871-acc6-7be709c6ea7f'): { TopicArn: string; Protocol: string; SubscriptionArn: string; Owner: string; Endpoint: string } {
  return { TopicArn: TOPIC, Protocol: protocol, SubscriptionArn: confirmed ? `${TOPIC}:${id}` : 'PendingConfirmation', Owner: ACCOUNT, Endpoint: endpoint };
}

const snsTime = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

export function deliveryLine(destination: string, publishedMs: number, dwellMs: number, status: 'SUCCESS' | 'FAILURE' = 'SUCCESS'): { logStreamName: string; timestamp: number; message: string; ingestionTime: number; eventId: string } {
  const message = {
    notification: { messageMD5Sum: '52a349e59f1b4337bf9d951ca326b303', messageId: 'f3072eb0-94bc-5c7f-8dc7-787c36af7740', topicArn: TOPIC, timestamp: snsTime(publishedMs) },
    delivery: status === 'SUCCESS'
      ? { deliveryId: '70cbac57-7eab-55be-8185-fa9bdddaf03a', destination, providerResponse: '{"status":"success","message":"Event processed"}', dwellTimeMs: dwellMs, attempts: 1, statusCode: 202 }
      : { deliveryId: 'aac38029-4ec3-5c64-81dc-d6e5ebff3e7d', destination, providerResponse: 'Service Unavailable', dwellTimeMs: dwellMs, attempts: 4, statusCode: 503 },
    status,
  };
  return { logStreamName: 'f3a9b0c2-1d4e-4f5a-8b6c-7d8e9f0a1b2c', timestamp: publishedMs + dwellMs, message: JSON.stringify(message), ingestionTime: publishedMs + dwellMs + 2400, eventId: '37981294739012384756102938475610293847561029384756102938' };
}
