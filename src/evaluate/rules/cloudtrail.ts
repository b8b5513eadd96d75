import type { RuleParams } from '../rule-params';
import type { DayArtifact, EvalContext, ResourceResult, Rule } from '../types';
import { CLOUDTRAIL_ARCHIVE_RULES } from './cloudtrail-archive';
import { s3DataEvents } from './cloudtrail-data-events';
import { CLOUDTRAIL_TRAIL_RULES } from './cloudtrail-per-trail';
import { describeRw, managementCoverage } from './cloudtrail-selectors';
import { DESCRIBE_TRAILS, GET_EVENT_SELECTORS, GET_TRAIL_STATUS, describeTrails, isLogging, trailGapReason, trailSelectors, trailStatus, trailsIn, type Trail } from './cloudtrail-trails';
import { checkResult, evidence, notEvidenced, responseOf } from './util';

/**
 * Account × region CloudTrail coverage (SOC 2 CC7.2, ISO 27001 A.8.15): every region of every
 * account is logged by a trail that is on, and that trail records every management event.
 */
interface Logged { t: Trail; status: DayArtifact }
type RegionState =
  | { kind: 'missing' }
  | { kind: 'listed'; answer: DayArtifact; multiRegion: Trail[]; logging: Logged[]; unknown: Trail[] };

function regionState(ctx: EvalContext, account: string, region: string): RegionState {
  const answer = describeTrails(ctx, account, region);
  if (!answer) return { kind: 'missing' };
  const multiRegion = trailsIn(answer).filter((t) => t.fields.IsMultiRegionTrail === true);
  const logging: Logged[] = [];
  const unknown: Trail[] = [];
  for (const t of multiRegion) {
    const status = trailStatus(ctx, t);
    if (!status) unknown.push(t);
    else if (isLogging(status)) logging.push({ t, status });
  }
  return { kind: 'listed', answer, multiRegion, logging, unknown };
}

function forEachRegion(ctx: EvalContext, judge: (account: string, region: string) => ResourceResult): ResourceResult[] {
  return ctx.accounts.flatMap((account) => ctx.regions.map((region) => judge(account, region)));
}

/** Why no multi-region trail is logging here (fail), or undefined when that is not known yet. */
function noLoggingTrail(s: Extract<RegionState, { kind: 'listed' }>): string {
  if (s.multiRegion.length === 0) {
    const names = trailsIn(s.answer).map((t) => t.arn);
    return `no trail in DescribeTrails has IsMultiRegionTrail true${names.length ? ` (trails: ${names.join(', ')})` : ' (trailList is empty)'}`;
  }
  return `IsLogging is false for every multi-region trail (${s.multiRegion.map((t) => t.arn).join(', ')})`;
}

/** Pass when a multi-region trail visible here has IsLogging true (its status read wherever the owner collected it). */
export const multiRegionLogging: Rule<RuleParams<'cloudtrail.multi-region-logging'>> = {
  id: 'cloudtrail.multi-region-logging',
  reads: [DESCRIBE_TRAILS, GET_TRAIL_STATUS],
  evaluate(ctx) {
    const resources = forEachRegion(ctx, (account, region): ResourceResult => {
      const resource = `${account}/${region}`;
      const s = regionState(ctx, account, region);
      if (s.kind === 'missing') return notEvidenced(ctx, resource, account, region, [DESCRIBE_TRAILS]);
      const base = { resource, account, region };
      const on = s.logging[0];
      if (on) return { ...base, verdict: 'pass', reason: `multi-region trail ${on.t.arn} has IsLogging true`, evidence: evidence(s.answer, on.status) };
      const unknown = s.unknown[0];
      if (unknown) return { ...base, verdict: 'not-evidenced', reason: trailGapReason(ctx, unknown, GET_TRAIL_STATUS), evidence: evidence(s.answer) };
      const statuses = s.multiRegion.map((t) => trailStatus(ctx, t));
      return { ...base, verdict: 'fail', reason: noLoggingTrail(s), evidence: evidence(s.answer, ...statuses) };
    });
    return checkResult(this.id, resources);
  },
};

/**
 * Pass when any DescribeTrails answer of the account lists a trail with IsOrganizationTrail true
 * whose IsLogging is true; fail only when every region of the account was listed (a
 * single-region organization trail shows only in its home region).
 */
export const organizationTrail: Rule<RuleParams<'cloudtrail.organization-trail'>> = {
  id: 'cloudtrail.organization-trail',
  reads: [DESCRIBE_TRAILS, GET_TRAIL_STATUS],
  evaluate(ctx) {
    const resources = ctx.accounts.map((account): ResourceResult => {
      const base = { resource: account, account, region: '*' };
      const answers = ctx.regions.map((r) => describeTrails(ctx, account, r)).filter((a): a is DayArtifact => a !== undefined);
      const missing = ctx.regions.filter((r) => !describeTrails(ctx, account, r));
      const orgTrails = new Map<string, Trail>();
      for (const t of answers.flatMap(trailsIn)) if (t.fields.IsOrganizationTrail === true && !orgTrails.has(t.arn)) orgTrails.set(t.arn, t);
      const trails = [...orgTrails.values()].sort((a, b) => (a.arn < b.arn ? -1 : 1));
      const statuses = trails.map((t) => ({ t, status: trailStatus(ctx, t) }));
      const on = statuses.find((x) => isLogging(x.status) === true);
      if (on) return { ...base, verdict: 'pass', reason: `organization trail ${on.t.arn} (IsOrganizationTrail true) has IsLogging true`, evidence: evidence(on.t.seenIn, on.status) };
      const unknown = statuses.find((x) => !x.status);
      if (unknown) return { ...base, verdict: 'not-evidenced', reason: trailGapReason(ctx, unknown.t, GET_TRAIL_STATUS), evidence: evidence(unknown.t.seenIn) };
      if (missing.length > 0 || answers.length === 0) return { ...notEvidenced(ctx, account, account, missing[0] ?? '*', [DESCRIBE_TRAILS]), region: '*' };
      const reason = trails.length === 0
        ? `no trail listed by DescribeTrails in ${account} has IsOrganizationTrail true`
        : `IsLogging is false for every organization trail (${trails.map((t) => t.arn).join(', ')})`;
      return { ...base, verdict: 'fail', reason, evidence: evidence(...answers, ...statuses.map((x) => x.status)) };
    });
    return checkResult(this.id, resources);
  },
};

/**
 * Pass when a logging multi-region trail visible here records management events, reads and
 * writes, with no excluded event source (dropping kms.amazonaws.com hides Decrypt calls on the
 * keys that protect student data).
 */
export const managementEvents: Rule<RuleParams<'cloudtrail.management-events'>> = {
  id: 'cloudtrail.management-events',
  reads: [DESCRIBE_TRAILS, GET_TRAIL_STATUS, GET_EVENT_SELECTORS],
  evaluate(ctx) {
    const resources = forEachRegion(ctx, (account, region): ResourceResult => {
      const resource = `${account}/${region}`;
      const s = regionState(ctx, account, region);
      if (s.kind === 'missing') return notEvidenced(ctx, resource, account, region, [DESCRIBE_TRAILS]);
      const base = { resource, account, region };
      const judged = s.logging.map(({ t, status }) => {
        const selectors = trailSelectors(ctx, t);
        const c = managementCoverage(selectors ? responseOf(selectors) : undefined);
        return { t, status, selectors, c, ok: c.read && c.write && c.excluded.length === 0 };
      });
      const good = judged.find((j) => j.selectors && j.ok);
      if (good) {
        return { ...base, verdict: 'pass', reason: `logging multi-region trail ${good.t.arn} records all management events (${good.c.via.join('; ')})`, evidence: evidence(s.answer, good.status, good.selectors) };
      }
      const unknownSelectors = judged.find((j) => !j.selectors);
      const unknown = unknownSelectors ? trailGapReason(ctx, unknownSelectors.t, GET_EVENT_SELECTORS) : s.unknown[0] && trailGapReason(ctx, s.unknown[0], GET_TRAIL_STATUS);
      if (unknown) return { ...base, verdict: 'not-evidenced', reason: unknown, evidence: evidence(s.answer) };
      const first = judged[0];
      if (!first) return { ...base, verdict: 'fail', reason: `no logging multi-region trail: ${noLoggingTrail(s)}`, evidence: evidence(s.answer) };
      const why = first.c.excluded.length > 0
        ? `excludes management event sources ${first.c.excluded.join(', ')} (ExcludeManagementEventSources / eventSource NotEquals)`
        : `records management ${describeRw(first.c)}${first.c.via.length ? ` (${first.c.via.join('; ')})` : ' (no selector has IncludeManagementEvents true or eventCategory Management)'}`;
      return { ...base, verdict: 'fail', reason: `logging multi-region trail ${first.t.arn} ${why}`, evidence: evidence(s.answer, ...judged.flatMap((j) => [j.status, j.selectors])) };
    });
    return checkResult(this.id, resources);
  },
};

export const CLOUDTRAIL_RULES = [multiRegionLogging, organizationTrail, managementEvents, ...CLOUDTRAIL_TRAIL_RULES, s3DataEvents, ...CLOUDTRAIL_ARCHIVE_RULES] as const;
