import type { RuleParams } from '../rule-params';
import type { DayArtifact, EvalContext, ResourceResult, Rule } from '../types';
import { ALARMS, alarmsOf, byKey, compare, objects, text } from './metric-filters';
import { answersFor, checkResult, evidence, notEvidenced, responseOf } from './util';

/**
 * The escalation chain (SOC 2 CC7.3/CC7.4, ISO 27001 A.5.24–A.5.26): an alarm or a findings
 * rule notifies an SNS topic, and the topic reaches people who confirmed their subscription.
 * A subscriber who never confirmed shows SubscriptionArn "PendingConfirmation" and gets nothing.
 */

const TOPICS = 'sns:ListTopics';
const SUBSCRIPTIONS = 'sns:ListSubscriptionsByTopic';
const RULES = 'events:ListRules';
const TARGETS = 'events:ListTargetsByRule';

interface TopicRef {
  arn: string;
  account: string;
  region: string;
  /** Who notifies it, e.g. `alarm "UnauthorizedAPICalls"`, `rule "guardduty-high"`. */
  by: string[];
  sources: DayArtifact[];
}

// arn:partition:sns:region:account:name — the topic's own account and region say where its answers are.
function parseTopic(arn: string): { account: string; region: string } | undefined {
  const p = arn.split(':');
  return p.length === 6 && p[0] === 'arn' && p[2] === 'sns' && p[3] && p[4] ? { region: p[3], account: p[4] } : undefined;
}

/** Topics notified by the account's alarms (AlarmActions) and EventBridge rules (targets). */
function referencedTopics(ctx: EvalContext, account: string): TopicRef[] {
  const refs = new Map<string, TopicRef>();
  const add = (arn: string, by: string, source: DayArtifact): void => {
    const where = parseTopic(arn);
    if (!where) return;
    const ref = refs.get(arn) ?? { arn, ...where, by: [], sources: [] };
    if (!ref.by.includes(by)) ref.by.push(by);
    ref.sources.push(source);
    refs.set(arn, ref);
  };
  for (const alarm of alarmsOf(ctx, account)) for (const action of alarm.actions) add(action, `alarm "${alarm.name}"`, alarm.source);
  for (const a of [...answersFor(ctx, TARGETS, account)].sort(byKey)) {
    const rule = text(a.artifact.request.input.Rule) ?? '?';
    for (const t of objects(responseOf(a)?.Targets)) if (typeof t.Arn === 'string') add(t.Arn, `rule "${rule}"`, a);
  }
  return [...refs.values()].sort((x, y) => compare(x.arn, y.arn));
}

// Pages of one topic's subscriptions; complete when every NextToken returned was also asked for.
function subscriptionPages(ctx: EvalContext, ref: TopicRef): { pages: DayArtifact[]; complete: boolean } {
  const pages = answersFor(ctx, SUBSCRIPTIONS, ref.account, ref.region).filter((a) => a.artifact.request.input.TopicArn === ref.arn).sort(byKey);
  const asked = new Set(pages.map((a) => a.artifact.request.input.NextToken));
  return { pages, complete: pages.every((a) => { const next = responseOf(a)?.NextToken; return typeof next !== 'string' || asked.has(next); }) };
}

function topicResult(ctx: EvalContext, ref: TopicRef): ResourceResult {
  const base = { resource: ref.arn, account: ref.account, region: ref.region };
  const by = `notified by ${ref.by.join(', ')}`;
  const { pages, complete } = subscriptionPages(ctx, ref);
  if (pages.length === 0) {
    const listed = answersFor(ctx, TOPICS, ref.account, ref.region).sort(byKey);
    const known = listed.some((a) => objects(responseOf(a)?.Topics).some((t) => t.TopicArn === ref.arn));
    // A complete topic list without it: the alarm or rule points at a topic that does not exist.
    if (listed.length > 0 && !known && ctx.gaps(TOPICS, ref.account, ref.region).length === 0) {
      return { ...base, verdict: 'fail', reason: `topic is not in ListTopics of ${ref.account} ${ref.region} (deleted?), ${by}`, evidence: evidence(...listed, ...ref.sources) };
    }
    const unknown = notEvidenced(ctx, ref.arn, ref.account, ref.region, [SUBSCRIPTIONS, TOPICS]);
    return { ...unknown, reason: `${unknown.reason}; topic ${by}` };
  }
  const subs = pages.flatMap((a) => objects(responseOf(a)?.Subscriptions));
  const who = (s: (typeof subs)[number]): string => `${text(s.Protocol) ?? '?'} ${text(s.Endpoint) ?? '?'}`;
  const pending = subs.filter((s) => s.SubscriptionArn === 'PendingConfirmation').map(who).sort(compare);
  const confirmed = subs.filter((s) => text(s.SubscriptionArn)?.startsWith('arn:')).map(who).sort(compare);
  const cited = evidence(...pages, ...ref.sources);
  if (pending.length > 0) return { ...base, verdict: 'fail', reason: `SubscriptionArn is PendingConfirmation for ${pending.join(', ')}: never confirmed, gets no notification; ${by}`, evidence: cited };
  if (!complete) return { ...base, verdict: 'not-evidenced', reason: `a later ListSubscriptionsByTopic page (NextToken) was not collected; topic ${by}`, evidence: cited };
  if (confirmed.length === 0) return { ...base, verdict: 'fail', reason: `no confirmed subscription (${subs.length} listed): notifications from ${ref.by.join(', ')} reach no one`, evidence: cited };
  return { ...base, verdict: 'pass', reason: `${confirmed.length} confirmed subscription(s) (${confirmed.join(', ')}), none PendingConfirmation; ${by}`, evidence: cited };
}

// No topic notified from the account: nothing to check here (alarms without SNS actions are cloudwatch.alarm-actions' concern), unless what would name one was not read.
function noTopicResult(ctx: EvalContext, account: string): ResourceResult {
  const base = { resource: account, account, region: '*' };
  const gap = ctx.regions.find((r) => [ALARMS, RULES, TARGETS].some((op) => ctx.gaps(op, account, r).length > 0));
  if (gap !== undefined) return { ...notEvidenced(ctx, account, account, gap, [ALARMS, RULES, TARGETS]), region: gap };
  const read = [...answersFor(ctx, ALARMS, account), ...answersFor(ctx, RULES, account)];
  if (read.length === 0) return { ...base, verdict: 'not-evidenced', reason: `no ${ALARMS} or ${RULES} answer was collected for ${account}`, evidence: [] };
  return { ...base, verdict: 'not-applicable', reason: 'no alarm AlarmActions and no EventBridge rule target is an SNS topic: no escalation chain to check', evidence: evidence(...read) };
}

export const escalationChain: Rule<RuleParams<'sns.escalation-chain'>> = {
  id: 'sns.escalation-chain',
  reads: [ALARMS, TARGETS, RULES, TOPICS, SUBSCRIPTIONS],
  evaluate(ctx) {
    const refs = new Map<string, TopicRef>();
    const out: ResourceResult[] = [];
    for (const account of ctx.accounts) {
      const found = referencedTopics(ctx, account);
      if (found.length === 0) out.push(noTopicResult(ctx, account));
      // A topic notified from several accounts is checked once, where it lives.
      for (const ref of found) {
        const seen = refs.get(ref.arn);
        if (seen) seen.by.push(...ref.by.filter((b) => !seen.by.includes(b)));
        if (seen) seen.sources.push(...ref.sources);
        else refs.set(ref.arn, ref);
      }
    }
    out.push(...[...refs.values()].map((ref) => topicResult(ctx, ref)));
    return checkResult('sns.escalation-chain', out);
  },
};

export const SNS_RULES = [escalationChain] as const;
