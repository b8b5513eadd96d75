import { SAMPLE_DRIFT, SECURITY_TOPIC, PAGER_ENDPOINT, activeDrift, type DriftItem } from '../drift';
import { SAMPLE_ACCOUNTS, type SampleRegion } from '../organization';

/**
 * SNS topics: a KMS-encrypted `security-alerts` topic in the home region of the management
 * and production accounts, where the security alarms and EventBridge rules send, each with a
 * confirmed e-mail subscription (the security team) and an HTTPS subscription (the pager).
 */
const mgmt = SAMPLE_ACCOUNTS.management.id;
const prod = SAMPLE_ACCOUNTS.production.id;

export interface SampleSubscription {
  readonly protocol: 'email' | 'https';
  readonly endpoint: string;
  /** The id part of the SubscriptionArn once confirmed. */
  readonly id: string;
}

export interface SampleTopic {
  readonly account: string;
  readonly region: SampleRegion;
  readonly name: string;
  readonly displayName: string;
  readonly kmsMasterKeyId: string;
  readonly subscriptions: readonly SampleSubscription[];
}

export const SAMPLE_TOPICS: readonly SampleTopic[] = [
  {
    account: mgmt, region: 'us-east-1', name: SECURITY_TOPIC, displayName: 'Brightpath security alerts', kmsMasterKeyId: 'alias/brightpath-security-alerts',
    subscriptions: [
      { protocol: 'email', endpoint: 'security-team@brightpath-learning.example', id: '3f1c9a7e-2b6d-4e58-9c0a-7d4e1f8b2a63' },
      { protocol: 'https', endpoint: PAGER_ENDPOINT, id: 'a8e2d4c1-7f3b-4a96-b5e0-1c9d7f2e6b48' },
    ],
  },
  {
    account: prod, region: 'us-east-1', name: SECURITY_TOPIC, displayName: 'Brightpath production security alerts', kmsMasterKeyId: 'alias/brightpath-security-alerts',
    subscriptions: [
      { protocol: 'email', endpoint: 'security-team@brightpath-learning.example', id: '6b4e0f2a-9c1d-47e3-a8b5-2e7f3c9d1a04' },
      { protocol: 'https', endpoint: PAGER_ENDPOINT, id: 'd2f7a9c3-4e1b-4c6a-9f08-5b3e7a1c8d92' },
    ],
  },
];

export function topicArn(t: SampleTopic): string {
  return `arn:aws:sns:${t.region}:${t.account}:${t.name}`;
}

export function topicsIn(account: string, region: string): readonly SampleTopic[] {
  return SAMPLE_TOPICS.filter((t) => t.account === account && t.region === region);
}

export interface SubscriptionOnDay extends SampleSubscription {
  /** The SubscriptionArn, or 'PendingConfirmation' while unconfirmed. */
  readonly arn: string;
  readonly confirmed: boolean;
}

/** Subscriptions on `day`: one that drift left unconfirmed shows 'PendingConfirmation'. */
export function subscriptionsOnDay(t: SampleTopic, day: number, drift: readonly DriftItem[] = SAMPLE_DRIFT): SubscriptionOnDay[] {
  const pending = activeDrift('subscription-pending', t.account, t.region, day, drift).filter((d) => d.effect.topic === t.name);
  return t.subscriptions.map((s) => {
    const unconfirmed = pending.some((d) => d.effect.endpoint === s.endpoint);
    return { ...s, confirmed: !unconfirmed, arn: unconfirmed ? 'PendingConfirmation' : `${topicArn(t)}:${s.id}` };
  });
}
