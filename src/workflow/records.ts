import { ARTIFACT_SCHEMA, encodeArtifact, type SealedBytes } from '../core/artifact';
import type { JsonValue } from '../core/canonical';
import { sha256Hex } from '../core/hash';
import { parseStrictJson } from '../core/strict-json';
import { WORKFLOW_RECORD_SCHEMA, type WorkflowRecord } from './model';
import { recordSchema } from './schema';

/**
 * Workflow records travel as artifacts v1 (docs/formats/workflow-records-v1.md §Artifact): asked
 * of Evidence Vault itself across the whole scope (`*`, `*`), listed in a manifest with collector
 * `workflow`. The record is the artifact's `response`, with the record schema named in it.
 */
export const WORKFLOW_SERVICE = 'evidence-vault';
export const WORKFLOW_OPERATION = 'RecordWorkflow';
export const WORKFLOW_SCOPE = '*';
export const WORKFLOW_COLLECTOR = 'workflow';

/** The id a record is filed under in the artifact's `request.input` (for people reading the vault). */
export function recordSubject(record: WorkflowRecord): string {
  switch (record.kind) {
    case 'attestation':
      return record.documentId;
    case 'incident-event':
      return record.incidentId;
    case 'drill':
    case 'drill-ack':
      return record.drillId;
    case 'quarterly-review':
      return record.quarter;
  }
}

export type RecordCheck = { ok: true; record: WorkflowRecord } | { ok: false; problems: string[] };

/** Validates a record value: the strict schema, then the facts that tie fields together. */
export function checkRecord(value: unknown): RecordCheck {
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${['$', ...i.path.map(String)].join('.')}: ${i.message}`) };
  const record = parsed.data as WorkflowRecord;
  const problems = consistency(record);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, record };
}

function consistency(r: WorkflowRecord): string[] {
  const problems: string[] = [];
  if (r.kind === 'attestation') {
    const bytes = Buffer.from(r.contentBase64, 'base64');
    if (bytes.length !== r.bytes) problems.push(`$.bytes: ${r.bytes}, but the content holds ${bytes.length} bytes`);
    const actual = sha256Hex(bytes);
    if (actual !== r.sha256) problems.push(`$.sha256: ${r.sha256}, but the content hashes to ${actual}`);
  } else if (r.kind === 'incident-event') {
    if (r.event === 'correction' && r.corrects === null) problems.push('$.corrects: a correction must name the event it corrects');
    if (r.event !== 'correction' && r.corrects !== null) problems.push(`$.corrects: only a correction names another event, this is '${r.event}'`);
    if (r.event === 'detected' && r.detection === null) problems.push('$.detection: a detected event must say how, how severe and whether customer data may be involved');
    if (r.event !== 'detected' && r.event !== 'correction' && r.detection !== null) problems.push(`$.detection: only detected events (or their corrections) carry detection facts, this is '${r.event}'`);
  } else if (r.kind === 'drill') {
    if (r.outcome === 'pass' && r.failureReasons.length > 0) problems.push('$.failureReasons: a passed drill has no failure reasons');
    if (r.outcome === 'fail' && r.failureReasons.length === 0) problems.push('$.failureReasons: a failed drill must say why');
    if (r.action.executed !== (r.action.at !== null)) problems.push('$.action.at: present exactly when the action executed');
    r.deliveries.forEach((d, i) => {
      if ((d.status === 'delivered') !== (d.at !== null)) problems.push(`$.deliveries[${i}].at: present exactly when the status is delivered`);
      if ((d.at === null) !== (d.secondsAfterTrigger === null)) problems.push(`$.deliveries[${i}].secondsAfterTrigger: present exactly when at is`);
    });
  }
  return problems;
}

/** The record as the artifact v1 that seals it (canonical bytes, SHA-256 and key). */
export function encodeRecord(record: WorkflowRecord): SealedBytes {
  const checked = checkRecord(record);
  if (!checked.ok) throw new TypeError(`workflow record (${record.kind}) is invalid: ${checked.problems.join('; ')}`);
  return encodeArtifact({
    schema: ARTIFACT_SCHEMA,
    request: { service: WORKFLOW_SERVICE, operation: WORKFLOW_OPERATION, input: { kind: record.kind, subject: recordSubject(record) }, account: WORKFLOW_SCOPE, region: WORKFLOW_SCOPE },
    response: { schema: WORKFLOW_RECORD_SCHEMA, ...(record as unknown as { [k: string]: JsonValue }) },
  });
}

/** True when an artifact value is a workflow record artifact (whatever the state of its record). */
export function isRecordArtifact(value: unknown): boolean {
  const v = value as { request?: { service?: unknown; operation?: unknown } } | null;
  return typeof v === 'object' && v !== null && v.request?.service === WORKFLOW_SERVICE && v.request.operation === WORKFLOW_OPERATION;
}

/** Reads a record back from its artifact's bytes; every problem named (hostile input). */
export function decodeRecord(bytes: Buffer): RecordCheck {
  const json = parseStrictJson(bytes);
  if (!json.ok) return { ok: false, problems: [`not valid JSON (${json.code}): ${json.message}`] };
  const v = json.value as { schema?: unknown; request?: { input?: { kind?: unknown; subject?: unknown } }; response?: unknown };
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v.schema !== ARTIFACT_SCHEMA || !isRecordArtifact(v)) {
    return { ok: false, problems: [`not a workflow record artifact (expected request ${WORKFLOW_SERVICE} ${WORKFLOW_OPERATION})`] };
  }
  const response = v.response as { schema?: unknown } | undefined;
  if (typeof response !== 'object' || response === null || Array.isArray(response)) return { ok: false, problems: ['$.response: expected the record object'] };
  if (response.schema !== WORKFLOW_RECORD_SCHEMA) return { ok: false, problems: [`$.response.schema: expected ${WORKFLOW_RECORD_SCHEMA}, found ${JSON.stringify(response.schema)}`] };
  const record: Record<string, unknown> = { ...response };
  delete record.schema;
  const checked = checkRecord(record);
  if (!checked.ok) return { ok: false, problems: checked.problems.map((p) => p.replace(/^\$/, '$.response')) };
  const input = v.request?.input;
  if (input?.kind !== checked.record.kind || input.subject !== recordSubject(checked.record)) {
    return { ok: false, problems: [`$.request.input: expected {kind: ${checked.record.kind}, subject: ${recordSubject(checked.record)}}, the record says otherwise`] };
  }
  return checked;
}

/** An attested document's bytes, as they were sealed (an auditor can sha256sum them). */
export function documentBytes(record: { contentBase64: string }): Buffer {
  return Buffer.from(record.contentBase64, 'base64');
}
