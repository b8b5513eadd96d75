import { EventBridgeClient, EventBridgeServiceException, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { SdkClientProvider } from '../../src/collectors/clients';
import { eventbridgeCollector } from '../../src/collectors/eventbridge';
import { artifactsOf, oneClient, recorder, target } from '../support/collect';
import { ScriptedHandler, TEST_CREDENTIALS, jsonThrottle } from '../support/scripted-handler';

const account = '444455556666';
const alerts = `arn:aws:sns:us-east-1:${account}:security-alerts`;

// Amazon EventBridge API Reference, ListRules / ListTargetsByRule response syntax.
function rule(name: string, source: string): { Name: string; Arn: string; EventPattern: string; State: 'ENABLED'; EventBusName: string } {
  return { Name: name, Arn: `arn:aws:events:us-east-1:${account}:rule/${name}`, EventPattern: JSON.stringify({ source: [source] }), State: 'ENABLED', EventBusName: 'default' };
}
const guardduty = rule('guardduty-findings-to-sns', 'aws.guardduty');
const config = rule('config-noncompliance-to-sns', 'aws.config');
const snsTarget = { Id: 'security-alerts', Arn: alerts, InputPath: '$.detail' };

function denied(action: string): EventBridgeServiceException {
  return new EventBridgeServiceException({ name: 'AccessDeniedException', message: `User is not authorized to perform: events:${action}`, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

describe('eventbridge collector', () => {
  const events = mockClient(EventBridgeClient);
  beforeEach(() => events.reset());
  // mockClient stubs every EventBridgeClient; the retry test below needs the real one.
  afterAll(() => events.restore());

  it('records the rules of the default bus and the targets of each rule', async () => {
    // Prepare
    events.on(ListRulesCommand).resolves({ Rules: [guardduty] });
    events.on(ListTargetsByRuleCommand).resolves({ Targets: [snsTarget] });
    const rec = recorder('eventbridge', account);
    // Act
    await eventbridgeCollector.collect(target({ account, clients: oneClient(new EventBridgeClient({})) }), rec);
    // Assess
    expect(events).toHaveReceivedCommandWith(ListRulesCommand, { Limit: 100 });
    expect(events).toHaveReceivedCommandTimes(ListTargetsByRuleCommand, 1);
    expect(events).toHaveReceivedCommandWith(ListTargetsByRuleCommand, { Rule: 'guardduty-findings-to-sns', Limit: 100 });
    expect(rec.gaps).toEqual([]);
    const artifacts = artifactsOf(rec);
    expect(artifacts.map((a) => a.request)).toEqual([
      { service: 'events', operation: 'ListRules', input: { Limit: 100 }, account, region: 'us-east-1' },
      { service: 'events', operation: 'ListTargetsByRule', input: { Rule: 'guardduty-findings-to-sns', Limit: 100 }, account, region: 'us-east-1' },
    ]);
    expect(artifacts[1]).toMatchObject({ response: { Targets: [{ Id: 'security-alerts', Arn: alerts }] } });
  });

  it('follows NextToken to the end, each page recorded with its own input', async () => {
    // Prepare
    events.on(ListRulesCommand, { Limit: 100 }).resolves({ Rules: [guardduty], NextToken: 'rules-2' });
    events.on(ListRulesCommand, { Limit: 100, NextToken: 'rules-2' }).resolves({ Rules: [config] });
    events.on(ListTargetsByRuleCommand, { Rule: guardduty.Name }).resolves({ Targets: [snsTarget], NextToken: 'targets-2' });
    events.on(ListTargetsByRuleCommand, { Rule: guardduty.Name, NextToken: 'targets-2' }).resolves({ Targets: [{ Id: 'ticketing', Arn: `arn:aws:lambda:us-east-1:${account}:function:open-incident` }] });
    events.on(ListTargetsByRuleCommand, { Rule: config.Name }).resolves({ Targets: [] });
    const rec = recorder('eventbridge', account);
    // Act
    await eventbridgeCollector.collect(target({ account, clients: oneClient(new EventBridgeClient({})) }), rec);
    // Assess
    expect(rec.gaps).toEqual([]);
    expect(artifactsOf(rec).map((a) => [a.request.operation, a.request.input])).toEqual([
      ['ListRules', { Limit: 100 }],
      ['ListRules', { Limit: 100, NextToken: 'rules-2' }],
      ['ListTargetsByRule', { Rule: guardduty.Name, Limit: 100 }],
      ['ListTargetsByRule', { Rule: guardduty.Name, Limit: 100, NextToken: 'targets-2' }],
      ['ListTargetsByRule', { Rule: config.Name, Limit: 100 }],
    ]);
  });

  it('records AccessDeniedException on ListRules as a gap and asks nothing more', async () => {
    events.on(ListRulesCommand).rejects(denied('ListRules'));
    const rec = recorder('eventbridge', account);
    await eventbridgeCollector.collect(target({ account, clients: oneClient(new EventBridgeClient({})) }), rec);
    expect(rec.artifacts).toEqual([]);
    expect(rec.gaps).toEqual([
      { collector: 'eventbridge', account, region: 'us-east-1', operation: 'events:ListRules', errorCode: 'AccessDeniedException', message: 'User is not authorized to perform: events:ListRules' },
    ]);
    expect(events).toHaveReceivedCommandTimes(ListTargetsByRuleCommand, 0);
  });

  it("records AccessDeniedException on one rule's targets as a gap and still asks the next rule", async () => {
    events.on(ListRulesCommand).resolves({ Rules: [guardduty, config] });
    events.on(ListTargetsByRuleCommand, { Rule: guardduty.Name }).rejects(denied('ListTargetsByRule'));
    events.on(ListTargetsByRuleCommand, { Rule: config.Name }).resolves({ Targets: [snsTarget] });
    const rec = recorder('eventbridge', account);
    await eventbridgeCollector.collect(target({ account, clients: oneClient(new EventBridgeClient({})) }), rec);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['events:ListTargetsByRule', 'AccessDeniedException']]);
    expect(artifactsOf(rec).map((a) => [a.request.operation, a.request.input])).toEqual([
      ['ListRules', { Limit: 100 }], ['ListTargetsByRule', { Rule: config.Name, Limit: 100 }],
    ]);
  });
});

describe('eventbridge collector through the real SDK retry strategy', () => {
  it('records a gap when throttling outlasts the retries', async () => {
    const handler = new ScriptedHandler([jsonThrottle('ThrottlingException')]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 2 });
    const rec = recorder('eventbridge', account);
    await eventbridgeCollector.collect(target({ account, clients }), rec);
    clients.destroy();
    expect(handler.requests.map((r) => r.headers['x-amz-target'])).toEqual(['AWSEvents.ListRules', 'AWSEvents.ListRules']);
    expect(rec.artifacts).toEqual([]);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['events:ListRules', 'ThrottlingException']]);
  });
});
