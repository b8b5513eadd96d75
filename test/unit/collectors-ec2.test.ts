import { DescribeFlowLogsCommand, DescribeVpcsCommand, EC2Client, EC2ServiceException, type FlowLog, type Vpc } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { SdkClientProvider } from '../../src/collectors/clients';
import { ec2Collector } from '../../src/collectors/ec2';
import type { ArtifactV1 } from '../../src/core/artifact';
import type { JsonValue } from '../../src/core/canonical';
import { artifactsOf, oneClient, recorder, target } from '../support/collect';
import { ScriptedHandler, TEST_CREDENTIALS, type ScriptedResponse } from '../support/scripted-handler';

/** What AWS answered (artifacts of error answers have none). */
const responseOf = (a: ArtifactV1): JsonValue | undefined => ('response' in a ? a.response : undefined);

/** EC2 errors as the SDK raises them from EC2's XML `<Response><Errors>` body (name = Code). */
function ec2Error(code: string, message: string, status: number): EC2ServiceException {
  return Object.assign(new EC2ServiceException({ name: code, message, $fault: 'client', $metadata: { httpStatusCode: status } }), { Code: code });
}

const vpc: Vpc = {
  CidrBlock: '10.20.0.0/16',
  DhcpOptionsId: 'dopt-0a1b2c3d4e5f67890',
  State: 'available',
  VpcId: 'vpc-0e9801d129EXAMPLE',
  OwnerId: '111122223333',
  InstanceTenancy: 'default',
  CidrBlockAssociationSet: [{ AssociationId: 'vpc-cidr-assoc-062c64cfafEXAMPLE', CidrBlock: '10.20.0.0/16', CidrBlockState: { State: 'associated' } }],
  IsDefault: false,
  Tags: [{ Key: 'Name', Value: 'student-portal' }],
};

const flowLog: FlowLog = {
  CreationTime: new Date('2025-02-03T11:00:00Z'),
  DeliverLogsStatus: 'SUCCESS',
  FlowLogId: 'fl-0123456789abcdef0',
  FlowLogStatus: 'ACTIVE',
  LogGroupName: '/vpc/student-portal',
  ResourceId: vpc.VpcId,
  TrafficType: 'ALL',
  LogDestinationType: 'cloud-watch-logs',
  LogFormat: '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}',
  MaxAggregationInterval: 600,
};

describe('ec2 collector', () => {
  const ec2 = mockClient(EC2Client);
  beforeEach(() => ec2.reset());
  // mockClient stubs every EC2Client; the retry tests below need the real one.
  afterAll(() => ec2.restore());

  it('records the VPCs and the flow logs of the region', async () => {
    // Prepare
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [vpc] });
    ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [flowLog] });
    const rec = recorder('ec2', '111122223333', 'eu-west-1');
    // Act
    await ec2Collector.collect(target({ region: 'eu-west-1', isHomeRegion: false, clients: oneClient(new EC2Client({})) }), rec);
    // Assess
    expect(ec2).toHaveReceivedCommandWith(DescribeVpcsCommand, { MaxResults: 1000 });
    expect(ec2).toHaveReceivedCommandWith(DescribeFlowLogsCommand, { MaxResults: 1000 });
    expect(rec.gaps).toEqual([]);
    const arts = artifactsOf(rec);
    expect(arts.map((a) => [a.request.service, a.request.operation, a.request.input, a.request.region])).toEqual([
      ['ec2', 'DescribeVpcs', { MaxResults: 1000 }, 'eu-west-1'],
      ['ec2', 'DescribeFlowLogs', { MaxResults: 1000 }, 'eu-west-1'],
    ]);
    expect(responseOf(arts[1]!)).toEqual({ FlowLogs: [{ ...flowLog, CreationTime: '2025-02-03T11:00:00.000Z' }] });
  });

  it('follows both lists page by page, each page recorded with the input that fetched it', async () => {
    ec2.on(DescribeVpcsCommand, { MaxResults: 1000 }).resolves({ Vpcs: [vpc], NextToken: 'eyJ2IjoiMiIsImMiOiJ2cGNzLTIifQ==' });
    ec2.on(DescribeVpcsCommand, { MaxResults: 1000, NextToken: 'eyJ2IjoiMiIsImMiOiJ2cGNzLTIifQ==' }).resolves({ Vpcs: [] });
    ec2.on(DescribeFlowLogsCommand, { MaxResults: 1000 }).resolves({ FlowLogs: [flowLog], NextToken: 'fl-2' });
    ec2.on(DescribeFlowLogsCommand, { MaxResults: 1000, NextToken: 'fl-2' }).resolves({ FlowLogs: [], NextToken: 'fl-3' });
    ec2.on(DescribeFlowLogsCommand, { MaxResults: 1000, NextToken: 'fl-3' }).resolves({ FlowLogs: [flowLog] });
    const rec = recorder('ec2');
    await ec2Collector.collect(target({ clients: oneClient(new EC2Client({})) }), rec);
    expect(ec2).toHaveReceivedCommandTimes(DescribeVpcsCommand, 2);
    expect(ec2).toHaveReceivedCommandTimes(DescribeFlowLogsCommand, 3);
    expect(artifactsOf(rec).map((a) => [a.request.operation, a.request.input])).toEqual([
      ['DescribeVpcs', { MaxResults: 1000 }],
      ['DescribeVpcs', { MaxResults: 1000, NextToken: 'eyJ2IjoiMiIsImMiOiJ2cGNzLTIifQ==' }],
      ['DescribeFlowLogs', { MaxResults: 1000 }],
      ['DescribeFlowLogs', { MaxResults: 1000, NextToken: 'fl-2' }],
      ['DescribeFlowLogs', { MaxResults: 1000, NextToken: 'fl-3' }],
    ]);
  });

  it('records UnauthorizedOperation as a gap and still asks for the flow logs', async () => {
    ec2.on(DescribeVpcsCommand).rejects(ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation. User: arn:aws:sts::111122223333:assumed-role/EvidenceReader/run is not authorized to perform: ec2:DescribeVpcs', 403));
    ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
    const rec = recorder('ec2');
    await ec2Collector.collect(target({ clients: oneClient(new EC2Client({})) }), rec);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['ec2:DescribeVpcs', 'UnauthorizedOperation']]);
    expect(artifactsOf(rec).map((a) => a.request.operation)).toEqual(['DescribeFlowLogs']);
  });

  it('records throttling past retries (RequestLimitExceeded) on a later page as a gap', async () => {
    ec2.on(DescribeVpcsCommand, { MaxResults: 1000 }).resolves({ Vpcs: [vpc], NextToken: 'v2' });
    ec2.on(DescribeVpcsCommand, { MaxResults: 1000, NextToken: 'v2' }).rejects(ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503));
    ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
    const rec = recorder('ec2');
    await ec2Collector.collect(target({ clients: oneClient(new EC2Client({})) }), rec);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['ec2:DescribeVpcs', 'RequestLimitExceeded']]);
    expect(artifactsOf(rec).map((a) => a.request.operation)).toEqual(['DescribeVpcs', 'DescribeFlowLogs']);
  });
});

describe('ec2 collector through the real SDK retry strategy', () => {
  const xml = { 'content-type': 'text/xml;charset=UTF-8' };
  const limit: ScriptedResponse = {
    statusCode: 503,
    headers: xml,
    body: '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>6b8c4a23-0f3e-4b4e-9a6f-EXAMPLE</RequestID></Response>',
  };

  it('records a gap for each list when RequestLimitExceeded outlasts the retries', async () => {
    const handler = new ScriptedHandler([limit]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 2 });
    const rec = recorder('ec2');
    await ec2Collector.collect(target({ clients }), rec);
    clients.destroy();
    expect(handler.requests).toHaveLength(4);
    expect(handler.requests[0]!.body).toBe('Action=DescribeVpcs&Version=2016-11-15&MaxResults=1000');
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['ec2:DescribeVpcs', 'RequestLimitExceeded'], ['ec2:DescribeFlowLogs', 'RequestLimitExceeded']]);
  });

  it('retries RequestLimitExceeded and records the answer that finally came', async () => {
    const ok = (body: string): ScriptedResponse => ({ statusCode: 200, headers: xml, body });
    const ns = 'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"';
    const handler = new ScriptedHandler([
      limit,
      ok(`<DescribeVpcsResponse ${ns}><requestId>r1</requestId><vpcSet><item><vpcId>${vpc.VpcId!}</vpcId><state>available</state><cidrBlock>10.20.0.0/16</cidrBlock><isDefault>false</isDefault></item></vpcSet></DescribeVpcsResponse>`),
      ok(`<DescribeFlowLogsResponse ${ns}><requestId>r2</requestId><flowLogSet/></DescribeFlowLogsResponse>`),
    ]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 3 });
    const rec = recorder('ec2');
    await ec2Collector.collect(target({ clients }), rec);
    clients.destroy();
    expect(rec.gaps).toEqual([]);
    expect(artifactsOf(rec).map(responseOf)).toEqual([{ Vpcs: [{ VpcId: vpc.VpcId, State: 'available', CidrBlock: '10.20.0.0/16', IsDefault: false }] }, { FlowLogs: [] }]);
  });
});
