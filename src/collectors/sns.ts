import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Recorder } from './recorder';
import type { CollectTarget, Collector } from './types';

/**
 * SNS: the topics alarms and rules notify, each topic's attributes (KMS key, delivery policy,
 * access policy) and its subscribers: alarm → SNS → confirmed subscribers is the escalation
 * chain of incident notification (SOC 2 CC7.3/CC7.4, ISO 27001 A.5.24–A.5.26). A subscriber
 * that never confirmed shows SubscriptionArn "PendingConfirmation"; evaluation reads that.
 */
export const snsCollector: Collector = {
  name: 'sns',
  async collect(target: CollectTarget, rec: Recorder): Promise<void> {
    const client = target.clients.get(SNSClient, target.region);
    const ask = { service: 'sns' } as const;
    const pages = await rec.pages({ ...ask, operation: 'ListTopics', input: {}, tokenIn: 'NextToken' }, (input) => client.send(new ListTopicsCommand(input)), (p) => p.NextToken);
    const topics = pages.flatMap((p) => p.Topics ?? []).flatMap((t) => (t.TopicArn ? [t.TopicArn] : []));
    for (const TopicArn of topics) {
      const byArn = { TopicArn };
      await rec.ask({ ...ask, operation: 'GetTopicAttributes', input: byArn }, () => client.send(new GetTopicAttributesCommand(byArn)));
      const subscriptions = { ...ask, operation: 'ListSubscriptionsByTopic', input: { TopicArn }, tokenIn: 'NextToken' };
      await rec.pages(subscriptions, (input) => client.send(new ListSubscriptionsByTopicCommand(input)), (p) => p.NextToken);
    }
  },
};
