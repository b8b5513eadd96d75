import type { DeadlineResult } from '../workflow/deadlines';
import type { DocumentKind, IncidentEventType, Severity } from '../workflow/model';
import type { EvidenceRef } from './model';

/**
 * pack.json v2 §readiness (docs/formats/pack-v2.md): the quarter's leak-reporting readiness,
 * computed from the workflow records the quarter's manifests list (workflow-records-v1.md) by
 * src/pack/readiness.ts — the same pure function the verifier runs to check it.
 */
export interface ReadinessDocument {
  documentId: string;
  documentKind: DocumentKind;
  title: string;
  version: string;
  fileName: string;
  sha256: string;
  bytes: number;
  owner: string;
  effectiveAt: string;
  nextReview: string;
  recordedAt: string;
  record: EvidenceRef;
}

export interface ReadinessProcedure extends ReadinessDocument {
  /** The latest attestation (review) of the procedure by the evaluation time. */
  lastReviewedAt: string;
  /** Whether that review is within the policy's interval of the evaluation time. */
  reviewedInTime: boolean;
}

export interface ReadinessDrill {
  drillId: string;
  chain: string;
  alarmName: string;
  account: string;
  region: string;
  trigger: 'cli' | 'scheduled';
  triggeredAt: string;
  actionExecuted: boolean;
  subscriptions: number;
  delivered: number;
  deliveries: Array<{ protocol: string; endpoint: string; status: string; secondsAfterTrigger: number | null }>;
  secondsToDelivery: number | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  secondsToAcknowledge: number | null;
  outcome: 'pass' | 'fail';
  failureReasons: string[];
  record: EvidenceRef;
  ack: EvidenceRef | null;
}

export interface ReadinessIncidentEvent {
  event: Exclude<IncidentEventType, 'correction'>;
  at: string;
  originalAt: string;
  recordedAt: string;
  recordedBy: string;
  note: string;
  record: EvidenceRef;
  /** SHA-256 of the corrections applied. */
  correctedBy: string[];
}

export interface ReadinessIncident {
  id: string;
  severity: Severity;
  source: string;
  customerData: boolean;
  regulatorRequired: boolean;
  summary: string;
  detectedAt: string;
  closedAt: string | null;
  events: ReadinessIncidentEvent[];
  deadlines: DeadlineResult[];
  /** missed when any deadline was missed; running when one is still running; else met. */
  outcome: 'met' | 'missed' | 'running';
}

export interface ReadinessReview {
  quarter: string;
  reviewer: string;
  signedAt: string;
  statement: string;
  record: EvidenceRef;
}

export interface ReadinessSection {
  /** The time the section is evaluated at: the end of the period, or generatedAt if earlier. */
  asOf: string;
  policy: {
    /** The sealed policy document, or null for the bundled default. */
    source: EvidenceRef | null;
    label: string;
    steps: Array<{ id: string; title: string; event: string; withinHours: number; appliesWhen: string }>;
    procedureReviewWithinDays: number;
    drillEveryDays: number;
  };
  procedure: ReadinessProcedure | null;
  documents: ReadinessDocument[];
  drills: ReadinessDrill[];
  incidents: ReadinessIncident[];
  /** The latest signed review of the pack's quarter, or null. */
  review: ReadinessReview | null;
  /** What the section evidences (pack-v2.md §Mapping); each part's control has its own mapping in controls[]. */
  mapping: { soc2: string[]; iso27001_2022: string[]; controls: string[] };
}
