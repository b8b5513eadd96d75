import { documentHistory, documentInForce } from '../../workflow/in-force';
import type { ResourceResult } from '../types';
import { ORG, daysBetween, refs, type ProcessInput } from './process-input';

/**
 * incident-notification-procedure: a notification procedure is attested, the version in force is
 * named, and it was reviewed (re-attested) within the policy's review interval and before its own
 * next-review date.
 */
export function procedureInForce({ records, asOf, date, policy }: ProcessInput): ResourceResult[] {
  const id = policy.policy.procedure.documentId;
  const within = policy.policy.procedure.reviewWithinDays;
  const resource = `procedure/${id}`;
  const inForce = documentInForce(records, id, asOf);
  if (inForce === null) {
    return [{ resource, ...ORG, verdict: 'not-evidenced', reason: `no notification procedure (document ${id}) has been attested (evidence attest --document-id ${id})`, evidence: refs(policy.source) }];
  }
  const history = documentHistory(records, id, asOf);
  const last = history[history.length - 1] ?? inForce;
  const age = daysBetween(last.record.recordedAt, asOf);
  const doc = inForce.record;
  const named = `version ${doc.version} (sha256 ${doc.sha256.slice(0, 12)}…, owner ${doc.owner}) in force since ${doc.effectiveAt.slice(0, 10)}`;
  const evidence = refs(inForce, last, policy.source);
  if (age > within) {
    return [{ resource, ...ORG, verdict: 'fail', reason: `${named}; last reviewed ${last.record.recordedAt.slice(0, 10)}, ${age} days ago: the policy requires a review within ${within} days`, evidence }];
  }
  if (doc.nextReview < date) {
    return [{ resource, ...ORG, verdict: 'fail', reason: `${named}; its next review was due on ${doc.nextReview}`, evidence }];
  }
  return [{ resource, ...ORG, verdict: 'pass', reason: `${named}; reviewed ${last.record.recordedAt.slice(0, 10)} (${age} days ago, within ${within}); next review ${doc.nextReview}`, evidence }];
}
