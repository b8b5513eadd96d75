import type { Recording, SampleCall, ServiceRoute } from '../route-types';
import { eventRulesIn } from '../state/event-rules';
import { awsJson, jsonOk } from '../wire/protocols';
import { pageOf, pageSize } from '../wire/paging';
import { jsonBody } from '../wire/request';
import type { SampleResponse } from '../wire/response';

/**
 * Amazon EventBridge (awsJson1_1, X-Amz-Target AWSEvents.*): ListRules and ListTargetsByRule
 * as the EventBridge API Reference documents them (EventPattern as a JSON string, NextToken;
 * Target Id, Arn and RoleArn). The rules themselves are in state/event-rules.ts.
 */
const PROTOCOL = awsJson('1.1', 'AWSEvents');

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
  const rules = eventRulesIn(call.ctx.account.id, call.ctx.region).filter((r) => r.name.startsWith(prefix));
  return paged(call, rules, `ListRules|${call.ctx.account.id}|${call.ctx.region}`, (page, next) => ({
    Rules: page.map((r) => ({
      Name: r.name, Arn: ruleArn(call, r.name), EventPattern: JSON.stringify(r.pattern), State: 'ENABLED', Description: r.description, EventBusName: 'default',
    })),
    ...(next ? { NextToken: next } : {}),
  }));
};

const listTargetsByRule: Recording = (call) => {
  const name = jsonBody(call.req)?.['Rule'];
  const rule = eventRulesIn(call.ctx.account.id, call.ctx.region).find((r) => r.name === name);
  if (!rule) {
    return PROTOCOL.error(call.seed, { status: 400, code: 'ResourceNotFoundException', message: `Rule ${String(name)} does not exist on EventBus default.` });
  }
  return paged(call, rule.targets, `ListTargetsByRule|${call.ctx.account.id}|${call.ctx.region}|${rule.name}`, (page, next) => ({
    Targets: page,
    ...(next ? { NextToken: next } : {}),
  }));
};

export const EVENTS_ROUTE: ServiceRoute = {
  signingName: 'events',
  protocol: PROTOCOL,
  recordings: { ListRules: listRules, ListTargetsByRule: listTargetsByRule },
};
