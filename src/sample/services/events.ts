import type { Recording, SampleCall, ServiceRoute } from '../route-types';
import { SAMPLE_TOPICS, topicArn, type SampleTopic } from '../state/topics';
import { awsJson, jsonOk } from '../wire/protocols';
import { pageOf, pageSize } from '../wire/paging';
import { jsonBody } from '../wire/request';
import type { SampleResponse } from '../wire/response';

/**
 * Amazon EventBridge (awsJson1_1, X-Amz-Target AWSEvents.*): ListRules and ListTargetsByRule
 * as the EventBridge API Reference documents them (EventPattern as a JSON string, NextToken).
 * Wherever a security topic exists, two rules on the default bus route high-severity GuardDuty
 * findings and Security Hub findings to it.
 */
const PROTOCOL = awsJson('1.1', 'AWSEvents');

interface SampleRule {
  readonly name: string;
  readonly description: string;
  readonly pattern: object;
  readonly targetId: string;
}

const RULES: readonly SampleRule[] = [
  {
    name: 'brightpath-guardduty-findings-to-sns', description: 'GuardDuty findings of severity 7 or more to the security topic', targetId: 'security-alerts-topic',
    pattern: { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], detail: { severity: [{ numeric: ['>=', 7] }] } },
  },
  {
    name: 'brightpath-securityhub-findings-to-sns', description: 'Security Hub HIGH and CRITICAL findings to the security topic', targetId: 'security-alerts-topic',
    pattern: { source: ['aws.securityhub'], 'detail-type': ['Security Hub Findings - Imported'], detail: { findings: { Severity: { Label: ['HIGH', 'CRITICAL'] }, Workflow: { Status: ['NEW'] } } } },
  },
];

function topicOf(call: SampleCall): SampleTopic | undefined {
  return SAMPLE_TOPICS.find((t) => t.account === call.ctx.account.id && t.region === call.ctx.region);
}

function invalid(call: SampleCall, code: string, message: string): SampleResponse {
  return PROTOCOL.error(call.seed, { status: 400, code, message });
}

const ruleArn = (call: SampleCall, name: string) => `arn:aws:events:${call.ctx.region}:${call.ctx.account.id}:rule/${name}`;

function paged<T>(call: SampleCall, items: readonly T[], scope: string, answer: (page: readonly T[], next?: string) => object): SampleResponse {
  const input = jsonBody(call.req) ?? {};
  const size = pageSize(input['Limit'], 100, 100);
  if (size === undefined) return invalid(call, 'ValidationException', '1 validation error detected: Value at \'limit\' failed to satisfy constraint: Member must have value less than or equal to 100');
  const page = pageOf(items, size, typeof input['NextToken'] === 'string' ? input['NextToken'] : undefined, scope);
  if (!page) return invalid(call, 'ValidationException', 'The provided NextToken is not valid.');
  return jsonOk(PROTOCOL, call.seed, answer(page.items, page.next));
}

const listRules: Recording = (call) => {
  const prefix = typeof jsonBody(call.req)?.['NamePrefix'] === 'string' ? String(jsonBody(call.req)?.['NamePrefix']) : '';
  const rules = topicOf(call) ? RULES.filter((r) => r.name.startsWith(prefix)) : [];
  return paged(call, rules, `ListRules|${call.ctx.account.id}|${call.ctx.region}`, (page, next) => ({
    Rules: page.map((r) => ({
      Name: r.name, Arn: ruleArn(call, r.name), EventPattern: JSON.stringify(r.pattern), State: 'ENABLED', Description: r.description, EventBusName: 'default',
    })),
    ...(next ? { NextToken: next } : {}),
  }));
};

const listTargetsByRule: Recording = (call) => {
  const name = jsonBody(call.req)?.['Rule'];
  const topic = topicOf(call);
  const rule = topic ? RULES.find((r) => r.name === name) : undefined;
  if (!rule || !topic) {
    return PROTOCOL.error(call.seed, { status: 400, code: 'ResourceNotFoundException', message: `Rule ${String(name)} does not exist on EventBus default.` });
  }
  return paged(call, [rule], `ListTargetsByRule|${call.ctx.account.id}|${call.ctx.region}|${rule.name}`, (page, next) => ({
    Targets: page.map((r) => ({ Id: r.targetId, Arn: topicArn(topic) })),
    ...(next ? { NextToken: next } : {}),
  }));
};

export const EVENTS_ROUTE: ServiceRoute = {
  signingName: 'events',
  protocol: PROTOCOL,
  recordings: { ListRules: listRules, ListTargetsByRule: listTargetsByRule },
};
