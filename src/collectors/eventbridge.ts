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
    const rules: string[] = [];
    let token: string | undefined;
    do {
      const input = { Limit: 100, ...(token ? { NextToken: token } : {}) };
      const page = await rec.ask({ ...ask, operation: 'ListRules', input }, () => client.send(new ListRulesCommand(input)));
      for (const rule of page?.Rules ?? []) if (rule.Name) rules.push(rule.Name);
      token = page?.NextToken;
    } while (token);
    for (const Rule of rules) {
      do {
        const input = { Rule, Limit: 100, ...(token ? { NextToken: token } : {}) };
        const page = await rec.ask({ ...ask, operation: 'ListTargetsByRule', input }, () => client.send(new ListTargetsByRuleCommand(input)));
        token = page?.NextToken;
      } while (token);
    }
  },
};
