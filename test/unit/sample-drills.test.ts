import { runSampleDrills, sampleDrillDays, SAMPLE_DRILL_ALARM } from '../../src/sample';
import { checkRecord } from '../../src/workflow/records';
import type { DrillRecord } from '../../src/workflow/model';

/**
 * The sample quarter's monthly drills, run through the real drill runner and SDK clients against
 * the sample organization: two pass, the third month's falls in the pager-pending drift and fails.
 */
describe('sample organization: monthly escalation drills', () => {
  it('drills on the first of each month of the quarter', () => {
    expect(sampleDrillDays('2026-10-01', 92)).toEqual([0, 31, 61]);
    expect(sampleDrillDays('2026-07-01', 92)).toEqual([0, 31, 62]);
    expect(sampleDrillDays('2026-07-15', 20)).toEqual([17]);
  });

  it('records two passing drills with acknowledgements and one failing on the unconfirmed pager subscription', async () => {
    const steps = await runSampleDrills('2026-10-01');
    const records = steps.flatMap((s) => s.records);
    for (const r of records) expect(checkRecord(r)).toEqual({ ok: true, record: r });
    const drills = records.filter((r): r is DrillRecord => r.kind === 'drill');
    expect(drills.map((d) => [d.triggeredAt, d.outcome])).toEqual([
      ['2026-10-01T10:00:00.000Z', 'pass'],
      ['2026-11-01T10:00:00.000Z', 'pass'],
      ['2026-12-01T10:00:00.000Z', 'fail'],
    ]);
    const [oct, , dec] = drills as [DrillRecord, DrillRecord, DrillRecord];
    expect(oct).toMatchObject({
      drillId: 'drill-20261001T100000Z-student-data-exfiltration',
      chain: { name: 'student-data-exfiltration', alarmName: SAMPLE_DRILL_ALARM, account: '730461928517', region: 'us-east-1', topicArns: ['arn:aws:sns:us-east-1:730461928517:security-alerts'] },
      trigger: 'scheduled',
      action: { executed: true, at: '2026-10-01T10:00:00.214Z', summary: 'Successfully executed action arn:aws:sns:us-east-1:730461928517:security-alerts' },
      secondsToDelivery: 2.124,
      failureReasons: [],
      recordedBy: 'drill-scheduler',
    });
    expect(oct.deliveries.map((d) => [d.protocol, d.endpoint, d.status, d.secondsAfterTrigger])).toEqual([
      ['email', 's***@brightpath-learning.example', 'no-record', null],
      ['https', 'https://events.pagerduty.com/***', 'delivered', 2.124],
    ]);
    expect(dec.deliveries.map((d) => [d.protocol, d.subscriptionArn, d.status])).toEqual([
      ['email', 'arn:aws:sns:us-east-1:730461928517:security-alerts:6b4e0f2a-9c1d-47e3-a8b5-2e7f3c9d1a04', 'no-record'],
      ['https', 'PendingConfirmation', 'pending-confirmation'],
    ]);
    expect(dec.failureReasons).toEqual(['https subscription https://events.pagerduty.com/*** on arn:aws:sns:us-east-1:730461928517:security-alerts is pending confirmation: SNS does not deliver to it']);
    expect(dec.secondsToDelivery).toBeNull();
    // Acknowledged: the two drills that reached the pager; steps in time order within a day.
    const acks = records.filter((r) => r.kind === 'drill-ack');
    expect(acks.map((a) => a.kind === 'drill-ack' && [a.drillId, a.acknowledgedAt])).toEqual([
      ['drill-20261001T100000Z-student-data-exfiltration', '2026-10-01T10:06:17.000Z'],
      ['drill-20261101T100000Z-student-data-exfiltration', '2026-11-01T10:04:17.000Z'],
    ]);
    expect(steps.map((s) => s.day)).toEqual([0, 0, 31, 31, 61]);
  });
});
