import { evaluateDeadlines } from '../workflow/deadlines';
import { documentHistory, documentInForce, policyInForce } from '../workflow/in-force';
import { buildIncidents } from '../workflow/incidents';
import type { AttestationRecord, DrillAckRecord, DrillRecord, QuarterlyReviewRecord, SealedRecord } from '../workflow/model';
import type { PackPeriod } from './model';
import type { ReadinessDocument, ReadinessSection } from './readiness-model';

/**
 * The "Leak-reporting readiness" section (docs/formats/pack-v2.md §readiness) from the workflow
 * records of the quarter's manifests. Pure and deterministic: the verifier recomputes it from the
 * records in the pack and requires the same value.
 */
export const READINESS_MAPPING = {
  soc2: ['CC2.3', 'CC7.3', 'CC7.4', 'CC7.5'],
  iso27001_2022: ['A.5.24', 'A.5.25', 'A.5.26', 'A.5.27', 'A.5.28', 'A.6.8'],
  controls: ['incident-notification-procedure', 'incident-records-retained', 'incident-workflow-test', 'quarterly-control-operation-review'],
};

export function readinessAsOf(period: PackPeriod, generatedAt: string): string {
  const end = `${period.end}T23:59:59.999Z`;
  return generatedAt < end ? generatedAt : end;
}

const ref = (r: { key: string; sha256: string }): { key: string; sha256: string } => ({ key: r.key, sha256: r.sha256 });
const byTime = <T>(time: (x: T) => string) => (a: T, b: T): number => (time(a) < time(b) ? -1 : time(a) > time(b) ? 1 : 0);

/** Records in chain order, each once (carried records repeat in every evaluated day's manifest). */
export function buildReadiness(records: readonly SealedRecord[], period: PackPeriod, asOf: string): ReadinessSection {
  const seen = new Set<string>();
  const unique = records.filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true))).filter((r) => r.record.recordedAt <= asOf);
  const policy = policyInForce(unique, asOf);
  const p = policy.policy;
  const inForce = documentInForce(unique, p.procedure.documentId, asOf);
  const history = documentHistory(unique, p.procedure.documentId, asOf);
  const lastReviewedAt = history[history.length - 1]?.record.recordedAt ?? null;
  const attestations = unique.filter((r): r is SealedRecord<AttestationRecord> => r.record.kind === 'attestation');
  const drills = unique.filter((r): r is SealedRecord<DrillRecord> => r.record.kind === 'drill' && r.record.triggeredAt.slice(0, 10) >= period.start && r.record.triggeredAt.slice(0, 10) <= period.end);
  const acks = unique.filter((r): r is SealedRecord<DrillAckRecord> => r.record.kind === 'drill-ack');
  const reviews = unique.filter((r): r is SealedRecord<QuarterlyReviewRecord> => r.record.kind === 'quarterly-review' && r.record.quarter === period.quarter);
  const review = reviews.sort(byTime((r) => r.record.signedAt)).at(-1) ?? null;
  const incidents = buildIncidents(unique).filter((i) => i.detectedAt <= asOf && (i.detectedAt.slice(0, 10) >= period.start || i.closedAt === null || i.closedAt.slice(0, 10) >= period.start));
  return {
    asOf,
    policy: { source: policy.source === null ? null : { key: policy.source.key, sha256: policy.source.sha256 }, label: policy.label, steps: p.steps.map((s) => ({ ...s })), procedureReviewWithinDays: p.procedure.reviewWithinDays, drillEveryDays: p.drills.everyDays },
    procedure: inForce === null || lastReviewedAt === null ? null : { ...documentOf(inForce), lastReviewedAt, reviewedInTime: Date.parse(asOf) - Date.parse(lastReviewedAt) <= p.procedure.reviewWithinDays * 86_400_000 },
    documents: attestations.map(documentOf).sort(byTime((d) => `${d.documentId}\u0000${d.effectiveAt}\u0000${d.recordedAt}`)),
    drills: drills.sort(byTime((d) => d.record.triggeredAt)).map((d) => {
      const r = d.record;
      const ack = acks.filter((a) => a.record.drillId === r.drillId).sort(byTime((a) => a.record.acknowledgedAt))[0] ?? null;
      return {
        drillId: r.drillId, chain: r.chain.name, alarmName: r.chain.alarmName, account: r.chain.account, region: r.chain.region, trigger: r.trigger, triggeredAt: r.triggeredAt,
        actionExecuted: r.action.executed, subscriptions: r.deliveries.length, delivered: r.deliveries.filter((x) => x.status === 'delivered').length,
        deliveries: r.deliveries.map((x) => ({ protocol: x.protocol, endpoint: x.endpoint, status: x.status, secondsAfterTrigger: x.secondsAfterTrigger })),
        secondsToDelivery: r.secondsToDelivery,
        acknowledgedAt: ack?.record.acknowledgedAt ?? null, acknowledgedBy: ack?.record.by ?? null,
        secondsToAcknowledge: ack === null ? null : Math.round((Date.parse(ack.record.acknowledgedAt) - Date.parse(r.triggeredAt)) / 1000),
        outcome: r.outcome, failureReasons: [...r.failureReasons], record: ref(d), ack: ack === null ? null : ref(ack),
      };
    }),
    incidents: incidents.map((i) => {
      const deadlines = evaluateDeadlines(i, p, asOf);
      const d = i.detection;
      return {
        id: i.id, severity: d.severity, source: d.source, customerData: d.customerData, regulatorRequired: d.regulatorRequired, summary: d.summary, detectedAt: i.detectedAt, closedAt: i.closedAt,
        events: i.events.map((e) => ({ event: e.event, at: e.at, originalAt: e.originalAt, recordedAt: e.recordedAt, recordedBy: e.recordedBy, note: e.note, record: { key: e.key, sha256: e.sha256 }, correctedBy: [...e.correctedBy] })),
        deadlines,
        outcome: deadlines.some((x) => x.status === 'missed') ? 'missed' : deadlines.some((x) => x.status === 'running') ? 'running' : 'met',
      };
    }),
    review: review === null ? null : { quarter: review.record.quarter, reviewer: review.record.reviewer, signedAt: review.record.signedAt, statement: review.record.statement, record: ref(review) },
    mapping: { soc2: [...READINESS_MAPPING.soc2], iso27001_2022: [...READINESS_MAPPING.iso27001_2022], controls: [...READINESS_MAPPING.controls] },
  };
}

function documentOf(r: SealedRecord<AttestationRecord>): ReadinessDocument {
  const d = r.record;
  return { documentId: d.documentId, documentKind: d.documentKind, title: d.title, version: d.version, fileName: d.fileName, sha256: d.sha256, bytes: d.bytes, owner: d.owner, effectiveAt: d.effectiveAt, nextReview: d.nextReview, recordedAt: d.recordedAt, record: ref(r) };
}
