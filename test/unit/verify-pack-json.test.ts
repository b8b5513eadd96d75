import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exitCodeFor, verifyPack, type VerifyReport } from '../../src/verify';
import type { PackJson } from '../../src/pack/model';
import { TEST_PACK_NAME, writePackJson, writeSums, writeTestPack } from '../support/pack-builder-for-tests';
import { signLikeProduct } from '../support/keys';

/**
 * pack.json and manifests as hostile input in a pack (STYLE.md §5), and pack.json re-signed with
 * the right key but wrong about the sealed evidence: PACK_INCONSISTENT. Each case re-signs and
 * re-seals what a forger holding the key would, so that one check, and one code, catches it.
 */
const M2 = 'manifests/2026-01-02/00000002.json';
let pristine: string;
let good: PackJson;
const temps: string[] = [];
beforeAll(() => {
  const parent = mkdtempSync(path.join(tmpdir(), 'ev-packjson-'));
  temps.push(parent);
  ({ dir: pristine, pack: good } = writeTestPack(parent));
});
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** `after`: a change made after SHA256SUMS is re-sealed (a 1.1 GiB file is never hashed by the test itself). */
async function tampered(change: (dir: string) => void, after: (dir: string) => void = () => undefined): Promise<VerifyReport> {
  const parent = mkdtempSync(path.join(tmpdir(), 'ev-packjson-t-'));
  temps.push(parent);
  const dir = path.join(parent, TEST_PACK_NAME);
  cpSync(pristine, dir, { recursive: true });
  change(dir);
  writeSums(dir);
  after(dir);
  return verifyPack(dir, {});
}

const codes = (r: VerifyReport): string[] => [...new Set(r.failures.map((f) => f.code))].sort();
const truncated = (b: Buffer): Buffer => b.subarray(0, Math.floor(b.length / 2));
const invalidUtf8 = (): Buffer => Buffer.concat([Buffer.from('{"schema":"'), Buffer.of(0xc3, 0x28), Buffer.from('"}')]);
const duplicateKeys = (b: Buffer): Buffer => Buffer.from(`{"schema":"x",${b.toString('utf8').trimStart().slice(1)}`);
const deep = (): Buffer => Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
const HOSTILE: Array<[string, (b: Buffer) => Buffer, string]> = [
  ['truncated', truncated, 'JSON_SYNTAX'],
  ['invalid UTF-8', invalidUtf8, 'JSON_INVALID_UTF8'],
  ['duplicate keys', duplicateKeys, 'JSON_DUPLICATE_KEY'],
  ['nested 100,000 deep', deep, 'JSON_TOO_DEEP'],
];

describe('hostile JSON as pack.json (re-signed, re-sealed)', () => {
  it.each(HOSTILE)('%s: PACK_JSON_MALFORMED', async (_what, make, detail) => {
    const report = await tampered((d) => {
      const bytes = make(readFileSync(path.join(d, 'pack.json')));
      writeFileSync(path.join(d, 'pack.json'), bytes);
      writeFileSync(path.join(d, 'pack.json.sig'), signLikeProduct(bytes));
    });
    expect(codes(report)).toEqual(['PACK_JSON_MALFORMED']);
    expect(report.failures[0]?.message).toContain(detail);
    expect(exitCodeFor(report)).toBe(1);
  });

  it('an unknown member: PACK_JSON_MALFORMED naming it', async () => {
    const report = await tampered((d) => writePackJson(d, { ...good, extra: true } as PackJson));
    expect(codes(report)).toEqual(['PACK_JSON_MALFORMED']);
    expect(report.failures[0]?.message).toContain('extra');
  });

  it('a 1.1 GiB sparse pack.json: PACK_JSON_MALFORMED from its size, never read', async () => {
    const started = Date.now();
    const report = await tampered(() => undefined, (d) => truncateSync(path.join(d, 'pack.json'), Math.round(1.1 * 1024 ** 3)));
    expect(codes(report)).toEqual(['PACK_JSON_MALFORMED']);
    expect(report.failures[0]?.message).toContain('limit; not read');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('pack.json missing: PACK_JSON_MALFORMED', async () => {
    const report = await tampered((d) => rmSync(path.join(d, 'pack.json')));
    expect(codes(report)).toEqual(['PACK_JSON_MALFORMED']);
  });
});

describe('hostile JSON as a manifest of the pack (sums re-sealed)', () => {
  it.each(HOSTILE)('%s: MANIFEST_MALFORMED (and its signature no longer verifies)', async (_what, make, detail) => {
    const report = await tampered((d) => writeFileSync(path.join(d, M2), make(readFileSync(path.join(d, M2)))));
    expect(codes(report)).toEqual(['MANIFEST_MALFORMED', 'PACK_INCONSISTENT', 'SIGNATURE_INVALID']);
    expect(report.failures.find((f) => f.code === 'MANIFEST_MALFORMED')?.message).toContain(detail);
  });

  it('a 1.1 GiB sparse manifest: MANIFEST_MALFORMED from its size, never read', async () => {
    const started = Date.now();
    const report = await tampered(() => undefined, (d) => truncateSync(path.join(d, M2), Math.round(1.1 * 1024 ** 3)));
    expect(codes(report)).toContain('MANIFEST_MALFORMED');
    expect(codes(report)).not.toContain('SUMS_MISMATCH');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('pack.json re-signed with the key, wrong about the sealed evidence', () => {
  it('a control status changed in pack.json, re-signed and re-sealed with the key: PACK_INCONSISTENT', async () => {
    const report = await tampered((d) => {
      const pack = structuredClone(good);
      const day = pack.days.find((x) => x.date === '2026-01-03');
      const control = day?.controls.find((c) => c.id === 'TEST-VERSIONING');
      if (control === undefined) throw new Error('fixture changed');
      control.verdict = 'pass';
      writePackJson(d, pack);
    });
    expect(codes(report)).toEqual(['PACK_INCONSISTENT']);
    expect(report.failures[0]?.message).toContain('$.days[2] (2026-01-03).controls[1]: the sealed results say TEST-VERSIONING=fail, pack.json says TEST-VERSIONING=pass');
  });

  it.each<[string, (p: PackJson) => void]>([
    ['missingDays', (p) => void p.missingDays.shift()],
    ['a manifest Merkle root', (p) => void ((p.chain.manifests[0] as { merkleRoot: string }).merkleRoot = '0'.repeat(64))],
    ['a manifest reference', (p) => void ((p.chain.manifests[1] as { sha256: string }).sha256 = '1'.repeat(64))],
    ['operatedEveryDay', (p) => void ((p.controls[0] as { operatedEveryDay: boolean }).operatedEveryDay = true)],
    ['a control\'s failing days', (p) => void ((p.controls[1] as { days: { fail: number } }).days.fail = 0)],
    ['a gap dropped', (p) => void p.gaps.pop()],
    ['the period', (p) => void (p.period.end = '2026-02-28')],
    ['the anchor', (p) => void (p.chain.anchor = null)],
    ['the signing key', (p) => void (p.signingKey.fingerprint = '2'.repeat(64))],
    ['a day\'s results artifact', (p) => void ((p.days[0] as { results: null }).results = null)],
  ])('%s: PACK_INCONSISTENT', async (_what, change) => {
    const report = await tampered((d) => {
      const pack = structuredClone(good);
      change(pack);
      writePackJson(d, pack);
    });
    expect(codes(report)).toContain('PACK_INCONSISTENT');
    expect(codes(report).filter((c) => !['PACK_INCONSISTENT', 'MANIFEST_MISSING', 'UNLISTED_FILE', 'ARTIFACT_MISSING'].includes(c))).toEqual([]);
  });
});

describe('pack.json re-signed with the key, wrong about a day\'s exceptions or resource counts', () => {
  type Day = PackJson['days'][number]['controls'][number];
  it.each<[string, (c: Day) => void, string]>([
    ['an exception\'s reason changed', (c) => void ((c.exceptions[0] as { reason: string }).reason = 'versioning looked fine'), '.exceptions[0]: the sealed results say'],
    ['an exception dropped', (c) => void c.exceptions.pop(), '.exceptions[0]: the sealed results say'],
    ['an exception\'s resource changed', (c) => void ((c.exceptions[0] as { resource: string }).resource = 'some-other-bucket'), '.exceptions[0]: the sealed results say'],
    ['a resource count changed', (c) => void (c.resources.pass += 1), '.resources: the sealed results count'],
    ['failing resources counted as passing', (c) => void ((c.resources.pass += c.resources.fail), (c.resources.fail = 0)), '.resources: the sealed results count'],
  ])('%s: PACK_INCONSISTENT naming the day and control', async (_what, change, detail) => {
    const report = await tampered((d) => {
      const pack = structuredClone(good);
      const control = pack.days.find((x) => x.date === '2026-01-03')?.controls.find((c) => c.id === 'TEST-VERSIONING');
      if (control === undefined || control.exceptions.length === 0) throw new Error('fixture changed: expected TEST-VERSIONING to fail on 2026-01-03');
      change(control);
      writePackJson(d, pack);
    });
    expect(codes(report)).toEqual(['PACK_INCONSISTENT']);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]?.message).toContain(`$.days[2] (2026-01-03).controls[1] (TEST-VERSIONING)${detail}`);
  });
});
