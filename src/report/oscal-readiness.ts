import type { EvidenceRef } from '../pack/model';
import type { ReadinessSection } from '../pack/readiness-model';
import type { OscalContext } from './oscal-context';
import { platformUuid } from './oscal-observations';
import { packHref, prop, type JsonObject } from './oscal-common';

/**
 * Leak-reporting readiness (pack.json v2 §readiness) as OSCAL observations (docs/oscal.md):
 * the procedure in force, each drill, each incident with its deadlines, and the quarter's review,
 * examined from the sealed workflow records, each citing its record.
 */
export function buildReadinessObservations(ctx: OscalContext, r: ReadinessSection): JsonObject[] {
  const base = (key: string, title: string, description: string, collected: string, evidence: Array<EvidenceRef | null>, props: JsonObject[]): JsonObject => {
    const out: JsonObject = {
      uuid: ctx.uuid(`observation:readiness:${key}`),
      title,
      description,
      methods: ['EXAMINE'],
      types: ['finding'],
      origins: [{ actors: [{ type: 'assessment-platform', 'actor-uuid': platformUuid(ctx) }] }],
      props: [prop('readiness-part', key.split(':')[0] ?? key), ...props],
      collected,
    };
    const cited = evidence.filter((e): e is EvidenceRef => e !== null);
    if (cited.length) out['relevant-evidence'] = cited.map((e) => ({ href: packHref(e.key), description: 'The sealed workflow record (docs/formats/workflow-records-v1.md).', props: [prop('sha256', e.sha256)] }));
    return out;
  };
  const out: JsonObject[] = [];
  const p = r.procedure;
  out.push(p === null
    ? base('procedure', 'Notification procedure: none attested', 'No notification procedure had been attested by the end of the quarter.', r.asOf, [], [prop('outcome', 'missing')])
    : base('procedure', `Notification procedure ${p.version} in force`, `${p.title} (${p.fileName}), version ${p.version}, SHA-256 ${p.sha256}, owner ${p.owner}, in force since ${p.effectiveAt}; last reviewed ${p.lastReviewedAt} (${p.reviewedInTime ? 'within' : 'NOT within'} ${r.policy.procedureReviewWithinDays} days); next review ${p.nextReview}.`, p.recordedAt, [p.record], [prop('outcome', p.reviewedInTime ? 'reviewed' : 'review-overdue'), prop('document-sha256', p.sha256)]));
  for (const d of r.drills) {
    out.push(base(`drill:${d.drillId}`, `Escalation drill ${d.triggeredAt.slice(0, 10)} on ${d.chain}: ${d.outcome}`, `Alarm ${d.alarmName} set to ALARM at ${d.triggeredAt}; action ${d.actionExecuted ? 'executed' : 'NOT executed'}; ${d.delivered} of ${d.subscriptions} subscription(s) delivered${d.secondsToDelivery === null ? '' : ` within ${d.secondsToDelivery} s`}; ${d.acknowledgedAt === null ? 'not acknowledged' : `acknowledged by ${d.acknowledgedBy ?? ''} after ${d.secondsToAcknowledge ?? 0} s`}.${d.failureReasons.length ? ` Failed: ${d.failureReasons.join('; ')}.` : ''}`, d.triggeredAt, [d.record, d.ack], [prop('outcome', d.outcome)]));
  }
  for (const i of r.incidents) {
    const steps = i.deadlines.map((x) => `${x.title} (${x.withinHours} h): ${x.status}, ${x.reason}`).join('; ');
    out.push(base(`incident:${i.id}`, `Incident ${i.id}: ${i.outcome === 'missed' ? 'deadline missed' : i.outcome === 'running' ? 'deadline running' : 'every deadline met'}`, `${i.severity} severity, detected ${i.detectedAt} by ${i.source}; ${i.customerData ? 'customer data may be involved' : 'no customer data involved'}. ${steps}.`, i.closedAt ?? r.asOf, i.events.map((e) => e.record), [prop('outcome', i.outcome)]));
  }
  out.push(r.review === null
    ? base('review', 'Quarterly review: not signed', `No review of ${ctx.pack.period.quarter} had been signed.`, r.asOf, [], [prop('outcome', 'missing')])
    : base('review', `Quarterly review of ${r.review.quarter} signed by ${r.review.reviewer}`, `Signed ${r.review.signedAt}: ${r.review.statement}`, r.review.signedAt, [r.review.record], [prop('outcome', 'signed')]));
  return out;
}
