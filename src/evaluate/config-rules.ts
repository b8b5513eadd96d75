import type { EvalContext, ResourceResult, Verdict } from './types';
import { evidence, isObject, responseOf } from './rules/util';

/**
 * AWS Config managed rules that test the same thing as one of our checks: their verdict is
 * recorded beside ours, per account × region, and a disagreement is flagged (catalog field
 * `awsConfigRules`; docs/controls.md §"AWS Config beside ours").
 */
export interface ConfigRuleVerdict {
  identifier: string;
  ruleName: string;
  account: string;
  region: string;
  compliance: string;
  ours: Verdict;
  /** true when one says compliant and the other non-compliant; null when nothing to compare. */
  disagrees: boolean | null;
  evidence: ResourceResult['evidence'];
}

export function configRuleVerdicts(ctx: EvalContext, identifiers: readonly string[], ours: readonly ResourceResult[]): ConfigRuleVerdict[] {
  if (identifiers.length === 0) return [];
  const out: ConfigRuleVerdict[] = [];
  for (const rules of ctx.answers('config:DescribeConfigRules')) {
    const { account, region } = rules.artifact.request;
    const list = responseOf(rules)?.ConfigRules;
    for (const rule of Array.isArray(list) ? list : []) {
      if (!isObject(rule) || !isObject(rule.Source)) continue;
      const identifier = rule.Source.SourceIdentifier;
      const ruleName = rule.ConfigRuleName;
      if (typeof identifier !== 'string' || typeof ruleName !== 'string' || !identifiers.includes(identifier)) continue;
      const { compliance, artifact } = complianceOf(ctx, account, region, ruleName);
      const mine = ours.filter((r) => r.account === account && (r.region === region || r.region === '*'));
      const verdict = rollUpOurs(mine.map((r) => r.verdict));
      out.push({
        identifier, ruleName, account, region, compliance, ours: verdict,
        disagrees: compare(verdict, compliance),
        evidence: evidence(rules, artifact),
      });
    }
  }
  return out.sort((a, b) => `${a.account}/${a.region}/${a.ruleName}`.localeCompare(`${b.account}/${b.region}/${b.ruleName}`));
}

function complianceOf(ctx: EvalContext, account: string, region: string, ruleName: string) {
  for (const page of ctx.answers('config:DescribeComplianceByConfigRule')) {
    if (page.artifact.request.account !== account || page.artifact.request.region !== region) continue;
    const list = responseOf(page)?.ComplianceByConfigRules;
    for (const c of Array.isArray(list) ? list : []) {
      if (isObject(c) && c.ConfigRuleName === ruleName && isObject(c.Compliance) && typeof c.Compliance.ComplianceType === 'string') {
        return { compliance: c.Compliance.ComplianceType, artifact: page };
      }
    }
  }
  return { compliance: 'NOT_REPORTED', artifact: undefined };
}

function rollUpOurs(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('pass')) return 'pass';
  if (verdicts.includes('not-evidenced')) return 'not-evidenced';
  return 'not-applicable';
}

function compare(ours: Verdict, theirs: string): boolean | null {
  if ((ours !== 'pass' && ours !== 'fail') || (theirs !== 'COMPLIANT' && theirs !== 'NON_COMPLIANT')) return null;
  return (ours === 'pass') !== (theirs === 'COMPLIANT');
}
