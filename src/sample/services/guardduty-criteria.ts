import type { GuardDutyFinding } from '../state/guardduty';

/**
 * GuardDuty FindingCriteria as the API Reference's Condition shape defines it, evaluated on
 * the Finding JSON by dotted attribute path ("service.archived", "severity", "type", …).
 * String conditions (equals/eq, notEquals/neq) compare string forms, so `service.archived`
 * equals ["false"] matches the boolean false, as GuardDuty does; numeric conditions compare
 * numbers, and ISO times as epoch milliseconds. An unknown condition key is refused.
 */
type Condition = Readonly<Record<string, unknown>>;

const STRING_OPS: Readonly<Record<string, boolean>> = { equals: true, eq: true, notEquals: false, neq: false };
const NUMBER_OPS: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  greaterThan: (a, b) => a > b, gt: (a, b) => a > b,
  greaterThanOrEqual: (a, b) => a >= b, gte: (a, b) => a >= b,
  lessThan: (a, b) => a < b, lt: (a, b) => a < b,
  lessThanOrEqual: (a, b) => a <= b, lte: (a, b) => a <= b,
};

function valueAt(finding: GuardDutyFinding, path: string): unknown {
  let v: unknown = finding;
  for (const part of path.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : Number(v);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

/** The first problem with the criteria, or undefined when every key is understood. */
export function criteriaProblem(criterion: Readonly<Record<string, unknown>>): string | undefined {
  for (const [field, condition] of Object.entries(criterion)) {
    if (typeof condition !== 'object' || condition === null) return `The criterion for ${field} is not an object.`;
    const unknown = Object.keys(condition).find((k) => !(k in STRING_OPS) && !(k in NUMBER_OPS));
    if (unknown) return `The sample organization does not evaluate the condition ${unknown}.`;
  }
  return undefined;
}

export function matchesCriteria(finding: GuardDutyFinding, criterion: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(criterion).every(([field, condition]) => {
    const actual = valueAt(finding, field);
    return Object.entries(condition as Condition).every(([op, expected]) => {
      if (op in STRING_OPS) {
        const list = Array.isArray(expected) ? expected.map(String) : [];
        return list.includes(String(actual)) === STRING_OPS[op];
      }
      const a = asNumber(actual);
      const b = asNumber(expected);
      const cmp = NUMBER_OPS[op];
      return a !== undefined && b !== undefined && cmp !== undefined && cmp(a, b);
    });
  });
}

export function sortFindings(findings: GuardDutyFinding[], attribute: unknown, orderBy: unknown): GuardDutyFinding[] {
  if (typeof attribute !== 'string') return findings;
  const key = (f: GuardDutyFinding) => asNumber(valueAt(f, attribute)) ?? String(valueAt(f, attribute));
  const sorted = [...findings].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  return orderBy === 'DESC' ? sorted.reverse() : sorted;
}
