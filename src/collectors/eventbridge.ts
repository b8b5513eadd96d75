import { EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import type { Recorder } from './recorder';
import type { CollectTarget, Collector } from './types';

/**
 * EventBridge (default bus): the rules that match security events (GuardDuty findings, Config
 * compliance changes, CloudTrail API calls) and where each sends them: the event → target step
 * of the escalation chain (SOC 2 CC7.2/CC7.3, ISO 27001 A.5.25). A rule without targets, or a
 * disabled rule, notifies no one.
 */
export const eventbridgeCollector: Collector = {
  name: 'eventbridge',
  async collect(target: CollectTarget, rec: Recorder): Promise<void> {
    const client = target.clients.get(EventBridgeClient, target.region);
    const ask = { service: 'events' } as const;
    const pages = await rec.pages({ ...ask, operation: 'ListRules', input: { Limit: 100 }, tokenIn: 'NextToken' }, (input) => client.send(new ListRulesCommand(input)), (p) => p.NextToken);
    const rules = pages.flatMap((p) => p.Rules ?? []).flatMap((r) => (r.Name ? [r.Name] : []));
    for (const Rule of rules) {
      await rec.pages({ ...ask, operation: 'ListTargetsByRule', input: { Rule, Limit: 100 }, tokenIn: 'NextToken' }, (input) => client.send(new ListTargetsByRuleCommand(input)), (p) => p.NextToken);
    }
  },
};
