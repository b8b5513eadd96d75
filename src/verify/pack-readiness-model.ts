import { z } from 'zod';

/**
 * pack.json v2 §readiness model (docs/formats/pack-v2.md, src/pack/readiness-model.ts): strict,
 * every bad field collected. Its content is then recomputed from the sealed records
 * (pack-readiness.ts).
 */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const ref = z.strictObject({ key: z.string(), sha256 });
const time = z.iso.datetime();
const day = z.iso.date();
const seconds = z.number().nullable();

const document = {
  documentId: z.string(), documentKind: z.enum(['procedure', 'policy', 'tabletop-minutes', 'other']), title: z.string(), version: z.string(), fileName: z.string(),
  sha256, bytes: z.number().int().min(0), owner: z.string(), effectiveAt: time, nextReview: day, recordedAt: time, record: ref,
};

const deadline = z.strictObject({
  step: z.string(), title: z.string(), event: z.enum(['escalated', 'customers-notified', 'regulator-notified', 'contained', 'closed']), withinHours: z.number(),
  dueAt: time.nullable(), status: z.enum(['met', 'missed', 'running', 'skipped']), doneAt: time.nullable(), marginSeconds: seconds, reason: z.string(),
});

export const readinessSchema = z.strictObject({
  asOf: time,
  policy: z.strictObject({
    source: ref.nullable(),
    label: z.string(),
    steps: z.array(z.strictObject({ id: z.string(), title: z.string(), event: z.string(), withinHours: z.number(), appliesWhen: z.string() })),
    procedureReviewWithinDays: z.number(),
    drillEveryDays: z.number(),
  }),
  procedure: z.strictObject({ ...document, lastReviewedAt: time, reviewedInTime: z.boolean() }).nullable(),
  documents: z.array(z.strictObject(document)),
  drills: z.array(
    z.strictObject({
      drillId: z.string(), chain: z.string(), alarmName: z.string(), account: z.string(), region: z.string(), trigger: z.enum(['cli', 'scheduled']), triggeredAt: time,
      actionExecuted: z.boolean(), subscriptions: z.number().int().min(0), delivered: z.number().int().min(0),
      deliveries: z.array(z.strictObject({ protocol: z.string(), endpoint: z.string(), status: z.string(), secondsAfterTrigger: seconds })),
      secondsToDelivery: seconds, acknowledgedAt: time.nullable(), acknowledgedBy: z.string().nullable(), secondsToAcknowledge: seconds,
      outcome: z.enum(['pass', 'fail']), failureReasons: z.array(z.string()), record: ref, ack: ref.nullable(),
    }),
  ),
  incidents: z.array(
    z.strictObject({
      id: z.string(), severity: z.enum(['low', 'medium', 'high', 'critical']), source: z.string(), customerData: z.boolean(), regulatorRequired: z.boolean(), summary: z.string(),
      detectedAt: time, closedAt: time.nullable(),
      events: z.array(z.strictObject({ event: z.enum(['detected', 'escalated', 'customers-notified', 'regulator-notified', 'contained', 'closed']), at: time, originalAt: time, recordedAt: time, recordedBy: z.string(), note: z.string(), record: ref, correctedBy: z.array(sha256) })),
      deadlines: z.array(deadline),
      outcome: z.enum(['met', 'missed', 'running']),
    }),
  ),
  review: z.strictObject({ quarter: z.string(), reviewer: z.string(), signedAt: time, statement: z.string(), record: ref }).nullable(),
  mapping: z.strictObject({ soc2: z.array(z.string()), iso27001_2022: z.array(z.string()), controls: z.array(z.string()) }),
});
