import type { JsonValue } from '../../core/canonical';
import type { RuleParams } from '../rule-params';
import type { DayArtifact, EvalContext, ResourceResult, Rule } from '../types';
import { GET_DETECTOR, LIST_DETECTORS, detectorsIn, isEnabled } from './guardduty';
import { answersFor, checkResult, evidence, isObject, notEvidenced, responseOf, type JsonObject } from './util';

/**
 * Findings routing (SOC 2 CC7.3, ISO 27001 A.5.25): a GuardDuty finding only reaches a person
 * if an enabled EventBridge rule on the default bus matches it and sends it to a target (SNS
 * topic, ticketing, chat). Read from ListRules (EventPattern is a JSON string) and ListTargetsByRule.
 */

const RULES = 'events:ListRules';
const TARGETS = 'events:ListTargetsByRule';
const GUARDDUTY = 'aws.guardduty';

const objects = (v: JsonValue | undefined): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);
const byKey = (a: DayArtifact, b: DayArtifact): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

interface EventRule {
  name: string;
  state: string;
  sources: JsonValue[];
  listed: DayArtifact;
}

// EventPattern `source` is an array of strings or content filters; `{ "prefix": "aws." }` also matches. An unreadable pattern matches nothing.
function patternSources(pattern: JsonValue | undefined): JsonValue[] {
  if (typeof pattern !== 'string') return [];
  try {
    const parsed = JSON.parse(pattern) as JsonValue;
    const source = isObject(parsed) ? parsed.source : undefined;
    return Array.isArray(source) ? source : source === undefined ? [] : [source];
  } catch {
    return [];
  }
}

const matches = (r: EventRule, source: string): boolean =>
  r.sources.some((s) => s === source || (isObject(s) && typeof s.prefix === 'string' && source.startsWith(s.prefix)));

// ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS is enabled too.
const enabled = (r: EventRule): boolean => r.state.startsWith('ENABLED');

function rulesIn(ctx: EvalContext, account: string, region: string): EventRule[] {
  const seen = new Map<string, EventRule>();
  for (const listed of answersFor(ctx, RULES, account, region).sort(byKey)) {
    for (const r of objects(responseOf(listed)?.Rules)) {
      if (typeof r.Name !== 'string' || seen.has(r.Name)) continue;
      seen.set(r.Name, { name: r.Name, state: typeof r.State === 'string' ? r.State : 'absent', sources: patternSources(r.EventPattern), listed });
    }
  }
  return [...seen.values()].sort((x, y) => (x.name < y.name ? -1 : 1));
}

function targetsOf(ctx: EvalContext, r: EventRule): { pages: DayArtifact[]; arns: string[] } {
  const { account, region } = r.listed.artifact.request;
  const pages = answersFor(ctx, TARGETS, account, region).filter((a) => a.artifact.request.input.Rule === r.name).sort(byKey);
  const arns = pages.flatMap((a) => objects(responseOf(a)?.Targets)).flatMap((t) => (typeof t.Arn === 'string' ? [t.Arn] : []));
  return { pages, arns: [...new Set(arns)].sort() };
}

function sourceResult(ctx: EvalContext, account: string, region: string, source: string, rules: EventRule[]): ResourceResult {
  const base = { resource: source, account, region };
  const matching = rules.filter((r) => matches(r, source));
  // Security Hub and other sources are not collected: routing them is required only where a rule for them exists (someone meant to route them).
  if (source !== GUARDDUTY && matching.length === 0) {
    return { ...base, verdict: 'not-applicable', reason: `no rule has source ${source}; only ${GUARDDUTY} routing is required wherever GuardDuty is enabled`, evidence: evidence(...answersFor(ctx, RULES, account, region)) };
  }
  const problems: string[] = [];
  const cited: DayArtifact[] = [];
  let unread = false;
  for (const r of matching) {
    if (!enabled(r)) { problems.push(`rule "${r.name}" has State ${r.state}`); cited.push(r.listed); continue; }
    const { pages, arns } = targetsOf(ctx, r);
    if (arns.length > 0) return { ...base, verdict: 'pass', reason: `rule "${r.name}" (State ${r.state}) matches source ${source} and targets ${arns.join(', ')}`, evidence: evidence(r.listed, ...pages) };
    if (pages.length === 0) { unread = true; continue; }
    problems.push(`rule "${r.name}" has no targets`);
    cited.push(r.listed, ...pages);
  }
  if (unread || ctx.gaps(RULES, account, region).length > 0) return notEvidenced(ctx, source, account, region, unread ? [TARGETS] : [RULES]);
  const reason = matching.length === 0 ? `no rule on the default event bus has ${source} in its EventPattern source` : problems.join('; ');
  return { ...base, verdict: 'fail', reason, evidence: evidence(...(cited.length > 0 ? cited : answersFor(ctx, RULES, account, region))) };
}

// Only regions where GuardDuty is enabled need routing; where that is unknown, so is the answer.
function regionResults(ctx: EvalContext, account: string, region: string, sources: readonly string[]): ResourceResult[] {
  const { pages, partial, detectors } = detectorsIn(ctx, account, region);
  const on = detectors.find(isEnabled);
  if (!on) {
    if (pages.length > 0 && !partial && detectors.every((d) => d.detail)) return [];
    return sources.map((s) => notEvidenced(ctx, s, account, region, [LIST_DETECTORS, GET_DETECTOR]));
  }
  if (answersFor(ctx, RULES, account, region).length === 0) return sources.map((s) => notEvidenced(ctx, s, account, region, [RULES]));
  const rules = rulesIn(ctx, account, region);
  return sources.map((s) => sourceResult(ctx, account, region, s, rules));
}

export const findingsRouting: Rule<RuleParams<'eventbridge.findings-routing'>> = {
  id: 'eventbridge.findings-routing',
  reads: [LIST_DETECTORS, GET_DETECTOR, RULES, TARGETS],
  evaluate(ctx, params) {
    const sources = [...new Set(params.sources)].sort();
    return checkResult('eventbridge.findings-routing', ctx.accounts.flatMap((account) => ctx.regions.flatMap((region) => regionResults(ctx, account, region, sources))));
  },
};

export const EVENTBRIDGE_RULES = [findingsRouting] as const;
