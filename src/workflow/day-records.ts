import type { DayArtifact, EvalContext } from '../evaluate/types';
import { WORKFLOW_RECORD_SCHEMA, type SealedRecord } from './model';
import { WORKFLOW_OPERATION, WORKFLOW_SERVICE, checkRecord } from './records';

/**
 * The workflow records among a day's artifacts (the daily run carries the records in force into
 * each day's manifest: docs/formats/workflow-records-v1.md §Carried forward), for the process
 * rules. A record artifact that does not check is left out here; the verifier reports it.
 */
export const WORKFLOW_ANSWER = `${WORKFLOW_SERVICE}:${WORKFLOW_OPERATION}`;

export function dayRecords(ctx: EvalContext): SealedRecord[] {
  const out: SealedRecord[] = [];
  for (const a of ctx.answers(WORKFLOW_ANSWER)) {
    const record = recordOf(a);
    if (record !== null) out.push(record);
  }
  // Chain order is lost in a day's artifact list (sorted by key): order by when each was recorded.
  return out.sort((x, y) => (recordedAt(x) < recordedAt(y) ? -1 : recordedAt(x) > recordedAt(y) ? 1 : x.key < y.key ? -1 : 1));
}

function recordOf(a: DayArtifact): SealedRecord | null {
  if (!('response' in a.artifact)) return null;
  const response = a.artifact.response;
  if (typeof response !== 'object' || response === null || Array.isArray(response) || response.schema !== WORKFLOW_RECORD_SCHEMA) return null;
  const value: Record<string, unknown> = { ...response };
  delete value.schema;
  const checked = checkRecord(value);
  return checked.ok ? { key: a.key, sha256: a.sha256, record: checked.record } : null;
}

export function recordedAt(r: SealedRecord): string {
  return r.record.recordedAt;
}

/** The evaluation's "now": the latest observation of the day (deterministic from the day's inputs). */
export function evaluationTime(ctx: EvalContext): string {
  return ctx.asOf ?? `${ctx.date}T23:59:59.999Z`;
}
