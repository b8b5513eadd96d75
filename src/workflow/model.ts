/**
 * Workflow records v1 (docs/formats/workflow-records-v1.md): what people and the drill machinery
 * record about the leak-reporting workflow — attested documents, incident events, escalation
 * drills and their acknowledgements, quarterly reviews. Each record is sealed as one artifact v1
 * (records.ts), so the manifest chain, the Merkle root and the verifier cover it like any AWS
 * answer. Records are append-only: a correction is a new record that names the one it corrects.
 *
 * Who recorded something is a role (e.g. `compliance-lead`, `on-call`), never a person's name:
 * the vault is immutable and must hold no personal data.
 */
export const WORKFLOW_RECORD_SCHEMA = 'evidence-vault/workflow-record/v1';

export type DocumentKind = 'procedure' | 'policy' | 'tabletop-minutes' | 'other';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['procedure', 'policy', 'tabletop-minutes', 'other'];

/** `evidence attest`: a document sealed with its bytes, hash, owner and review date. */
export interface AttestationRecord {
  kind: 'attestation';
  /** Stable id of the document across versions, e.g. `notification-procedure`. */
  documentId: string;
  documentKind: DocumentKind;
  /** The company's own version label (e.g. `3.1`), as stated when attesting. */
  version: string;
  title: string;
  fileName: string;
  mediaType: string;
  /** SHA-256 of the document's bytes: `sha256sum` of the extracted file gives the same. */
  sha256: string;
  bytes: number;
  /** The document's bytes, base64 (RFC 4648 §4, with padding). */
  contentBase64: string;
  /** Catalog control ids this document evidences. */
  controls: string[];
  owner: string;
  /** When the document takes effect (ISO 8601 UTC). */
  effectiveAt: string;
  /** YYYY-MM-DD: the owner's next scheduled review. */
  nextReview: string;
  recordedAt: string;
  recordedBy: string;
}

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export type IncidentEventType = 'detected' | 'escalated' | 'customers-notified' | 'regulator-notified' | 'contained' | 'closed' | 'correction';
export const INCIDENT_EVENT_TYPES: readonly IncidentEventType[] = ['detected', 'escalated', 'customers-notified', 'regulator-notified', 'contained', 'closed', 'correction'];

/** What is known at detection (the `detected` event carries it; corrections may replace it). */
export interface Detection {
  /** How it was detected, e.g. `guardduty:UnauthorizedAccess:S3/TorIPCaller` or `customer-report`. */
  source: string;
  severity: Severity;
  /** Whether student or customer data may be involved: decides whether customers must be told. */
  customerData: boolean;
  /** Whether a customer contract or law requires telling a regulator. */
  regulatorRequired: boolean;
  summary: string;
  /** Reference outside the vault (e.g. a GuardDuty finding id); idempotency key of automatic openings. */
  externalRef: string | null;
}

/**
 * One event of an incident's timeline. `at` is when it happened, `recordedAt` when it was
 * recorded (a late record is visible as such). A `correction` names the event it corrects by the
 * SHA-256 of that event's artifact and carries the corrected `at` and/or `detection`.
 */
export interface IncidentEventRecord {
  kind: 'incident-event';
  incidentId: string;
  event: IncidentEventType;
  at: string;
  /** Present on `detected` events, and on corrections of them when the detection facts change. */
  detection: Detection | null;
  /** For `correction`: the artifact SHA-256 of the event it corrects. */
  corrects: string | null;
  /** Free text: who was told, by which channel, why the customer step is skipped, … (no personal data). */
  note: string;
  recordedAt: string;
  recordedBy: string;
}

export type DeliveryStatus = 'delivered' | 'failed' | 'pending-confirmation' | 'no-record';

/** One subscription of the chain's SNS topics, and what happened to the drill's notification. */
export interface DrillDelivery {
  topicArn: string;
  /** `PendingConfirmation` when the subscription was never confirmed. */
  subscriptionArn: string;
  protocol: string;
  /** Endpoint with personal parts masked (e.g. `o***@example.edu`). */
  endpoint: string;
  status: DeliveryStatus;
  /** When SNS reports the delivery (ISO 8601 UTC); null when it did not deliver. */
  at: string | null;
  /** Seconds from the trigger to this delivery; null when it did not deliver. */
  secondsAfterTrigger: number | null;
  /** What the delivery log or the subscription said (status code, provider response, reason). */
  detail: string;
}

/**
 * An escalation-chain drill: a designated alarm put into ALARM with a drill reason
 * (CloudWatch SetAlarmState), then the alarm history read for the action and the SNS delivery
 * status per subscription. A drill whose chain did not deliver is `fail`, with the reasons.
 */
export interface DrillRecord {
  kind: 'drill';
  /** Unique id, e.g. `drill-20261005T090000Z-student-data-exfiltration`. */
  drillId: string;
  chain: {
    /** Short name of the escalation chain (the designated alarm's name by default). */
    name: string;
    alarmName: string;
    alarmArn: string;
    account: string;
    region: string;
    /** The alarm's AlarmActions that are SNS topics. */
    topicArns: string[];
  };
  /** `cli` (evidence drill) or `scheduled` (the drill Lambda). */
  trigger: 'cli' | 'scheduled';
  /** When SetAlarmState was sent. */
  triggeredAt: string;
  /** The StateReason sent with SetAlarmState. */
  reason: string;
  action: {
    /** Whether the alarm history shows the SNS action executed (an Action history item). */
    executed: boolean;
    at: string | null;
    /** The history item's summary, e.g. `Successfully executed action arn:aws:sns:…`. */
    summary: string;
  };
  deliveries: DrillDelivery[];
  /** Seconds from the trigger to the last successful delivery, when every subscription delivered; else null. */
  secondsToDelivery: number | null;
  outcome: 'pass' | 'fail';
  /** Why it failed (empty when it passed): unconfirmed subscription, action not executed, … */
  failureReasons: string[];
  recordedAt: string;
  recordedBy: string;
}

/** `evidence drill ack ID`: on-call acknowledged the drill's notification. */
export interface DrillAckRecord {
  kind: 'drill-ack';
  drillId: string;
  acknowledgedAt: string;
  /** Role, e.g. `on-call-primary`. */
  by: string;
  note: string;
  recordedAt: string;
}

/** `evidence review sign`: the compliance lead's quarterly review of the reporting mechanisms. */
export interface QuarterlyReviewRecord {
  kind: 'quarterly-review';
  /** `YYYY-Qn` */
  quarter: string;
  reviewer: string;
  statement: string;
  signedAt: string;
  recordedAt: string;
}

export type WorkflowRecord = AttestationRecord | IncidentEventRecord | DrillRecord | DrillAckRecord | QuarterlyReviewRecord;
export type WorkflowRecordKind = WorkflowRecord['kind'];
export const WORKFLOW_RECORD_KINDS: readonly WorkflowRecordKind[] = ['attestation', 'incident-event', 'drill', 'drill-ack', 'quarterly-review'];

/** A record as sealed: the record plus the artifact that carries it. */
export interface SealedRecord<R extends WorkflowRecord = WorkflowRecord> {
  key: string;
  sha256: string;
  record: R;
}
