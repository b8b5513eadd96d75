import { collectDay } from '../../src/collectors/collect-day';
import type { Collector } from '../../src/collectors/types';

const clients = { get: <C>(): C => ({}) as C };
const now = (): Date => new Date('2026-07-01T06:00:00Z');

describe('collectDay', () => {
  it('runs every collector for every account × region; one failing never stops the others', async () => {
    const seen: string[] = [];
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
    });
    expect(seen.sort()).toEqual(['111111111111/us-east-1/true', '111111111111/us-west-2/false', '222222222222/us-east-1/true', '222222222222/us-west-2/false']);
    expect(day.artifacts).toHaveLength(4);
    expect(day.gaps).toHaveLength(4);
    expect(day.gaps[0]).toEqual({ collector: 'broken', account: '111111111111', region: 'us-east-1', operation: 'broken:*', errorCode: 'TypeError', message: 'boom' });
  });
});
