import { quarterOf } from '../../pack/quarter';
import { evaluateDeadlines } from '../../workflow/deadlines';
import { buildIncidents } from '../../workflow/incidents';
import type { ResourceResult } from '../types';
import { ORG, refs, type ProcessInput } from './process-input';

/**
 * incident-records-retained: every incident detected in the day's quarter, or still open, has its
 * timeline sealed and meets each deadline of the policy in force (met, still running, or skipped
 * with the stated reason pass; a missed deadline fails, saying by how much).
 */
export function incidentDeadlines({ records, asOf, date, policy }: ProcessInput): ResourceResult[] {
  const quarter = quarterOf(date);
  const visible = records.filter((r) => r.record.kind !== 'incident-event' || r.record.recordedAt <= asOf);
  const incidents = buildIncidents(visible).filter((i) => i.detectedAt <= asOf && (quarterOf(i.detectedAt.slice(0, 10)) === quarter || i.closedAt === null));
  if (incidents.length === 0) {
    return [{ resource: 'incidents', ...ORG, verdict: 'not-applicable', reason: `no incident detected in ${quarter} and none open`, evidence: refs(policy.source) }];
  }
  return incidents.map((incident) => {
    const results = evaluateDeadlines(incident, policy.policy, asOf);
    const missed = results.filter((r) => r.status === 'missed');
    const parts = results.map((r) => `${r.title} ${r.status}${r.status === 'skipped' ? ` (${r.reason})` : r.status === 'missed' ? ` (${r.reason})` : ''}`);
    const head = `${incident.detection.severity} incident detected ${incident.detectedAt.slice(0, 16)}Z${incident.closedAt === null ? ', open' : `, closed ${incident.closedAt.slice(0, 10)}`}`;
    return { resource: `incident/${incident.id}`, ...ORG, verdict: missed.length > 0 ? 'fail' : 'pass', reason: `${head}: ${parts.join('; ')}`, evidence: refs(...incident.evidence, policy.source) };
  });
}
