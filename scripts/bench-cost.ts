/**
 * What the deployment costs per member account per month (not a test: nothing asserts a figure).
 * The figures and the command that produced them go in the README and docs/deploy.md §Cost.
 *
 *   npm run build && npm run bench:cost -- [days=8] [latencyMs=50]
 *
 * Runs the sample organization (3 accounts × 2 regions) through the staged daily run — plan,
 * one collect per account × region, seal — for `days` simulated days, exactly as the deployed
 * functions do, and counts what is billed:
 * - AWS API calls of the collectors (withCallCounter on every sample request handler);
 * - vault S3 requests, from the vault store's calls mapped to the S3 requests S3ObjectStore
 *   makes for each (src/vault/s3-store.ts): putIfAbsent = HeadObject, then PutObject when new,
 *   or GetObjectRetention + PutObjectRetention (retention extended) when reused; get = GetObject;
 *   exists = HeadObject; list = one ListObjectsV2 per 1,000 keys;
 * - staging S3 requests (PUT, GET, LIST) and bytes;
 * - KMS Sign requests; Lambda durations measured in process, with `latencyMs` added to every
 *   AWS API call of the collectors (the in-process sample answers at once, AWS does not).
 * Steady state is the mean of the days after the first (the first stores everything once).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadCatalog } from '../src/catalog';
import { COLLECTORS } from '../src/collectors/registry';
import { evaluationFor } from '../src/evaluate/registry';
import { collectItem } from '../src/pipeline/collect-item';
import { planDay } from '../src/pipeline/plan-day';
import { sampleFanOut } from '../src/pipeline/sample-fanout';
import { sealStaged } from '../src/pipeline/seal-staged';
import type { CollectItem } from '../src/pipeline/staged-day';
import { MemoryStagingStore } from '../src/pipeline/staging';
import { SAMPLE_ORGANIZATION, withCallCounter, withLatency, type CallCountingHandler } from '../src/sample';
import { LocalKeySigner } from '../src/signing/local-signer';
import { LocalObjectStore } from '../src/vault/local-store';
import type { ObjectStore, PutOutcome } from '../src/vault/store';
import { Vault } from '../src/vault/vault';

/** us-east-1 list prices (docs/deploy.md §Cost names the pages and the date). */
const PRICE = {
  s3StandardGbMonth: 0.023,
  s3PutPer1000: 0.005, // PUT, COPY, POST, LIST (PutObjectRetention is a PUT-class request)
  s3GetPer1000: 0.0004, // GET, HEAD, and all other requests (GetObjectRetention)
  lambdaArmGbSecond: 0.0000133334,
  lambdaPerRequest: 0.2 / 1e6,
  sfnStandardPerTransition: 0.025 / 1000,
  sfnExpressPerRequest: 1 / 1e6,
  sfnExpressGbSecond: 0.00001667,
  kmsAsymmetricPerRequest: 0.15 / 10_000,
  kmsKeyMonth: 1,
};
const MEMORY_GB = { plan: 0.25, collect: 0.5, seal: 1 };
const DAYS_PER_MONTH = 30.44;

interface VaultCounts { put: number; putRetention: number; head: number; get: number; getRetention: number; list: number; newBytes: number }

/** The vault store with the S3 requests S3ObjectStore would make for each call counted. */
function countingStore(inner: ObjectStore, c: VaultCounts): ObjectStore {
  return {
    url: inner.url,
    async putIfAbsent(key: string, body: Buffer, sha256: string): Promise<PutOutcome> {
      c.head++;
      const outcome = await inner.putIfAbsent(key, body, sha256);
      if (outcome === 'created') {
        c.put++;
        c.newBytes += body.length;
      } else {
        c.getRetention++;
        c.putRetention++;
      }
      return outcome;
    },
    // Only the pack puts files (the zip, by multipart upload); the daily run never does.
    putFileIfAbsent: (key, file) => inner.putFileIfAbsent(key, file),
    getToFile: (key, file) => (c.get++, inner.getToFile(key, file)),
    get: (key) => (c.get++, inner.get(key)),
    exists: (key) => (c.head++, inner.exists(key)),
    async list(prefix) {
      const keys = await inner.list(prefix);
      c.list += Math.max(1, Math.ceil(keys.length / 1000));
      return keys;
    },
    delete: (key) => inner.delete(key),
  };
}

interface DayFigures { vault: VaultCounts; stagingPut: number; stagingGet: number; stagingList: number; stagingBytes: number; apiCalls: Map<string, number>; items: number; collectMs: number[]; planMs: number; sealMs: number; signs: number; artifacts: number }

async function runDay(day: number, startDate: string, vaultDir: string, signer: LocalKeySigner, evaluation: Awaited<ReturnType<typeof evaluationFor>>, latencyMs: number): Promise<DayFigures> {
  const date = new Date(Date.parse(`${startDate}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
  const vc: VaultCounts = { put: 0, putRetention: 0, head: 0, get: 0, getRetention: 0, list: 0, newBytes: 0 };
  const vault = new Vault(countingStore(new LocalObjectStore(vaultDir), vc));
  const staging = new MemoryStagingStore();
  const counters: CallCountingHandler[] = [];
  const sample = sampleFanOut({ day, startDate, wrap: (h) => { const c = withCallCounter(withLatency(h, latencyMs)); counters.push(c); return c; } });
  let signs = 0;
  const countingSigner = { publicKeyPem: () => signer.publicKeyPem(), sign: (m: Buffer) => (signs++, signer.sign(m)) };
  const now = (): Date => new Date(`${date}T06:05:00.000Z`);
  try {
    let t = performance.now();
    const plan = await planDay({ vault, staging, stagingBucket: 'staging', date, accounts: await sample.listAccounts(), regions: SAMPLE_ORGANIZATION.regions, managementAccount: sample.managementAccount });
    const planMs = performance.now() - t;
    if (plan.sealed) throw new Error(`${date} is already sealed`);
    const items = JSON.parse(staging.objects.get(plan.itemsKey)!.toString('utf8')) as CollectItem[];
    const collectMs: number[] = [];
    for (const item of items) {
      t = performance.now();
      const { account, release } = await sample.accountFor(item);
      await collectItem({ date, item, account, collectors: COLLECTORS, staging, now });
      release();
      collectMs.push(performance.now() - t);
    }
    const stagingBytes = [...staging.objects.values()].reduce((n, b) => n + b.length, 0);
    t = performance.now();
    const sealed = await sealStaged({ vault, signer: countingSigner, staging, date, organization: SAMPLE_ORGANIZATION.name, collectors: COLLECTORS, evaluation, now });
    const sealMs = performance.now() - t;
    const apiCalls = new Map<string, number>();
    for (const c of counters) for (const [k, v] of c.counts()) apiCalls.set(k, (apiCalls.get(k) ?? 0) + v);
    return { vault: vc, stagingPut: staging.puts, stagingGet: staging.gets, stagingList: staging.lists, stagingBytes, apiCalls, items: items.length, collectMs, planMs, sealMs, signs, artifacts: sealed.artifacts };
  } finally {
    sample.destroy();
  }
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const usd = (x: number): string => (x < 0.01 ? `$${x.toFixed(4)}` : `$${x.toFixed(2)}`);

async function main(): Promise<void> {
  const days = Number(process.argv[2] ?? 8);
  const latencyMs = Number(process.argv[3] ?? 50);
  const dir = mkdtempSync(path.join(tmpdir(), 'evidence-cost-'));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const signer = LocalKeySigner.fromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const evaluation = evaluationFor(await loadCatalog());
  const figures: DayFigures[] = [];
  try {
    for (let d = 0; d < days; d++) figures.push(await runDay(d, '2026-07-01', dir, signer, evaluation, latencyMs));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const accounts = SAMPLE_ORGANIZATION.accounts.length;
  const steady = figures.slice(1);
  const perAccountDay = (f: (d: DayFigures) => number): number => mean(steady.map(f)) / accounts;
  const perAccountMonth = (f: (d: DayFigures) => number): number => perAccountDay(f) * DAYS_PER_MONTH;

  const s3Put = perAccountMonth((d) => d.vault.put + d.vault.putRetention + d.vault.list + d.stagingPut + d.stagingList + 1 /* the item list the Map reads is written once */);
  const s3Get = perAccountMonth((d) => d.vault.head + d.vault.get + d.vault.getRetention + d.stagingGet + 1 /* ItemReader GetObject */);
  const newGbMonth = perAccountMonth((d) => d.vault.newBytes) / 1e9;
  const storedAfter400Days = (figures[0]!.vault.newBytes / accounts + perAccountDay((d) => d.vault.newBytes) * 399) / 1e9;
  const collectGbS = perAccountMonth((d) => d.collectMs.reduce((a, b) => a + b, 0) / 1000 * MEMORY_GB.collect);
  const planSealGbS = perAccountMonth((d) => (d.planMs / 1000) * MEMORY_GB.plan + (d.sealMs / 1000) * MEMORY_GB.seal);
  const lambdaRequests = perAccountMonth((d) => d.items + 2);
  const expressRequests = perAccountMonth((d) => d.items);
  const expressGbS = perAccountMonth((d) => d.collectMs.reduce((a, ms) => a + Math.ceil(ms / 100) * 0.1 * 0.0625, 0));
  const transitions = perAccountMonth((d) => d.items + 5);
  const signs = perAccountMonth((d) => d.signs);
  const apiCalls = perAccountMonth((d) => [...d.apiCalls.values()].reduce((a, b) => a + b, 0));

  const rows: [string, string, number][] = [
    ['S3 PUT-class requests (PutObject, PutObjectRetention, LIST; vault + staging)', Math.round(s3Put).toLocaleString('en-US'), (s3Put / 1000) * PRICE.s3PutPer1000],
    ['S3 GET-class requests (HeadObject, GetObject, GetObjectRetention)', Math.round(s3Get).toLocaleString('en-US'), (s3Get / 1000) * PRICE.s3GetPer1000],
    ['S3 Standard storage added (GB-month, each month)', newGbMonth.toFixed(6), newGbMonth * PRICE.s3StandardGbMonth],
    ['S3 storage held after 400 days (GB-month, from then on)', storedAfter400Days.toFixed(5), storedAfter400Days * PRICE.s3StandardGbMonth],
    ['Lambda GB-seconds, collect (512 MB)', collectGbS.toFixed(1), collectGbS * PRICE.lambdaArmGbSecond],
    ['Lambda GB-seconds, plan + seal (shared by the organization)', planSealGbS.toFixed(1), planSealGbS * PRICE.lambdaArmGbSecond],
    ['Lambda requests', lambdaRequests.toFixed(1), lambdaRequests * PRICE.lambdaPerRequest],
    ['Step Functions Standard transitions (parent, one per child)', transitions.toFixed(1), transitions * PRICE.sfnStandardPerTransition],
    ['Step Functions Express child executions', expressRequests.toFixed(1), expressRequests * PRICE.sfnExpressPerRequest],
    ['Step Functions Express GB-seconds (64 MB, 100 ms steps)', expressGbS.toFixed(2), expressGbS * PRICE.sfnExpressGbSecond],
    ['KMS Sign requests (shared by the organization)', signs.toFixed(2), signs * PRICE.kmsAsymmetricPerRequest],
  ];
  const total = rows.reduce((a, [, , c]) => a + c, 0);
  const first = figures[0]!;
  console.log(`Sample organization: ${accounts} accounts × ${SAMPLE_ORGANIZATION.regions.length} regions, ${days} simulated days, ${latencyMs} ms added per AWS API call`);
  console.log(`Per day (steady state, whole organization): ${mean(steady.map((d) => d.artifacts)).toFixed(0)} artifacts in the manifest, ${mean(steady.map((d) => d.vault.put)).toFixed(0)} new objects (${(mean(steady.map((d) => d.vault.newBytes)) / 1024).toFixed(0)} KiB), ${mean(steady.map((d) => d.vault.putRetention)).toFixed(0)} retention extensions, ${mean(steady.map((d) => [...d.apiCalls.values()].reduce((a, b) => a + b, 0))).toFixed(0)} AWS API calls, staging ${(mean(steady.map((d) => d.stagingBytes)) / 1024).toFixed(0)} KiB`);
  console.log(`First day: ${first.vault.put} new objects (${(first.vault.newBytes / 1024).toFixed(0)} KiB)`);
  console.log(`Durations (steady state): plan ${mean(steady.map((d) => d.planMs)).toFixed(0)} ms, collect per item ${mean(steady.flatMap((d) => d.collectMs)).toFixed(0)} ms (max ${Math.max(...steady.flatMap((d) => d.collectMs)).toFixed(0)}), seal ${mean(steady.map((d) => d.sealMs)).toFixed(0)} ms`);
  console.log(`AWS API calls per account per month: ${Math.round(apiCalls).toLocaleString('en-US')} (read calls; not billed by the services asked, except CloudWatch Describe* beyond its free tier)`);
  console.log('');
  console.log('| per member account per month | quantity | cost (us-east-1) |');
  console.log('| --- | ---: | ---: |');
  for (const [what, qty, cost] of rows) console.log(`| ${what} | ${qty} | ${usd(cost)} |`);
  console.log(`| **total per account per month** | | **${usd(total)}** |`);
  console.log('');
  console.log(`Fixed per deployment: 2 customer KMS keys ${usd(2 * PRICE.kmsKeyMonth)}/month (+$1 a year later for the data key's rotation), CloudWatch alarms and custom metrics, the chain watch and quarterly pack (see docs/deploy.md).`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
