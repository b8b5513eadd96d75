import { parseExpiry } from '../../src/cli/share';
import { safeEntryPath } from '../../src/pack/extract';
import { parseQuarter } from '../../src/pack/quarter';
import { runCli } from '../support/cli';

/** Quarter parsing, share expiry and zip entry names (docs/cli.md, docs/formats/pack-v1.md §Zip). */
describe('pack, download and share options', () => {
  it.each([['7d', 604_800], ['12h', 43_200], ['30m', 1_800]])('share --expires %s is %i s', (value, seconds) => {
    expect(parseExpiry(value)).toBe(seconds);
  });

  it.each(['8d', '169h', '10081m'])('share --expires %s is refused: longer than 7 days', async (value) => {
    const r = await runCli(['share', '--vault', 's3://evidence-bucket/p', '--quarter', '2026-Q3', '--expires', value]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('longer than 7 days (604800 s)');
  });

  it.each(['2026-Q0', '2026-Q5', '26-Q3', '2026-3', 'Q3'])('pack --quarter %s is a usage error', async (quarter) => {
    const r = await runCli(['pack', '--vault', 'never-read-vault', '--quarter', quarter]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--quarter: '${quarter}' is not a quarter`);
  });

  it('parses quarters into calendar periods', () => {
    expect(parseQuarter('2026-Q1')).toEqual({ quarter: '2026-Q1', start: '2026-01-01', end: '2026-03-31', days: 90 });
    expect(parseQuarter('2028-Q1').days).toBe(91);
    expect(parseQuarter('2026-Q4')).toEqual({ quarter: '2026-Q4', start: '2026-10-01', end: '2026-12-31', days: 92 });
  });

  it('refuses zip entries that are absolute or escape the pack folder', () => {
    expect(safeEntryPath('p/pack.json', 'p')).toBe('p/pack.json');
    for (const bad of ['/etc/passwd', 'p/../x', '../p/x', 'q/pack.json', 'p//x', 'C:/x', 'p\\..\\x']) expect(safeEntryPath(bad, 'p')).toBeUndefined();
  });
});
