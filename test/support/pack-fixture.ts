import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ControlVerdict } from '../../src/evaluate/engine';
import { PACK_SCHEMA, type ControlDay, type ControlException, type EvidenceRef, type PackDay, type PackGap, type PackJson, type PackManifestRef } from '../../src/pack/model';

/**
 * A realistic pack.json for report tests, built in code: Brightpath Learning (the sample
 * organization, docs/sample-organization.md), 2026-Q3, 92 days, the 39 controls of the bundled
 * catalog, with the sample's drift rows as exceptions, two days without a manifest, the
 * log-archive AssumeRole gaps and one control disabled with its reason.
 */
export const ACCOUNTS = { management: '418295730164', logArchive: '592716384053', production: '730461928517' } as const;
export const FINGERPRINT = sha('brightpath-signing-key');
export const MISSING_DAYS = ['2026-08-15', '2026-08-16'];
export const DISABLED = { id: 'guardduty-s3-protection', reason: 'S3 Malware Protection replaces it for the student-data buckets; accepted by the CISO on 2026-06-12 (risk RA-114).' };

type Bad = Exclude<ControlVerdict, 'pass' | 'disabled'>;
interface Resource { resource: string; account: string; region: string; reason: string }
/** A control's verdict on day indexes from..to (0 = the first day of the period). */
export interface Drift { control: string; from: number; to: number; verdict: Bad; resources: Resource[] }

const P = ACCOUNTS.production;
const denied = (control: string): Drift => ({ control, from: 80, to: 81, verdict: 'not-evidenced', resources: [{ resource: `${ACCOUNTS.logArchive}/us-east-1`, account: ACCOUNTS.logArchive, region: 'us-east-1', reason: 'no answer: sts:AssumeRole into the log-archive account was denied (gap)' }] });
const attestation = (control: string): Drift => ({ control, from: 0, to: 91, verdict: 'not-evidenced', resources: [{ resource: `attestation/${control}`, account: '*', region: '*', reason: 'no attestation collected: process evidence collection is not in place yet' }] });

/** The sample organization's drift (SAMPLE_DRIFT) and standing findings, as control verdicts. */
export const SAMPLE_DRIFTS: Drift[] = [
  { control: 's3-bucket-versioning', from: 20, to: 26, verdict: 'fail', resources: [{ resource: 'brightpath-prod-student-records', account: P, region: 'us-east-1', reason: 'GetBucketVersioning Status is Suspended (expected Enabled)' }] },
  { control: 'cloudwatch-log-group-retention-90d', from: 30, to: 36, verdict: 'fail', resources: [{ resource: '/aws/vpc/flow-logs/brightpath-prod', account: P, region: 'us-east-1', reason: 'retentionInDays is 30, below the minimum of 90' }] },
  { control: 'cloudtrail-multi-region-trail-logging', from: 40, to: 41, verdict: 'fail', resources: [{ resource: `arn:aws:cloudtrail:us-east-1:${ACCOUNTS.management}:trail/brightpath-org-trail`, account: ACCOUNTS.management, region: 'us-east-1', reason: 'GetTrailStatus IsLogging is false (StopLoggingTime on the evening before)' }] },
  { control: 'vpc-flow-logs-enabled', from: 48, to: 53, verdict: 'fail', resources: [{ resource: 'vpc-0e7d2b6a1c9f48053', account: P, region: 'us-west-2', reason: 'no flow log for the VPC (DescribeFlowLogs lists none)' }] },
  { control: 'sns-escalation-subscriptions', from: 56, to: 63, verdict: 'fail', resources: [{ resource: `arn:aws:sns:us-east-1:${P}:security-alerts`, account: P, region: 'us-east-1', reason: 'HTTPS pager subscription is PendingConfirmation; 1 of 2 subscriptions confirmed' }] },
  { control: 'guardduty-findings-triaged-24h', from: 0, to: 69, verdict: 'not-applicable', resources: [] },
  { control: 'guardduty-findings-triaged-24h', from: 71, to: 72, verdict: 'fail', resources: [{ resource: 'UnauthorizedAccess:S3/TorIPCaller on brightpath-prod-student-records', account: P, region: 'us-east-1', reason: 'severity 8 finding open for more than 24 hours' }] },
  { control: 'guardduty-findings-triaged-24h', from: 73, to: 91, verdict: 'not-applicable', resources: [] },
  { control: 's3-server-access-logging', from: 0, to: 91, verdict: 'fail', resources: [{ resource: 'brightpath-prod-course-content', account: P, region: 'us-west-2', reason: 'GetBucketLogging has no LoggingEnabled' }] },
  { control: 'iam-console-mfa', from: 0, to: 91, verdict: 'fail', resources: [{ resource: `arn:aws:iam::${P}:user/legacy-sis-export`, account: P, region: 'global', reason: 'console password enabled, no MFA device (credential report mfa_active false)' }] },
  ...['cloudtrail-archive-bucket-immutability', 'cloudtrail-archive-retention-lifecycle', 'config-recorder-all-regions'].map(denied),
  ...['incident-notification-procedure', 'incident-workflow-test', 'incident-records-retained', 'quarterly-control-operation-review'].map(attestation),
];

export interface FixtureOptions { drifts?: Drift[]; organization?: string }

interface CatalogControl { id: string; title: string; tests: string; kind: 'automated' | 'process'; checks: Array<{ rule: string; params: unknown }>; mappings: Record<'soc2' | 'iso27001_2022' | 'iso27001_2013', Array<{ id: string }>> }
const CATALOG_FILE = path.join(__dirname, '..', '..', 'templates', 'catalog', 'data-leak-reporting.catalog.json');

export function buildPackFixture(options: FixtureOptions = {}): PackJson {
  const catalog = JSON.parse(readFileSync(CATALOG_FILE, 'utf8')) as { id: string; version: string; controls: CatalogControl[] };
  const drifts = options.drifts ?? SAMPLE_DRIFTS;
  const dates = Array.from({ length: 92 }, (_, i) => new Date(Date.UTC(2026, 6, 1 + i)).toISOString().slice(0, 10));
  const manifests: PackManifestRef[] = [];
  const gaps: PackGap[] = [];
  const days: PackDay[] = dates.map((date, i): PackDay => {
    if (MISSING_DAYS.includes(date)) return { date, manifest: null, results: null, controls: [] };
    const sequence = i === 12 ? 2 : 1;
    const manifest = ref(`manifests/${date}/${sequence}.json`);
    gaps.push(...dayGaps(date, i, manifest.key));
    manifests.push({ ...manifest, date, sequence, merkleRoot: sha(`merkle:${date}`), artifacts: 231 + (i % 7), gaps: gaps.filter((g) => g.date === date).length });
    const controls = catalog.controls.map((c): ControlDay => {
      if (c.id === DISABLED.id) return { id: c.id, verdict: 'disabled', exceptions: [], resources: { pass: 0, fail: 0, notApplicable: 0, notEvidenced: 0 }, evidence: [] };
      const drift = drifts.find((d) => d.control === c.id && i >= d.from && i <= d.to);
      const verdict: ControlVerdict = drift?.verdict ?? 'pass';
      const exceptions = (drift?.resources ?? []).map((r) => ({ ...r, verdict }));
      const bad = exceptions.length;
      return {
        id: c.id, verdict, exceptions,
        resources: { pass: verdict === 'not-applicable' ? 0 : 3, fail: verdict === 'fail' ? bad : 0, notApplicable: verdict === 'not-applicable' ? 1 : 0, notEvidenced: verdict === 'not-evidenced' ? bad : 0 },
        evidence: [artifact(`${c.id}:${verdict}`), artifact(`${c.id}:inventory`)],
      };
    });
    return { date, manifest, results: artifact(`results:${date}`), controls };
  });
  return {
    schema: PACK_SCHEMA,
    organization: options.organization ?? 'Brightpath Learning',
    period: { quarter: '2026-Q3', start: '2026-07-01', end: '2026-09-30', days: 92 },
    generatedAt: '2026-10-01T06:42:17.000Z',
    scope: { accounts: Object.values(ACCOUNTS), regions: ['us-east-1', 'us-west-2'], collectors: ['organizations', 'config', 'cloudtrail', 's3', 'logs', 'cloudwatch', 'sns', 'eventbridge', 'guardduty', 'ec2', 'iam'], modes: ['organization'] },
    catalog: { id: catalog.id, version: catalog.version, sha256: sha('catalog') },
    signingKey: { algorithm: 'ECDSA_P256_SHA256', fingerprint: FINGERPRINT },
    chain: { anchor: ref('manifests/2026-06-30/1.json'), head: { ...manifests[manifests.length - 1]!, sequence: manifests[manifests.length - 1]!.sequence }, manifests },
    days,
    missingDays: MISSING_DAYS,
    gaps,
    controls: catalog.controls.map((c) => summarizeControl(c, days, c.id === DISABLED.id ? DISABLED.reason : null)),
  };
}

function summarizeControl(c: CatalogControl, days: PackDay[], disabledReason: string | null): PackJson['controls'][number] {
  const counts: Record<ControlVerdict, number> = { pass: 0, fail: 0, 'not-applicable': 0, 'not-evidenced': 0, disabled: 0 };
  const exceptions: ControlException[] = [];
  const evidence = new Map<string, EvidenceRef>();
  let open: ControlException | null = null;
  for (const day of days) {
    const d = day.controls.find((x) => x.id === c.id);
    // A run of non-passing days is broken by a passing day and by a day without a manifest.
    if (!d || (d.verdict !== 'fail' && d.verdict !== 'not-evidenced') || open?.verdict !== d.verdict) open = null;
    if (!d) continue;
    counts[d.verdict]++;
    for (const e of d.evidence) evidence.set(e.sha256, e);
    if (d.verdict !== 'fail' && d.verdict !== 'not-evidenced') continue;
    if (open === null) exceptions.push((open = { from: day.date, to: day.date, verdict: d.verdict, resources: [] }));
    open.to = day.date;
    for (const r of d.exceptions) if (!open.resources.some((x) => x.resource === r.resource)) open.resources.push({ resource: r.resource, account: r.account, region: r.region, reason: r.reason });
  }
  return {
    id: c.id, title: c.title, tests: c.tests, kind: c.kind, checks: c.checks,
    mappings: { soc2: c.mappings.soc2.map((m) => m.id), iso27001_2022: c.mappings.iso27001_2022.map((m) => m.id), iso27001_2013: c.mappings.iso27001_2013.map((m) => m.id) },
    disabled: disabledReason === null ? null : { reason: disabledReason },
    days: counts, operatedEveryDay: counts.pass === days.length, exceptions,
    evidenceCount: evidence.size, sampleEvidence: [...evidence.values()].slice(0, 3),
  };
}

function dayGaps(date: string, i: number, manifest: string): PackGap[] {
  const where = { date, manifest };
  if (i === 12) return [{ ...where, collector: 'config', account: ACCOUNTS.management, region: 'us-east-1', operation: 'config:SelectAggregateResourceConfig', errorCode: 'ThrottlingException', message: 'Rate exceeded' }];
  if (i !== 80 && i !== 81) return [];
  return ['us-east-1', 'us-west-2'].map((region) => ({
    ...where, collector: 'organizations', account: ACCOUNTS.logArchive, region, operation: 'sts:AssumeRole', errorCode: 'AccessDenied',
    message: `User: arn:aws:sts::${ACCOUNTS.management}:assumed-role/EvidenceVaultReadOnly/evidence-collector is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNTS.logArchive}:role/EvidenceVaultReadOnly`,
  }));
}

function sha(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}

function ref(key: string): EvidenceRef {
  return { key, sha256: sha(key) };
}

function artifact(label: string): EvidenceRef {
  const hash = sha(label);
  return { key: `artifacts/sha256/${hash.slice(0, 2)}/${hash}.json`, sha256: hash };
}
