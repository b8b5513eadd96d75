import { SAMPLE_ACCOUNTS, SAMPLE_READ_ONLY_ROLE, type SampleRegion } from './organization';

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

export const PROD_FLOW_LOG_GROUP = '/aws/vpc/flow-logs/brightpath-prod';
export const PROD_USW2_FLOW_LOG_ID = 'fl-0c4d1e7a92b3f5068';
export const PROD_USW2_RECREATED_FLOW_LOG_ID = 'fl-07e2b9c5a1d4f8e36';
export const SECURITY_TOPIC = 'security-alerts';
export const PAGER_ENDPOINT = 'https://events.pagerduty.com/integration/5b1f9e0c7a2d4c38b6e1f04d9a7c2e85/enqueue';
export const TOR_FINDING_ID = '7ec8b3f1a2d94e6b8c05f1a93d72e4b6';

export type DriftEffect =
  /** PutBucketVersioning Status=Suspended, then Enabled again after the last day. */
  | { readonly kind: 'bucket-versioning-suspended'; readonly bucket: string }
  /** StopLogging on the trail, then StartLogging the day after the last day. */
  | { readonly kind: 'trail-stopped'; readonly trailArn: string }
  /** PutRetentionPolicy to `retentionDays`, then back to the baseline after the last day. */
  | { readonly kind: 'log-group-retention-cut'; readonly logGroup: string; readonly retentionDays: number }
  /** DeleteFlowLogs, then CreateFlowLogs the day after the last day (a new FlowLogId). */
  | { readonly kind: 'flow-log-deleted'; readonly flowLogId: string; readonly recreatedFlowLogId: string }
  /** The subscription is re-created and never confirmed, then confirmed the day after the last day. */
  | { readonly kind: 'subscription-pending'; readonly topic: string; readonly endpoint: string }
  /** A finding created on the first day, archived the day after the last day. */
  | { readonly kind: 'guardduty-finding-open'; readonly findingId: string; readonly findingType: string; readonly severity: number; readonly bucket: string }
  /** The member role's trust policy no longer lets the management account assume it. */
  | { readonly kind: 'assume-role-denied'; readonly roleName: string };

export interface DriftItem {
  readonly id: string;
  readonly title: string;
  /** Account and region the drift is in (for assume-role-denied: the account that cannot be reached). */
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
  {
    id: 'flow-log-retention-cut',
    title: 'VPC flow-log group retention cut to 30 days',
    account: SAMPLE_ACCOUNTS.production.id,
    region: 'us-east-1',
    service: 'logs',
    firstDay: 30,
    lastDay: 36,
    effect: { kind: 'log-group-retention-cut', logGroup: PROD_FLOW_LOG_GROUP, retentionDays: 30 },
    expectedFinding: 'Log group retention below 90 days (cw-loggroup-retention-period-check NON_COMPLIANT)',
  },
  {
    id: 'prod-usw2-flow-log-deleted',
    title: 'VPC flow log deleted in production us-west-2',
    account: SAMPLE_ACCOUNTS.production.id,
    region: 'us-west-2',
    service: 'ec2',
    firstDay: 48,
    lastDay: 53,
    effect: { kind: 'flow-log-deleted', flowLogId: PROD_USW2_FLOW_LOG_ID, recreatedFlowLogId: PROD_USW2_RECREATED_FLOW_LOG_ID },
    expectedFinding: 'VPC without flow logs (vpc-flow-logs-enabled NON_COMPLIANT)',
  },
  {
    id: 'prod-pager-subscription-pending',
    title: 'Pager subscription of the production security topic left unconfirmed',
    account: SAMPLE_ACCOUNTS.production.id,
    region: 'us-east-1',
    service: 'sns',
    firstDay: 56,
    lastDay: 63,
    effect: { kind: 'subscription-pending', topic: SECURITY_TOPIC, endpoint: PAGER_ENDPOINT },
    expectedFinding: 'Security alarm notifications not delivered: SNS subscription PendingConfirmation',
  },
  {
    id: 'guardduty-tor-finding-open',
    title: 'High-severity GuardDuty finding on the student-records bucket left open three days',
    account: SAMPLE_ACCOUNTS.production.id,
    region: 'us-east-1',
    service: 'guardduty',
    firstDay: 70,
    lastDay: 72,
    effect: { kind: 'guardduty-finding-open', findingId: TOR_FINDING_ID, findingType: 'UnauthorizedAccess:S3/TorIPCaller', severity: 8, bucket: STUDENT_RECORDS_BUCKET },
    expectedFinding: 'High-severity GuardDuty finding not archived or remediated within a day (guardduty-non-archived-findings NON_COMPLIANT)',
  },
  {
    id: 'log-archive-assume-role-denied',
    title: 'Read-only role in the log-archive account cannot be assumed',
    account: SAMPLE_ACCOUNTS.logArchive.id,
    region: 'us-east-1',
    service: 'sts',
    firstDay: 80,
    lastDay: 81,
    effect: { kind: 'assume-role-denied', roleName: SAMPLE_READ_ONLY_ROLE },
    expectedFinding: 'Evidence gap: log-archive account unreachable (sts:AssumeRole AccessDenied)',
  },
];

export function isDriftActive(item: DriftItem, day: number): boolean {
  return day >= item.firstDay && day <= item.lastDay;
}

/** Rows of the kind in this account and region that are active on `day`. */
export function activeDrift<K extends DriftEffect['kind']>(
  kind: K, account: string, region: string, day: number, table: readonly DriftItem[] = SAMPLE_DRIFT,
): (DriftItem & { readonly effect: Extract<DriftEffect, { kind: K }> })[] {
  return driftOfKind(kind, table).filter((d) => d.account === account && d.region === region && isDriftActive(d, day));
}

/** Rows whose effect is of the given kind, narrowed so callers read the effect's fields. */
export function driftOfKind<K extends DriftEffect['kind']>(
  kind: K,
  table: readonly DriftItem[] = SAMPLE_DRIFT,
): (DriftItem & { readonly effect: Extract<DriftEffect, { kind: K }> })[] {
  return table.filter((d): d is DriftItem & { readonly effect: Extract<DriftEffect, { kind: K }> } => d.effect.kind === kind);
}
