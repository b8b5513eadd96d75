import type { RuleParams } from '../rule-params';
import type { ResourceResult, Rule } from '../types';
import { byKey, inputOf, num, objs, str } from './answer-fields';
import { answersFor, checkResult, evidence, notEvidenced, responseOf } from './util';

const DESCRIBE_LOG_GROUPS = 'logs:DescribeLogGroups';

/**
 * Log groups keep their events long enough to investigate a leak (SOC 2 CC7.2, ISO 27001
 * A.8.15): retentionInDays >= minRetentionDays, or absent (never expire). One result per log
 * group (resource = its ARN without the `:*` suffix), judged in every account × region in scope.
 */
export const logsRetention: Rule<RuleParams<'logs.retention'>> = {
  id: 'logs.retention',
  reads: [DESCRIBE_LOG_GROUPS],
  evaluate(ctx, params) {
    const resources: ResourceResult[] = [];
    for (const account of ctx.accounts) {
      for (const region of ctx.regions) {
        const pages = byKey(answersFor(ctx, DESCRIBE_LOG_GROUPS, account, region));
        if (pages.length === 0) {
          resources.push(notEvidenced(ctx, `${account}/${region}`, account, region, [DESCRIBE_LOG_GROUPS]));
          continue;
        }
        // CloudWatch Logs pages with lower-case nextToken; an unfollowed token hides log groups.
        const asked = new Set(pages.map((p) => inputOf(p, 'nextToken')));
        const unfollowed = pages.map((p) => str(responseOf(p), 'nextToken')).find((t) => t !== undefined && !asked.has(t));
        if (unfollowed !== undefined) {
          const reason = `the DescribeLogGroups page after nextToken ${unfollowed} was not answered: the log group list is incomplete`;
          resources.push({ resource: `${account}/${region}`, account, region, verdict: 'not-evidenced', reason, evidence: evidence(...pages) });
        }
        const seen = new Set<string>();
        for (const page of pages) {
          for (const group of objs(responseOf(page), 'logGroups')) {
            const name = str(group, 'logGroupName');
            if (!name || seen.has(name)) continue;
            seen.add(name);
            const resource = str(group, 'logGroupArn') ?? str(group, 'arn')?.replace(/:\*$/, '') ?? name;
            const days = num(group, 'retentionInDays');
            const base = { resource, account, region, evidence: evidence(page) };
            if (days === undefined) resources.push({ ...base, verdict: 'pass', reason: `${name}: retentionInDays is absent (events never expire)` });
            else if (days >= params.minRetentionDays) resources.push({ ...base, verdict: 'pass', reason: `${name}: retentionInDays is ${days} (at least ${params.minRetentionDays})` });
            else resources.push({ ...base, verdict: 'fail', reason: `${name}: retentionInDays is ${days}, fewer than ${params.minRetentionDays}` });
          }
        }
      }
    }
    return checkResult(this.id, resources);
  },
};

export const LOGS_RULES = [logsRetention] as const;
