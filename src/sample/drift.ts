import { SAMPLE_ACCOUNTS, type SampleRegion } from './organization';

/**
 * Scripted drift: what goes wrong in the sample organization, and on which simulated days.
 * Days are 0-based indexes into the demo period (92 days), both ends inclusive. Each row is
 * data, so the docs and the tests read the same table the recordings are built from; a new
 * kind of drift is a new `DriftEffect` member plus the few lines in src/sample/state/ that
 * apply it.
 */
export const SAMPLE_DAYS = 92;

export const STUDENT_RECORDS_BUCKET = 'brightpath-prod-student-records';
export const ORG_TRAIL_NAME = 'brightpath-org-trail';
export const ORG_TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${SAMPLE_ACCOUNTS.management.id}:trail/${ORG_TRAIL_NAME}`;

export type DriftEffect =
  /** PutBucketVersioning Status=Suspended, then Enabled again after the last day. */
  | { readonly kind: 'bucket-versioning-suspended'; readonly bucket: string }
  /** StopLogging on the trail, then StartLogging the day after the last day. */
  | { readonly kind: 'trail-stopped'; readonly trailArn: string };

export interface DriftItem {
  readonly id: string;
  readonly title: string;
  /** Account and region whose API answers change. */
  readonly account: string;
  readonly region: SampleRegion;
  /** SigV4 signing name of the service that shows the drift (s3, cloudtrail, …). */
  readonly service: string;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly effect: DriftEffect;
  /** What an auditor should see: the control this breaks. */
  readonly expectedFinding: string;
}

export const SAMPLE_DRIFT: readonly DriftItem[] = [
  {
    id: 'student-records-versioning-suspended',
    title: 'Versioning suspended on the student-records bucket',
    account: SAMPLE_ACCOUNTS.production.id,
    region: 'us-east-1',
    service: 's3',
    firstDay: 20,
    lastDay: 26,
    effect: { kind: 'bucket-versioning-suspended', bucket: STUDENT_RECORDS_BUCKET },
    expectedFinding: 'Object versioning not enabled on a bucket tagged data-classification=student-data',
  },
  {
    id: 'org-trail-stopped',
    title: 'Organization trail stopped logging',
    account: SAMPLE_ACCOUNTS.management.id,
    region: 'us-east-1',
    service: 'cloudtrail',
    firstDay: 40,
    lastDay: 41,
    effect: { kind: 'trail-stopped', trailArn: ORG_TRAIL_ARN },
    expectedFinding: 'Organization trail not logging (IsLogging false, log delivery stale)',
  },
];

export function isDriftActive(item: DriftItem, day: number): boolean {
  return day >= item.firstDay && day <= item.lastDay;
}

/** Rows whose effect is of the given kind, narrowed so callers read the effect's fields. */
export function driftOfKind<K extends DriftEffect['kind']>(
  kind: K,
  table: readonly DriftItem[] = SAMPLE_DRIFT,
): (DriftItem & { readonly effect: Extract<DriftEffect, { kind: K }> })[] {
  return table.filter((d): d is DriftItem & { readonly effect: Extract<DriftEffect, { kind: K }> } => d.effect.kind === kind);
}
