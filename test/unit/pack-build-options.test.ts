import { parseExpiry } from '../../src/cli/share';
import { parseQuarter } from '../../src/pack/quarter';
import { checkNames } from '../../src/verify/zip-names';
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

  it('refuses zip entries that are absolute or escape the pack folder (the names download extracts)', () => {
    const names = (extra: string): ReturnType<typeof checkNames<string>> => checkNames(['p/pack.json', 'p/SHA256SUMS', 'p/a/b.json', extra], (name) => ({ name, mode: 0o100644 }));
    expect(names('p/README.txt').unsafe).toEqual([]);
    expect(names('p/README.txt').placed.map((e) => e.key)).toEqual(['pack.json', 'SHA256SUMS', 'a/b.json', 'README.txt']);
    for (const bad of ['/etc/passwd', 'p/../x', '../p/x', 'q/pack.json', 'p//x', 'C:/x', 'p\\..\\x']) expect(names(bad).unsafe.map((u) => u.name)).toEqual([bad]);
  });
});
