import { PROD_FLOW_LOG_GROUP, SAMPLE_DRIFT, activeDrift, type DriftItem } from '../drift';
import { SAMPLE_ACCOUNTS, type SampleRegion } from '../organization';
import { PROD_USW2_FLOW_LOG_GROUP } from './network';

/**
 * CloudWatch Logs groups: the organization trail's group (management, us-east-1, 365 days,
 * KMS), production's VPC flow-log groups (90 days) and application audit log groups (400
 * days), and one Lambda group with no retention set (never expires). Field names follow the
 * CloudWatch Logs LogGroup shape.
 */
const mgmt = SAMPLE_ACCOUNTS.management.id;
const prod = SAMPLE_ACCOUNTS.production.id;

export const ORG_TRAIL_LOG_GROUP = 'aws-cloudtrail-logs-brightpath-org';
export const PROD_APP_AUDIT_LOG_GROUP = '/brightpath/prod/app-audit';

export interface SampleLogGroup {
  readonly account: string;
  readonly region: SampleRegion;
  readonly logGroupName: string;
  readonly creationTime: number;
  readonly retentionInDays?: number;
  readonly kmsKeyId?: string;
  readonly storedBytes: number;
}

const at = (iso: string) => Date.parse(iso);

export const SAMPLE_LOG_GROUPS: readonly SampleLogGroup[] = [
  { account: mgmt, region: 'us-east-1', logGroupName: ORG_TRAIL_LOG_GROUP, creationTime: at('2021-02-17T15:18:44.207Z'), retentionInDays: 365,
    kmsKeyId: `arn:aws:kms:us-east-1:${mgmt}:key/2c7a9e41-6d0b-4f83-b5e2-9a1c3d7f8e60`, storedBytes: 48_213_907_114 },
  { account: prod, region: 'us-east-1', logGroupName: PROD_FLOW_LOG_GROUP, creationTime: at('2021-03-02T09:54:51.032Z'), retentionInDays: 90, storedBytes: 9_874_120_553 },
  { account: prod, region: 'us-east-1', logGroupName: PROD_APP_AUDIT_LOG_GROUP, creationTime: at('2021-04-12T18:03:27.640Z'), retentionInDays: 400,
    kmsKeyId: `arn:aws:kms:us-east-1:${prod}:key/5f3c1a2e-8b7d-4e19-a6c4-2d9e0f713b58`, storedBytes: 2_310_448_096 },
  { account: prod, region: 'us-east-1', logGroupName: '/aws/lambda/brightpath-enrollment-api', creationTime: at('2022-01-20T11:45:09.318Z'), storedBytes: 734_502_281 },
  { account: prod, region: 'us-west-2', logGroupName: PROD_USW2_FLOW_LOG_GROUP, creationTime: at('2022-08-15T16:40:58.771Z'), retentionInDays: 90, storedBytes: 3_118_906_472 },
  { account: prod, region: 'us-west-2', logGroupName: '/brightpath/prod/app-audit-usw2', creationTime: at('2022-08-15T17:02:13.504Z'), retentionInDays: 400, storedBytes: 611_084_950 },
];

/** The account-region's groups on `day`, in name order (DescribeLogGroups' order), drift applied. */
export function logGroupsOnDay(account: string, region: string, day: number, drift: readonly DriftItem[] = SAMPLE_DRIFT): SampleLogGroup[] {
  const cuts = activeDrift('log-group-retention-cut', account, region, day, drift);
  return SAMPLE_LOG_GROUPS.filter((g) => g.account === account && g.region === region)
    .map((g) => {
      const cut = cuts.find((d) => d.effect.logGroup === g.logGroupName);
      return cut ? { ...g, retentionInDays: cut.effect.retentionDays } : g;
    })
    .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : 1));
}
