import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exitCodeFor, formatReport, verifyPack, type VerifyReport } from '../../src/verify';
import { OTHER_TEST_KEY, TEST_KEY } from '../support/keys';
import { TEST_PACK_NAME, writeSums, writeTestPack, zipPack } from '../support/pack-builder-for-tests';

/**
 * Pack verification (STYLE.md §9): one good pack, one change per case, one code per case. Most
 * cases then re-seal SHA256SUMS with the key, as a forger holding it would, so that the deeper
 * check is the one that catches the change; the SHA256SUMS cases show what catches it without.
 */
const M0 = 'manifests/2025-12-31/00000000.json';
const M1 = 'manifests/2026-01-01/00000001.json';
const M2 = 'manifests/2026-01-02/00000002.json';
const M3 = 'manifests/2026-01-03/00000003.json';

let pristine: string;
const temps: string[] = [];
beforeAll(() => {
  const parent = mkdtempSync(path.join(tmpdir(), 'ev-pack-'));
  temps.push(parent);
  ({ dir: pristine } = writeTestPack(parent));
});
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function copy(): string {
  const parent = mkdtempSync(path.join(tmpdir(), 'ev-pack-t-'));
  temps.push(parent);
  cpSync(pristine, path.join(parent, TEST_PACK_NAME), { recursive: true });
  return path.join(parent, TEST_PACK_NAME);
}

const at = (dir: string, key: string): string => path.join(dir, ...key.split('/'));
const artifactsOf = (dir: string, key: string): string[] => (JSON.parse(readFileSync(at(dir, key), 'utf8')) as { artifacts: Array<{ key: string }> }).artifacts.map((a) => a.key);

async function tampered(change: (dir: string) => void, opts: { reseal?: boolean; publicKeyPem?: string } = {}): Promise<VerifyReport> {
  const dir = copy();
  change(dir);
  if (opts.reseal === true) writeSums(dir);
  return verifyPack(dir, opts.publicKeyPem === undefined ? {} : { publicKeyPem: opts.publicKeyPem });
}

function expectOnly(report: VerifyReport, ...expected: string[]): void {
  expect([...new Set(report.failures.map((f) => f.code))].sort()).toEqual([...expected].sort());
  expect(report.ok).toBe(false);
  expect(exitCodeFor(report)).toBe(1);
  for (const f of report.failures) expect(f.message).not.toMatch(/\n\s+at /);
}

describe('verifyPack on a good pack', () => {
  it('a pack folder verifies: exit 0, its quarter, head and gaps', async () => {
    const report = await verifyPack(pristine, {});
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ ok: true, kind: 'pack', quarter: '2026-Q1', manifests: 4, artifacts: 5, days: ['2026-01-01', '2026-01-02', '2026-01-03'] });
    expect(report.head).toMatchObject({ key: M3, sequence: 3 });
    expect(report.gaps).toEqual([expect.objectContaining({ date: '2026-01-02', manifest: M2, errorCode: 'AccessDenied' })]);
    expect(exitCodeFor(report)).toBe(0);
    expect(formatReport(report)).toMatch(/^INTACT: /);
  });

  it('with the key given out of band (--public-key)', async () => {
    const report = await verifyPack(pristine, { publicKeyPem: TEST_KEY.publicKeyPem });
    expect(report.failures).toEqual([]);
    expect(report.publicKey?.source).toBe('given');
  });

  it('its zip verifies, read in place', async () => {
    const zip = path.join(path.dirname(pristine), `${TEST_PACK_NAME}.zip`);
    await zipPack(pristine, zip);
    const report = await verifyPack(zip, { publicKeyPem: TEST_KEY.publicKeyPem });
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ ok: true, kind: 'pack', quarter: '2026-Q1', manifests: 4, artifacts: 5 });
  });
});

describe('verifyPack on a pack changed in one way', () => {
  it('artifact changed: SUMS_MISMATCH; re-sealed sums: ARTIFACT_HASH_MISMATCH', async () => {
    const art = (d: string): string => artifactsOf(d, M2)[0] as string;
    const flip = (d: string): void => writeFileSync(at(d, art(d)), readFileSync(at(d, art(d))).toString('utf8').replace('Enabled', 'Enabeld'));
    expectOnly(await tampered(flip), 'SUMS_MISMATCH', 'ARTIFACT_HASH_MISMATCH');
    expectOnly(await tampered(flip, { reseal: true }), 'ARTIFACT_HASH_MISMATCH');
  });

  it('artifact missing: ARTIFACT_MISSING (and SUMS_INCOMPLETE, unless re-sealed)', async () => {
    const rm = (d: string): void => rmSync(at(d, artifactsOf(d, M3)[0] as string));
    expectOnly(await tampered(rm), 'ARTIFACT_MISSING', 'SUMS_INCOMPLETE');
    expectOnly(await tampered(rm, { reseal: true }), 'ARTIFACT_MISSING');
  });

  it('unlisted file: SUMS_INCOMPLETE; listed in re-sealed sums: UNLISTED_FILE', async () => {
    const add = (d: string): void => writeFileSync(at(d, 'notes.txt'), 'added later');
    expectOnly(await tampered(add), 'SUMS_INCOMPLETE', 'UNLISTED_FILE');
    expectOnly(await tampered(add, { reseal: true }), 'UNLISTED_FILE');
  });

  it('the anchor\'s artifacts added: UNLISTED_FILE (a pack holds the quarter\'s artifacts only)', async () => {
    const report = await tampered((d) => {
      const anchorOnly = artifactsOf(d, M0).find((k) => ![M1, M2, M3].some((m) => artifactsOf(d, m).includes(k))) as string;
      mkdirSync(path.dirname(at(d, anchorOnly)), { recursive: true });
      writeFileSync(at(d, anchorOnly), '{}');
    }, { reseal: true });
    expectOnly(report, 'UNLISTED_FILE');
  });

  // pack.json names each manifest by key and SHA-256: moving or editing one also contradicts it.
  it('manifest changed: SIGNATURE_INVALID (and pack.json no longer names its hash: PACK_INCONSISTENT)', async () => {
    const report = await tampered((d) => writeFileSync(at(d, M3), readFileSync(at(d, M3), 'utf8').replace('06:05:00.000Z', '06:05:01.000Z')), { reseal: true });
    expectOnly(report, 'SIGNATURE_INVALID', 'PACK_INCONSISTENT');
  });

  it('manifest removed, with its signature: MANIFEST_MISSING (pack.json still lists it: PACK_INCONSISTENT)', async () => {
    const report = await tampered((d) => [M2, `${M2}.sig`, ...artifactsOf(d, M2).filter((k) => !artifactsOf(d, M1).includes(k))].forEach((k) => rmSync(at(d, k))), { reseal: true });
    expectOnly(report, 'MANIFEST_MISSING', 'PACK_INCONSISTENT');
    expect(report.failures.find((f) => f.code === 'MANIFEST_MISSING')?.file).toBe(M2);
  });

  it('manifests reordered (swapped with their signatures): MANIFEST_MISPLACED (and PACK_INCONSISTENT)', async () => {
    const report = await tampered((d) => {
      for (const s of ['', '.sig']) {
        renameSync(at(d, M1 + s), at(d, `${M1}${s}.tmp`));
        renameSync(at(d, M2 + s), at(d, M1 + s));
        renameSync(at(d, `${M1}${s}.tmp`), at(d, M2 + s));
      }
    }, { reseal: true });
    expectOnly(report, 'MANIFEST_MISPLACED', 'PACK_INCONSISTENT');
  });

  it('manifest duplicated under another key: MANIFEST_DUPLICATE', async () => {
    const report = await tampered((d) => cpSync(at(d, 'manifests/2026-01-03'), at(d, 'manifests/2026-01-04'), { recursive: true }), { reseal: true });
    expectOnly(report, 'MANIFEST_DUPLICATE');
  });

  it('the anchor removed: MANIFEST_MISSING, and the chain is not restarted at the next manifest', async () => {
    const report = await tampered((d) => [M0, `${M0}.sig`].forEach((k) => rmSync(at(d, k))), { reseal: true });
    expectOnly(report, 'MANIFEST_MISSING', 'PACK_INCONSISTENT');
    expect(report.failures.find((f) => f.code === 'MANIFEST_MISSING')?.file).toBe(M0);
  });

  it('signature bad: SIGNATURE_INVALID', async () => {
    const report = await tampered((d) => {
      const sig = readFileSync(at(d, `${M1}.sig`));
      sig[20] = (sig[20] as number) ^ 1;
      writeFileSync(at(d, `${M1}.sig`), sig);
    }, { reseal: true });
    expectOnly(report, 'SIGNATURE_INVALID');
  });

  it('signature missing: SIGNATURE_MISSING', async () => {
    expectOnly(await tampered((d) => rmSync(at(d, `${M3}.sig`)), { reseal: true }), 'SIGNATURE_MISSING');
  });

  it('a different public key given: PUBLIC_KEY_MISMATCH, and every signature fails against it', async () => {
    const report = await tampered(() => undefined, { publicKeyPem: OTHER_TEST_KEY.publicKeyPem });
    expectOnly(report, 'PUBLIC_KEY_MISMATCH', 'SIGNATURE_INVALID', 'PACK_SIGNATURE_INVALID', 'SUMS_SIGNATURE_INVALID', 'PACK_INCONSISTENT');
  });

  it('pack.json.sig missing: PACK_SIGNATURE_MISSING; bad: PACK_SIGNATURE_INVALID', async () => {
    expectOnly(await tampered((d) => rmSync(at(d, 'pack.json.sig')), { reseal: true }), 'PACK_SIGNATURE_MISSING');
    expectOnly(await tampered((d) => writeFileSync(at(d, 'pack.json.sig'), readFileSync(at(d, `${M1}.sig`))), { reseal: true }), 'PACK_SIGNATURE_INVALID');
  });

  it('SHA256SUMS missing: SUMS_MISSING; its signature missing: SUMS_SIGNATURE_MISSING', async () => {
    expectOnly(await tampered((d) => rmSync(at(d, 'SHA256SUMS'))), 'SUMS_MISSING');
    expectOnly(await tampered((d) => rmSync(at(d, 'SHA256SUMS.sig'))), 'SUMS_SIGNATURE_MISSING');
  });

  it('report.pdf swapped for another: SUMS_MISMATCH', async () => {
    const report = await tampered((d) => writeFileSync(at(d, 'report.pdf'), '%PDF-1.4\n% another report, all controls green\n%%EOF\n'));
    expectOnly(report, 'SUMS_MISMATCH');
    expect(report.failures[0]?.file).toBe('report.pdf');
  });

  it('SHA256SUMS regenerated after the swap, without the key: SUMS_SIGNATURE_INVALID', async () => {
    const report = await tampered((d) => {
      writeFileSync(at(d, 'report.pdf'), '%PDF-1.4\n% another report\n%%EOF\n');
      const sig = readFileSync(at(d, 'SHA256SUMS.sig'));
      writeSums(d, OTHER_TEST_KEY);
      writeFileSync(at(d, 'SHA256SUMS.sig'), sig);
    });
    expectOnly(report, 'SUMS_SIGNATURE_INVALID');
  });

  it('SHA256SUMS with a path escaping the pack: SUMS_MALFORMED', async () => {
    const report = await tampered((d) => {
      writeFileSync(at(d, 'SHA256SUMS'), `${readFileSync(at(d, 'SHA256SUMS'), 'utf8')}${'0'.repeat(64)}  ../outside\n`);
    });
    expectOnly(report, 'SUMS_MALFORMED', 'SUMS_SIGNATURE_INVALID');
  });
});
