import { alarmActions, alarmForPattern } from '../../src/evaluate/rules/cloudwatch';
import type { DayGap } from '../../src/evaluate/types';
import { evalContext, type Answer } from '../support/eval-context';

// Shapes from the CloudWatch Logs DescribeMetricFilters and CloudWatch DescribeAlarms API references;
// the filter is the CIS AWS Foundations "unauthorized API calls" filter on the CloudTrail log group.
const ACCOUNT = '111122223333';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:security-alerts`;
const UNAUTHORIZED = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }';
const PARAMS = { pattern: 'unauthorized-api-calls', filterPatternContains: ['$.errorCode = "*UnauthorizedOperation"', '$.errorCode = "AccessDenied*"'] };

const filters = (...fs: Array<Record<string, unknown>>): Answer => ({
  service: 'logs', operation: 'DescribeMetricFilters', input: { limit: 50 },
  response: {
    metricFilters: fs.map((f) => ({
      filterName: 'UnauthorizedAPICalls', filterPattern: UNAUTHORIZED, logGroupName: 'aws-cloudtrail-logs-111122223333-org',
      metricTransformations: [{ metricName: 'UnauthorizedAPICalls', metricNamespace: 'CISBenchmark', metricValue: '1' }], creationTime: 1768000000000, ...f,
    })),
  },
});

const metricAlarm = (over: Record<string, unknown> = {}): Record<string, unknown> => {
  const name = typeof over.AlarmName === 'string' ? over.AlarmName : 'unauthorized-api-calls';
  return {
    AlarmName: name, AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${name}`, AlarmConfigurationUpdatedTimestamp: new Date('2026-01-10T09:00:00.000Z'),
    ActionsEnabled: true, OKActions: [], AlarmActions: [TOPIC], InsufficientDataActions: [], StateValue: 'OK',
    StateReason: 'Threshold Crossed: 1 datapoint [0.0 (15/07/26 05:55:00)] was not greater than or equal to the threshold (1.0).',
    StateUpdatedTimestamp: new Date('2026-07-15T05:56:00.000Z'), MetricName: 'UnauthorizedAPICalls', Namespace: 'CISBenchmark', Statistic: 'Sum',
    Dimensions: [], Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching',
    ...over,
  };
};

const alarms = (metric: Array<Record<string, unknown>>, composite: Array<Record<string, unknown>> = []): Answer => ({
  service: 'cloudwatch', operation: 'DescribeAlarms', input: { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100 },
  response: { MetricAlarms: metric, CompositeAlarms: composite },
});

const composite = (rule: string): Record<string, unknown> => ({
  AlarmName: 'security-composite', AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:security-composite`, ActionsEnabled: true,
  AlarmActions: [TOPIC], AlarmRule: rule, OKActions: [], InsufficientDataActions: [], StateValue: 'OK',
});

const gap = (operation: string, region = 'us-east-1'): DayGap => ({ collector: operation.split(':')[0] ?? '', account: ACCOUNT, region, operation, errorCode: 'ThrottlingException' });

describe('cloudwatch.alarm-for-pattern', () => {
  it('a CIS filter on the trail log group with an alarm that notifies passes, naming both', () => {
    const result = alarmForPattern.evaluate(evalContext([filters({}), alarms([metricAlarm()])]), PARAMS);
    expect(result.verdict).toBe('pass');
    expect(result.resources[0]).toMatchObject({ resource: 'unauthorized-api-calls', account: ACCOUNT, region: 'us-east-1', verdict: 'pass' });
    expect(result.resources[0]?.reason).toContain('metric filter "UnauthorizedAPICalls"');
    expect(result.resources[0]?.reason).toContain(`alarm "unauthorized-api-calls" notifies ${TOPIC}`);
    expect(result.resources[0]?.evidence).toHaveLength(2);
  });

  it('matches the filter pattern whatever its spacing', () => {
    const tight = filters({ filterPattern: '{($.errorCode="*UnauthorizedOperation")||($.errorCode="AccessDenied*")}' });
    expect(alarmForPattern.evaluate(evalContext([tight, alarms([metricAlarm()])]), PARAMS).verdict).toBe('pass');
  });

  it('a metric filter that no alarm watches detects nothing anyone hears of', () => {
    const other = metricAlarm({ AlarmName: 'cpu-high', MetricName: 'CPUUtilization', Namespace: 'AWS/EC2' });
    const result = alarmForPattern.evaluate(evalContext([filters({}), alarms([other])]), PARAMS);
    expect(result.verdict).toBe('fail');
    expect(result.resources[0]?.reason).toBe('metric filter "UnauthorizedAPICalls" on aws-cloudtrail-logs-111122223333-org (us-east-1) publishes CISBenchmark/UnauthorizedAPICalls but no MetricAlarm watches it');
  });

  it('an alarm with its actions disabled breaks the detection chain', () => {
    const result = alarmForPattern.evaluate(evalContext([filters({}), alarms([metricAlarm({ ActionsEnabled: false })])]), PARAMS);
    expect(result.verdict).toBe('fail');
    expect(result.resources[0]?.reason).toBe('alarm "unauthorized-api-calls" has ActionsEnabled false');
  });

  it('fails when no metric filter watches for the pattern at all', () => {
    const rootUse = filters({ filterName: 'RootAccountUsage', filterPattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }' });
    const result = alarmForPattern.evaluate(evalContext([rootUse, alarms([metricAlarm()])]), PARAMS);
    expect(result.verdict).toBe('fail');
    expect(result.resources[0]).toMatchObject({ region: '*' });
    expect(result.resources[0]?.reason).toContain("no metric filter's filterPattern contains");
  });

  it('an alarm in another region does not watch the metric of this region', () => {
    const result = alarmForPattern.evaluate(evalContext([filters({}), { ...alarms([metricAlarm()]), region: 'eu-west-1' }]), PARAMS);
    expect(result.verdict).toBe('fail');
  });

  it('a page of filters that was not collected leaves the pattern not evidenced', () => {
    const result = alarmForPattern.evaluate(evalContext([alarms([metricAlarm()])], [gap('logs:DescribeMetricFilters')]), PARAMS);
    expect(result.verdict).toBe('not-evidenced');
    expect(result.resources[0]?.reason).toBe('logs:DescribeMetricFilters was not answered (ThrottlingException) in 111122223333 us-east-1');
  });

  it('nothing collected for CloudWatch Logs in the account is not evidence of anything', () => {
    const result = alarmForPattern.evaluate(evalContext([alarms([metricAlarm()])]), PARAMS);
    expect(result.resources[0]).toMatchObject({ verdict: 'not-evidenced', reason: 'no logs:DescribeMetricFilters answer was collected in any region of 111122223333' });
  });

  it('gives byte-identical results whatever the order of the answers', () => {
    const answers = [
      filters({}), filters({ filterName: 'UnauthorizedAPICalls2', logGroupName: 'other' }), { ...filters({}), region: 'eu-west-1' },
      alarms([metricAlarm({ ActionsEnabled: false }), metricAlarm({ AlarmName: 'second', AlarmActions: [] })]),
    ];
    const json = JSON.stringify(alarmForPattern.evaluate(evalContext(answers), PARAMS));
    expect(JSON.stringify(alarmForPattern.evaluate(evalContext([...answers].reverse()), PARAMS))).toBe(json);
  });
});

// An organization trail as DescribeTrails lists it (CloudTrail API Reference, Trail): the member sees it as a shadow trail.
const MEMBER = '444455556666';
const ORG_GROUP = 'aws-cloudtrail-logs-111122223333-org';
const orgTrail = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  Name: 'org-trail', S3BucketName: 'org-cloudtrail-archive', IncludeGlobalServiceEvents: true, IsMultiRegionTrail: true, HomeRegion: 'us-east-1',
  TrailARN: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail`, LogFileValidationEnabled: true,
  CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${ORG_GROUP}:*`, CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/org-trail-cloudwatch-logs`,
  HasCustomEventSelectors: false, HasInsightSelectors: false, IsOrganizationTrail: true, ...over,
});
const trails = (account: string, ...list: Array<Record<string, unknown>>): Answer => ({ service: 'cloudtrail', operation: 'DescribeTrails', input: {}, account, response: { trailList: list } });
/** The member's own answers: no metric filters, no alarms. */
const memberOwn = (): Answer[] => [{ ...filters(), account: MEMBER }, { ...alarms([]), account: MEMBER }];
const resultOf = (answers: Answer[], account: string, gaps: DayGap[] = []) =>
  alarmForPattern.evaluate(evalContext(answers, gaps), PARAMS).resources.find((r) => r.account === account);

describe('cloudwatch.alarm-for-pattern through the organization trail', () => {
  it('a member without filters of its own is covered by the organization trail\'s log group, citing trail, filter and alarm', () => {
    const answers = [...memberOwn(), trails(MEMBER, orgTrail()), filters({ logGroupName: ORG_GROUP }), alarms([metricAlarm()])];
    const member = resultOf(answers, MEMBER);
    expect(member).toMatchObject({ resource: 'unauthorized-api-calls', verdict: 'pass', region: 'us-east-1' });
    expect(member?.reason).toBe(`covered by the organization trail's log group ${ORG_GROUP} in ${ACCOUNT} us-east-1 (organization trail arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail): `
      + `metric filter "UnauthorizedAPICalls" on ${ORG_GROUP} matches "$.errorCode = \\"*UnauthorizedOperation\\"" and "$.errorCode = \\"AccessDenied*\\""; alarm "unauthorized-api-calls" notifies ${TOPIC}`);
    expect(member?.evidence).toHaveLength(3);
    expect(resultOf(answers, ACCOUNT)?.reason).toMatch(/^metric filter "UnauthorizedAPICalls"/);
  });

  it('an organization trail that delivers to no CloudWatch Logs group covers no one', () => {
    const answers = [...memberOwn(), trails(MEMBER, orgTrail({ CloudWatchLogsLogGroupArn: undefined, CloudWatchLogsRoleArn: undefined })), filters({ logGroupName: ORG_GROUP }), alarms([metricAlarm()])];
    const member = resultOf(answers, MEMBER);
    expect(member?.verdict).toBe('fail');
    expect(member?.reason).toContain(`organization trail arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail has no CloudWatchLogsLogGroupArn`);
  });

  it.each([
    ['ActionsEnabled false', { ActionsEnabled: false }, 'alarm "unauthorized-api-calls" has ActionsEnabled false'],
    ['no AlarmActions', { AlarmActions: [] }, 'alarm "unauthorized-api-calls" has no AlarmActions'],
  ])('the organization log group\'s alarm with %s leaves the member uncovered', (_, over, problem) => {
    const answers = [...memberOwn(), trails(MEMBER, orgTrail()), filters({ logGroupName: ORG_GROUP }), alarms([metricAlarm(over)])];
    const member = resultOf(answers, MEMBER);
    expect(member?.verdict).toBe('fail');
    expect(member?.reason).toContain(`the organization trail's log group ${ORG_GROUP} in ${ACCOUNT} us-east-1: ${problem}`);
  });

  it('a filter on another log group of the management account, or a trail that is not an organization trail, does not cover the member', () => {
    const elsewhere = [...memberOwn(), trails(MEMBER, orgTrail()), filters({ logGroupName: 'app-audit' }), alarms([metricAlarm()])];
    expect(resultOf(elsewhere, MEMBER)?.reason).toContain(`no metric filter on the organization trail's log group ${ORG_GROUP} in ${ACCOUNT} us-east-1 has a filterPattern containing`);
    const single = [...memberOwn(), trails(ACCOUNT, orgTrail({ IsOrganizationTrail: false })), filters({ logGroupName: ORG_GROUP }), alarms([metricAlarm()])];
    expect(resultOf(single, MEMBER)?.verdict).toBe('fail');
  });

  it('the organization log group\'s account and region not collected leave the member not evidenced', () => {
    const answers = [...memberOwn(), trails(MEMBER, orgTrail())];
    const missing = resultOf(answers, MEMBER);
    expect(missing?.verdict).toBe('not-evidenced');
    expect(missing?.reason).toContain(`the organization trail's log group ${ORG_GROUP} in ${ACCOUNT} us-east-1 was not read: no logs:DescribeMetricFilters answer was collected for ${ACCOUNT} us-east-1`);
    const throttled = resultOf([...answers, filters({ logGroupName: ORG_GROUP })], MEMBER, [gap('cloudwatch:DescribeAlarms')]);
    expect(throttled?.verdict).toBe('not-evidenced');
    expect(throttled?.reason).toContain(`was not read: cloudwatch:DescribeAlarms was not answered (ThrottlingException) in ${ACCOUNT} us-east-1`);
  });

  it('with no organization trail seen, a DescribeTrails that was not answered leaves an uncovered account not evidenced', () => {
    const result = resultOf(memberOwn(), MEMBER, [{ ...gap('cloudtrail:DescribeTrails'), account: MEMBER }]);
    expect(result?.verdict).toBe('not-evidenced');
    expect(result?.reason).toContain(`an organization trail is not ruled out: cloudtrail:DescribeTrails was not answered (ThrottlingException) in ${MEMBER} us-east-1`);
    expect(resultOf(memberOwn(), MEMBER)?.verdict).toBe('fail');
  });

  it('gives byte-identical results whatever the order of the answers', () => {
    const answers = [...memberOwn(), trails(MEMBER, orgTrail()), trails(ACCOUNT, orgTrail()), filters({ logGroupName: ORG_GROUP }), alarms([metricAlarm({ AlarmActions: [] })])];
    const json = JSON.stringify(alarmForPattern.evaluate(evalContext(answers), PARAMS));
    expect(JSON.stringify(alarmForPattern.evaluate(evalContext([...answers].reverse()), PARAMS))).toBe(json);
  });

  it('reads DescribeTrails', () => {
    expect(alarmForPattern.reads).toEqual(['logs:DescribeMetricFilters', 'cloudwatch:DescribeAlarms', 'cloudtrail:DescribeTrails']);
  });
});

describe('cloudwatch.alarm-actions', () => {
  it('an alarm with ActionsEnabled and an SNS action notifies', () => {
    const result = alarmActions.evaluate(evalContext([alarms([metricAlarm()])]), {});
    expect(result.verdict).toBe('pass');
    expect(result.resources[0]).toMatchObject({ resource: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:unauthorized-api-calls`, verdict: 'pass' });
  });

  it('an alarm without AlarmActions changes state silently', () => {
    const result = alarmActions.evaluate(evalContext([alarms([metricAlarm({ AlarmActions: [] })])]), {});
    expect(result.verdict).toBe('fail');
    expect(result.resources[0]?.reason).toBe('alarm "unauthorized-api-calls" has no AlarmActions: its state changes notify no one');
  });

  it('a child alarm without actions passes when a composite alarm built on it notifies', () => {
    const answers = [alarms([metricAlarm({ AlarmActions: [] })], [composite('ALARM("unauthorized-api-calls") OR ALARM("root-usage")')])];
    const result = alarmActions.evaluate(evalContext(answers), {});
    expect(result.verdict).toBe('pass');
    expect(result.resources[0]?.reason).toContain('composite alarm "security-composite"');
  });

  it('a region whose alarms could not be read is not evidenced', () => {
    const result = alarmActions.evaluate(evalContext([alarms([metricAlarm()])], [gap('cloudwatch:DescribeAlarms', 'eu-west-1')], { accounts: [ACCOUNT], regions: ['eu-west-1', 'us-east-1'] }), {});
    expect(result.verdict).toBe('not-evidenced');
    expect(result.resources.map((r) => [r.region, r.verdict])).toEqual([['eu-west-1', 'not-evidenced'], ['us-east-1', 'pass']]);
  });

  it('gives byte-identical results whatever the order of the answers', () => {
    const answers = [alarms([metricAlarm(), metricAlarm({ AlarmName: 'b', ActionsEnabled: false })]), { ...alarms([metricAlarm({ AlarmName: 'c' })]), input: { NextToken: 't' } }];
    const json = JSON.stringify(alarmActions.evaluate(evalContext(answers), {}));
    expect(JSON.stringify(alarmActions.evaluate(evalContext([...answers].reverse()), {}))).toBe(json);
  });
});
