import { simulatedTime } from '../clock';
import { ORG_TRAIL_ARN, SAMPLE_DRIFT, driftOfKind, isDriftActive, type DriftItem } from '../drift';
import { SAMPLE_ACCOUNTS } from '../organization';
import { SAMPLE_BUCKETS, bucketOnDay } from './buckets';
import { findingsOnDay } from './guardduty';
import { logGroupsOnDay } from './log-groups';
import { flowLogsOnDay, vpcsIn } from './network';

/**
 * AWS Config rules of the sample and what each evaluates to on a day. Five AWS managed rules
 * run in every account × region; production us-east-1 also has a conformance pack's rules.
 * Evaluations are computed from the same state the other services answer from, so a drift
 * row moves the rule with it (retention cut → cw-loggroup-retention-period-check, flow log
 * deleted → vpc-flow-logs-enabled, versioning suspended → s3-bucket-versioning-enabled, trail
 * stopped → cloudtrail-enabled, finding open > 1 day → guardduty-non-archived-findings).
 */
export type Compliance = 'COMPLIANT' | 'NON_COMPLIANT';

export interface SampleConfigRule {
  readonly name: string;
  readonly id: string;
  readonly identifier: string;
  readonly description: string;
  readonly inputParameters: Readonly<Record<string, string>>;
  readonly resourceTypes?: readonly string[];
  readonly periodic: boolean;
  readonly pack?: string;
}

export interface Evaluation {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly compliance: Compliance;
  /** Epoch ms the result was recorded (the last change, so unchanged results stay byte-identical). */
  readonly recordedAt: number;
  readonly annotation?: string;
}

export const CONFORMANCE_PACK = 'brightpath-student-data-protection';
const PACK_SUFFIX = 'conformance-pack-k3x9q2m7d';

export const MANAGED_RULES: readonly SampleConfigRule[] = [
  { name: 'cloudtrail-enabled', id: 'config-rule-4b8hq2', identifier: 'CLOUD_TRAIL_ENABLED', description: 'Checks if an AWS CloudTrail trail is enabled in your AWS account.', inputParameters: {}, periodic: true },
  { name: 'cw-loggroup-retention-period-check', id: 'config-rule-7dk3wm', identifier: 'CW_LOGGROUP_RETENTION_PERIOD_CHECK', description: 'Checks if an Amazon CloudWatch LogGroup retention period is set to greater than 365 days or else a specified retention period.', inputParameters: { MinRetentionTime: '90' }, resourceTypes: ['AWS::Logs::LogGroup'], periodic: true },
  { name: 'guardduty-non-archived-findings', id: 'config-rule-9pe5vt', identifier: 'GUARDDUTY_NON_ARCHIVED_FINDINGS', description: 'Checks if Amazon GuardDuty has findings that are non-archived.', inputParameters: { daysHighSev: '1', daysMediumSev: '7', daysLowSev: '30' }, periodic: true },
  { name: 's3-bucket-versioning-enabled', id: 'config-rule-2jr6xn', identifier: 'S3_BUCKET_VERSIONING_ENABLED', description: 'Checks if versioning is enabled for your S3 buckets.', inputParameters: {}, resourceTypes: ['AWS::S3::Bucket'], periodic: false },
  { name: 'vpc-flow-logs-enabled', id: 'config-rule-6ts1bz', identifier: 'VPC_FLOW_LOGS_ENABLED', description: 'Checks if Amazon Virtual Private Cloud flow logs are found and enabled for Amazon VPC.', inputParameters: { trafficType: 'ALL' }, periodic: true },
];

export const PACK_RULES: readonly SampleConfigRule[] = [
  { name: `s3-bucket-logging-enabled-${PACK_SUFFIX}`, id: 'config-rule-8mw4ca', identifier: 'S3_BUCKET_LOGGING_ENABLED', description: 'Checks if logging is enabled for your S3 buckets.', inputParameters: {}, resourceTypes: ['AWS::S3::Bucket'], periodic: false, pack: CONFORMANCE_PACK },
  { name: `s3-bucket-server-side-encryption-enabled-${PACK_SUFFIX}`, id: 'config-rule-3fy7ke', identifier: 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', description: 'Checks if your Amazon S3 bucket either has the Amazon S3 default encryption enabled or that the Amazon S3 bucket policy explicitly denies put-object requests without server side encryption.', inputParameters: {}, resourceTypes: ['AWS::S3::Bucket'], periodic: false, pack: CONFORMANCE_PACK },
];

export const PACK_HOME = { account: SAMPLE_ACCOUNTS.production.id, region: 'us-east-1' } as const;

export function rulesIn(account: string, region: string): SampleConfigRule[] {
  const pack = account === PACK_HOME.account && region === PACK_HOME.region ? PACK_RULES : [];
  return [...MANAGED_RULES, ...pack].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** When the current state of a drift-driven result began: the drift boundary, or a baseline evaluation. */
function since(startMs: number, rows: readonly DriftItem[], day: number, baseline: number): number {
  const started = rows.filter((d) => d.firstDay <= day).at(-1);
  if (!started) return baseline;
  return isDriftActive(started, day) ? simulatedTime(startMs, started.firstDay, 4, 30, 12, 508) : simulatedTime(startMs, started.lastDay + 1, 4, 30, 12, 508);
}

export function evaluate(rule: SampleConfigRule, account: string, region: string, day: number, startMs: number, drift: readonly DriftItem[] = SAMPLE_DRIFT): Evaluation[] {
  const base = startMs - 9 * 86_400_000 + 16_200_000;
  const ok = (c: boolean): Compliance => (c ? 'COMPLIANT' : 'NON_COMPLIANT');
  switch (rule.identifier) {
    case 'CLOUD_TRAIL_ENABLED': {
      const rows = driftOfKind('trail-stopped', drift).filter((d) => d.effect.trailArn === ORG_TRAIL_ARN);
      const stopped = rows.some((d) => isDriftActive(d, day));
      return [{ resourceType: 'AWS::::Account', resourceId: account, compliance: ok(!stopped), recordedAt: since(startMs, rows, day, base) }];
    }
    case 'CW_LOGGROUP_RETENTION_PERIOD_CHECK': {
      const rows = driftOfKind('log-group-retention-cut', drift).filter((d) => d.account === account && d.region === region);
      return logGroupsOnDay(account, region, day, drift).map((g) => ({
        resourceType: 'AWS::Logs::LogGroup', resourceId: g.logGroupName, compliance: ok(g.retentionInDays === undefined || g.retentionInDays >= 90),
        recordedAt: since(startMs, rows.filter((d) => d.effect.logGroup === g.logGroupName), day, base),
      }));
    }
    case 'VPC_FLOW_LOGS_ENABLED': {
      const rows = driftOfKind('flow-log-deleted', drift).filter((d) => d.account === account && d.region === region);
      const logged = new Set(flowLogsOnDay(account, region, day, startMs, drift).map((f) => f.resourceId));
      return vpcsIn(account, region).map((v) => ({ resourceType: 'AWS::EC2::VPC', resourceId: v.vpcId, compliance: ok(logged.has(v.vpcId)), recordedAt: since(startMs, rows, day, base) }));
    }
    case 'S3_BUCKET_VERSIONING_ENABLED': {
      const rows = driftOfKind('bucket-versioning-suspended', drift);
      return SAMPLE_BUCKETS.filter((b) => b.account === account && b.region === region).map((b) => ({
        resourceType: 'AWS::S3::Bucket', resourceId: b.name, compliance: ok(bucketOnDay(b, day, drift).versioning.status === 'Enabled'),
        recordedAt: since(startMs, rows.filter((d) => d.effect.bucket === b.name), day, base),
      }));
    }
    case 'S3_BUCKET_LOGGING_ENABLED':
    case 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED':
      return SAMPLE_BUCKETS.filter((b) => b.account === account && b.region === region).map((b) => ({
        resourceType: 'AWS::S3::Bucket', resourceId: b.name, recordedAt: base,
        compliance: ok(rule.identifier === 'S3_BUCKET_LOGGING_ENABLED' ? b.logging !== null : b.encryption !== null),
      }));
    case 'GUARDDUTY_NON_ARCHIVED_FINDINGS': {
      // High severity (>= 7) open longer than daysHighSev (1 day) at the 06:00 collection.
      const now = simulatedTime(startMs, day, 6, 0, 0);
      const stale = findingsOnDay(account, region, day, startMs, drift).some((f) =>
        f.severity >= 7 && (f['service'] as { archived: boolean }).archived === false && now - Date.parse(String(f['createdAt'])) > 86_400_000);
      const rows = driftOfKind('guardduty-finding-open', drift).filter((d) => d.account === account && d.region === region);
      const shifted = rows.map((d) => ({ ...d, firstDay: d.firstDay + 1 }));
      return [{ resourceType: 'AWS::::Account', resourceId: account, compliance: ok(!stale), recordedAt: since(startMs, shifted, day, base) }];
    }
    default:
      return [];
  }
}

/** A rule's overall compliance: NON_COMPLIANT if any result is, INSUFFICIENT_DATA with none. */
export function ruleCompliance(results: readonly Evaluation[]): 'COMPLIANT' | 'NON_COMPLIANT' | 'INSUFFICIENT_DATA' {
  if (results.length === 0) return 'INSUFFICIENT_DATA';
  return results.some((r) => r.compliance === 'NON_COMPLIANT') ? 'NON_COMPLIANT' : 'COMPLIANT';
}
