import { analyzeDrill, type DrillObservations } from '../../src/workflow/drill-analyze';
import { drillIdFor } from '../../src/workflow/drill-id';
import { maskEndpoint } from '../../src/workflow/drill-mask';
import { checkRecord } from '../../src/workflow/records';
import { ACCOUNT, ALARM, ALARM_ARN, PAGER, TOPIC, TRIGGER, actionItem, deliveryLine, subscription } from '../support/drill-fixtures';

const at = (ms: number): Date => new Date(TRIGGER.getTime() + ms);
const sqs = `arn:aws:sqs:eu-west-1:${ACCOUNT}:oncall-intake`;

function observed(over: Partial<DrillObservations> = {}): DrillObservations {
  return {
    drillId: drillIdFor(TRIGGER, 'dpo-chain'),
    chain: { name: 'dpo-chain', alarmName: ALARM, alarmArn: ALARM_ARN, account: ACCOUNT, region: 'eu-west-1', topicArns: [TOPIC] },
    trigger: 'cli', triggeredAt: TRIGGER, reason: 'Escalation drill',
    history: [actionItem(at(312))],
    subscriptions: [subscription('https', PAGER), subscription('sqs', sqs, true, '0b7e4c1a-5d2f-4e3a-9c8b-1a2b3c4d5e6f'), subscription('email', 'oncall@example.edu', true, '6b4e0f2a-9c1d-47e3-a8b5-2e7f3c9d1a04')],
    logs: [{ topicArn: TOPIC, successGroup: `sns/eu-west-1/${ACCOUNT}/dpo-escalation`, success: [deliveryLine(sqs, TRIGGER.getTime() + 350, 96), deliveryLine(PAGER, TRIGGER.getTime() + 350, 1873)], failure: [] }],
    waitedSeconds: 12, recordedAt: at(12_000), recordedBy: 'compliance-lead',
    ...over,
  };
}

describe('drill analysis (alarm history, subscriptions and delivery status logs into a drill record)', () => {
  it('passes when the action executed and every observable subscription delivered; e-mail is not observable', () => {
    const r = analyzeDrill(observed());
    expect(checkRecord(r).ok).toBe(true);
    expect(r).toMatchObject({
      drillId: 'drill-20261005T090000Z-dpo-chain', outcome: 'pass', failureReasons: [], secondsToDelivery: 2.223,
      action: { executed: true, at: '2026-10-05T09:00:00.312Z', summary: `Successfully executed action ${TOPIC}` },
    });
    expect(r.deliveries.map((d) => [d.protocol, d.endpoint, d.status, d.at, d.secondsAfterTrigger])).toEqual([
      ['https', 'https://events.pagerduty.com/***', 'delivered', '2026-10-05T09:00:02.223Z', 2.223],
      ['sqs', sqs, 'delivered', '2026-10-05T09:00:00.446Z', 0.446],
      ['email', 'o***@example.edu', 'no-record', null, null],
    ]);
    expect(r.deliveries[0]?.detail).toContain('HTTP status 202 after 1 attempt(s)');
    expect(r.deliveries[2]?.detail).toMatch(/SNS logs no delivery status for email/);
  });

  it('fails on a subscription pending confirmation', () => {
    const r = analyzeDrill(observed({ subscriptions: [subscription('https', PAGER, false), subscription('sqs', sqs)] }));
    expect(r.outcome).toBe('fail');
    expect(r.deliveries[0]).toMatchObject({ subscriptionArn: 'PendingConfirmation', status: 'pending-confirmation', at: null });
    expect(r.failureReasons).toEqual([`https subscription https://events.pagerduty.com/*** on ${TOPIC} is pending confirmation: SNS does not deliver to it`]);
    expect(r.secondsToDelivery).toBeNull();
    expect(checkRecord(r).ok).toBe(true);
  });

  it('fails on a delivery SNS logged as FAILURE', () => {
    const logs = [{ topicArn: TOPIC, successGroup: `sns/eu-west-1/${ACCOUNT}/dpo-escalation`, success: [deliveryLine(sqs, TRIGGER.getTime() + 350, 96)], failure: [deliveryLine(PAGER, TRIGGER.getTime() + 350, 61_000, 'FAILURE')] }];
    const r = analyzeDrill(observed({ logs, subscriptions: [subscription('https', PAGER), subscription('sqs', sqs)] }));
    expect(r.outcome).toBe('fail');
    expect(r.deliveries[0]).toMatchObject({ status: 'failed', at: null, secondsAfterTrigger: null });
    expect(r.failureReasons[0]).toMatch(/did not receive the notification: FAILURE: HTTP status 503 after 4 attempt\(s\)/);
  });

  it('fails when the alarm history shows no action (and then nothing was delivered)', () => {
    const r = analyzeDrill(observed({ history: [], logs: [{ topicArn: TOPIC, successGroup: 'g', success: [], failure: [] }], subscriptions: [subscription('https', PAGER)] }));
    expect(r.action).toEqual({ executed: false, at: null, summary: `no action on ${TOPIC}` });
    expect(r.failureReasons).toEqual([
      `the alarm history shows no action on ${TOPIC} within 12 s of the trigger`,
      `https subscription https://events.pagerduty.com/*** on ${TOPIC}: no delivery status line in g (or its /Failure group) within 12 s of the trigger`,
    ]);
    expect(checkRecord(r).ok).toBe(true);
  });

  it('fails on an action CloudWatch could not execute', () => {
    const r = analyzeDrill(observed({ history: [actionItem(at(300), TOPIC, false)] }));
    expect(r.action.executed).toBe(false);
    expect(r.failureReasons).toContain(`the alarm's action on ${TOPIC} failed: Failed to execute action ${TOPIC}. Received error: "Resource not found"`);
  });

  it('ignores history and delivery lines from before the trigger (an earlier alarm)', () => {
    const early = TRIGGER.getTime() - 3_600_000;
    const r = analyzeDrill(observed({ history: [actionItem(new Date(early))], logs: [{ topicArn: TOPIC, successGroup: 'g', success: [deliveryLine(PAGER, early, 100)], failure: null }], subscriptions: [subscription('https', PAGER)] }));
    expect(r.action.executed).toBe(false);
    expect(r.deliveries[0]?.status).toBe('no-record');
  });

  it('says so when delivery status logging is not configured for the topic', () => {
    const r = analyzeDrill(observed({ logs: [{ topicArn: TOPIC, successGroup: `sns/eu-west-1/${ACCOUNT}/dpo-escalation`, success: null, failure: null }], subscriptions: [subscription('https', PAGER)] }));
    expect(r.deliveries[0]?.detail).toBe(`delivery status logging is not configured for this topic (no log group sns/eu-west-1/${ACCOUNT}/dpo-escalation)`);
    expect(r.outcome).toBe('fail');
  });

  it('fails a chain whose topic has no subscription, or only e-mail ones (nothing confirms a delivery)', () => {
    expect(analyzeDrill(observed({ subscriptions: [] })).failureReasons).toEqual([`${TOPIC} has no subscription: nobody is notified`]);
    expect(analyzeDrill(observed({ subscriptions: [subscription('email', 'a@b.example')] })).failureReasons).toEqual([
      'no delivery could be confirmed: none of the subscriptions uses a protocol SNS logs delivery status for',
    ]);
  });
});

describe('drill ids and masked endpoints', () => {
  it('builds ids within the record id alphabet and length', () => {
    expect(drillIdFor(TRIGGER, 'student data / exfiltration')).toBe('drill-20261005T090000Z-student-data-exfiltration');
    const long = drillIdFor(TRIGGER, 'x'.repeat(300));
    expect(long).toHaveLength(128);
    expect(long).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/);
  });

  it('keeps no personal data or integration keys', () => {
    expect(maskEndpoint('email', 'olivia.nguyen@example.edu')).toBe('o***@example.edu');
    expect(maskEndpoint('https', PAGER)).toBe('https://events.pagerduty.com/***');
    expect(maskEndpoint('sms', '+14155550123')).toBe('**********23');
    expect(maskEndpoint('lambda', `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:page-oncall`)).toBe(`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:page-oncall`);
    expect(maskEndpoint('https', 'not a url')).toBe('https://***');
    expect(maskEndpoint('email', 'nobody')).toBe('***');
  });
});
