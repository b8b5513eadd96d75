import { statusText } from '../../src/report/pdf-matrix';
import { calendarDays, dateRange, groupHex, periodLabel } from '../../src/report/pdf-format';
import { stripCells } from '../../src/report/pdf-strip';
import { summarize } from '../../src/report/pdf-summary';
import { buildPackFixture, DISABLED, MISSING_DAYS } from '../support/pack-fixture';

// The strip is the report's claim about each day: it must encode exactly the period's days.
describe('report strip and summary helpers', () => {
  const pack = buildPackFixture();

  it('has one cell per calendar day of the period, in order', () => {
    const cells = stripCells(pack, 's3-bucket-versioning');
    expect(cells).toHaveLength(92);
    expect(cells[0]?.date).toBe('2026-07-01');
    expect(cells[91]?.date).toBe('2026-09-30');
    expect(cells.map((c) => c.date)).toEqual(calendarDays(pack.period));
  });

  it('maps each day to its verdict, missing days to "no manifest"', () => {
    const cells = stripCells(pack, 's3-bucket-versioning');
    const kinds = (kind: string): string[] => cells.filter((c) => c.kind === kind).map((c) => c.date);
    expect(kinds('fail')).toEqual(['2026-07-21', '2026-07-22', '2026-07-23', '2026-07-24', '2026-07-25', '2026-07-26', '2026-07-27']);
    expect(kinds('no-manifest')).toEqual(MISSING_DAYS);
    expect(kinds('pass')).toHaveLength(92 - 7 - 2);
  });

  it('shows not evidenced, not applicable and disabled days', () => {
    expect(stripCells(pack, 'config-recorder-all-regions').filter((c) => c.kind === 'not-evidenced').map((c) => c.date)).toEqual(['2026-09-19', '2026-09-20']);
    expect(stripCells(pack, 'guardduty-findings-triaged-24h').filter((c) => c.kind === 'not-applicable')).toHaveLength(87);
    expect(new Set(stripCells(pack, DISABLED.id).filter((c) => c.kind !== 'no-manifest').map((c) => c.kind))).toEqual(new Set(['disabled']));
  });

  it('reads a day with a manifest but no verdict for the control as not evidenced', () => {
    const day = pack.days[3];
    if (day) day.controls = [];
    expect(stripCells(pack, 's3-bucket-versioning')[3]).toEqual({ date: '2026-07-04', kind: 'not-evidenced' });
  });

  it('summarizes the period as the executive summary states it', () => {
    const s = summarize(buildPackFixture());
    expect(s.enabled).toBe(38);
    expect(s.operatedEveryDay).toEqual([]);
    expect(s.withFailures).toContain('s3-bucket-versioning');
    expect(s.notEvidenced).toContain('config-recorder-all-regions');
    expect(s.disabled.map((c) => c.id)).toEqual([DISABLED.id]);
    expect({ gaps: s.gaps, gapDays: s.gapDays, missing: s.missingDays }).toEqual({ gaps: 5, gapDays: 3, missing: MISSING_DAYS });
  });

  it('counts status days so that they add up to the period', () => {
    const fresh = buildPackFixture();
    const control = fresh.controls.find((c) => c.id === 's3-bucket-versioning');
    expect(control && statusText(fresh, control)).toBe('pass 83, fail 7, no manifest 2');
  });

  it('formats periods, ranges and hashes', () => {
    expect(periodLabel(pack.period)).toBe('2026-Q3 (2026-07-01 to 2026-09-30)');
    expect(dateRange('2026-07-21', '2026-07-27')).toBe('2026-07-21 to 2026-07-27 (7 days)');
    expect(dateRange('2026-09-30', '2026-09-30')).toBe('2026-09-30 (1 day)');
    expect(groupHex('a'.repeat(16))).toBe('aaaaaaaa aaaaaaaa');
  });
});
