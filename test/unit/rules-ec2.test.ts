import { vpcFlowLogs } from '../../src/evaluate/rules/ec2';
import type { DayGap } from '../../src/evaluate/types';
import { dayArtifact, evalContext, type Answer } from '../support/eval-context';

// Shapes from the EC2 API reference / CLI examples for DescribeVpcs and DescribeFlowLogs.
const ACCOUNT = '111122223333';
const VPC = 'vpc-0e9801d129EXAMPLE';

const vpcs = (...ids: string[]): Answer => ({
  service: 'ec2', operation: 'DescribeVpcs', input: { MaxResults: 1000 },
  response: {
    Vpcs: ids.map((VpcId) => ({
      CidrBlock: '10.0.0.0/16', DhcpOptionsId: 'dopt-19edf471', State: 'available', VpcId, OwnerId: ACCOUNT, InstanceTenancy: 'default',
      CidrBlockAssociationSet: [{ AssociationId: 'vpc-cidr-assoc-062c64cfafEXAMPLE', CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } }],
      IsDefault: false, Tags: [{ Key: 'Name', Value: 'student-records' }],
    })),
  },
});

const flowLog = (over: Record<string, unknown>): Record<string, unknown> => ({
  CreationTime: new Date('2026-02-21T13:22:12.644Z'), DeliverLogsPermissionArn: `arn:aws:iam::${ACCOUNT}:role/flow-logs-role`, DeliverLogsStatus: 'SUCCESS',
  FlowLogId: 'fl-aabbccdd112233445', FlowLogStatus: 'ACTIVE', LogGroupName: 'FlowLogGroup', ResourceId: VPC, TrafficType: 'ALL',
  LogDestinationType: 'cloud-watch-logs', MaxAggregationInterval: 600, LogFormat: '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}',
  ...over,
});

const flowLogs = (...logs: Array<Record<string, unknown>>): Answer => ({ service: 'ec2', operation: 'DescribeFlowLogs', input: {}, response: { FlowLogs: logs } });

const gap = (operation: string): DayGap => ({ collector: 'ec2', account: ACCOUNT, region: 'us-east-1', operation, errorCode: 'UnauthorizedOperation' });

const ALL = { trafficType: 'ALL' } as const;

describe('ec2.vpc-flow-logs', () => {
  it('a VPC with an ACTIVE flow log of ALL traffic is recorded', () => {
    const answers = [vpcs(VPC), flowLogs(flowLog({}))];
    const result = vpcFlowLogs.evaluate(evalContext(answers), ALL);
    expect(result.verdict).toBe('pass');
    expect(result.resources).toHaveLength(1);
    expect(result.resources[0]).toMatchObject({ resource: VPC, account: ACCOUNT, region: 'us-east-1', verdict: 'pass' });
    expect(result.resources[0]?.reason).toContain('fl-aabbccdd112233445 is ACTIVE with TrafficType ALL');
    expect(result.resources[0]?.evidence.map((e) => e.key).sort()).toEqual(answers.map((a) => dayArtifact(a).key).sort());
  });

  it('a flow log of ACCEPT traffic only misses the rejected connections an exfiltration attempt leaves', () => {
    const result = vpcFlowLogs.evaluate(evalContext([vpcs(VPC), flowLogs(flowLog({ TrafficType: 'ACCEPT' }))]), ALL);
    expect(result.verdict).toBe('fail');
    expect(result.resources[0]?.reason).toBe('no ACTIVE flow log with TrafficType ALL: fl-aabbccdd112233445 is ACTIVE with TrafficType ACCEPT');
  });

  it('ALL traffic satisfies a control that asks only for ACCEPT', () => {
    const result = vpcFlowLogs.evaluate(evalContext([vpcs(VPC), flowLogs(flowLog({}))]), { trafficType: 'ACCEPT' });
    expect(result.verdict).toBe('pass');
  });

  it('a flow log on one subnet leaves the VPC unrecorded', () => {
    const result = vpcFlowLogs.evaluate(evalContext([vpcs(VPC), flowLogs(flowLog({ ResourceId: 'subnet-12345678' }))]), ALL);
    expect(result.verdict).toBe('fail');
    expect(result.resources[0]?.reason).toBe('no ACTIVE flow log with TrafficType ALL (no flow log has this VPC as ResourceId)');
  });

  it('a flow log that cannot deliver (DeliverLogsStatus FAILED) records nothing', () => {
    const failing = flowLog({ DeliverLogsStatus: 'FAILED', DeliverLogsErrorMessage: 'Access error' });
    const result = vpcFlowLogs.evaluate(evalContext([vpcs(VPC), flowLogs(failing)]), ALL);
    expect(result.verdict).toBe('fail');
    expect(result.resources[0]?.reason).toContain('DeliverLogsStatus FAILED (Access error)');
  });

  it('each VPC is judged on its own flow logs', () => {
    const result = vpcFlowLogs.evaluate(evalContext([vpcs(VPC, 'vpc-0a60eb65b4EXAMPLE'), flowLogs(flowLog({}))]), ALL);
    expect(result.verdict).toBe('fail');
    expect(result.resources.map((r) => [r.resource, r.verdict])).toEqual([['vpc-0a60eb65b4EXAMPLE', 'fail'], [VPC, 'pass']]);
  });

  it('flow logs that could not be listed leave the VPC not evidenced, naming the gap', () => {
    const result = vpcFlowLogs.evaluate(evalContext([vpcs(VPC)], [gap('ec2:DescribeFlowLogs')]), ALL);
    expect(result.verdict).toBe('not-evidenced');
    expect(result.resources[0]).toMatchObject({ resource: VPC, verdict: 'not-evidenced', reason: 'ec2:DescribeFlowLogs was not answered (UnauthorizedOperation) in 111122223333 us-east-1', evidence: [] });
  });

  it('VPCs that could not be listed leave the region not evidenced', () => {
    const ctx = evalContext([], [gap('ec2:DescribeVpcs')], { accounts: [ACCOUNT], regions: ['us-east-1'] });
    const result = vpcFlowLogs.evaluate(ctx, ALL);
    expect(result.verdict).toBe('not-evidenced');
    expect(result.resources).toEqual([expect.objectContaining({ resource: `${ACCOUNT}/us-east-1`, verdict: 'not-evidenced' })]);
  });

  it('gives byte-identical results whatever the order of the answers', () => {
    const answers = [
      vpcs(VPC), vpcs('vpc-0a60eb65b4EXAMPLE'),
      flowLogs(flowLog({ FlowLogId: 'fl-2', TrafficType: 'REJECT' }), flowLog({ FlowLogId: 'fl-1', TrafficType: 'ACCEPT' })),
      { ...flowLogs(flowLog({ FlowLogId: 'fl-3', ResourceId: 'vpc-0a60eb65b4EXAMPLE' })), input: { NextToken: 'page2' } },
    ];
    const json = JSON.stringify(vpcFlowLogs.evaluate(evalContext(answers), ALL));
    expect(JSON.stringify(vpcFlowLogs.evaluate(evalContext([...answers].reverse()), ALL))).toBe(json);
    expect(JSON.stringify(vpcFlowLogs.evaluate(evalContext([...answers.slice(2), ...answers.slice(0, 2)]), ALL))).toBe(json);
  });
});
