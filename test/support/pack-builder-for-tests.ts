import { createWriteStream, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as yazl from 'yazl';
import { ARTIFACT_SCHEMA, encodeArtifact } from '../../src/core/artifact';
import { sha256Hex } from '../../src/core/hash';
import { buildManifest, encodeManifest, type ManifestArtifactEntry, type ManifestGap, type ManifestV1 } from '../../src/core/manifest';
import { CONTROL_RESULTS_SCHEMA, type ControlResults, type ControlVerdict } from '../../src/evaluate/engine';
import { RESULTS_COLLECTOR, encodeResults } from '../../src/evaluate/results-artifact';
import type { PackDay, PackJson } from '../../src/pack/model';
import { publicKeyFingerprint } from '../../src/signing/public-key';
import { TEST_KEY, signLikeProduct, type TestKeyPair } from './keys';

/**
 * TEST FIXTURE ONLY: a small valid evidence pack made without the real builder, so that the
 * verifier can be tested one tamper at a time (docs/formats/pack-v1.md layout). The sealed
 * quarter is tiny: anchor 2025-12-31 (sequence 0), then 2026-01-01..03 (sequences 1-3) of one
 * account, each day an S3 versioning answer and that day's control results; 01-02 records a gap.
 * report.pdf and the OSCAL file are placeholders here; the real ones come from the builder.
 */
export const TEST_PACK_NAME = 'evidence-pack-2026-Q1-20260402T060000Z';
const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const BUCKET = 'edtech-student-records-prod';
const FINGERPRINT = publicKeyFingerprint(TEST_KEY.publicKeyPem);
const CATALOG = { id: 'test-catalog', version: '1', sha256: sha256Hex('test catalog') };
const SCOPE = { organization: 'o-test1234', mode: 'single-account' as const, accounts: [ACCOUNT], regions: [REGION], collectors: ['s3'] };
/** Day → versioning status and the verdicts of the two test controls. */
const DAYS: Array<[string, string, ControlVerdict]> = [['2025-12-31', 'Enabled', 'pass'], ['2026-01-01', 'Enabled', 'pass'], ['2026-01-02', 'Enabled', 'pass'], ['2026-01-03', 'Suspended', 'fail']];
const GAP: ManifestGap = { collector: 's3', account: ACCOUNT, region: REGION, operation: 'GetBucketLifecycleConfiguration', errorCode: 'AccessDenied', message: 'Access Denied' };

interface Sealed { key: string; sha256: string; manifest: ManifestV1; results: ControlResults }

function sealQuarter(files: Map<string, Buffer>): Sealed[] {
  const sealed: Sealed[] = [];
  for (const [date, status, verdict] of DAYS) {
    const observedAt = `${date}T06:00:00.000Z`;
    const answer = encodeArtifact({ schema: ARTIFACT_SCHEMA, request: { service: 's3', operation: 'GetBucketVersioning', input: { Bucket: BUCKET }, account: ACCOUNT, region: REGION }, response: { Status: status } });
    const evidence = [{ key: answer.key, sha256: answer.sha256 }];
    const resource = { resource: BUCKET, account: ACCOUNT, region: REGION, verdict: verdict === 'fail' ? 'fail' as const : 'pass' as const, reason: `Status is ${status}`, evidence };
    const results: ControlResults = {
      schema: CONTROL_RESULTS_SCHEMA, date, catalog: CATALOG,
      summary: { pass: verdict === 'pass' ? 2 : 1, fail: verdict === 'fail' ? 1 : 0, 'not-applicable': 0, 'not-evidenced': 0, disabled: 0 },
      controls: [
        { id: 'TEST-LOGGING', verdict: 'pass', checks: [{ rule: 's3.versioning', verdict: 'pass', resources: [{ ...resource, verdict: 'pass' }] }], awsConfig: [] },
        { id: 'TEST-VERSIONING', verdict, checks: [{ rule: 's3.versioning', verdict: resource.verdict, resources: [resource] }], awsConfig: [] },
      ],
    };
    const encoded = encodeResults(results);
    const entries: ManifestArtifactEntry[] = [
      { key: answer.key, sha256: answer.sha256, bytes: answer.bytes.length, collector: 's3', account: ACCOUNT, region: REGION, observedAt },
      { key: encoded.key, sha256: encoded.sha256, bytes: encoded.bytes.length, collector: RESULTS_COLLECTOR, account: '*', region: '*', observedAt },
    ];
    const prior = sealed[sealed.length - 1];
    const manifest = buildManifest(
      { date, sealedAt: `${date}T06:05:00.000Z`, scope: SCOPE, artifacts: entries, gaps: date === '2026-01-02' ? [GAP] : [] },
      prior === undefined ? null : { link: { key: prior.key, sha256: prior.sha256 }, sequence: prior.manifest.sequence },
      FINGERPRINT,
    );
    const { key, sha256, bytes } = encodeManifest(manifest);
    files.set(key, bytes).set(`${key}.sig`, signLikeProduct(bytes));
    // The anchor's artifacts stay in the vault: a pack holds only the quarter's (pack-v1.md).
    if (sealed.length > 0) files.set(answer.key, answer.bytes).set(encoded.key, encoded.bytes);
    sealed.push({ key, sha256, manifest, results });
  }
  return sealed;
}

function packJson(sealed: Sealed[]): PackJson {
  const [anchor, ...members] = sealed as [Sealed, ...Sealed[]];
  const head = members[members.length - 1] as Sealed;
  const days: PackDay[] = [];
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2026, 3, 1); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const m = members.find((s) => s.manifest.date === date);
    const results = m?.manifest.artifacts.find((a) => a.collector === RESULTS_COLLECTOR);
    const controls = (m?.results.controls ?? []).map((c) => {
      const resources = c.checks.flatMap((k) => k.resources);
      const count = (v: string): number => resources.filter((r) => r.verdict === v).length;
      return {
        id: c.id, verdict: c.verdict,
        exceptions: resources.filter((r) => r.verdict !== 'pass').map(({ resource, account, region, verdict, reason }) => ({ resource, account, region, verdict, reason })),
        resources: { pass: count('pass'), fail: count('fail'), notApplicable: count('not-applicable'), notEvidenced: count('not-evidenced') },
        evidence: resources.flatMap((r) => r.evidence),
      };
    });
    days.push({ date, manifest: m === undefined ? null : { key: m.key, sha256: m.sha256 }, results: results === undefined ? null : { key: results.key, sha256: results.sha256 }, controls });
  }
  const verdictDays = (id: string, v: ControlVerdict): number => members.filter((s) => s.results.controls.find((c) => c.id === id)?.verdict === v).length;
  return {
    schema: 'evidence-vault/pack/v1', organization: SCOPE.organization,
    period: { quarter: '2026-Q1', start: '2026-01-01', end: '2026-03-31', days: 90 },
    generatedAt: '2026-04-02T06:00:00.000Z',
    scope: { accounts: [ACCOUNT], regions: [REGION], collectors: ['s3'], modes: ['single-account'] },
    catalog: CATALOG,
    signingKey: { algorithm: 'ECDSA_P256_SHA256', fingerprint: FINGERPRINT },
    chain: {
      anchor: { key: anchor.key, sha256: anchor.sha256 },
      head: { key: head.key, sha256: head.sha256, sequence: head.manifest.sequence },
      manifests: members.map((s) => ({ key: s.key, sha256: s.sha256, date: s.manifest.date, sequence: s.manifest.sequence, merkleRoot: s.manifest.merkle.root, artifacts: s.manifest.artifacts.length, gaps: s.manifest.gaps.length })),
    },
    days,
    missingDays: days.filter((d) => d.manifest === null).map((d) => d.date),
    gaps: members.flatMap((s) => s.manifest.gaps.map((g) => ({ ...g, date: s.manifest.date, manifest: s.key }))),
    controls: ['TEST-LOGGING', 'TEST-VERSIONING'].map((id) => ({
      id, title: `Test control ${id}`, tests: 'bucket versioning', kind: 'automated' as const,
      mappings: { soc2: ['CC7.2'], iso27001_2022: ['A.8.13'], iso27001_2013: ['A.12.3.1'] },
      checks: [{ rule: 's3.versioning', params: {} }], disabled: null,
      days: { pass: verdictDays(id, 'pass'), fail: verdictDays(id, 'fail'), 'not-applicable': 0, 'not-evidenced': 0, disabled: 0 },
      operatedEveryDay: false, exceptions: [], evidenceCount: 3, sampleEvidence: [],
    })),
  };
}

/** Writes the pack folder `<parent>/<TEST_PACK_NAME>/` and answers its path and pack.json. */
export function writeTestPack(parent: string): { dir: string; pack: PackJson } {
  const dir = path.join(parent, TEST_PACK_NAME);
  const files = new Map<string, Buffer>();
  const pack = packJson(sealQuarter(files));
  files.set('public-key.pem', Buffer.from(TEST_KEY.publicKeyPem));
  files.set('report.pdf', Buffer.from('%PDF-1.4\n% TEST FIXTURE placeholder, not a report\n%%EOF\n'));
  files.set('oscal/assessment-results.json', Buffer.from('{"assessment-results":{"uuid":"00000000-0000-4000-8000-000000000000"}}\n'));
  files.set('README.txt', Buffer.from('TEST FIXTURE pack. Verify: sha256sum -c SHA256SUMS\n'));
  for (const [key, bytes] of files) writeFile(dir, key, bytes);
  writePackJson(dir, pack);
  return { dir, pack };
}

/** Rewrites pack.json and its signature, then SHA256SUMS and its signature, as the builder (or a forger holding the key) would. */
export function writePackJson(dir: string, pack: PackJson, key: TestKeyPair = TEST_KEY): void {
  const bytes = Buffer.from(`${JSON.stringify(pack, null, 2)}\n`);
  writeFile(dir, 'pack.json', bytes);
  writeFile(dir, 'pack.json.sig', signLikeProduct(bytes, key));
  writeSums(dir, key);
}

/** SHA256SUMS over every file but itself and its signature (coreutils format, sorted), signed with `key`. */
export function writeSums(dir: string, key: TestKeyPair = TEST_KEY): void {
  const lines = listFiles(dir)
    .filter((f) => f !== 'SHA256SUMS' && f !== 'SHA256SUMS.sig')
    .map((f) => `${sha256Hex(readFileSync(path.join(dir, f)))}  ${f}\n`);
  const sums = Buffer.from(lines.join(''));
  writeFile(dir, 'SHA256SUMS', sums);
  writeFile(dir, 'SHA256SUMS.sig', signLikeProduct(sums, key));
}

export function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ name: string; parentPath: string; isFile(): boolean }>)
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

/** Zips a pack folder as the builder does (every entry under `<folder name>/`), plus any `extra` raw entries. */
export function zipPack(dir: string, zipFile: string, extra: Array<{ name: string; data: Buffer; mode?: number }> = []): Promise<void> {
  const zip = new yazl.ZipFile();
  const top = path.basename(dir);
  for (const f of listFiles(dir)) zip.addBuffer(readFileSync(path.join(dir, f)), `${top}/${f}`, { mtime: new Date('2026-04-02T06:00:00Z') });
  for (const e of extra) zip.addBuffer(e.data, e.name, { mode: e.mode ?? 0o100644 });
  zip.end();
  return new Promise((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(zipFile)).on('close', resolve).on('error', reject);
  });
}

function writeFile(dir: string, key: string, bytes: Buffer): void {
  const file = path.join(dir, ...key.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}
