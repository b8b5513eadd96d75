import type { RuleParams } from '../rule-params';
import type { DayArtifact, EvalContext, ResourceResult, Rule } from '../types';
import { DESCRIBE_TRAILS, allTrails, type Trail } from './cloudtrail-trails';
import {
  ALARMS, METRIC_FILTERS, alarmsOf, metricFiltersOf, notifyingParent, parseLogGroupArn, patternContains, silentBecause, watches,
  type Alarm, type LogGroupRef, type MetricFilter,
} from './metric-filters';
import { answersFor, checkResult, evidence, notEvidenced } from './util';

/**
 * CloudWatch alarms: suspicious access (unauthorized API calls, console sign-in without MFA,
 * policy changes …) is detected by a metric filter on the CloudTrail log group and an alarm
 * on its metric that notifies someone (SOC 2 CC7.2/CC7.3, ISO 27001 A.8.16, A.5.25). A member
 * account is also covered where the organization trail delivers its events to a log group that
 * carries the filter and the alarm: one filter and alarm in the management account watch them all.
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
  reads: [METRIC_FILTERS, ALARMS, DESCRIBE_TRAILS],
  evaluate(ctx, params) {
    const groups = orgTrailGroups(ctx);
    return checkResult('cloudwatch.alarm-for-pattern', ctx.accounts.map((account) => coveredResult(ctx, account, params, groups)));
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

const contains = (required: readonly string[]): string => required.map((r) => JSON.stringify(r)).join(' and ');

// Each filter with every MetricAlarm on its metric in the filter's account and region (or a notifying composite alarm above a silent one).
function candidatesOf(filters: readonly MetricFilter[], all: readonly Alarm[]): Candidate[] {
  return filters.flatMap((filter): Candidate[] => {
    const found = filter.metrics.flatMap((metric) => all.filter((a) => a.kind === 'MetricAlarm' && a.region === filter.region && watches(a, metric)));
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
}

function notifies(good: Candidate, alarm: Alarm, required: readonly string[]): string {
  const via = good.child ? `alarm "${good.child.name}" through composite alarm "${alarm.name}"` : `alarm "${alarm.name}"`;
  return `metric filter "${good.filter.name}" on ${good.filter.logGroup} matches ${contains(required)}; ${via} notifies ${alarm.actions.join(', ')}`;
}

// One result per account: the filter may live in any region (usually the CloudTrail home region); its alarm must be in the same account and region.
function ownResult(ctx: EvalContext, account: string, params: RuleParams<'cloudwatch.alarm-for-pattern'>): ResourceResult {
  const { pattern, filterPatternContains: required } = params;
  const candidates = candidatesOf(metricFiltersOf(ctx, account).filter((f) => patternContains(f.pattern, required)), alarmsOf(ctx, account));
  const base = { resource: pattern, account };
  const good = candidates.find((c) => c.problem === undefined);
  if (good?.alarm) {
    return { ...base, region: good.filter.region, verdict: 'pass', reason: notifies(good, good.alarm, required), evidence: evidence(good.filter.source, good.alarm.source, good.child?.source) };
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
  const reason = `no metric filter's filterPattern contains ${contains(required)} (filters read in ${regions})`;
  return { ...base, region: '*', verdict: 'fail', reason, evidence: evidence(...filterPages) };
}

/** An organization trail and the log group its CloudWatchLogsLogGroupArn names (undefined: absent or not a log group ARN). */
interface OrgGroup {
  trail: Trail;
  arn: string;
  group?: LogGroupRef;
}

function orgTrailGroups(ctx: EvalContext): OrgGroup[] {
  return allTrails(ctx).filter((t) => t.fields.IsOrganizationTrail === true).map((trail) => {
    const arn = typeof trail.fields.CloudWatchLogsLogGroupArn === 'string' ? trail.fields.CloudWatchLogsLogGroupArn : '';
    return { trail, arn, group: parseLogGroupArn(arn) };
  });
}

interface OrgCheck {
  outcome: 'pass' | 'fail' | 'unknown';
  region: string;
  reason: string;
  cited: Array<DayArtifact | undefined>;
}

// The organization trail delivers every member's events to its log group: a filter and a notifying alarm there watch the member too.
function orgGroupCheck(ctx: EvalContext, g: OrgGroup, required: readonly string[]): OrgCheck {
  const trail = `organization trail ${g.trail.arn}`;
  const home = { region: g.trail.homeRegion, cited: [g.trail.seenIn] };
  if (!g.group) {
    const why = g.arn === '' ? 'has no CloudWatchLogsLogGroupArn (its events reach no metric filter)' : `has CloudWatchLogsLogGroupArn ${g.arn}, which names no log group`;
    return { ...home, outcome: 'fail', reason: `${trail} ${why}` };
  }
  const { account, region, name } = g.group;
  const where = `the organization trail's log group ${name} in ${account} ${region}`;
  const unread = [METRIC_FILTERS, ALARMS].find((op) => ctx.gaps(op, account, region).length > 0 || answersFor(ctx, op, account, region).length === 0);
  if (unread) return { ...home, region, outcome: 'unknown', reason: `${where} was not read: ${notEvidenced(ctx, name, account, region, [unread]).reason}` };
  const filters = metricFiltersOf(ctx, account).filter((f) => f.region === region && f.logGroup === name && patternContains(f.pattern, required));
  const candidates = candidatesOf(filters, alarmsOf(ctx, account, region));
  const good = candidates.find((c) => c.problem === undefined);
  if (good?.alarm) {
    return { region, outcome: 'pass', reason: `covered by ${where} (${trail}): ${notifies(good, good.alarm, required)}`, cited: [g.trail.seenIn, good.filter.source, good.alarm.source, good.child?.source] };
  }
  if (candidates.length > 0) {
    return { region, outcome: 'fail', reason: `${where}: ${candidates.map((c) => c.problem).join('; ')}`, cited: [g.trail.seenIn, ...candidates.flatMap((c) => [c.filter.source, c.alarm?.source])] };
  }
  return { region, outcome: 'fail', reason: `no metric filter on ${where} has a filterPattern containing ${contains(required)}`, cited: [g.trail.seenIn, ...answersFor(ctx, METRIC_FILTERS, account, region)] };
}

function withEvidence(cited: ResourceResult['evidence'], more: Array<DayArtifact | undefined>): ResourceResult['evidence'] {
  const all = new Map(cited.map((e) => [e.key, e.sha256]));
  for (const e of evidence(...more)) all.set(e.key, e.sha256);
  return [...all].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([key, sha256]) => ({ key, sha256 }));
}

// Covered by the account's own filter and alarm, else by the organization trail's log group; the reason says which.
function coveredResult(ctx: EvalContext, account: string, params: RuleParams<'cloudwatch.alarm-for-pattern'>, groups: readonly OrgGroup[]): ResourceResult {
  const own = ownResult(ctx, account, params);
  if (own.verdict === 'pass') return own;
  if (groups.length === 0) {
    // Without any organization trail listed, a DescribeTrails answer that is missing may hide one.
    const gap = own.verdict === 'fail' ? ctx.gaps(DESCRIBE_TRAILS)[0] : undefined;
    if (!gap) return own;
    return { ...own, verdict: 'not-evidenced', reason: `${own.reason}; an organization trail is not ruled out: ${notEvidenced(ctx, own.resource, gap.account, gap.region, [DESCRIBE_TRAILS]).reason}` };
  }
  const checks = groups.map((g) => orgGroupCheck(ctx, g, params.filterPatternContains));
  const passed = checks.find((c) => c.outcome === 'pass');
  if (passed) return { resource: own.resource, account, region: passed.region, verdict: 'pass', reason: passed.reason, evidence: evidence(...passed.cited) };
  const unknown = checks.find((c) => c.outcome === 'unknown');
  return {
    ...own, region: unknown?.region ?? own.region, verdict: unknown ? 'not-evidenced' : own.verdict,
    reason: `${own.reason}; ${checks.map((c) => c.reason).join('; ')}`, evidence: withEvidence(own.evidence, checks.flatMap((c) => c.cited)),
  };
}

export const CLOUDWATCH_RULES = [alarmForPattern, alarmActions] as const;
