/**
 * Benchmark of the daily collection (not a test: nothing asserts a timing). Figures and the
 * command that produced them go in the README.
 *
 *   npm run build && npm run bench:collect -- [sample|scale|full]
 *
 * sample: the bundled sample organization (3 accounts × 2 regions), one day, every collector,
 *         no added latency: API calls and wall time per account-region.
 * scale:  a synthetic organization answered from the same recordings (each synthetic account
 *         acts as a sample member; regions beyond the sample's two reuse their answers), with
 *         a per-call latency injected, at several sizes and concurrencies.
 * full:   1,000 accounts × 4 regions at 50 ms per call.
 * Artifacts are hashed and counted but not stored, so the figures are the collection's own.
 */
import type { HttpRequest } from '@smithy/core/protocols';
import { SdkClientProvider } from '../src/collectors/clients';
import { collectDay, type AccountClients } from '../src/collectors/collect-day';
import { COLLECTORS } from '../src/collectors/registry';
import type { SealedBytes } from '../src/core/artifact';
import { SAMPLE_ACCOUNTS, SAMPLE_ORGANIZATION, createSampleRequestHandler, withCallCounter, withLatency, type CallCountingHandler } from '../src/sample';

const CREDENTIALS = { accessKeyId: 'AKIABENCHMARKSAMPLE0', secretAccessKey: 'benchmark' };
const SAMPLE_REGIONS = ['us-east-1', 'us-west-2'];
const EXTRA_REGIONS = ['eu-west-1', 'ap-southeast-2'];

/** Answers a region the sample has no recordings for with those of a sample region. */
function regionMapped(handler: ReturnType<typeof createSampleRequestHandler>): typeof handler {
  return {
    ...handler,
    handle(request: HttpRequest, options?: Parameters<typeof handler.handle>[1]) {
      EXTRA_REGIONS.forEach((r, i) => {
        if (request.hostname.includes(r)) request.hostname = request.hostname.replace(r, SAMPLE_REGIONS[i % 2] as string);
      });
      return handler.handle(request, options);
    },
  };
}

interface Run {
  accounts: number;
  regions: number;
  concurrency: number;
  latencyMs: number;
}

async function measure(run: Run): Promise<string> {
  const counters: CallCountingHandler[] = [];
  const members = [SAMPLE_ACCOUNTS.production.id, SAMPLE_ACCOUNTS.logArchive.id];
  const accounts: AccountClients[] = [];
  for (let i = 0; i < run.accounts; i++) {
    const synthetic = run.accounts <= 3 ? (SAMPLE_ORGANIZATION.accounts[i]?.id as string) : String(100_000_000_000 + i);
    const options = run.accounts <= 3 ? { account: synthetic, day: 0 } : { account: synthetic, actAs: members[i % 2] as string, day: 0 };
    const counter = withCallCounter(withLatency(regionMapped(createSampleRequestHandler(options)), run.latencyMs));
    counters.push(counter);
    accounts.push({ account: synthetic, clients: new SdkClientProvider({ credentials: CREDENTIALS, requestHandler: counter, maxAttempts: 1 }) });
  }
  const regions = [...SAMPLE_REGIONS, ...EXTRA_REGIONS].slice(0, run.regions);
  let artifacts = 0;
  const sink = { put: (_: SealedBytes) => Promise.resolve(void artifacts++) };
  const started = process.hrtime.bigint();
  const day = await collectDay({ accounts, regions, homeRegion: 'us-east-1', collectors: COLLECTORS, settings: { date: '2026-07-01', managementAccount: SAMPLE_ACCOUNTS.management.id }, sink, concurrency: run.concurrency, now: () => new Date('2026-07-01T06:00:00Z') });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const a of accounts) (a.clients as SdkClientProvider).destroy();
  const calls = counters.reduce((n, c) => n + c.total(), 0);
  const pairs = run.accounts * run.regions;
  const rss = process.resourceUsage().maxRSS / 1024;
  return [
    `${run.accounts} × ${run.regions}`.padEnd(11), String(run.concurrency).padStart(5), `${run.latencyMs} ms`.padStart(7),
    String(calls).padStart(8), (calls / pairs).toFixed(1).padStart(8), `${seconds.toFixed(1)} s`.padStart(9),
    `${((seconds * 1000) / pairs).toFixed(1)} ms`.padStart(10), String(Math.round(calls / seconds)).padStart(8),
    String(day.gaps.length).padStart(5), `${rss.toFixed(0)} MiB`.padStart(9),
  ].join('  ');
}

const PLANS: Record<string, Run[]> = {
  sample: [{ accounts: 3, regions: 2, concurrency: 8, latencyMs: 0 }],
  scale: [
    { accounts: 3, regions: 2, concurrency: 8, latencyMs: 50 },
    { accounts: 100, regions: 4, concurrency: 8, latencyMs: 50 },
    { accounts: 100, regions: 4, concurrency: 32, latencyMs: 50 },
    { accounts: 100, regions: 4, concurrency: 128, latencyMs: 50 },
    { accounts: 300, regions: 4, concurrency: 128, latencyMs: 50 },
  ],
  full: [{ accounts: 1000, regions: 4, concurrency: 128, latencyMs: 50 }],
};

async function main(): Promise<void> {
  const plan = process.argv[2] ?? 'sample';
  const runs = PLANS[plan];
  if (!runs) throw new Error(`unknown plan '${plan}': ${Object.keys(PLANS).join(', ')}`);
  console.log(`collection benchmark (${plan}), node ${process.version}`);
  console.log('accts×rgns   conc  latency     calls  per a-r       wall  per a-r  calls/s   gaps   peak RSS');
  for (const run of runs) console.log(await measure(run));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
