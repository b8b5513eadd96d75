import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { SdkClientProvider } from '../../src/collectors/clients';
import { snsCollector } from '../../src/collectors/sns';
import { artifactsOf, oneClient, recorder, target } from '../support/collect';
import { ScriptedHandler, TEST_CREDENTIALS, type ScriptedResponse } from '../support/scripted-handler';

const account = '444455556666';
const alerts = `arn:aws:sns:us-east-1:${account}:security-alerts`;
const oncall = `arn:aws:sns:us-east-1:${account}:dpo-escalation`;

// Amazon SNS API Reference: GetTopicAttributes attribute map, Subscription members.
function attributes(topicArn: string): Record<string, string> {
  return {
    TopicArn: topicArn,
    Owner: account,
    DisplayName: 'Security alerts',
    SubscriptionsConfirmed: '1',
    SubscriptionsPending: '1',
    SubscriptionsDeleted: '0',
    KmsMasterKeyId: 'alias/aws/sns',
    Policy: `{"Version":"2012-10-17","Statement":[{"Sid":"AllowCloudWatchAlarms","Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"SNS:Publish","Resource":"${topicArn}"}]}`,
  };
}
function subscription(topicArn: string, endpoint: string, confirmed: boolean): { TopicArn: string; Protocol: string; SubscriptionArn: string; Owner: string; Endpoint: string } {
  return { TopicArn: topicArn, Protocol: 'email', SubscriptionArn: confirmed ? `${topicArn}:8a21d249-4329-4871-acc6-7be709c6ea7f` : 'PendingConfirmation', Owner: account, Endpoint: endpoint };
}

describe('sns collector', () => {
  const sns = mockClient(SNSClient);
  beforeEach(() => sns.reset());
  // mockClient stubs every SNSClient; the tests through the real SDK below need the real one.
  afterAll(() => sns.restore());

  it('records the topics, and for each its attributes and subscribers, unconfirmed ones included', async () => {
    // Prepare
    sns.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: alerts }] });
    sns.on(GetTopicAttributesCommand).resolves({ Attributes: attributes(alerts) });
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [subscription(alerts, 'security@brightpath.example', true), subscription(alerts, 'dpo@brightpath.example', false)] });
    const rec = recorder('sns', account);
    // Act
    await snsCollector.collect(target({ account, clients: oneClient(new SNSClient({})) }), rec);
    // Assess
    expect(sns).toHaveReceivedCommandWith(ListTopicsCommand, {});
    expect(sns).toHaveReceivedCommandWith(GetTopicAttributesCommand, { TopicArn: alerts });
    expect(sns).toHaveReceivedCommandWith(ListSubscriptionsByTopicCommand, { TopicArn: alerts });
    expect(rec.gaps).toEqual([]);
    const artifacts = artifactsOf(rec);
    expect(artifacts.map((a) => [a.request.service, a.request.operation, a.request.input])).toEqual([
      ['sns', 'ListTopics', {}], ['sns', 'GetTopicAttributes', { TopicArn: alerts }], ['sns', 'ListSubscriptionsByTopic', { TopicArn: alerts }],
    ]);
    // The escalation chain is only as good as its confirmed subscribers; the pending one is kept as AWS said it.
    expect(artifacts[2]).toMatchObject({ response: { Subscriptions: [{ Endpoint: 'security@brightpath.example' }, { Endpoint: 'dpo@brightpath.example', SubscriptionArn: 'PendingConfirmation' }] } });
  });

  it('follows NextToken to the end, each page recorded with its own input', async () => {
    // Prepare
    sns.on(ListTopicsCommand, {}).resolves({ Topics: [{ TopicArn: alerts }], NextToken: 'topics-2' });
    sns.on(ListTopicsCommand, { NextToken: 'topics-2' }).resolves({ Topics: [{ TopicArn: oncall }] });
    sns.on(GetTopicAttributesCommand).resolves({ Attributes: attributes(alerts) });
    sns.on(ListSubscriptionsByTopicCommand, { TopicArn: alerts }).resolves({ Subscriptions: [subscription(alerts, 'a@brightpath.example', true)], NextToken: 'subs-2' });
    sns.on(ListSubscriptionsByTopicCommand, { TopicArn: alerts, NextToken: 'subs-2' }).resolves({ Subscriptions: [subscription(alerts, 'b@brightpath.example', true)] });
    sns.on(ListSubscriptionsByTopicCommand, { TopicArn: oncall }).resolves({ Subscriptions: [] });
    const rec = recorder('sns', account);
    // Act
    await snsCollector.collect(target({ account, clients: oneClient(new SNSClient({})) }), rec);
    // Assess
    expect(rec.gaps).toEqual([]);
    expect(artifactsOf(rec).map((a) => [a.request.operation, a.request.input])).toEqual([
      ['ListTopics', {}],
      ['ListTopics', { NextToken: 'topics-2' }],
      ['GetTopicAttributes', { TopicArn: alerts }],
      ['ListSubscriptionsByTopic', { TopicArn: alerts }],
      ['ListSubscriptionsByTopic', { TopicArn: alerts, NextToken: 'subs-2' }],
      ['GetTopicAttributes', { TopicArn: oncall }],
      ['ListSubscriptionsByTopic', { TopicArn: oncall }],
    ]);
  });
});

/** SNS speaks the AWS query protocol: XML answers in the 2010-03-31 namespace. */
const NS = 'http://sns.amazonaws.com/doc/2010-03-31/';
function xml(body: string, statusCode = 200): ScriptedResponse {
  return { statusCode, headers: { 'content-type': 'text/xml' }, body };
}
function snsError(statusCode: number, code: string, message: string): ScriptedResponse {
  return xml(`<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>9b6ddf4a-6cc3-5d1a-9f2e-8e2a1f0c7b55</RequestId></ErrorResponse>`, statusCode);
}
const metadata = '<ResponseMetadata><RequestId>3f1478c7-33a9-11df-9540-99d0768312d3</RequestId></ResponseMetadata>';
const listTopics = xml(`<ListTopicsResponse xmlns="${NS}"><ListTopicsResult><Topics><member><TopicArn>${alerts}</TopicArn></member><member><TopicArn>${oncall}</TopicArn></member></Topics></ListTopicsResult>${metadata}</ListTopicsResponse>`);
function topicAttributes(topicArn: string): ScriptedResponse {
  const entries = Object.entries(attributes(topicArn)).map(([k, v]) => `<entry><key>${k}</key><value>${v.replace(/"/g, '&quot;')}</value></entry>`).join('');
  return xml(`<GetTopicAttributesResponse xmlns="${NS}"><GetTopicAttributesResult><Attributes>${entries}</Attributes></GetTopicAttributesResult>${metadata}</GetTopicAttributesResponse>`);
}
function subscriptions(topicArn: string): ScriptedResponse {
  const s = subscription(topicArn, 'dpo@brightpath.example', false);
  return xml(
    `<ListSubscriptionsByTopicResponse xmlns="${NS}"><ListSubscriptionsByTopicResult><Subscriptions><member><TopicArn>${s.TopicArn}</TopicArn><Protocol>email</Protocol><SubscriptionArn>${s.SubscriptionArn}</SubscriptionArn><Owner>${account}</Owner><Endpoint>${s.Endpoint}</Endpoint></member></Subscriptions></ListSubscriptionsByTopicResult>${metadata}</ListSubscriptionsByTopicResponse>`,
  );
}

describe('sns collector through the real SDK', () => {
  it("records AuthorizationError on one topic's subscriptions as a gap and still asks the other topic", async () => {
    // Prepare
    const denied = snsError(403, 'AuthorizationError', `User: arn:aws:sts::${account}:assumed-role/EvidenceCollector/run is not authorized to perform: SNS:ListSubscriptionsByTopic on resource: ${alerts}`);
    const handler = new ScriptedHandler([listTopics, topicAttributes(alerts), denied, topicAttributes(oncall), subscriptions(oncall)]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 2 });
    const rec = recorder('sns', account);
    // Act
    await snsCollector.collect(target({ account, clients }), rec);
    clients.destroy();
    // Assess
    expect(handler.requests).toHaveLength(5);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['sns:ListSubscriptionsByTopic', 'AuthorizationError']]);
    const artifacts = artifactsOf(rec);
    expect(artifacts.map((a) => [a.request.operation, a.request.input])).toEqual([
      ['ListTopics', {}], ['GetTopicAttributes', { TopicArn: alerts }], ['GetTopicAttributes', { TopicArn: oncall }], ['ListSubscriptionsByTopic', { TopicArn: oncall }],
    ]);
    expect(artifacts[1]).toMatchObject({ response: { Attributes: { SubscriptionsPending: '1', KmsMasterKeyId: 'alias/aws/sns' } } });
    expect(artifacts[3]).toMatchObject({ response: { Subscriptions: [{ SubscriptionArn: 'PendingConfirmation', Protocol: 'email' }] } });
  });

  it('records a gap when throttling (Throttled) outlasts the retries', async () => {
    const handler = new ScriptedHandler([snsError(429, 'Throttled', 'Rate exceeded')]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 2 });
    const rec = recorder('sns', account);
    await snsCollector.collect(target({ account, clients }), rec);
    clients.destroy();
    expect(handler.requests).toHaveLength(2);
    expect(rec.artifacts).toEqual([]);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['sns:ListTopics', 'Throttled']]);
  });
});
