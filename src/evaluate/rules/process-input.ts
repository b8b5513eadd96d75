import type { PolicyInForce } from '../../workflow/in-force';
import type { SealedRecord } from '../../workflow/model';
import type { ResourceResult } from '../types';

/** What each process evaluator reads: the day's records, the time and the policy in force. */
export interface ProcessInput {
  records: readonly SealedRecord[];
  /** The evaluation time (ISO 8601 UTC). */
  asOf: string;
  date: string;
  policy: PolicyInForce;
}

export const ORG = { account: '*', region: '*' } as const;

export function refs(...records: Array<{ key: string; sha256: string } | null | undefined>): ResourceResult['evidence'] {
  const seen = new Map<string, string>();
  for (const r of records) if (r) seen.set(r.key, r.sha256);
  return [...seen].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, sha256]) => ({ key, sha256 }));
}

export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
