import type { Recording, SampleCall, ServiceRoute } from '../route-types';
import { logGroupsOnDay, type SampleLogGroup } from '../state/log-groups';
import { deliveryLogEventsIn, isDeliveryLogGroup } from '../state/drills';
import { metricFiltersIn, type SampleMetricFilter } from '../state/metric-filters';
import { awsJson, jsonOk } from '../wire/protocols';
import { pageOf, pageSize } from '../wire/paging';
import { jsonBody } from '../wire/request';
import type { SampleResponse } from '../wire/response';

/**
 * Amazon CloudWatch Logs (awsJson1_1, X-Amz-Target Logs_20140328.*): DescribeLogGroups and
 * DescribeMetricFilters as the CloudWatch Logs API Reference documents them (camelCase
 * members, creationTime in epoch milliseconds, `arn` ending in `:*` and `logGroupArn` without).
 */
const PROTOCOL = awsJson('1.1', 'Logs_20140328');

function invalid(call: SampleCall, message: string): SampleResponse {
  return PROTOCOL.error(call.seed, { status: 400, code: 'InvalidParameterException', message });
}

function logGroupJson(g: SampleLogGroup, filters: number): object {
  const base = `arn:aws:logs:${g.region}:${g.account}:log-group:${g.logGroupName}`;
  return {
    logGroupName: g.logGroupName, creationTime: g.creationTime,
    ...(g.retentionInDays === undefined ? {} : { retentionInDays: g.retentionInDays }),
    metricFilterCount: filters, arn: `${base}:*`, storedBytes: g.storedBytes,
    ...(g.kmsKeyId === undefined ? {} : { kmsKeyId: g.kmsKeyId }),
    logGroupClass: 'STANDARD', logGroupArn: base,
  };
}

function metricFilterJson(f: SampleMetricFilter): object {
  return {
    filterName: f.filterName, filterPattern: f.filterPattern,
    metricTransformations: [{ metricName: f.metricName, metricNamespace: f.namespace, metricValue: '1' }],
    creationTime: f.creationTime, logGroupName: f.logGroupName, applyOnTransformedLogs: false,
  };
}

function listing<T>(key: string, items: (call: SampleCall, input: Readonly<Record<string, unknown>>) => readonly T[], json: (t: T, call: SampleCall) => object): Recording {
  return (call) => {
    const input = jsonBody(call.req);
    if (!input) return PROTOCOL.error(call.seed, { status: 400, code: 'SerializationException', message: 'Request body is not a JSON object' });
    const size = pageSize(input['limit'], 50, 50);
    if (size === undefined) return invalid(call, '1 validation error detected: Value at \'limit\' failed to satisfy constraint: Member must have value less than or equal to 50');
    const token = typeof input['nextToken'] === 'string' ? input['nextToken'] : undefined;
    const page = pageOf(items(call, input), size, token, `${call.operation}|${call.ctx.account.id}|${call.ctx.region}`);
    if (!page) return invalid(call, 'The specified nextToken is invalid.');
    return jsonOk(PROTOCOL, call.seed, { [key]: page.items.map((t) => json(t, call)), ...(page.next ? { nextToken: page.next } : {}) });
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * FilterLogEvents on the SNS delivery status log groups (`sns/<region>/<account>/<topic>` and
 * `…/Failure`): the lines of the escalation drills this handler has seen (state/drills.ts), by
 * `startTime` / `endTime` (epoch ms, end exclusive), `limit` and `nextToken`. Other groups are
 * `ResourceNotFoundException`, as for a group that does not exist; filter patterns and stream
 * names are not simulated and are refused rather than ignored.
 */
const filterLogEvents: Recording = (call) => {
  const input = jsonBody(call.req);
  if (!input) return PROTOCOL.error(call.seed, { status: 400, code: 'SerializationException', message: 'Request body is not a JSON object' });
  const name = str(input['logGroupName']) ?? str(input['logGroupIdentifier']) ?? '';
  if (!isDeliveryLogGroup(call.ctx.account.id, call.ctx.region, name)) {
    return PROTOCOL.error(call.seed, { status: 400, code: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
  }
  if (input['filterPattern'] !== undefined || input['logStreamNames'] !== undefined || input['logStreamNamePrefix'] !== undefined) {
    return invalid(call, 'The sample organization does not simulate filterPattern or log stream selection');
  }
  const size = pageSize(input['limit'], 10_000, 10_000);
  if (size === undefined) return invalid(call, "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000");
  const from = typeof input['startTime'] === 'number' ? input['startTime'] : -Infinity;
  const to = typeof input['endTime'] === 'number' ? input['endTime'] : Infinity;
  const events = deliveryLogEventsIn(call.ctx.drills, call.ctx.account.id, call.ctx.region, name, call.ctx.now()).filter((e) => e.timestamp >= from && e.timestamp < to);
  const token = str(input['nextToken']);
  const page = pageOf(events, size, token, `FilterLogEvents|${call.ctx.account.id}|${call.ctx.region}|${name}|${from}|${to}`);
  if (!page) return invalid(call, 'The specified nextToken is invalid.');
  return jsonOk(PROTOCOL, call.seed, {
    events: page.items.map((e) => ({ logStreamName: e.logStreamName, timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime, eventId: e.eventId })),
    searchedLogStreams: [],
    ...(page.next ? { nextToken: page.next } : {}),
  });
};

export const LOGS_ROUTE: ServiceRoute = {
  signingName: 'logs',
  protocol: PROTOCOL,
  recordings: {
    DescribeLogGroups: listing('logGroups',
      ({ ctx }, input) => logGroupsOnDay(ctx.account.id, ctx.region, ctx.day).filter((g) => g.logGroupName.startsWith(str(input['logGroupNamePrefix']) ?? '')),
      (g, { ctx }) => logGroupJson(g, metricFiltersIn(ctx.account.id, ctx.region).filter((f) => f.logGroupName === g.logGroupName).length)),
    DescribeMetricFilters: listing('metricFilters',
      ({ ctx }, input) => metricFiltersIn(ctx.account.id, ctx.region)
        .filter((f) => str(input['logGroupName']) === undefined || f.logGroupName === input['logGroupName'])
        .filter((f) => f.filterName.startsWith(str(input['filterNamePrefix']) ?? '')),
      metricFilterJson),
    FilterLogEvents: filterLogEvents,
  },
};
