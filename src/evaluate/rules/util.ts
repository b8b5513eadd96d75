import type { JsonValue } from '../../core/canonical';
import type { CheckResult, DayArtifact, EvalContext, ResourceResult, Verdict } from '../types';

/** Helpers every rule shares: reading answers, citing evidence, rolling verdicts up. */

export type JsonObject = { [key: string]: JsonValue };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The answer of an artifact (undefined for an error answer such as NoSuchLifecycleConfiguration). */
export function responseOf(a: DayArtifact): JsonObject | undefined {
  return 'response' in a.artifact && isObject(a.artifact.response) ? a.artifact.response : undefined;
}

/** The AWS error code of an error answer, or undefined for a normal answer. */
export function errorCodeOf(a: DayArtifact): string | undefined {
  return 'error' in a.artifact ? a.artifact.error.code : undefined;
}

export function evidence(...artifacts: Array<DayArtifact | undefined>): ResourceResult['evidence'] {
  const seen = new Map<string, string>();
  for (const a of artifacts) if (a) seen.set(a.key, a.sha256);
  return [...seen].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([key, sha256]) => ({ key, sha256 }));
}

/** Answers of one operation for one account (and region, when given). */
export function answersFor(ctx: EvalContext, operation: string, account: string, region?: string): DayArtifact[] {
  return ctx.answers(operation).filter((a) => a.artifact.request.account === account && (region === undefined || a.artifact.request.region === region));
}

/** A "not evidenced" result for a resource whose answers are missing, naming the gap when there is one. */
export function notEvidenced(ctx: EvalContext, resource: string, account: string, region: string, operations: readonly string[]): ResourceResult {
  const gap = operations.flatMap((op) => ctx.gaps(op, account, region))[0];
  const reason = gap
    ? `${gap.operation} was not answered (${gap.errorCode}) in ${account} ${region}`
    : `no ${operations.join(' / ')} answer was collected for ${account} ${region}`;
  return { resource, account, region, verdict: 'not-evidenced', reason, evidence: [] };
}

const ORDER: Record<Verdict, number> = { fail: 0, 'not-evidenced': 1, pass: 2, 'not-applicable': 3 };

/**
 * A check's verdict from its resources: any fail fails; else anything not evidenced is not
 * evidenced; else any pass passes; no resource at all (or all n/a) is not applicable.
 */
export function rollUp(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('not-evidenced')) return 'not-evidenced';
  if (verdicts.includes('pass')) return 'pass';
  return 'not-applicable';
}

/** Sorted, rolled-up check result: deterministic whatever order the rule produced resources in. */
export function checkResult(rule: string, resources: ResourceResult[]): CheckResult {
  const sorted = [...resources].sort((a, b) => {
    const ka = `${a.account}\u0000${a.region}\u0000${a.resource}`;
    const kb = `${b.account}\u0000${b.region}\u0000${b.resource}`;
    return ka < kb ? -1 : ka > kb ? 1 : ORDER[a.verdict] - ORDER[b.verdict];
  });
  return { rule, verdict: rollUp(sorted.map((r) => r.verdict)), resources: sorted };
}

/** `*` wildcards only, anchored; used for role-name and similar allow lists. */
export function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}
