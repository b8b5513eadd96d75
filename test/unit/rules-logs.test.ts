import { LOGS_RULES, logsRetention } from '../../src/evaluate/rules/logs';
import type { DayGap } from '../../src/evaluate/types';
import { evalContext, type Answer } from '../support/eval-context';

/** logs.retention over DescribeLogGroups pages shaped like the CloudWatch Logs API Reference example (lower-case members). */
const ACCOUNT = '123456789012';
const group = (name: string, retentionInDays?: number): object => ({
  logGroupName: name, creationTime: 1393545600000, ...(retentionInDays === undefined ? {} : { retentionInDays }), metricFilterCount: 0,
  arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}:*`, logGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`, storedBytes: 0,
  logGroupClass: 'STANDARD',
});
const page = (groups: object[], input: Record<string, unknown> = { limit: 50 }, nextToken?: string): Answer => ({
  service: 'logs', operation: 'DescribeLogGroups', input, account: ACCOUNT, region: 'us-east-1', response: { logGroups: groups, ...(nextToken ? { nextToken } : {}) },
});
const params = { minRetentionDays: 365 };
const TRAIL_LOGS = 'aws-cloudtrail-logs-org';

describe('logs.retention', () => {
  it('a CloudTrail log group kept 400 days passes a 365-day minimum', () => {
    const r = logsRetention.evaluate(evalContext([page([group(TRAIL_LOGS, 400)])]), params);
    expect(r.resources).toEqual([expect.objectContaining({ resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${TRAIL_LOGS}`, verdict: 'pass', reason: `${TRAIL_LOGS}: retentionInDays is 400 (at least 365)` })]);
  });

  it('a log group without retentionInDays never expires its events: pass', () => {
    expect(logsRetention.evaluate(evalContext([page([group(TRAIL_LOGS)])]), params).resources[0]!.reason).toBe(`${TRAIL_LOGS}: retentionInDays is absent (events never expire)`);
  });

  it('VPC flow logs kept 30 days fail a 365-day minimum, naming the value', () => {
    const r = logsRetention.evaluate(evalContext([page([group(TRAIL_LOGS, 3653), group('vpc-flow-logs', 30)])]), params);
    expect(r.verdict).toBe('fail');
    expect(r.resources.find((x) => x.verdict === 'fail')!.reason).toBe('vpc-flow-logs: retentionInDays is 30, fewer than 365');
  });

  it('every page is read: a short retention on page two fails', () => {
    const answers = [page([group(TRAIL_LOGS, 400)], { limit: 50 }, 'token-2'), page([group('app-logs', 7)], { limit: 50, nextToken: 'token-2' })];
    expect(logsRetention.evaluate(evalContext(answers), params).verdict).toBe('fail');
  });

  it('a page lost after nextToken leaves the region not evidenced', () => {
    const r = logsRetention.evaluate(evalContext([page([group(TRAIL_LOGS, 400)], { limit: 50 }, 'token-2')], [{ collector: 'logs', account: ACCOUNT, region: 'us-east-1', operation: 'logs:DescribeLogGroups', errorCode: 'ThrottlingException' }]), params);
    expect(r.verdict).toBe('not-evidenced');
  });

  it('a region whose DescribeLogGroups was denied is not evidenced', () => {
    const g: DayGap = { collector: 'logs', account: ACCOUNT, region: 'us-west-2', operation: 'logs:DescribeLogGroups', errorCode: 'AccessDeniedException' };
    const r = logsRetention.evaluate(evalContext([page([group(TRAIL_LOGS, 400)])], [g], { accounts: [ACCOUNT], regions: ['us-east-1', 'us-west-2'] }), params);
    expect(r.resources.find((x) => x.verdict === 'not-evidenced')).toMatchObject({ resource: `${ACCOUNT}/us-west-2`, reason: `logs:DescribeLogGroups was not answered (AccessDeniedException) in ${ACCOUNT} us-west-2` });
  });

  it('shuffled pages give byte-identical results', () => {
    const answers = [page([group(TRAIL_LOGS, 400), group('b', 1)], { limit: 50 }, 't2'), page([group('c', 3653), group('b', 1)], { limit: 50, nextToken: 't2' })];
    const run = (list: Answer[]): string => JSON.stringify(LOGS_RULES.map((rule) => rule.evaluate(evalContext(list), params)));
    expect(run([...answers].reverse())).toBe(run(answers));
  });
});
