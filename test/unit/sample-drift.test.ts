import { SAMPLE_DAYS, SAMPLE_DRIFT, SAMPLE_ORGANIZATION, createSampleRequestHandler, isDriftActive, startSampleServer } from '../../src/sample';

describe('sample organization and drift table', () => {
  it('has three accounts with 12-digit ids and the two regions', () => {
    expect(SAMPLE_ORGANIZATION.accounts.map((a) => a.role)).toEqual(['management', 'log-archive', 'production']);
    expect(SAMPLE_ORGANIZATION.accounts.every((a) => /^\d{12}$/.test(a.id))).toBe(true);
    expect(SAMPLE_ORGANIZATION.regions).toEqual(['us-east-1', 'us-west-2']);
    expect(SAMPLE_ORGANIZATION.homeRegion).toBe('us-east-1');
  });

  it('keeps every drift row inside the period, in an org account, with a unique id', () => {
    const ids = SAMPLE_ORGANIZATION.accounts.map((a) => a.id);
    for (const d of SAMPLE_DRIFT) {
      expect(d.firstDay).toBeGreaterThanOrEqual(0);
      expect(d.lastDay).toBeGreaterThanOrEqual(d.firstDay);
      expect(d.lastDay).toBeLessThan(SAMPLE_DAYS);
      expect(ids).toContain(d.account);
    }
    expect(new Set(SAMPLE_DRIFT.map((d) => d.id)).size).toBe(SAMPLE_DRIFT.length);
  });

  it('scripts versioning suspended on days 20-26 and the trail stopped on days 40-41', () => {
    const days = (id: string) => [...Array(SAMPLE_DAYS).keys()].filter((day) => SAMPLE_DRIFT.some((d) => d.id === id && isDriftActive(d, day)));
    expect(days('student-records-versioning-suspended')).toEqual([20, 21, 22, 23, 24, 25, 26]);
    expect(days('org-trail-stopped')).toEqual([40, 41]);
  });

  it('scripts the five new rows on their days, none overlapping another', () => {
    const span = (id: string) => SAMPLE_DRIFT.filter((d) => d.id === id).map((d) => [d.firstDay, d.lastDay]);
    expect(span('flow-log-retention-cut')).toEqual([[30, 36]]);
    expect(span('prod-usw2-flow-log-deleted')).toEqual([[48, 53]]);
    expect(span('prod-pager-subscription-pending')).toEqual([[56, 63]]);
    expect(span('guardduty-tor-finding-open')).toEqual([[70, 72]]);
    expect(span('log-archive-assume-role-denied')).toEqual([[80, 81]]);
    for (let day = 0; day < SAMPLE_DAYS; day++) expect(SAMPLE_DRIFT.filter((d) => isDriftActive(d, day)).length).toBeLessThanOrEqual(1);
    expect(SAMPLE_DRIFT.every((d) => d.expectedFinding.length > 0)).toBe(true);
  });

  it.each([
    [{ account: '123456789012', day: 0 }, /sample account must be one of/],
    [{ account: SAMPLE_ORGANIZATION.accounts[0]?.id ?? '', day: -1 }, /whole number >= 0/],
    [{ account: SAMPLE_ORGANIZATION.accounts[0]?.id ?? '', day: 1.5 }, /whole number >= 0/],
    [{ account: SAMPLE_ORGANIZATION.accounts[0]?.id ?? '', day: 0, startDate: '07/01/2025' }, /calendar date/],
    [{ account: SAMPLE_ORGANIZATION.accounts[0]?.id ?? '', day: 0, dya: 3 }, /unknown sample option\(s\) dya/],
  ])('refuses bad options at construction: %j', (options, message) => {
    expect(() => createSampleRequestHandler(options)).toThrow(message);
  });

  it('refuses bad options before the server listens', async () => {
    await expect(startSampleServer({ account: 'nope', day: 0 })).rejects.toThrow(/sample account/);
  });
});
