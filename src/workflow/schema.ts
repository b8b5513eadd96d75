import { z } from 'zod';
import { DOCUMENT_KINDS, INCIDENT_EVENT_TYPES, SEVERITIES } from './model';

/**
 * Strict schemas of workflow records v1 (docs/formats/workflow-records-v1.md §Records): unknown
 * members are refused and every bad field is reported with its path, so a record read back from
 * a vault or a pack is hostile input like any other.
 */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
/** ISO 8601 UTC with milliseconds, as Date.prototype.toISOString writes it. */
export const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'expected an ISO 8601 UTC time like 2026-10-05T09:00:00.000Z').refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, 'not a real calendar time');
const day = z.iso.date();
/** A role, not a person: lowercase words joined by hyphens (e.g. `compliance-lead`). */
export const role = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a role such as compliance-lead (lowercase letters, digits and hyphens), not a name');
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'expected letters, digits, . _ : - (at most 128)');
const text = z.string().max(4000);
const seconds = z.number().min(0).nullable();
const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'expected YYYY-Q1 … YYYY-Q4');
const base64 = z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'expected base64 with padding');

const attestation = z.strictObject({
  kind: z.literal('attestation'),
  documentId: id,
  documentKind: z.enum(DOCUMENT_KINDS as [string, ...string[]]),
  version: z.string().min(1).max(64),
  title: z.string().min(1).max(300),
  fileName: z.string().min(1).max(255),
  mediaType: z.string().min(1).max(100),
  sha256,
  bytes: z.number().int().min(0),
  contentBase64: base64,
  controls: z.array(id),
  owner: role,
  effectiveAt: instant,
  nextReview: day,
  recordedAt: instant,
  recordedBy: role,
});

const detection = z.strictObject({
  source: z.string().min(1).max(300),
  severity: z.enum(SEVERITIES as [string, ...string[]]),
  customerData: z.boolean(),
  regulatorRequired: z.boolean(),
  summary: text,
  externalRef: z.string().min(1).max(300).nullable(),
});

const incidentEvent = z.strictObject({
  kind: z.literal('incident-event'),
  incidentId: id,
  event: z.enum(INCIDENT_EVENT_TYPES as [string, ...string[]]),
  at: instant,
  detection: detection.nullable(),
  corrects: sha256.nullable(),
  note: text,
  recordedAt: instant,
  recordedBy: role,
});

const delivery = z.strictObject({
  topicArn: z.string().min(1),
  subscriptionArn: z.string().min(1),
  protocol: z.string().min(1),
  endpoint: z.string(),
  status: z.enum(['delivered', 'failed', 'pending-confirmation', 'no-record']),
  at: instant.nullable(),
  secondsAfterTrigger: seconds,
  detail: text,
});

const drill = z.strictObject({
  kind: z.literal('drill'),
  drillId: id,
  chain: z.strictObject({
    name: z.string().min(1).max(255),
    alarmName: z.string().min(1).max(255),
    alarmArn: z.string().min(1),
    account: z.string().regex(/^\d{12}$/, 'expected a 12-digit account id'),
    region: z.string().min(1),
    topicArns: z.array(z.string().min(1)),
  }),
  trigger: z.enum(['cli', 'scheduled']),
  triggeredAt: instant,
  reason: text,
  action: z.strictObject({ executed: z.boolean(), at: instant.nullable(), summary: text }),
  deliveries: z.array(delivery),
  secondsToDelivery: seconds,
  outcome: z.enum(['pass', 'fail']),
  failureReasons: z.array(z.string().min(1)),
  recordedAt: instant,
  recordedBy: role,
});

const drillAck = z.strictObject({
  kind: z.literal('drill-ack'),
  drillId: id,
  acknowledgedAt: instant,
  by: role,
  note: text,
  recordedAt: instant,
});

const review = z.strictObject({
  kind: z.literal('quarterly-review'),
  quarter,
  reviewer: role,
  statement: z.string().min(1).max(4000),
  signedAt: instant,
  recordedAt: instant,
});

export const recordSchema = z.discriminatedUnion('kind', [attestation, incidentEvent, drill, drillAck, review]);
