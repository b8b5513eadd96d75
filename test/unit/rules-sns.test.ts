import { escalationChain } from '../../src/evaluate/rules/sns';
import type { DayGap } from '../../src/evaluate/types';
import { evalContext, type Answer } from '../support/eval-context';

// Shapes from the SNS ListTopics / ListSubscriptionsByTopic, CloudWatch DescribeAlarms and
// EventBridge ListTargetsByRule API references. An unconfirmed subscriber's SubscriptionArn is "PendingConfirmation".
const ACCOUNT = '111122223333';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:security-alerts`;

const topics = (...arns: string[]): Answer => ({ service: 'sns', operation: 'ListTopics', input: {}, response: { Topics: arns.map((TopicArn) => ({ TopicArn })) } });

const subscription = (Protocol: string, Endpoint: string, confirmed = true): Record<string, unknown> => ({
  SubscriptionArn: confirmed ? `${TOPIC}:0b4b5bb7-4e8a-4c3e-9c6d-${Protocol.padEnd(12, '0').slice(0, 12)}` : 'PendingConfirmation',
  Owner: ACCOUNT, Protocol, Endpoint, TopicArn: TOPIC,
});

const subscriptions = (subs: Array<Record<string, unknown>>, page: { NextToken?: string; asked?: string } = {}): Answer => ({
  service: 'sns', operation: 'ListSubscriptionsByTopic', input: { TopicArn: TOPIC, ...(page.asked ? { NextToken: page.asked } : {}) },
  response: { Subscriptions: subs, ...(page.NextToken ? { NextToken: page.NextToken } : {}) },
});

const alarms = (actions: string[]): Answer => ({
  service: 'cloudwatch', operation: 'DescribeAlarms', input: { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100 },
  response: {
    MetricAlarms: [{
      AlarmName: 'unauthorized-api-calls', AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:unauthorized-api-calls`, ActionsEnabled: true,
      AlarmActions: actions, OKActions: [], InsufficientDataActions: [], StateValue: 'OK', MetricName: 'UnauthorizedAPICalls', Namespace: 'CISBenchmark',
      Statistic: 'Sum', Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }],
    CompositeAlarms: [],
  },
});

const ruleTargets = (arn: string): Answer => ({
  service: 'events', operation: 'ListTargetsByRule', input: { Rule: 'guardduty-high-findings', Limit: 100 },
  response: { Targets: [{ Id: 'security-alerts', Arn: arn }] },
});

const gap = (operation: string): DayGap => ({ collector: 'sns', account: ACCOUNT, region: 'us-east-1', operation, errorCode: 'AuthorizationError' });

const PAGER = subscription('sms', '+15555550100', false);
const EMAIL = subscription('email', 'secops@example.com');

describe('sns.escalation-chain', () => {
  it('an alarm topic with confirmed subscribers completes the escalation chain', () => {
    const result = escalationChain.evaluate(evalContext([alarms([TOPIC]), topics(TOPIC), subscriptions([EMAIL, subscription('https', 'https://events.pagerduty.com/integration/abc/enqueue')])]), {});
    expect(result.verdict).toBe('pass');
    expect(result.resources).toEqual([expect.objectContaining({ resource: TOPIC, account: ACCOUNT, region: 'us-east-1', verdict: 'pass' })]);
    expect(result.resources[0]?.reason).toBe(
      '2 confirmed subscription(s) (email secops@example.com, https https://events.pagerduty.com/integration/abc/enqueue), none PendingConfirmation; notified by alarm "unauthorized-api-calls"',
    );
    expect(result.resources[0]?.evidence).toHaveLength(2);
  });

  it('an unconfirmed pager subscription breaks the escalation chain', () => {
    const result = escalationChain.evaluate(evalContext([alarms([TOPIC]), topics(TOPIC), subscriptions([EMAIL, PAGER])]), {});
    expect(result.verdict).toBe('fail');
    expect(result.resources[0]?.reason).toBe('SubscriptionArn is PendingConfirmation for sms +15555550100: never confirmed, gets no notification; notified by alarm "unauthorized-api-calls"');
  });

  it('a topic that GuardDuty findings reach through EventBridge is part of the chain', () => {
    const result = escalationChain.evaluate(evalContext([ruleTargets(TOPIC), topics(TOPIC), subscriptions([])]), {});
    expect(result.verdict).toBe('fail');
    expect(result.resources[0]?.reason).toBe('no confirmed subscription (0 listed): notifications from rule "guardduty-high-findings" reach no one');
  });

  it('an alarm pointing at a deleted topic notifies no one', () => {
    const result = escalationChain.evaluate(evalContext([alarms([TOPIC]), topics(`arn:aws:sns:us-east-1:${ACCOUNT}:other`)]), {});
    expect(result.verdict).toBe('fail');
    expect(result.resources[0]?.reason).toContain('topic is not in ListTopics of 111122223333 us-east-1');
  });

  it('a referenced topic whose subscriptions were not collected is not evidenced', () => {
    const result = escalationChain.evaluate(evalContext([alarms([TOPIC]), topics(TOPIC)], [gap('sns:ListSubscriptionsByTopic')]), {});
    expect(result.verdict).toBe('not-evidenced');
    expect(result.resources[0]?.reason).toBe('sns:ListSubscriptionsByTopic was not answered (AuthorizationError) in 111122223333 us-east-1; topic notified by alarm "unauthorized-api-calls"');
  });

  it('a later page of subscribers that was not collected may hold an unconfirmed one', () => {
    const result = escalationChain.evaluate(evalContext([alarms([TOPIC]), topics(TOPIC), subscriptions([EMAIL], { NextToken: 'page-2' })]), {});
    expect(result.verdict).toBe('not-evidenced');
    const complete = escalationChain.evaluate(evalContext([alarms([TOPIC]), topics(TOPIC), subscriptions([EMAIL], { NextToken: 'page-2' }), subscriptions([EMAIL], { asked: 'page-2' })]), {});
    expect(complete.verdict).toBe('pass');
  });

  it('an account whose alarms and rules notify no SNS topic has no chain to check', () => {
    const lambda = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:triage`;
    const result = escalationChain.evaluate(evalContext([alarms([]), ruleTargets(lambda)]), {});
    expect(result.verdict).toBe('not-applicable');
    expect(result.resources[0]).toMatchObject({ resource: ACCOUNT, region: '*', verdict: 'not-applicable' });
  });

  it('gives byte-identical results whatever the order of the answers', () => {
    const answers = [alarms([TOPIC]), ruleTargets(TOPIC), topics(TOPIC), subscriptions([PAGER, EMAIL]), subscriptions([subscription('sms', '+15555550199', false)], { asked: 'x' })];
    const json = JSON.stringify(escalationChain.evaluate(evalContext(answers), {}));
    expect(JSON.stringify(escalationChain.evaluate(evalContext([...answers].reverse()), {}))).toBe(json);
    expect(JSON.stringify(escalationChain.evaluate(evalContext([...answers.slice(3), ...answers.slice(0, 3)]), {}))).toBe(json);
  });
});
