import type { RuleParams } from '../rule-params';
import type { EvalContext, ResourceResult, Rule } from '../types';
import {
  ALARMS, METRIC_FILTERS, alarmsOf, metricFiltersOf, notifyingParent, patternContains, silentBecause, watches,
  type Alarm, type MetricFilter,
} from './metric-filters';
import { answersFor, checkResult, evidence, notEvidenced } from './util';

/**
 * CloudWatch alarms: suspicious access (unauthorized API calls, console sign-in without MFA,
 * policy changes …) is detected by a metric filter on the CloudTrail log group and an alarm
 * on its metric that notifies someone (SOC 2 CC7.2/CC7.3, ISO 27001 A.8.16, A.5.25).
 */

/** Account × region pairs where alarms could not be (fully) read: their results are unknown. */
function unreadRegions(ctx: EvalContext, account: string, op: string): ResourceResult[] {
  return ctx.regions
    .filter((region) => ctx.gaps(op, account, region).length > 0 || answersFor(ctx, op, account, region).length === 0)
    .map((region) => notEvidenced(ctx, `${account}/${region}`, account, region, [op]));
}

export const alarmActions: Rule<RuleParams<'cloudwatch.alarm-actions'>> = {
  id: 'cloudwatch.alarm-actions',
  reads: [ALARMS],
  evaluate(ctx) {
    const out: ResourceResult[] = [];
    for (const account of ctx.accounts) {
      out.push(...unreadRegions(ctx, account, ALARMS));
      const all = alarmsOf(ctx, account);
      for (const alarm of all.filter((a) => a.kind === 'MetricAlarm')) out.push(alarmResult(alarm, all));
    }
    return checkResult('cloudwatch.alarm-actions', out);
  },
};

// Per MetricAlarm: ActionsEnabled and ≥1 AlarmActions, or a notifying composite alarm built on it.
function alarmResult(alarm: Alarm, all: readonly Alarm[]): ResourceResult {
  const base = { resource: alarm.arn, account: alarm.account, region: alarm.region };
  const silent = silentBecause(alarm);
  if (silent === undefined) return { ...base, verdict: 'pass', reason: `alarm "${alarm.name}" has ActionsEnabled true and AlarmActions ${alarm.actions.join(', ')}`, evidence: evidence(alarm.source) };
  const parent = notifyingParent(alarm, all);
  if (parent) {
    return { ...base, verdict: 'pass', reason: `${silent}, but composite alarm "${parent.name}" (AlarmRule ${parent.alarmRule}) notifies ${parent.actions.join(', ')}`, evidence: evidence(alarm.source, parent.source) };
  }
  return { ...base, verdict: 'fail', reason: `${silent}: its state changes notify no one`, evidence: evidence(alarm.source) };
}

export const alarmForPattern: Rule<RuleParams<'cloudwatch.alarm-for-pattern'>> = {
  id: 'cloudwatch.alarm-for-pattern',
  reads: [METRIC_FILTERS, ALARMS],
  evaluate(ctx, params) {
    return checkResult('cloudwatch.alarm-for-pattern', ctx.accounts.map((account) => patternResult(ctx, account, params)));
  },
};

interface Candidate {
  filter: MetricFilter;
  alarm?: Alarm;
  /** The filter's own alarm when `alarm` is the composite alarm that notifies for it. */
  child?: Alarm;
  /** Why this candidate does not notify (undefined: it does). */
  problem?: string;
}

// One result per account: the filter may live in any region (usually the CloudTrail home region); its alarm must be in the same account and region.
function patternResult(ctx: EvalContext, account: string, params: RuleParams<'cloudwatch.alarm-for-pattern'>): ResourceResult {
  const { pattern, filterPatternContains: required } = params;
  const filters = metricFiltersOf(ctx, account).filter((f) => patternContains(f.pattern, required));
  const all = alarmsOf(ctx, account);
  const candidates = filters.flatMap((filter): Candidate[] => {
    const m = filter.metrics.map((metric) => ({ metric, alarms: all.filter((a) => a.kind === 'MetricAlarm' && a.region === filter.region && watches(a, metric)) }));
    const found = m.flatMap(({ alarms }) => alarms);
    if (found.length === 0) {
      const published = filter.metrics.map((x) => `${x.namespace}/${x.name}`).join(', ') || 'no metric';
      return [{ filter, problem: `metric filter "${filter.name}" on ${filter.logGroup} (${filter.region}) publishes ${published} but no MetricAlarm watches it` }];
    }
    return found.map((alarm) => {
      const silent = silentBecause(alarm);
      const parent = silent === undefined ? undefined : notifyingParent(alarm, all);
      return parent ? { filter, alarm: parent, child: alarm } : { filter, alarm, problem: silent };
    });
  });
  const base = { resource: pattern, account };
  const good = candidates.find((c) => c.problem === undefined);
  if (good?.alarm) {
    const via = good.child ? `alarm "${good.child.name}" through composite alarm "${good.alarm.name}"` : `alarm "${good.alarm.name}"`;
    const reason = `metric filter "${good.filter.name}" on ${good.filter.logGroup} matches ${required.map((r) => JSON.stringify(r)).join(' and ')}; ${via} notifies ${good.alarm.actions.join(', ')}`;
    return { ...base, region: good.filter.region, verdict: 'pass', reason, evidence: evidence(good.filter.source, good.alarm.source, good.child?.source) };
  }
  // A missing page of filters or alarms may hold the pair: absence is not proven.
  const gap = ctx.regions.find((r) => ctx.gaps(METRIC_FILTERS, account, r).length > 0 || ctx.gaps(ALARMS, account, r).length > 0);
  if (gap !== undefined) return { ...notEvidenced(ctx, pattern, account, gap, [METRIC_FILTERS, ALARMS]), region: gap };
  const filterPages = answersFor(ctx, METRIC_FILTERS, account);
  const alarmPages = answersFor(ctx, ALARMS, account);
  if (filterPages.length === 0 || alarmPages.length === 0) {
    const missing = filterPages.length === 0 ? METRIC_FILTERS : ALARMS;
    return { ...base, region: '*', verdict: 'not-evidenced', reason: `no ${missing} answer was collected in any region of ${account}`, evidence: [] };
  }
  if (candidates.length > 0) {
    const first = candidates[0] as Candidate;
    const reason = candidates.map((c) => c.problem).join('; ');
    return { ...base, region: first.filter.region, verdict: 'fail', reason, evidence: evidence(...candidates.flatMap((c) => [c.filter.source, c.alarm?.source]), ...alarmPages.filter((a) => a.artifact.request.region === first.filter.region)) };
  }
  const regions = [...new Set(filterPages.map((a) => a.artifact.request.region))].sort().join(', ');
  const reason = `no metric filter's filterPattern contains ${required.map((r) => JSON.stringify(r)).join(' and ')} (filters read in ${regions})`;
  return { ...base, region: '*', verdict: 'fail', reason, evidence: evidence(...filterPages) };
}

export const CLOUDWATCH_RULES = [alarmForPattern, alarmActions] as const;
