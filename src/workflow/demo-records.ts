import bundledPolicy from '../../templates/notification-policy.json';
import type { SealedRecord, WorkflowRecord } from './model';
import { prepareDetection, prepareEvent, type NewEvent } from './prepare-incident';
import { prepareAttestation, prepareReview } from './prepare-records';
import { parseQuarter, quarterOf } from '../pack/quarter';
import { TOR_FINDING_ID } from '../sample/drift';

/**
 * The sample organization's leak-reporting workflow over the demo's quarter (docs/sample-organization.md
 * §Leak-reporting workflow): its notification policy and procedure sealed on the first day, two
 * incidents — one reported by a customer that meets every deadline, one opened by the GuardDuty
 * finding of the sample's drift (day 70) whose customer notice goes out 12 hours after the 72-hour
 * deadline — and the compliance lead's review on the quarter's last days. Each step is built with
 * the same checks the CLI applies, against the records sealed before it.
 */
export interface DemoStep {
  /** Day index from the demo's first day, and when the step is sealed. */
  day: number;
  at: Date;
  build(sealed: readonly SealedRecord[]): WorkflowRecord[];
}

const PROCEDURE = `# Brightpath Learning — data-leak notification procedure

Version 1.0 · Owner: compliance lead · Review: every quarter

1. Anyone who suspects that student, staff or customer data was exposed tells the on-call
   engineer (pager) at once. High-severity GuardDuty findings open an incident automatically.
2. The on-call engineer escalates to the incident lead and the compliance lead within 24 hours
   of detection and records it (evidence incident event … --type escalated).
3. The incident lead contains the exposure and preserves the logs; nothing is deleted.
4. When student or customer data may be involved, the compliance lead notifies each affected
   district or university through its contract's security contact within 72 hours of detection.
5. Where a contract or law requires it, the compliance lead notifies the regulator.
6. The escalation chain is drilled every month; the compliance lead reviews this procedure, the
   drills and the incidents every quarter and signs the review.
`;

const CONTROLS = ['incident-notification-procedure', 'incident-records-retained', 'incident-workflow-test'];
const at = (start: string, day: number, time: string): Date => new Date(Date.parse(`${start}T${time}:00.000Z`) + day * 86_400_000);

export function demoWorkflowSchedule(start: string, knownControls: ReadonlySet<string>, drills: readonly DemoStep[] = []): DemoStep[] {
  const quarter = parseQuarter(quarterOf(start));
  const dayOf = (date: string): number => Math.round((Date.parse(date) - Date.parse(start)) / 86_400_000);
  const nextReview = new Date(Date.parse(quarter.end) + 15 * 86_400_000).toISOString().slice(0, 10);
  const reviewDay = dayOf(quarter.end) - 2;
  const t = (day: number, time: string): Date => at(start, day, time);
  const iso = (day: number, time: string): string => t(day, time).toISOString();
  const attest = (day: number, time: string, file: string, bytes: Buffer, documentId: string, kind: 'procedure' | 'policy', title: string): DemoStep => ({
    day, at: t(day, time),
    build: () => [prepareAttestation({ file, bytes, documentKind: kind, controls: CONTROLS, owner: 'compliance-lead', nextReview, documentId, version: '1.0', title, effectiveAt: iso(day, time), recordedBy: 'compliance-lead' }, t(day, time), knownControls)],
  });
  const event = (day: number, time: string, incidentId: string, type: NewEvent['event'], note: string, recordedBy = 'incident-lead'): DemoStep => ({
    day, at: new Date(t(day, time).getTime() + 10 * 60_000),
    build: (sealed) => [prepareEvent(sealed, { incidentId, event: type, at: iso(day, time), note, recordedBy }, new Date(t(day, time).getTime() + 10 * 60_000))],
  });
  const customerReport = 'INC-CUSTOMER-REPORT';
  const torFinding = 'INC-GUARDDUTY-TOR';
  const steps: DemoStep[] = [
    attest(0, '09:00', 'notification-policy.json', Buffer.from(`${JSON.stringify(bundledPolicy, null, 2)}\n`), 'notification-policy', 'policy', 'Leak notification deadlines'),
    attest(0, '09:05', 'notification-procedure.md', Buffer.from(PROCEDURE), 'notification-procedure', 'procedure', 'Data-leak notification procedure'),
    // Incident 1: a district reports a misdirected export; every deadline met.
    {
      day: 20, at: t(20, '14:15'),
      build: (sealed) => [prepareDetection(sealed, { incidentId: customerReport, at: iso(20, '14:05'), detection: { source: 'customer-report', severity: 'medium', customerData: true, regulatorRequired: false, summary: 'A district reported that a gradebook export reached the wrong school contact', externalRef: null }, note: '', recordedBy: 'on-call' }, t(20, '14:15'))],
    },
    event(20, '16:30', customerReport, 'escalated', 'paged the incident lead; compliance lead told by phone', 'on-call'),
    event(20, '18:00', customerReport, 'contained', 'export link revoked; access log preserved'),
    event(22, '10:15', customerReport, 'customers-notified', 'district security contact notified by email and phone'),
    event(27, '12:00', customerReport, 'closed', 'post-incident review PIR-2026-07'),
    // Incident 2: opened by the high-severity GuardDuty finding of day 70; the customer notice is late.
    {
      day: 70, at: t(70, '05:41'),
      build: (sealed) => [prepareDetection(sealed, { incidentId: torFinding, at: iso(70, '05:40'), detection: { source: 'guardduty:UnauthorizedAccess:S3/TorIPCaller', severity: 'high', customerData: true, regulatorRequired: false, summary: 'Tor exit node read objects of the student-records bucket', externalRef: TOR_FINDING_ID }, note: '', recordedBy: 'guardduty-incident-opener' }, t(70, '05:41'))],
    },
    event(70, '11:20', torFinding, 'escalated', 'paged the incident lead and the compliance lead', 'on-call'),
    event(72, '16:00', torFinding, 'contained', 'bucket policy denies the Tor exit nodes; credentials rotated'),
    event(73, '17:40', torFinding, 'customers-notified', 'three districts notified through their security contacts', 'compliance-lead'),
    event(80, '10:00', torFinding, 'closed', 'post-incident review PIR-2026-09: notice template pre-approved to avoid the delay'),
    {
      day: reviewDay, at: t(reviewDay, '15:00'),
      build: () => [prepareReview({ quarter: quarter.quarter, quarterStart: quarter.start, reviewer: 'compliance-lead', statement: `Reviewed the notification procedure 1.0, the monthly escalation drills and both incidents of ${quarter.quarter}; the late customer notice of ${torFinding} is addressed by a pre-approved notice template.`, signedAt: iso(reviewDay, '15:00') }, t(reviewDay, '15:00'))],
    },
  ];
  // The sample's monthly escalation drills (one failing on an unconfirmed subscription) join here.
  return [...steps, ...drills].sort((a, b) => a.at.getTime() - b.at.getTime());
}
