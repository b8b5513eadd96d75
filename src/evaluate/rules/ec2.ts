import type { JsonValue } from '../../core/canonical';
import type { RuleParams } from '../rule-params';
import type { DayArtifact, EvalContext, ResourceResult, Rule } from '../types';
import { answersFor, checkResult, evidence, isObject, notEvidenced, responseOf, type JsonObject } from './util';

/**
 * VPC flow logs: the network record needed to scope a leak (which hosts talked to which
 * addresses, how much) — SOC 2 CC7.2, ISO 27001 A.8.15/A.8.16. Only flow logs attached to the
 * VPC itself count: a subnet or interface flow log leaves the rest of the VPC unrecorded.
 */

const VPCS = 'ec2:DescribeVpcs';
const FLOW_LOGS = 'ec2:DescribeFlowLogs';

const objects = (v: JsonValue | undefined): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);
const byKey = (a: DayArtifact, b: DayArtifact): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '?');

type TrafficType = RuleParams<'ec2.vpc-flow-logs'>['trafficType'];

// ALL records accepted and rejected traffic, so it also satisfies ACCEPT or REJECT; ALL is met only by ALL.
const covers = (have: JsonValue | undefined, want: TrafficType): boolean => have === 'ALL' || have === want;

interface FlowLog {
  log: JsonObject;
  source: DayArtifact;
}

function describe({ log }: FlowLog): string {
  const failed = log.DeliverLogsStatus === 'FAILED' ? `, DeliverLogsStatus FAILED (${str(log.DeliverLogsErrorMessage)})` : '';
  return `${str(log.FlowLogId)} is ${str(log.FlowLogStatus)} with TrafficType ${str(log.TrafficType)}${failed}`;
}

function vpcResult(ctx: EvalContext, want: TrafficType, vpcId: string, vpcPage: DayArtifact, logPages: DayArtifact[]): ResourceResult {
  const { account, region } = vpcPage.artifact.request;
  const base = { resource: vpcId, account, region };
  const logs: FlowLog[] = logPages
    .flatMap((source) => objects(responseOf(source)?.FlowLogs).map((log) => ({ log, source })))
    .filter((f) => f.log.ResourceId === vpcId)
    .sort((x, y) => (str(x.log.FlowLogId) < str(y.log.FlowLogId) ? -1 : str(x.log.FlowLogId) > str(y.log.FlowLogId) ? 1 : 0));
  // Active and delivering: a flow log whose DeliverLogsStatus is FAILED records nothing anyone can read.
  const good = logs.find(({ log }) => log.FlowLogStatus === 'ACTIVE' && covers(log.TrafficType, want) && log.DeliverLogsStatus !== 'FAILED');
  if (good) {
    const dest = `${str(good.log.LogDestinationType)} ${typeof good.log.LogDestination === 'string' ? good.log.LogDestination : str(good.log.LogGroupName)}`;
    return { ...base, verdict: 'pass', reason: `flow log ${describe(good)}, delivering to ${dest}`, evidence: evidence(vpcPage, good.source) };
  }
  if (logPages.length === 0 || ctx.gaps(FLOW_LOGS, account, region).length > 0) return notEvidenced(ctx, vpcId, account, region, [FLOW_LOGS]);
  const wanted = want === 'ALL' ? 'ALL' : `${want} or ALL`;
  const seen = logs.length > 0 ? `: ${logs.map(describe).join('; ')}` : ' (no flow log has this VPC as ResourceId)';
  return { ...base, verdict: 'fail', reason: `no ACTIVE flow log with TrafficType ${wanted}${seen}`, evidence: evidence(vpcPage, ...logPages) };
}

function regionResults(ctx: EvalContext, want: TrafficType, account: string, region: string): ResourceResult[] {
  const out: ResourceResult[] = [];
  const vpcPages = [...answersFor(ctx, VPCS, account, region)].sort(byKey);
  // A missing VPC page hides VPCs: the region as a whole is not evidenced, the VPCs we did see are still checked.
  if (vpcPages.length === 0 || ctx.gaps(VPCS, account, region).length > 0) out.push(notEvidenced(ctx, `${account}/${region}`, account, region, [VPCS]));
  const logPages = [...answersFor(ctx, FLOW_LOGS, account, region)].sort(byKey);
  const vpcs = new Map<string, DayArtifact>();
  for (const page of vpcPages) {
    for (const vpc of objects(responseOf(page)?.Vpcs)) if (typeof vpc.VpcId === 'string' && !vpcs.has(vpc.VpcId)) vpcs.set(vpc.VpcId, page);
  }
  for (const [vpcId, page] of vpcs) out.push(vpcResult(ctx, want, vpcId, page, logPages));
  return out;
}

export const vpcFlowLogs: Rule<RuleParams<'ec2.vpc-flow-logs'>> = {
  id: 'ec2.vpc-flow-logs',
  reads: [VPCS, FLOW_LOGS],
  evaluate(ctx, params) {
    const out = ctx.accounts.flatMap((account) => ctx.regions.flatMap((region) => regionResults(ctx, params.trafficType, account, region)));
    return checkResult('ec2.vpc-flow-logs', out);
  },
};

export const EC2_RULES = [vpcFlowLogs] as const;
