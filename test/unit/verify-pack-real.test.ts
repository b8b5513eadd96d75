import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadCatalog, type LoadedCatalog } from '../../src/catalog';
import { evaluationFor } from '../../src/evaluate/registry';
import { buildPack, type BuiltPack } from '../../src/pack/build';
import { runSampleDay } from '../../src/pipeline/sample-organization';
import { LocalKeySigner } from '../../src/signing/local-signer';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { exitCodeFor, verifyPack, verifyPath } from '../../src/verify';

/**
 * The real builder's pack (src/pack/build.ts) verifies with the auditor's verifier, as a folder
 * and as its zip, and the vault that stores the zip under packs/ still verifies. A short sealed
 * quarter: 2026-06-30 (the anchor, Q2), then 2026-07-01 … 2026-07-03 of the sample organization.
 */
const START = '2026-06-30';
const DAYS = 4;
let root = '';
let built: BuiltPack;
let vaultDir = '';

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ev-packreal-'));
  vaultDir = path.join(root, 'vault');
  const catalog: LoadedCatalog = await loadCatalog({});
  const vault = new Vault(new LocalObjectStore(vaultDir));
  const signer = await LocalKeySigner.openOrCreate(path.join(root, 'key.pem'));
  for (let day = 0; day < DAYS; day++) {
    await runSampleDay({ vault, signer, day, startDate: START, evaluation: evaluationFor(catalog) });
  }
  built = await buildPack({ vault, quarter: '2026-Q3', signer, outDir: path.join(root, 'out'), now: () => new Date('2026-10-01T06:00:00.000Z'), catalog });
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a pack built by the real builder', () => {
  it('verifies as a folder, with its key given', async () => {
    const report = await verifyPack(built.dir, { publicKeyPem: await (await LocalKeySigner.openOrCreate(path.join(root, 'key.pem'))).publicKeyPem() });
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ ok: true, kind: 'pack', quarter: '2026-Q3', days: ['2026-07-01', '2026-07-02', '2026-07-03'] });
    expect(exitCodeFor(report)).toBe(0);
  });

  it('verifies as its zip, read in place', async () => {
    const report = await verifyPath(built.zip, {});
    expect(report.failures).toEqual([]);
    expect(report.kind).toBe('pack');
  });

  it('the vault storing it under packs/ verifies, the zip checked as a pack', async () => {
    const report = await verifyPath(vaultDir, {});
    expect(report.failures).toEqual([]);
    expect(report.kind).toBe('vault');
  });
});
