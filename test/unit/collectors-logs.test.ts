import { CloudWatchLogsClient, CloudWatchLogsServiceException, DescribeLogGroupsCommand, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { SdkClientProvider } from '../../src/collectors/clients';
import { logsCollector } from '../../src/collectors/logs';
import { artifactsOf, oneClient, recorder, target } from '../support/collect';
import { ScriptedHandler, TEST_CREDENTIALS, jsonThrottle } from '../support/scripted-handler';

const account = '444455556666';

/** The JSON body the SDK serialized (a string or bytes, depending on the codec). */
function bodyText(body: unknown): string {
  return typeof body === 'string' ? body : new TextDecoder().decode(body as Uint8Array);
}

// CloudWatch Logs API Reference response syntax: lower-case members, creationTime in epoch ms.
function logGroup(name: string, retentionInDays?: number): object {
  return {
    logGroupName: name,
    creationTime: 1736931160123,
    ...(retentionInDays ? { retentionInDays } : {}),
    metricFilterCount: 1,
    arn: `arn:aws:logs:us-east-1:${account}:log-group:${name}:*`,
    logGroupArn: `arn:aws:logs:us-east-1:${account}:log-group:${name}`,
    storedBytes: 1048576,
    kmsKeyId: `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    logGroupClass: 'STANDARD',
  };
}
const unauthorizedCalls = {
  filterName: 'unauthorized-api-calls',
  filterPattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  metricTransformations: [{ metricName: 'UnauthorizedAPICalls', metricNamespace: 'CISBenchmark', metricValue: '1' }],
  creationTime: 1736931170456,
  logGroupName: 'aws-cloudtrail-logs-brightpath-org',
};

describe('logs collector', () => {
  const logs = mockClient(CloudWatchLogsClient);
  beforeEach(() => logs.reset());
  // mockClient stubs every CloudWatchLogsClient; the retry test below needs the real one.
  afterAll(() => logs.restore());

  it('records the log groups and the metric filters of the region (one page each)', async () => {
    // Prepare
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [logGroup('aws-cloudtrail-logs-brightpath-org', 400), logGroup('/aws/lambda/enrolment-api')] });
    logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [unauthorizedCalls] });
    const rec = recorder('logs', account);
    // Act
    await logsCollector.collect(target({ account, clients: oneClient(new CloudWatchLogsClient({})) }), rec);
    // Assess
    expect(logs).toHaveReceivedCommandTimes(DescribeLogGroupsCommand, 1);
    expect(logs).toHaveReceivedCommandWith(DescribeLogGroupsCommand, { limit: 50 });
    expect(logs).toHaveReceivedCommandWith(DescribeMetricFiltersCommand, { limit: 50 });
    expect(rec.gaps).toEqual([]);
    const [groups, filters] = artifactsOf(rec);
    expect(groups!.request).toEqual({ service: 'logs', operation: 'DescribeLogGroups', input: { limit: 50 }, account, region: 'us-east-1' });
    expect(groups).toMatchObject({ response: { logGroups: [{ logGroupName: 'aws-cloudtrail-logs-brightpath-org', retentionInDays: 400 }, { logGroupName: '/aws/lambda/enrolment-api' }] } });
    expect(filters).toMatchObject({ request: { operation: 'DescribeMetricFilters', input: { limit: 50 } }, response: { metricFilters: [{ filterName: 'unauthorized-api-calls' }] } });
  });

  it('follows nextToken to the end, each page recorded with its own input', async () => {
    // Prepare
    logs.on(DescribeLogGroupsCommand, { limit: 50 }).resolves({ logGroups: [logGroup('a')], nextToken: 'lg-2' });
    logs.on(DescribeLogGroupsCommand, { limit: 50, nextToken: 'lg-2' }).resolves({ logGroups: [logGroup('b')], nextToken: 'lg-3' });
    logs.on(DescribeLogGroupsCommand, { limit: 50, nextToken: 'lg-3' }).resolves({ logGroups: [logGroup('c')] });
    logs.on(DescribeMetricFiltersCommand, { limit: 50 }).resolves({ metricFilters: [unauthorizedCalls], nextToken: 'mf-2' });
    logs.on(DescribeMetricFiltersCommand, { limit: 50, nextToken: 'mf-2' }).resolves({ metricFilters: [{ ...unauthorizedCalls, filterName: 'root-account-usage' }] });
    const rec = recorder('logs', account);
    // Act
    await logsCollector.collect(target({ account, clients: oneClient(new CloudWatchLogsClient({})) }), rec);
    // Assess
    expect(logs).toHaveReceivedCommandTimes(DescribeLogGroupsCommand, 3);
    expect(logs).toHaveReceivedCommandTimes(DescribeMetricFiltersCommand, 2);
    expect(artifactsOf(rec).map((a) => [a.request.operation, a.request.input])).toEqual([
      ['DescribeLogGroups', { limit: 50 }], ['DescribeLogGroups', { limit: 50, nextToken: 'lg-2' }], ['DescribeLogGroups', { limit: 50, nextToken: 'lg-3' }],
      ['DescribeMetricFilters', { limit: 50 }], ['DescribeMetricFilters', { limit: 50, nextToken: 'mf-2' }],
    ]);
  });

  it('records AccessDeniedException as a gap and still asks for the metric filters', async () => {
    // Prepare
    const denied = new CloudWatchLogsServiceException({ name: 'AccessDeniedException', message: 'User is not authorized to perform: logs:DescribeLogGroups', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    logs.on(DescribeLogGroupsCommand).rejects(denied);
    logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [unauthorizedCalls] });
    const rec = recorder('logs', account);
    // Act
    await logsCollector.collect(target({ account, clients: oneClient(new CloudWatchLogsClient({})) }), rec);
    // Assess
    expect(rec.gaps).toEqual([
      { collector: 'logs', account, region: 'us-east-1', operation: 'logs:DescribeLogGroups', errorCode: 'AccessDeniedException', message: 'User is not authorized to perform: logs:DescribeLogGroups' },
    ]);
    expect(artifactsOf(rec).map((a) => a.request.operation)).toEqual(['DescribeMetricFilters']);
  });
});

describe('logs collector through the real SDK retry strategy', () => {
  it('records a gap when throttling outlasts the retries, and carries on with the metric filters', async () => {
    // Prepare
    const filters = { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ metricFilters: [unauthorizedCalls] }) };
    const handler = new ScriptedHandler([jsonThrottle('ThrottlingException'), jsonThrottle('ThrottlingException'), filters]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 2 });
    const rec = recorder('logs', account);
    // Act
    await logsCollector.collect(target({ account, clients }), rec);
    clients.destroy();
    // Assess
    expect(handler.requests.map((r) => r.headers['x-amz-target'])).toEqual(['Logs_20140328.DescribeLogGroups', 'Logs_20140328.DescribeLogGroups', 'Logs_20140328.DescribeMetricFilters']);
    expect(JSON.parse(bodyText(handler.requests[0]!.body))).toEqual({ limit: 50 });
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['logs:DescribeLogGroups', 'ThrottlingException']]);
    expect(artifactsOf(rec).map((a) => a.request.operation)).toEqual(['DescribeMetricFilters']);
  });
});
