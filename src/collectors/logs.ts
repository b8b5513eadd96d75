import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Recorder } from './recorder';
import type { CollectTarget, Collector } from './types';

/**
 * CloudWatch Logs: the log groups of the region (retention and KMS key: access logs are kept
 * long enough to investigate a leak, SOC 2 CC7.2 / ISO 27001 A.8.15) and every metric filter
 * (the CloudTrail log pattern → metric → alarm step of the detection chain). CloudWatch Logs
 * spells its paging members in lower case (`limit`, `nextToken`).
 */
export const logsCollector: Collector = {
  name: 'logs',
  async collect(target: CollectTarget, rec: Recorder): Promise<void> {
    const client = target.clients.get(CloudWatchLogsClient, target.region);
    const paging = { service: 'logs', input: { limit: 50 }, tokenIn: 'nextToken' } as const;
    await rec.pages({ ...paging, operation: 'DescribeLogGroups' }, (input) => client.send(new DescribeLogGroupsCommand(input)), (p) => p.nextToken);
    // All filters of the region at once, not per log group: a filter on a group we could not
    // list is still evidence of what is watched.
    await rec.pages({ ...paging, operation: 'DescribeMetricFilters' }, (input) => client.send(new DescribeMetricFiltersCommand(input)), (p) => p.nextToken);
  },
};
