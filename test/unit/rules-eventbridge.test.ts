import { findingsRouting } from '../../src/evaluate/rules/eventbridge';
import type { DayGap } from '../../src/evaluate/types';
import { evalContext, type Answer } from '../support/eval-context';

// Shapes from the EventBridge ListRules / ListTargetsByRule and GuardDuty ListDetectors / GetDetector API
// references; the pattern is the one the GuardDuty user guide gives for routing findings.
const ACCOUNT = '111122223333';
const DETECTOR = '12abc34d567e8fa901bc2d34eexample';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:security-alerts`;
const GUARDDUTY_PATTERN = JSON.stringify({ source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], detail: { severity: [{ numeric: ['>=', 7] }] } });
const SECURITYHUB_PATTERN = JSON.stringify({ source: ['aws.securityhub'], 'detail-type': ['Security Hub Findings - Imported'] });

const guardduty = (Status = 'ENABLED'): Answer[] => [
  { service: 'guardduty', operation: 'ListDetectors', input: {}, response: { DetectorIds: [DETECTOR] } },
  { service: 'guardduty', operation: 'GetDetector', input: { DetectorId: DETECTOR }, response: { CreatedAt: '2025-11-02T08:00:00.000Z', FindingPublishingFrequency: 'FIFTEEN_MINUTES', Status, UpdatedAt: '2026-03-01T10:00:00.000Z' } },
];

const rule = (Name: string, EventPattern: string, State = 'ENABLED'): Record<string, unknown> => ({
  Name, Arn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/${Name}`, EventPattern, State, Description: 'Route security findings to the on-call topic', EventBusName: 'default',
});
const listRules = (...rules: Array<Record<string, unknown>>): Answer => ({ service: 'events', operation: 'ListRules', input: { Limit: 100 }, response: { Rules: rules } });
const targets = (Rule: string, ...arns: string[]): Answer => ({
  service: 'events', operation: 'ListTargetsByRule', input: { Rule, Limit: 100 }, response: { Targets: arns.map((Arn, i) => ({ Id: `target-${i}`, Arn })) },
});

const gap = (operation: string): DayGap => ({ collector: 'eventbridge', account: ACCOUNT, region: 'us-east-1', operation, errorCode: 'ThrottlingException' });
const GD_ONLY = { sources: ['aws.guardduty'] };
const BOTH = { sources: ['aws.guardduty', 'aws.securityhub'] };

describe('eventbridge.findings-routing', () => {
  it('an enabled rule matching GuardDuty findings with a target routes them to people', () => {
    const answers = [...guardduty(), listRules(rule('guardduty-high-findings', GUARDDUTY_PATTERN)), targets('guardduty-high-findings', TOPIC)];
    const result = findingsRouting.evaluate(evalContext(answers), GD_ONLY);
    expect(result.verdict).toBe('pass');
    expect(result.resources).toEqual([expect.objectContaining({
      resource: 'aws.guardduty', region: 'us-east-1', verdict: 'pass',
      reason: `rule "guardduty-high-findings" (State ENABLED) matches source aws.guardduty and targets ${TOPIC}`,
    })]);
    expect(result.resources[0]?.evidence).toHaveLength(2);
  });

  it('a disabled findings rule routes nothing', () => {
    const answers = [...guardduty(), listRules(rule('guardduty-high-findings', GUARDDUTY_PATTERN, 'DISABLED')), targets('guardduty-high-findings', TOPIC)];
    const result = findingsRouting.evaluate(evalContext(answers), GD_ONLY);
    expect(result.resources[0]).toMatchObject({ verdict: 'fail', reason: 'rule "guardduty-high-findings" has State DISABLED' });
  });

  it('a findings rule without targets routes nothing', () => {
    const answers = [...guardduty(), listRules(rule('guardduty-high-findings', GUARDDUTY_PATTERN)), targets('guardduty-high-findings')];
    expect(findingsRouting.evaluate(evalContext(answers), GD_ONLY).resources[0]).toMatchObject({ verdict: 'fail', reason: 'rule "guardduty-high-findings" has no targets' });
  });

  it('GuardDuty findings that no rule matches reach no one', () => {
    const answers = [...guardduty(), listRules(rule('ec2-state', JSON.stringify({ source: ['aws.ec2'] })))];
    expect(findingsRouting.evaluate(evalContext(answers), GD_ONLY).resources[0]).toMatchObject({
      verdict: 'fail', reason: 'no rule on the default event bus has aws.guardduty in its EventPattern source',
    });
  });

  it('a prefix source pattern also routes GuardDuty findings', () => {
    const answers = [...guardduty(), listRules(rule('all-aws', JSON.stringify({ source: [{ prefix: 'aws.' }] }))), targets('all-aws', TOPIC)];
    expect(findingsRouting.evaluate(evalContext(answers), GD_ONLY).verdict).toBe('pass');
  });

  it('Security Hub routing is required only where a Security Hub rule exists', () => {
    const base = [...guardduty(), listRules(rule('gd', GUARDDUTY_PATTERN)), targets('gd', TOPIC)];
    const none = findingsRouting.evaluate(evalContext(base), BOTH);
    expect(none.verdict).toBe('pass');
    expect(none.resources.map((r) => [r.resource, r.verdict])).toEqual([['aws.guardduty', 'pass'], ['aws.securityhub', 'not-applicable']]);
    const broken = [...guardduty(), listRules(rule('gd', GUARDDUTY_PATTERN), rule('sh', SECURITYHUB_PATTERN)), targets('gd', TOPIC), targets('sh')];
    expect(findingsRouting.evaluate(evalContext(broken), BOTH).resources[1]).toMatchObject({ resource: 'aws.securityhub', verdict: 'fail', reason: 'rule "sh" has no targets' });
  });

  it('a region where GuardDuty is off needs no findings routing', () => {
    const result = findingsRouting.evaluate(evalContext([...guardduty('DISABLED'), listRules()]), GD_ONLY);
    expect(result.verdict).toBe('not-applicable');
    expect(result.resources).toEqual([]);
  });

  it('rules that could not be listed leave the routing not evidenced', () => {
    const result = findingsRouting.evaluate(evalContext(guardduty(), [gap('events:ListRules')]), GD_ONLY);
    expect(result.resources[0]).toMatchObject({ resource: 'aws.guardduty', verdict: 'not-evidenced', reason: 'events:ListRules was not answered (ThrottlingException) in 111122223333 us-east-1' });
  });

  it('gives byte-identical results whatever the order of the answers', () => {
    const answers = [
      ...guardduty(), listRules(rule('b', GUARDDUTY_PATTERN, 'DISABLED'), rule('a', GUARDDUTY_PATTERN)), listRules(rule('sh', SECURITYHUB_PATTERN)),
      targets('a'), targets('b', TOPIC), targets('sh', TOPIC, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:ticket`),
    ];
    const json = JSON.stringify(findingsRouting.evaluate(evalContext(answers), BOTH));
    expect(JSON.stringify(findingsRouting.evaluate(evalContext([...answers].reverse()), BOTH))).toBe(json);
  });
});
