import { simulatedTime } from '../clock';
import { PROD_FLOW_LOG_GROUP, PROD_USW2_FLOW_LOG_ID, SAMPLE_DRIFT, driftOfKind, isDriftActive, type DriftItem } from '../drift';
import { SAMPLE_ACCOUNTS, type SampleRegion } from '../organization';
import { ARCHIVE_ACCESS_LOGS_BUCKET } from './buckets';

/**
 * VPCs and flow logs: production and log-archive each keep the default VPC and one workload
 * VPC per region, every one with a flow log of ALL traffic (production to CloudWatch Logs,
 * log-archive to S3); the management account has no VPCs (default VPCs deleted). Field
 * names follow the EC2 Vpc and FlowLog shapes, emitted in EC2's camelCase XML.
 */
const prod = SAMPLE_ACCOUNTS.production.id;
const logs = SAMPLE_ACCOUNTS.logArchive.id;

export interface SampleVpc {
  readonly account: string;
  readonly region: SampleRegion;
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly cidrAssociationId: string;
  readonly dhcpOptionsId: string;
  readonly isDefault: boolean;
  readonly name?: string;
  readonly createdAt: string;
}

export interface SampleFlowLog {
  readonly account: string;
  readonly region: SampleRegion;
  readonly flowLogId: string;
  readonly resourceId: string;
  /** Epoch ms. */
  readonly creationTime: number;
  readonly destination: { readonly type: 'cloud-watch-logs'; readonly logGroupName: string } | { readonly type: 's3'; readonly arn: string };
}

export const PROD_USW2_FLOW_LOG_GROUP = '/aws/vpc/flow-logs/brightpath-prod-usw2';
export const DEFAULT_FLOW_LOG_FORMAT = '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';

const vpc = (account: string, region: SampleRegion, vpcId: string, cidrBlock: string, isDefault: boolean, name: string | undefined, createdAt: string, n: string): SampleVpc => ({
  account, region, vpcId, cidrBlock, isDefault, createdAt,
  cidrAssociationId: `vpc-cidr-assoc-0${n}`, dhcpOptionsId: `dopt-0${n.slice(0, 8)}`, ...(name ? { name } : {}),
});

export const SAMPLE_VPCS: readonly SampleVpc[] = [
  vpc(prod, 'us-east-1', 'vpc-0a3f9c2e71b4d5806', '10.20.0.0/16', false, 'brightpath-prod', '2021-03-02T09:41:12.000Z', '4b7e1c9a2d3f50861'),
  vpc(prod, 'us-east-1', 'vpc-05c1e8b2a94d7f3e0', '172.31.0.0/16', true, undefined, '2021-02-17T14:02:55.000Z', '9d2a6f1e3c7b40582'),
  vpc(prod, 'us-west-2', 'vpc-0e7d2b6a1c9f48053', '10.21.0.0/16', false, 'brightpath-prod-usw2', '2022-08-15T16:20:31.000Z', '1f8c3e7b9a2d54660'),
  vpc(prod, 'us-west-2', 'vpc-0b49f1d7e3a2c6851', '172.31.0.0/16', true, undefined, '2021-02-17T14:02:58.000Z', '6a0d4c8e2f1b73945'),
  vpc(logs, 'us-east-1', 'vpc-0d8a2c5f7e1b39460', '10.30.0.0/16', false, 'brightpath-log-archive', '2021-02-17T15:12:40.000Z', '3e9b7d1a5c2f80614'),
  vpc(logs, 'us-east-1', 'vpc-07f3b9e1c5a2d4068', '172.31.0.0/16', true, undefined, '2021-02-17T14:01:09.000Z', '8c1f5a9d3e7b26047'),
  vpc(logs, 'us-west-2', 'vpc-0c6e1a8d4b7f29035', '10.31.0.0/16', false, 'brightpath-log-archive-usw2', '2021-02-17T15:13:02.000Z', '2a7d9f3c1e5b08496'),
  vpc(logs, 'us-west-2', 'vpc-09b2d7f4a1e6c3850', '172.31.0.0/16', true, undefined, '2021-02-17T14:01:11.000Z', '5f3b8e2d6a9c17403'),
];

const cwl = (logGroupName: string) => ({ type: 'cloud-watch-logs', logGroupName }) as const;
const toS3 = { type: 's3', arn: `arn:aws:s3:::${ARCHIVE_ACCESS_LOGS_BUCKET}/vpc-flow-logs/` } as const;
const at = (iso: string) => Date.parse(iso);

const FLOW_LOGS: readonly SampleFlowLog[] = [
  { account: prod, region: 'us-east-1', flowLogId: 'fl-02b7e4c9a1d3f6085', resourceId: 'vpc-0a3f9c2e71b4d5806', creationTime: at('2021-03-02T09:55:03.418Z'), destination: cwl(PROD_FLOW_LOG_GROUP) },
  { account: prod, region: 'us-east-1', flowLogId: 'fl-0f1a6d3b8e2c5a947', resourceId: 'vpc-05c1e8b2a94d7f3e0', creationTime: at('2023-05-11T13:08:44.902Z'), destination: cwl(PROD_FLOW_LOG_GROUP) },
  { account: prod, region: 'us-west-2', flowLogId: PROD_USW2_FLOW_LOG_ID, resourceId: 'vpc-0e7d2b6a1c9f48053', creationTime: at('2022-08-15T16:41:27.115Z'), destination: cwl(PROD_USW2_FLOW_LOG_GROUP) },
  { account: prod, region: 'us-west-2', flowLogId: 'fl-0a9e5c2f7b1d3e486', resourceId: 'vpc-0b49f1d7e3a2c6851', creationTime: at('2023-05-11T13:10:02.337Z'), destination: cwl(PROD_USW2_FLOW_LOG_GROUP) },
  { account: logs, region: 'us-east-1', flowLogId: 'fl-06d3a9f1c7e2b5840', resourceId: 'vpc-0d8a2c5f7e1b39460', creationTime: at('2021-02-17T15:30:18.764Z'), destination: toS3 },
  { account: logs, region: 'us-east-1', flowLogId: 'fl-0e2c8b5a1f7d4c063', resourceId: 'vpc-07f3b9e1c5a2d4068', creationTime: at('2023-05-11T13:12:45.021Z'), destination: toS3 },
  { account: logs, region: 'us-west-2', flowLogId: 'fl-03f7c1e9b5a2d8064', resourceId: 'vpc-0c6e1a8d4b7f29035', creationTime: at('2021-02-17T15:31:40.250Z'), destination: toS3 },
  { account: logs, region: 'us-west-2', flowLogId: 'fl-0b5d2e8f4a1c7e390', resourceId: 'vpc-09b2d7f4a1e6c3850', creationTime: at('2023-05-11T13:14:07.689Z'), destination: toS3 },
];

export function vpcsIn(account: string, region: string): readonly SampleVpc[] {
  return SAMPLE_VPCS.filter((v) => v.account === account && v.region === region);
}

/** Flow logs as they stand on `day`: a deleted one is gone, then back under its new id. */
export function flowLogsOnDay(account: string, region: string, day: number, startMs: number, drift: readonly DriftItem[] = SAMPLE_DRIFT): SampleFlowLog[] {
  const out: SampleFlowLog[] = [];
  for (const f of FLOW_LOGS.filter((x) => x.account === account && x.region === region)) {
    const deletions = driftOfKind('flow-log-deleted', drift).filter((d) => d.effect.flowLogId === f.flowLogId && d.firstDay <= day);
    const last = deletions.at(-1);
    if (!last) out.push(f);
    else if (!isDriftActive(last, day)) {
      // Re-created in the night after the last drift day, before the 06:00 UTC collection.
      out.push({ ...f, flowLogId: last.effect.recreatedFlowLogId, creationTime: simulatedTime(startMs, last.lastDay + 1, 2, 17, 42, 583) });
    }
  }
  return out;
}
