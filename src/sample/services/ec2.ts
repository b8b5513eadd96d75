import type { Recording, SampleCall, ServiceRoute } from '../route-types';
import { DEFAULT_FLOW_LOG_FORMAT, flowLogsOnDay, vpcsIn, type SampleFlowLog, type SampleVpc } from '../state/network';
import { ec2Ok, ec2Query } from '../wire/protocols';
import { pageOf } from '../wire/paging';
import { formParams } from '../wire/request';
import type { SampleResponse } from '../wire/response';
import { el, text } from '../wire/xml';

/**
 * Amazon EC2 (ec2Query, API version 2016-11-15): DescribeVpcs and DescribeFlowLogs as the EC2
 * API Reference documents them (camelCase elements, lists as `<…Set><item>`, `nextToken`).
 * Ids may be named (VpcId.N, FlowLogId.N); filters are refused honestly rather than ignored.
 */
const PROTOCOL = ec2Query();

const tagSet = (name: string | undefined) => el('tagSet', name === undefined ? '' : el('item', text('key', 'Name'), text('value', name)));

function vpcXml(v: SampleVpc): string {
  return el('item',
    text('vpcId', v.vpcId), text('ownerId', v.account), text('state', 'available'), text('cidrBlock', v.cidrBlock),
    el('cidrBlockAssociationSet', el('item', text('cidrBlock', v.cidrBlock), text('associationId', v.cidrAssociationId), el('cidrBlockState', text('state', 'associated')))),
    text('dhcpOptionsId', v.dhcpOptionsId), tagSet(v.name), text('instanceTenancy', 'default'), text('isDefault', v.isDefault),
    el('blockPublicAccessStates', text('internetGatewayBlockMode', 'off')),
  );
}

function flowLogXml(f: SampleFlowLog): string {
  const d = f.destination;
  const destination = d.type === 's3' ? d.arn : `arn:aws:logs:${f.region}:${f.account}:log-group:${d.logGroupName}`;
  return el('item',
    text('creationTime', new Date(f.creationTime).toISOString()),
    d.type === 'cloud-watch-logs' ? text('deliverLogsPermissionArn', `arn:aws:iam::${f.account}:role/brightpath-vpc-flow-logs-delivery`) : '',
    text('deliverLogsStatus', 'SUCCESS'), text('flowLogId', f.flowLogId), text('flowLogStatus', 'ACTIVE'),
    d.type === 'cloud-watch-logs' ? text('logGroupName', d.logGroupName) : '',
    text('resourceId', f.resourceId), text('trafficType', 'ALL'), text('logDestinationType', d.type), text('logDestination', destination),
    text('logFormat', DEFAULT_FLOW_LOG_FORMAT), el('tagSet'), text('maxAggregationInterval', 600),
    d.type === 's3' ? el('destinationOptions', text('fileFormat', 'plain-text'), text('hiveCompatiblePartitions', false), text('perHourPartition', false)) : '',
  );
}

function numbered(params: URLSearchParams, prefix: string): string[] {
  return [...params.entries()].filter(([k]) => k.startsWith(`${prefix}.`)).map(([, v]) => v);
}

function listing<T>(setName: string, idPrefix: string, minResults: number, items: (call: SampleCall) => readonly T[], id: (t: T) => string, xml: (t: T) => string): Recording {
  return (call): SampleResponse => {
    const params = formParams(call.req);
    if ([...params.keys()].some((k) => k.startsWith('Filter.'))) {
      return PROTOCOL.error(call.seed, { status: 400, code: 'InvalidParameterValue', message: 'The sample organization does not evaluate Filter parameters' });
    }
    const ids = numbered(params, idPrefix);
    const all = items(call).filter((t) => ids.length === 0 || ids.includes(id(t)));
    const max = params.get('MaxResults');
    const size = max === null ? 1000 : Number(max);
    if (!Number.isInteger(size) || size < minResults || size > 1000) {
      return PROTOCOL.error(call.seed, { status: 400, code: 'InvalidParameterValue', message: `Value ( ${max ?? ''} ) for parameter maxResults is invalid. Expecting a value between ${minResults} and 1000.` });
    }
    const page = pageOf(all, size, params.get('NextToken') ?? undefined, `${call.operation}|${call.ctx.account.id}|${call.ctx.region}`);
    if (!page) return PROTOCOL.error(call.seed, { status: 400, code: 'InvalidPaginationToken', message: 'Invalid pagination token' });
    return ec2Ok(call.operation, call.seed, el(setName, ...page.items.map(xml)) + text('nextToken', page.next));
  };
}

export const EC2_ROUTE: ServiceRoute = {
  signingName: 'ec2',
  protocol: PROTOCOL,
  recordings: {
    DescribeVpcs: listing('vpcSet', 'VpcId', 5, ({ ctx }) => vpcsIn(ctx.account.id, ctx.region), (v) => v.vpcId, vpcXml),
    DescribeFlowLogs: listing('flowLogSet', 'FlowLogId', 1, ({ ctx }) => flowLogsOnDay(ctx.account.id, ctx.region, ctx.day, ctx.startMs), (f) => f.flowLogId, flowLogXml),
  },
};
