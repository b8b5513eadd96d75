import { z } from 'zod';
import { EvidenceError } from '../core/errors';
import { kmsKeyIdOf, organizationOf, retentionDaysOf, vaultUrlOf } from '../config/lambda-env';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';
import { carryRecords } from './carry';
import { buildIncidents } from './incidents';
import type { Detection, Severity } from './model';
import { defaultIncidentId, prepareDetection } from './prepare-incident';
import { sealRecords } from './seal-records';

/**
 * A high-severity GuardDuty finding opens an incident by itself (docs/cli.md §GuardDuty), so the
 * clock starts at detection without waiting for a human: the EventBridge "GuardDuty Finding"
 * event (source aws.guardduty) becomes a `detected` incident event at the finding's createdAt.
 * Idempotent on the finding id: GuardDuty re-publishes updated findings, EventBridge may deliver
 * twice; an incident already opened for the finding is left alone, and the record is a function
 * of the event alone, so a retry after a failed seal writes the same artifact.
 */
export const FINDING_RECORDED_BY = 'guardduty-incident-opener';

const time = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && /Z$|[+-]\d{2}:\d{2}$/.test(s), 'expected an ISO 8601 time with a zone');
const findingEvent = z.object({
  source: z.literal('aws.guardduty'),
  'detail-type': z.literal('GuardDuty Finding'),
  time,
  detail: z.object({
    id: z.string().min(1),
    type: z.string().min(1),
    severity: z.number().min(0).max(10),
    createdAt: time,
    accountId: z.string(),
    region: z.string(),
    title: z.string().optional(),
    resource: z.object({ resourceType: z.string().optional() }).loose().optional(),
    service: z.object({ archived: z.boolean().optional() }).loose().optional(),
  }),
});

export type FindingOutcome =
  | { action: 'opened'; incidentId: string; manifest: string; record: string }
  | { action: 'skipped'; incidentId?: string; reason: string };

export async function openIncidentFromFinding(vault: Vault, signer: Signer, event: unknown, now: Date, options: { minSeverity: number; organization?: string }): Promise<FindingOutcome> {
  const parsed = findingEvent.safeParse(event);
  if (!parsed.success) {
    throw new EvidenceError('USAGE', `not a GuardDuty Finding event: ${parsed.error.issues.slice(0, 5).map((i) => `${['$', ...i.path.map(String)].join('.')}: ${i.message}`).join('; ')}`);
  }
  const { detail } = parsed.data;
  if (detail.severity < options.minSeverity) return { action: 'skipped', reason: `severity ${detail.severity} is below ${options.minSeverity}` };
  if (detail.service?.archived === true) return { action: 'skipped', reason: `finding ${detail.id} is archived` };
  const detectedAt = new Date(detail.createdAt).toISOString();
  // Recorded at the event's time, not the clock's, so that a retry builds the same record.
  const recordedAt = new Date(Math.max(Date.parse(parsed.data.time), Date.parse(detectedAt))).toISOString();
  const detection: Detection = {
    source: `guardduty:${detail.type}`,
    severity: severityOf(detail.severity),
    // Until the incident lead decides, assume the worst: the customer-notification clock runs.
    customerData: true,
    regulatorRequired: false,
    summary: `${detail.title ?? detail.type} (severity ${detail.severity}, account ${detail.accountId}, ${detail.region}${detail.resource?.resourceType ? `, ${detail.resource.resourceType}` : ''})`.slice(0, 4000),
    externalRef: detail.id,
  };
  const carried = await carryRecords(vault, now.toISOString().slice(0, 10), now);
  const existing = buildIncidents(carried.records).find((i) => i.detection.externalRef === detail.id);
  if (existing !== undefined) return { action: 'skipped', incidentId: existing.id, reason: `incident ${existing.id} is already open for finding ${detail.id}` };
  const record = prepareDetection(carried.records, { incidentId: defaultIncidentId(detectedAt, detection), at: detectedAt, detection, note: 'opened automatically from the GuardDuty finding; customer data assumed involved until triaged', recordedBy: FINDING_RECORDED_BY }, new Date(recordedAt));
  const sealed = await sealRecords(vault, signer, [record], { now, organization: options.organization });
  return { action: 'opened', incidentId: record.incidentId, manifest: sealed.key, record: sealed.records[0]?.key ?? '' };
}

/** GuardDuty's bands: 7.0-8.9 High, 9.0-10.0 Critical, 4.0-6.9 Medium, below Low. */
function severityOf(score: number): Severity {
  return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
}

/** The function's configuration, read once at cold start; a typo fails there. */
export function readFindingConfig(env: NodeJS.ProcessEnv): { vaultUrl: string; kmsKeyId: string; minSeverity: number; retentionDays: number; organization?: string } {
  const problems: string[] = [];
  const vaultUrl = vaultUrlOf(env, problems);
  const kmsKeyId = kmsKeyIdOf(env, problems);
  const min = env.EVIDENCE_INCIDENT_MIN_SEVERITY ?? '7';
  if (!/^\d+(\.\d+)?$/.test(min) || Number(min) > 10) problems.push(`EVIDENCE_INCIDENT_MIN_SEVERITY must be a number from 0 to 10, found '${min}'`);
  const retentionDays = retentionDaysOf(env, problems);
  if (problems.length > 0) throw new EvidenceError('CONFIG_INVALID', `incident-from-finding function configuration: ${problems.join('; ')}`);
  return { vaultUrl, kmsKeyId, minSeverity: Number(min), retentionDays, organization: organizationOf(env) };
}
