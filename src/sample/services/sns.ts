import type { Recording, SampleCall, ServiceRoute } from '../route-types';
import { subscriptionsOnDay, topicArn, topicsIn, type SampleTopic } from '../state/topics';
import { awsQuery, queryOk } from '../wire/protocols';
import { pageOf } from '../wire/paging';
import { formParams } from '../wire/request';
import type { SampleResponse } from '../wire/response';
import { el, text } from '../wire/xml';

/**
 * Amazon SNS (awsQuery, API version 2010-03-31): ListTopics, GetTopicAttributes and
 * ListSubscriptionsByTopic as the SNS API Reference documents them (lists of `member`,
 * attributes as `entry` key/value pairs, NextToken). SNS pages by 100.
 */
const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const PROTOCOL = awsQuery(XMLNS, '2010-03-31');
const PAGE = 100;

function scope(call: SampleCall): string {
  return `${call.operation}|${call.ctx.account.id}|${call.ctx.region}`;
}

function badToken(call: SampleCall): SampleResponse {
  return PROTOCOL.error(call.seed, { status: 400, code: 'InvalidParameter', message: 'Invalid parameter: NextToken' });
}

/** Finds the topic the TopicArn names, or answers NotFound as SNS does. */
function withTopic(answer: (t: SampleTopic, call: SampleCall) => SampleResponse): Recording {
  return (call) => {
    const arn = formParams(call.req).get('TopicArn') ?? '';
    const topic = topicsIn(call.ctx.account.id, call.ctx.region).find((t) => topicArn(t) === arn);
    if (!topic) return PROTOCOL.error(call.seed, { status: 404, code: 'NotFound', message: 'Topic does not exist' });
    return answer(topic, call);
  };
}

function policy(t: SampleTopic): string {
  return JSON.stringify({
    Version: '2008-10-17', Id: '__default_policy_ID',
    Statement: [
      { Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'], Resource: topicArn(t), Condition: { StringEquals: { 'AWS:SourceOwner': t.account } } },
      { Sid: 'AllowCloudWatchAndEventBridge', Effect: 'Allow', Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] }, Action: 'sns:Publish', Resource: topicArn(t), Condition: { StringEquals: { 'aws:SourceAccount': t.account } } },
    ],
  });
}

const DELIVERY_POLICY = JSON.stringify({ http: { defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear' }, disableSubscriptionOverrides: false, defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' } } });

const listTopics: Recording = (call) => {
  const page = pageOf(topicsIn(call.ctx.account.id, call.ctx.region), PAGE, formParams(call.req).get('NextToken') ?? undefined, scope(call));
  if (!page) return badToken(call);
  return queryOk(XMLNS, 'ListTopics', call.seed, el('Topics', ...page.items.map((t) => el('member', text('TopicArn', topicArn(t))))) + text('NextToken', page.next));
};

const getTopicAttributes = withTopic((t, call) => {
  const subs = subscriptionsOnDay(t, call.ctx.day);
  const attributes: [string, string][] = [
    ['Policy', policy(t)], ['Owner', t.account], ['SubscriptionsPending', String(subs.filter((s) => !s.confirmed).length)],
    ['KmsMasterKeyId', t.kmsMasterKeyId], ['TopicArn', topicArn(t)], ['EffectiveDeliveryPolicy', DELIVERY_POLICY],
    ['SubscriptionsConfirmed', String(subs.filter((s) => s.confirmed).length)], ['DisplayName', t.displayName], ['SubscriptionsDeleted', '0'],
  ];
  return queryOk(XMLNS, 'GetTopicAttributes', call.seed, el('Attributes', ...attributes.map(([k, v]) => el('entry', text('key', k), text('value', v)))));
});

const listSubscriptionsByTopic = withTopic((t, call) => {
  const page = pageOf(subscriptionsOnDay(t, call.ctx.day), PAGE, formParams(call.req).get('NextToken') ?? undefined, `${scope(call)}|${t.name}`);
  if (!page) return badToken(call);
  const members = page.items.map((s) => el('member',
    text('TopicArn', topicArn(t)), text('Protocol', s.protocol), text('SubscriptionArn', s.arn), text('Owner', t.account), text('Endpoint', s.endpoint)));
  return queryOk(XMLNS, 'ListSubscriptionsByTopic', call.seed, el('Subscriptions', ...members) + text('NextToken', page.next));
});

export const SNS_ROUTE: ServiceRoute = {
  signingName: 'sns',
  protocol: PROTOCOL,
  recordings: { ListTopics: listTopics, GetTopicAttributes: getTopicAttributes, ListSubscriptionsByTopic: listSubscriptionsByTopic },
};
