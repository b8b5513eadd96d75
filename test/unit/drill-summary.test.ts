import { runSampleDrills } from '../../src/sample';
import { drillsWithAcks, summarizeDrills } from '../../src/workflow/drill-summary';
import type { DrillAckRecord, WorkflowRecord } from '../../src/workflow/model';

describe('drill summaries for the process controls and the pack', () => {
  let records: WorkflowRecord[];
  beforeAll(async () => {
    records = (await runSampleDrills('2026-10-01')).flatMap((s) => s.records);
  });

  it('pairs each drill with its first acknowledgement and the time to acknowledge', () => {
    const late: DrillAckRecord = { kind: 'drill-ack', drillId: 'drill-20261001T100000Z-student-data-exfiltration', acknowledgedAt: '2026-10-01T12:00:00.000Z', by: 'on-call-secondary', note: '', recordedAt: '2026-10-01T12:01:00.000Z' };
    const paired = drillsWithAcks([...records, late]);
    expect(paired.map((d) => [d.drill.triggeredAt.slice(0, 10), d.ack?.by ?? null, d.secondsToAcknowledge])).toEqual([
      ['2026-10-01', 'on-call-primary', 377],
      ['2026-11-01', 'on-call-primary', 257],
      ['2026-12-01', null, null],
    ]);
    // As of a time: later drills and acknowledgements recorded later are not yet known.
    expect(drillsWithAcks(records, '2026-10-01T10:05:00.000Z').map((d) => [d.drill.outcome, d.ack])).toEqual([['pass', null]]);
  });

  it("summarizes a quarter per chain: two passed, one failed with its reasons, medians", () => {
    expect(summarizeDrills(records, '2026-10-01', '2027-01-01')).toEqual([{
      chain: 'student-data-exfiltration', drills: 3, passed: 2, failed: 1,
      failures: [{ drillId: 'drill-20261201T100000Z-student-data-exfiltration', triggeredAt: '2026-12-01T10:00:00.000Z', reasons: [expect.stringMatching(/pending confirmation/) as unknown] }],
      acknowledged: 2, medianSecondsToDelivery: 2.124, medianSecondsToAcknowledge: 317,
      latest: { drillId: 'drill-20261201T100000Z-student-data-exfiltration', triggeredAt: '2026-12-01T10:00:00.000Z', outcome: 'fail' },
    }]);
    expect(summarizeDrills(records, '2026-11-01', '2026-12-01').map((s) => [s.drills, s.passed, s.medianSecondsToAcknowledge])).toEqual([[1, 1, 257]]);
    expect(summarizeDrills(records, '2027-01-01', '2027-04-01')).toEqual([]);
  });
});
