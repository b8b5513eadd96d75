import { formatDuration } from '../../workflow/deadlines';
import type { DrillAckRecord, DrillRecord, SealedRecord } from '../../workflow/model';
import type { ResourceResult } from '../types';
import { ORG, daysBetween, refs, type ProcessInput } from './process-input';

/**
 * incident-workflow-test: for every escalation chain that has been drilled, the latest drill
 * delivered (a drill whose chain did not deliver is a failed control, with its reasons) and is
 * no older than the policy's drill interval.
 */
export function drillChains({ records, asOf, policy }: ProcessInput): ResourceResult[] {
  const drills = records.filter((r): r is SealedRecord<DrillRecord> => r.record.kind === 'drill' && r.record.triggeredAt <= asOf);
  const acks = records.filter((r): r is SealedRecord<DrillAckRecord> => r.record.kind === 'drill-ack' && r.record.recordedAt <= asOf);
  if (drills.length === 0) {
    return [{ resource: 'escalation-drills', ...ORG, verdict: 'not-evidenced', reason: 'no escalation drill has been recorded (evidence drill, or the scheduled drill function)', evidence: refs(policy.source) }];
  }
  const every = policy.policy.drills.everyDays;
  const latest = new Map<string, SealedRecord<DrillRecord>>();
  for (const d of drills) {
    const prior = latest.get(d.record.chain.name);
    if (prior === undefined || d.record.triggeredAt >= prior.record.triggeredAt) latest.set(d.record.chain.name, d);
  }
  return [...latest.values()].map((d) => {
    const r = d.record;
    const resource = `drill-chain/${r.chain.name}`;
    const ack = acks.find((a) => a.record.drillId === r.drillId);
    const evidence = refs(d, ack);
    const age = daysBetween(r.triggeredAt, asOf);
    const when = `drill ${r.drillId} on ${r.triggeredAt.slice(0, 10)}`;
    if (r.outcome === 'fail') return { resource, ...ORG, verdict: 'fail', reason: `${when} failed: ${r.failureReasons.join('; ')}`, evidence };
    if (age > every) return { resource, ...ORG, verdict: 'fail', reason: `last ${when} passed, but was ${age} days ago: the policy requires a drill every ${every} days`, evidence };
    const delivered = r.deliveries.filter((x) => x.status === 'delivered').length;
    const acked = ack === undefined ? 'not acknowledged' : `acknowledged by ${ack.record.by} after ${formatDuration(Math.round((Date.parse(ack.record.acknowledgedAt) - Date.parse(r.triggeredAt)) / 1000))}`;
    const time = r.secondsToDelivery === null ? '' : ` in ${formatDuration(r.secondsToDelivery)}`;
    return { resource, ...ORG, verdict: 'pass', reason: `${when} delivered to ${delivered} of ${r.deliveries.length} subscription(s)${time}; ${acked}`, evidence };
  });
}
