import type { ReadinessSection } from '../pack/readiness-model';
import { formatDuration } from '../workflow/deadlines';
import { field, heading, para, subheading, type ReportCtx } from './pdf-layout';
import { drawTable } from './pdf-table';
import { drawIncidentTimeline } from './pdf-timeline';

/**
 * Leak-reporting readiness (pack.json v2 §readiness; docs/report.md): the notification procedure
 * in force, the escalation drills, each incident drawn against its deadlines, and the quarter's
 * review sign-off. Every item names the sealed record it comes from.
 */
export function drawReadiness(ctx: ReportCtx, r: ReadinessSection): void {
  const { doc } = ctx;
  heading(ctx, 'readiness', 'Leak-reporting readiness', 1, 200);
  para(doc, `Whether the company escalates a suspected leak within the deadlines, tells affected customers in time, tests its escalation chain, and reviews all of it, as of ${r.asOf.slice(0, 16)}Z. Drawn from the sealed workflow records of the quarter. Evidences SOC 2 ${r.mapping.soc2.join(', ')} and ISO/IEC 27001:2022 ${r.mapping.iso27001_2022.join(', ')} (controls ${r.mapping.controls.join(', ')}).`, { gap: 6 });
  drawPolicy(ctx, r);
  drawProcedure(ctx, r);
  drawDrills(ctx, r);
  drawIncidents(ctx, r);
  drawReview(ctx, r);
}

function drawPolicy(ctx: ReportCtx, r: ReadinessSection): void {
  subheading(ctx.doc, 'Notification deadlines in force', 60);
  para(ctx.doc, `${r.policy.label}. ${r.policy.steps.map((s) => `${s.title}: within ${s.withinHours} h of detection (${s.appliesWhen === 'always' ? 'always' : s.appliesWhen === 'customer-data' ? 'when student or customer data may be involved' : 'when a contract or law requires it'})`).join('; ')}. Procedure reviewed at least every ${r.policy.procedureReviewWithinDays} days; escalation chain drilled at least every ${r.policy.drillEveryDays} days.`, { gap: 6 });
}

function drawProcedure(ctx: ReportCtx, r: ReadinessSection): void {
  const { doc } = ctx;
  subheading(doc, 'Notification procedure in force', 90);
  const p = r.procedure;
  if (p === null) {
    para(doc, 'NONE: no notification procedure has been attested (evidence attest --kind procedure).', { gap: 6 });
    return;
  }
  field(doc, 'Document', `${p.title} (${p.fileName}), version ${p.version}`);
  field(doc, 'SHA-256', p.sha256, { mono: true });
  field(doc, 'Owner', p.owner);
  field(doc, 'In force since', p.effectiveAt.slice(0, 10));
  field(doc, 'Last reviewed', `${p.lastReviewedAt.slice(0, 10)}: ${p.reviewedInTime ? `within the ${r.policy.procedureReviewWithinDays}-day review interval` : `NOT within the ${r.policy.procedureReviewWithinDays}-day review interval`}`);
  field(doc, 'Next review', p.nextReview);
  field(doc, 'Sealed record', p.record.key, { mono: true });
  const others = r.documents.filter((d) => d.record.key !== p.record.key);
  if (others.length > 0) {
    para(doc, 'Other attested documents of the quarter:', { gap: 2 });
    drawTable(doc, [{ header: 'Document', share: 0.34 }, { header: 'Kind, version', share: 0.2 }, { header: 'Owner, next review', share: 0.2 }, { header: 'SHA-256', share: 0.26, mono: true }], others.map((d) => [`${d.title}\n${d.documentId}`, `${d.documentKind}\n${d.version}`, `${d.owner}\n${d.nextReview}`, `${d.sha256.slice(0, 32)}\n${d.sha256.slice(32)}`]));
  }
}

function drawDrills(ctx: ReportCtx, r: ReadinessSection): void {
  const { doc } = ctx;
  subheading(doc, `Escalation-chain drills (${r.drills.length})`, 80);
  if (r.drills.length === 0) {
    para(doc, 'NONE: no escalation drill was recorded in the quarter (evidence drill, or the scheduled drill function).', { gap: 6 });
    return;
  }
  const failed = r.drills.filter((d) => d.outcome === 'fail').length;
  para(doc, `${r.drills.length} drill(s), ${failed} FAILED. A drill fails when its alarm action did not run, or a subscription failed, was never confirmed or left no delivery record where SNS keeps one; the reason is given. SNS keeps no delivery record for e-mail and SMS: those are shown, and fail a drill only when no delivery at all was confirmed.`, { gap: 4 });
  drawTable(
    doc,
    [{ header: 'Date, chain', share: 0.24 }, { header: 'Outcome', share: 0.14, bold: true }, { header: 'Action, delivery', share: 0.26 }, { header: 'To deliver, to acknowledge', share: 0.16 }, { header: 'Why it failed', share: 0.2 }],
    r.drills.map((d) => [
      `${d.triggeredAt.slice(0, 16).replace('T', ' ')}Z\n${d.chain}`,
      d.outcome === 'pass' ? 'PASS' : 'FAIL',
      `${d.actionExecuted ? 'action executed' : 'action NOT executed'}\n${deliverySummary(d)}`,
      `${d.secondsToDelivery === null ? 'not delivered' : formatDuration(d.secondsToDelivery)}\n${d.secondsToAcknowledge === null ? 'not acknowledged' : `${formatDuration(d.secondsToAcknowledge)} (${d.acknowledgedBy ?? ''})`}`,
      d.failureReasons.join('; ') || '-',
    ]),
  );
}

/**
 * "1 of 2 delivered", and how many subscriptions have no delivery record (status `no-record`:
 * SNS logs no delivery status for e-mail and SMS, or no line arrived in time), with their
 * protocols, so that a passed drill with fewer deliveries than subscriptions reads right.
 */
export function deliverySummary(d: ReadinessSection['drills'][number]): string {
  const unlogged = d.deliveries.filter((x) => x.status === 'no-record');
  const line = `${d.delivered} of ${d.subscriptions} delivered`;
  if (unlogged.length === 0) return line;
  const protocols = [...new Set(unlogged.map((x) => x.protocol))].sort().join(', ');
  return `${line}\n${unlogged.length} without a delivery record (${protocols})`;
}

function drawIncidents(ctx: ReportCtx, r: ReadinessSection): void {
  const { doc } = ctx;
  // Kept with the first incident's heading, timeline and table.
  subheading(doc, `Incidents (${r.incidents.length})`, 340);
  if (r.incidents.length === 0) {
    para(doc, 'None detected in the quarter, and none open.', { gap: 6 });
    return;
  }
  para(doc, 'Each incident on a timeline of hours from detection. Dashed lines: the deadlines. Filled circle: a step done in time, or with no deadline. Hollow square, LATE: a step done after its deadline.', { gap: 6 });
  for (const i of r.incidents) {
    // Keep the heading with its timeline and deadline table (about 280 pt) on one page.
    subheading(doc, `${i.id}: ${i.outcome === 'missed' ? 'DEADLINE MISSED' : i.outcome === 'running' ? 'deadline still running' : 'every deadline met'}`, 300);
    para(doc, `${i.severity} severity, detected ${i.detectedAt.slice(0, 16).replace('T', ' ')}Z by ${i.source}; ${i.customerData ? 'student or customer data may be involved' : 'no customer data involved'}. ${i.summary}. ${i.closedAt === null ? 'Open.' : `Closed ${i.closedAt.slice(0, 10)}.`}`, { gap: 4 });
    drawIncidentTimeline(doc, i);
    drawTable(
      doc,
      [{ header: 'Deadline', share: 0.22 }, { header: 'Status', share: 0.13, bold: true }, { header: 'Due', share: 0.17 }, { header: 'How', share: 0.48 }],
      i.deadlines.map((d) => [`${d.title}\n${d.withinHours} h`, d.status.toUpperCase(), d.dueAt === null ? '-' : `${d.dueAt.slice(0, 16).replace('T', ' ')}Z`, d.reason]),
    );
  }
}

function drawReview(ctx: ReportCtx, r: ReadinessSection): void {
  const { doc } = ctx;
  subheading(doc, 'Quarterly review sign-off', 70);
  if (r.review === null) {
    para(doc, 'NOT SIGNED: no review of this quarter has been sealed (evidence review sign).', { gap: 6 });
    return;
  }
  field(doc, 'Quarter', r.review.quarter);
  field(doc, 'Reviewed by', r.review.reviewer);
  field(doc, 'Signed', `${r.review.signedAt.slice(0, 16).replace('T', ' ')}Z`);
  field(doc, 'Statement', r.review.statement);
  field(doc, 'Sealed record', r.review.record.key, { mono: true });
}
