import { collectDay } from '../../src/collectors/collect-day';
import type { SealedBytes } from '../../src/core/artifact';
import type { Collector } from '../../src/collectors/types';
import { EvidenceError } from '../../src/core/errors';

const clients = { get: <C>(): C => ({}) as C };
const now = (): Date => new Date('2026-07-01T06:00:00Z');

describe('collectDay', () => {
  it('runs every collector for every account × region; one failing never stops the others', async () => {
    const seen: string[] = [];
    const stored: string[] = [];
    const good: Collector = {
      name: 'good',
      async collect(t, rec) {
        seen.push(`${t.account}/${t.region}/${t.isHomeRegion}`);
        await rec.ask({ service: 'x', operation: 'Describe', input: {} }, () => Promise.resolve({ ok: true }));
      },
    };
    const broken: Collector = { name: 'broken', collect: () => Promise.reject(new TypeError('boom')) };
    const day = await collectDay({
      accounts: [{ account: '111111111111', clients }, { account: '222222222222', clients }],
      regions: ['us-east-1', 'us-west-2'],
      homeRegion: 'us-east-1',
      collectors: [broken, good],
      concurrency: 3,
      now,
      settings: { date: '2026-07-01' },
      sink: { put: (a: SealedBytes) => Promise.resolve(void stored.push(a.key)) },
    });
    expect(stored).toHaveLength(4);
    expect(seen.sort()).toEqual(['111111111111/us-east-1/true', '111111111111/us-west-2/false', '222222222222/us-east-1/true', '222222222222/us-west-2/false']);
    expect(day.artifacts).toHaveLength(4);
    expect(day.gaps).toHaveLength(4);
    expect(day.calls).toBe(8);
    expect(day.gaps[0]).toEqual({ collector: 'broken', account: '111111111111', region: 'us-east-1', operation: 'broken:*', errorCode: 'TypeError', message: 'boom' });
  });
});

describe('collectDay and the vault', () => {
  it('stops the run when the vault refuses an artifact instead of recording a gap', async () => {
    const collector: Collector = {
      name: 'x',
      async collect(_t, rec) {
        await rec.ask({ service: 'x', operation: 'Describe', input: {} }, () => Promise.resolve({ ok: true }));
      },
    };
    const failing = { put: () => Promise.reject(new EvidenceError('VAULT_UNAVAILABLE', 'disk full')) };
    await expect(
      collectDay({ accounts: [{ account: '111111111111', clients }], regions: ['us-east-1'], homeRegion: 'us-east-1', collectors: [collector], now, settings: { date: '2026-07-01' }, sink: failing }),
    ).rejects.toMatchObject({ code: 'VAULT_UNAVAILABLE' });
  });

  it('records a gap for every collector of an account that could not be reached', async () => {
    const collector: Collector = { name: 's3', collect: () => Promise.reject(new Error('must not run')) };
    const denied = Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' });
    const day = await collectDay({
      accounts: [{ account: '111111111111', clients, unreachable: { operation: 'sts:AssumeRole', error: denied } }],
      regions: ['us-east-1', 'us-west-2'], homeRegion: 'us-east-1', collectors: [collector], now, settings: { date: '2026-07-01' }, sink: { put: () => Promise.resolve() },
    });
    expect(day.gaps.map((g) => [g.region, g.operation, g.errorCode])).toEqual([['us-east-1', 'sts:AssumeRole', 'AccessDenied'], ['us-west-2', 'sts:AssumeRole', 'AccessDenied']]);
  });
});

describe('collectDay and memory', () => {
  it("releases an account's clients once its last run has ended, so memory stays flat with accounts", async () => {
    const released: string[] = [];
    const started: string[] = [];
    const collector: Collector = {
      name: 'x',
      async collect(t) {
        started.push(`${t.account}:${released.join(',')}`);
        await Promise.resolve();
      },
    };
    const provider = (account: string) => ({ get: <C>(): C => ({}) as C, release: () => void released.push(account) });
    await collectDay({
      accounts: [{ account: '111111111111', clients: provider('111111111111') }, { account: '222222222222', clients: provider('222222222222') }],
      regions: ['us-east-1', 'us-west-2'], homeRegion: 'us-east-1', collectors: [collector], concurrency: 1, now,
      settings: { date: '2026-07-01' }, sink: { put: () => Promise.resolve() },
    });
    expect(released).toEqual(['111111111111', '222222222222']);
    // With one run at a time, the second account starts after the first one's clients are gone.
    expect(started).toEqual(['111111111111:', '111111111111:', '222222222222:111111111111', '222222222222:111111111111']);
  });
});
