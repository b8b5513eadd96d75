import type { AttestationRecord, SealedRecord, WorkflowRecord } from './model';
import { BUNDLED_POLICY_FILE, POLICY_DOCUMENT_ID, defaultPolicy, parsePolicy, type NotificationPolicy } from './policy';
import { documentBytes } from './records';

/**
 * Which attested document is in force at a time (docs/formats/workflow-records-v1.md
 * §attestation): the attestation of the document id with the latest `effectiveAt` not after
 * that time; of equal ones, the one sealed last. Pure.
 */
export function documentInForce(records: ReadonlyArray<SealedRecord<WorkflowRecord>>, documentId: string, at: string): SealedRecord<AttestationRecord> | null {
  let best: SealedRecord<AttestationRecord> | null = null;
  for (const r of records) {
    if (r.record.kind !== 'attestation' || r.record.documentId !== documentId || r.record.effectiveAt > at) continue;
    if (best === null || r.record.effectiveAt >= best.record.effectiveAt) best = r as SealedRecord<AttestationRecord>;
  }
  return best;
}

/** Every attestation of a document id up to a time, oldest first (its review history). */
export function documentHistory(records: ReadonlyArray<SealedRecord<WorkflowRecord>>, documentId: string, at: string): Array<SealedRecord<AttestationRecord>> {
  return records.filter((r): r is SealedRecord<AttestationRecord> => r.record.kind === 'attestation' && r.record.documentId === documentId && r.record.recordedAt <= at);
}

export interface PolicyInForce {
  policy: NotificationPolicy;
  /** The sealed policy document, or null for the bundled default. */
  source: { key: string; sha256: string; version: string } | null;
  label: string;
}

/**
 * The notification policy in force: the attested `notification-policy` document (validated when
 * it was attested; a sealed one that no longer parses falls back to the default, saying so), else
 * the bundled default.
 */
export function policyInForce(records: ReadonlyArray<SealedRecord<WorkflowRecord>>, at: string): PolicyInForce {
  const sealed = documentInForce(records, POLICY_DOCUMENT_ID, at);
  if (sealed !== null) {
    try {
      return { policy: parsePolicy(documentBytes(sealed.record), sealed.record.fileName), source: { key: sealed.key, sha256: sealed.sha256, version: sealed.record.version }, label: `${sealed.record.title} ${sealed.record.version} (sealed ${sealed.sha256.slice(0, 12)})` };
    } catch {
      return { policy: defaultPolicy(), source: null, label: `${BUNDLED_POLICY_FILE} (the sealed policy ${sealed.sha256.slice(0, 12)} does not parse)` };
    }
  }
  return { policy: defaultPolicy(), source: null, label: BUNDLED_POLICY_FILE };
}
