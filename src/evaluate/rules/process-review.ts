import { quarterOf } from '../../pack/quarter';
import type { QuarterlyReviewRecord, SealedRecord } from '../../workflow/model';
import type { ResourceResult } from '../types';
import { ORG, refs, type ProcessInput } from './process-input';

/**
 * quarterly-control-operation-review: the day's quarter, or the one before it, has a signed review
 * (the review of a quarter is signed at its end or after it, so the previous quarter's review
 * covers the days until the current one is signed).
 */
export function quarterlyReview({ records, asOf, date }: ProcessInput): ResourceResult[] {
  const current = quarterOf(date);
  const previous = previousQuarter(current);
  const reviews = records.filter((r): r is SealedRecord<QuarterlyReviewRecord> => r.record.kind === 'quarterly-review' && r.record.signedAt <= asOf);
  const latestOf = (q: string): SealedRecord<QuarterlyReviewRecord> | undefined => reviews.filter((r) => r.record.quarter === q).at(-1);
  const found = latestOf(current) ?? latestOf(previous);
  if (found === undefined) {
    return [{ resource: `review/${current}`, ...ORG, verdict: 'not-evidenced', reason: `no signed review of ${previous} or ${current} (evidence review sign)`, evidence: [] }];
  }
  const r = found.record;
  return [{ resource: `review/${r.quarter}`, ...ORG, verdict: 'pass', reason: `${r.quarter} reviewed by ${r.reviewer}, signed ${r.signedAt.slice(0, 10)}`, evidence: refs(found) }];
}

export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}
