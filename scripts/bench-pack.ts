/**
 * Pack benchmark (README §Performance): a synthetic sealed local vault of 92 days × N artifacts a
 * day (default 10,000; 10% of them change each day, the rest are unchanged state stored once),
 * with a control-results artifact per day referencing a few hundred of them and real manifests
 * and signatures (src/core/seal, a local key). Then, each in its own child process so that peak
 * RSS is per step: buildPack, verifyPack of the pack folder and of the zip, and
 * `sha256sum -c SHA256SUMS` in the folder. Each step prints wall time, CPU time (user + system,
 * all threads: what the step costs whatever else the machine runs) and peak RSS. The verify steps
 * and sha256sum run REPEAT times (default 1) and the best wall time is shown last; the load
 * average before each run is printed, since a shared machine's wall times vary.
 *
 *   npm run build && npm run bench:pack -- [N] [DIR] [REPEAT]
 *
 * A DIR from an earlier run is reused: its vault is not sealed again, and its pack is not built
 * again (remove DIR/out and DIR/vault/packs, where the build stored its zip, to measure
 * buildPack once more).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadCatalog } from '../src/catalog';
import { ARTIFACT_SCHEMA, encodeArtifact } from '../src/core/artifact';
import type { ManifestArtifactEntry } from '../src/core/manifest';
import { mapPool } from '../src/core/pool';
import { sealDay } from '../src/core/seal';
import { buildPack } from '../src/pack/build';
import { LocalKeySigner } from '../src/signing/local-signer';
import { LocalObjectStore } from '../src/vault/local-store';
import { Vault } from '../src/vault/vault';
import { verifyPack } from '../src/verify/verify-pack';

const DAYS = 92;
const START = Date.parse('2026-07-01T00:00:00Z');
const ACCOUNT = '111122223333';
const REGIONS = ['us-east-1', 'eu-west-1'];

const dateOf = (day: number): string => new Date(START + day * 86_400_000).toISOString().slice(0, 10);
const hex = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Artifact i on day d: a GetBucketVersioning-shaped answer that changes every 10 days (staggered). */
function artifactFor(i: number, day: number): ReturnType<typeof encodeArtifact> {
  const version = Math.floor((day + (i % 10)) / 10);
  return encodeArtifact({
    schema: ARTIFACT_SCHEMA,
    request: { service: 's3', operation: 'GetBucketVersioning', input: { Bucket: `bench-bucket-${i}` }, account: ACCOUNT, region: REGIONS[i % 2] as string },
    response: { Status: version % 3 === 2 ? 'Suspended' : 'Enabled', MFADelete: 'Disabled', ETag: hex(`${i}:${version}`).slice(0, 32) },
  });
}

async function seal(vaultDir: string, keyFile: string, perDay: number): Promise<void> {
  const vault = new Vault(new LocalObjectStore(vaultDir));
  const signer = await LocalKeySigner.openOrCreate(keyFile);
  const catalog = await loadCatalog();
  const ids = catalog.catalog.controls.slice(0, 10).map((c) => c.id);
  for (let day = 0; day < DAYS; day++) {
    const date = dateOf(day);
    const observedAt = `${date}T06:00:00.000Z`;
    const entries: ManifestArtifactEntry[] = await mapPool(Array.from({ length: perDay }, (_, i) => i), 16, async (i) => {
      const a = artifactFor(i, day);
      await vault.putContent(a.key, a.bytes, a.sha256);
      return { key: a.key, sha256: a.sha256, bytes: a.bytes.length, collector: 's3', account: ACCOUNT, region: REGIONS[i % 2] as string, observedAt };
    });
    const resources = entries.slice(0, 300).map((e, i) => ({ resource: `bench-bucket-${i}`, account: ACCOUNT, region: e.region, verdict: 'pass', reason: 'Status is Enabled', evidence: [{ key: e.key, sha256: e.sha256 }] }));
    const results = encodeArtifact({
      schema: ARTIFACT_SCHEMA,
      request: { service: 'evidence-vault', operation: 'EvaluateControls', input: { date }, account: '*', region: '*' },
      response: {
        schema: 'evidence-vault/control-results/v1', date, catalog: { id: catalog.catalog.id, version: catalog.catalog.version, sha256: catalog.sha256 },
        summary: { pass: ids.length, fail: 0, 'not-applicable': 0, 'not-evidenced': 0, disabled: 0 },
        controls: ids.map((id, n) => ({ id, verdict: 'pass', checks: [{ rule: 's3.versioning', verdict: 'pass', resources: resources.slice(n * 30, n * 30 + 30) }], awsConfig: [] })),
      },
    });
    await vault.putContent(results.key, results.bytes, results.sha256);
    entries.push({ key: results.key, sha256: results.sha256, bytes: results.bytes.length, collector: 'evaluation', account: '*', region: '*', observedAt });
    const scope = { organization: 'Bench Org', mode: 'single-account' as const, accounts: [ACCOUNT], regions: REGIONS, collectors: ['evaluation', 's3'] };
    await sealDay(vault, signer, { date, scope, artifacts: entries, gaps: [] }, new Date(observedAt));
    if (day % 10 === 9) process.stderr.write(`  sealed ${day + 1}/${DAYS} days\n`);
  }
}

/** One measured step, run in this child process: prints {seconds, cpuSeconds, maxRssMiB}. */
async function step(name: string, dir: string): Promise<void> {
  const started = process.hrtime.bigint();
  if (name === 'build') {
    const signer = await LocalKeySigner.openOrCreate(path.join(dir, 'key.pem'));
    const vault = new Vault(new LocalObjectStore(path.join(dir, 'vault')));
    await buildPack({ vault, quarter: '2026-Q3', signer, outDir: path.join(dir, 'out'), now: () => new Date('2026-10-01T06:00:00Z') });
  } else {
    const out = path.join(dir, 'out');
    const pack = readdirSync(out).find((f) => !f.endsWith('.zip')) as string;
    const report = await verifyPack(path.join(out, name === 'verify-zip' ? `${pack}.zip` : pack));
    if (!report.ok) throw new Error(`pack did not verify: ${JSON.stringify(report.failures.slice(0, 3))}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const usage = process.resourceUsage();
  process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMiB: usage.maxRSS / 1024 })}\n`);
}

interface Measure {
  seconds: number;
  cpuSeconds: number;
  maxRssMiB: number;
}

const load = (): string => `load ${loadavg()[0]?.toFixed(1) ?? '?'}`;

function print(label: string, m: Measure, note: string): void {
  console.log(`${label.padEnd(28)} ${m.seconds.toFixed(1).padStart(7)} s wall ${m.cpuSeconds.toFixed(1).padStart(7)} s CPU   peak RSS ${m.maxRssMiB.toFixed(0).padStart(5)} MiB   (${note})`);
}

function measured(label: string, args: string[], repeat = 1): void {
  const runs: Measure[] = [];
  for (let i = 0; i < repeat; i++) {
    const before = load();
    const r = execFileSync(process.execPath, [__filename, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
    runs.push(JSON.parse(r.trim().split('\n').at(-1) as string) as Measure);
    print(label, runs[runs.length - 1] as Measure, before);
  }
  if (repeat > 1) print(`${label}, best`, runs.reduce((a, b) => (b.seconds < a.seconds ? b : a)), `best of ${repeat}`);
}

/** `sha256sum -c SHA256SUMS` in the pack folder, timed by /usr/bin/time (wall, user + system, max RSS). */
function sha256sum(pack: string, repeat: number): void {
  const runs: Measure[] = [];
  for (let i = 0; i < repeat; i++) {
    const before = load();
    const timed = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', 'sha256sum', '-c', '--quiet', 'SHA256SUMS'], { cwd: pack, encoding: 'utf8' });
    if (timed.error !== undefined || timed.status !== 0) {
      const t = Date.now();
      execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: pack });
      console.log(`${'sha256sum -c SHA256SUMS'.padEnd(28)} ${((Date.now() - t) / 1000).toFixed(1).padStart(7)} s wall   (no /usr/bin/time: CPU and RSS not measured)`);
      return;
    }
    const [seconds, user, system, kib] = (timed.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
    runs.push({ seconds: seconds ?? NaN, cpuSeconds: (user ?? NaN) + (system ?? NaN), maxRssMiB: (kib ?? NaN) / 1024 });
    print('sha256sum -c SHA256SUMS', runs[runs.length - 1] as Measure, before);
  }
  if (repeat > 1) print('sha256sum -c SHA256SUMS, best', runs.reduce((a, b) => (b.seconds < a.seconds ? b : a)), `best of ${repeat}`);
}

async function run(): Promise<void> {
  if (process.argv[2] === '--step') return step(process.argv[3] as string, process.argv[4] as string);
  const perDay = Number(process.argv[2] ?? 10_000);
  const dir = process.argv[3] ?? mkdtempSync(path.join(tmpdir(), 'bench-pack-'));
  const repeat = Number(process.argv[4] ?? 1);
  console.log(`bench:pack: ${DAYS} days × ${perDay} artifacts a day (10% change daily) in ${dir}`);
  if (!existsSync(path.join(dir, 'vault'))) {
    const t = Date.now();
    await seal(path.join(dir, 'vault'), path.join(dir, 'key.pem'), perDay);
    console.log(`sealed the synthetic vault in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  const out = path.join(dir, 'out');
  if (!existsSync(out)) measured('buildPack', ['--step', 'build', dir]);
  else console.log(`buildPack: ${out} exists, not built again`);
  const pack = path.join(out, readdirSync(out).find((f) => !f.endsWith('.zip')) as string);
  measured('verifyPack (folder)', ['--step', 'verify', dir], repeat);
  measured('verifyPack (zip)', ['--step', 'verify-zip', dir], repeat);
  sha256sum(pack, repeat);
  const files = execFileSync('wc', ['-l', 'SHA256SUMS'], { cwd: pack, encoding: 'utf8' }).trim().split(' ')[0] ?? '?';
  const zipBytes = Number(execFileSync('stat', ['-c', '%s', `${pack}.zip`], { encoding: 'utf8' }).trim());
  console.log(`pack: ${files} files in SHA256SUMS, zip ${(zipBytes / 1024 / 1024).toFixed(1)} MiB`);
}

run().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
