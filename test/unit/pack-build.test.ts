import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadCatalog, type LoadedCatalog } from '../../src/catalog';
import { isEvidenceError } from '../../src/core/errors';
import { evaluationFor } from '../../src/evaluate/registry';
import { buildPack, type BuiltPack } from '../../src/pack/build';
import { runSampleDay } from '../../src/pipeline/sample-organization';
import { LocalKeySigner } from '../../src/signing/local-signer';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import * as yauzl from 'yauzl';

/**
 * The quarterly pack (docs/formats/pack-v1.md) from a real sealed sample: 2026-06-30 (the chain
 * anchor, in Q2) then 2026-07-01 … 2026-07-30, so 2026-Q3 has 62 missing days and the sample's
 * versioning drift (day indexes 20-26: 2026-07-20 … 2026-07-26). GuardDuty S3 protection is
 * disabled by an override with its reason. Built once; each refusal case works on a copy.
 */
const START = '2026-06-30';
const DAYS = 31;
const DISABLED = { id: 'guardduty-s3-protection', reason: 'No S3 workloads in scope (risk accepted 2026-Q3).' };
const NOW = (): Date => new Date('2026-10-01T06:00:00.000Z');

let root = '';
let catalog: LoadedCatalog;
let built: BuiltPack;

async function seal(vaultDir: string, keyFile: string): Promise<void> {
  const vault = new Vault(new LocalObjectStore(vaultDir));
  const signer = await LocalKeySigner.openOrCreate(keyFile);
  const evaluation = evaluationFor(catalog);
  for (let day = 0; day < DAYS; day++) {
    await runSampleDay({ vault, signer, day, startDate: START, evaluation: evaluation });
  }
}

/** A copy of the sealed vault (writable, for tampering) and its signer. */
async function copyVault(label: string): Promise<{ vault: Vault; dir: string; signer: LocalKeySigner; out: string }> {
  const dir = path.join(root, `vault-${label}`);
  cpSync(path.join(root, 'vault'), dir, { recursive: true });
  return { vault: new Vault(new LocalObjectStore(dir)), dir, signer: await LocalKeySigner.openOrCreate(path.join(root, 'key.pem')), out: path.join(root, `out-${label}`) };
}

async function listZip(file: string): Promise<string[]> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => { names.push(e.fileName); zip.readEntry(); });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return names;
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'evidence-pack-'));
  const overrides = path.join(root, 'overrides.json');
  writeFileSync(overrides, JSON.stringify({ schema: 'evidence-vault/catalog-overrides/v1', disable: { [DISABLED.id]: DISABLED.reason } }));
  catalog = await loadCatalog({ overrides });
  await seal(path.join(root, 'vault'), path.join(root, 'key.pem'));
  const { vault, signer, out } = await copyVault('good');
  built = await buildPack({ vault, quarter: '2026-Q3', outDir: out, signer, now: NOW, catalog });
}, 120_000);

afterAll(() => {
  execFileSync('chmod', ['-R', 'u+w', root]);
  rmSync(root, { recursive: true, force: true });
});

describe('buildPack on a sealed sample quarter', () => {
  it('names the folder and zip after the quarter and the build time, and stores the zip in the vault', () => {
    expect(built.name).toBe('evidence-pack-2026-Q3-20261001T060000Z');
    expect(existsSync(built.dir)).toBe(true);
    expect(existsSync(built.zip)).toBe(true);
    expect(built.vaultKey).toBe(`packs/2026-Q3/${built.name}.zip`);
    expect(readFileSync(path.join(root, 'vault-good', built.vaultKey)).equals(readFileSync(built.zip))).toBe(true);
    expect(readdirSync(path.dirname(built.dir)).sort()).toEqual([built.name, `${built.name}.zip`]);
  });

  it('writes the period, the chain from its anchor, the missing days and the scope', () => {
    const pack = JSON.parse(readFileSync(path.join(built.dir, 'pack.json'), 'utf8'));
    expect(pack.schema).toBe('evidence-vault/pack/v2');
    expect(pack.period).toEqual({ quarter: '2026-Q3', start: '2026-07-01', end: '2026-09-30', days: 92 });
    expect(pack.generatedAt).toBe('2026-10-01T06:00:00.000Z');
    expect(pack.chain.anchor.key).toBe('manifests/2026-06-30/00000000.json');
    expect(pack.chain.manifests).toHaveLength(30);
    expect(pack.chain.head).toMatchObject({ key: 'manifests/2026-07-30/00000030.json', sequence: 30 });
    expect(pack.missingDays).toHaveLength(62);
    expect(pack.missingDays[0]).toBe('2026-07-31');
    expect(pack.days).toHaveLength(92);
    expect(pack.days[40]).toEqual({ date: '2026-08-10', manifest: null, results: null, controls: [] });
    expect(pack.scope.accounts).toEqual([...pack.scope.accounts].sort());
    expect(pack.scope.modes).toEqual(['sample']);
    expect(pack.signingKey.fingerprint).toBe(built.fingerprint);
    expect(existsSync(path.join(built.dir, 'manifests/2026-06-30/00000000.json.sig'))).toBe(true);
  });

  it('summarizes the versioning drift as one exception run and shows the disabled control with its reason', () => {
    const controls = built.pack.controls;
    const versioning = controls.find((c) => c.id === 's3-bucket-versioning')!;
    expect(versioning.exceptions).toEqual([expect.objectContaining({ from: '2026-07-20', to: '2026-07-26', verdict: 'fail' })]);
    expect(versioning.days.fail).toBe(7);
    expect(versioning.operatedEveryDay).toBe(false);
    expect(versioning.title.length).toBeGreaterThan(0);
    expect(versioning.mappings.soc2.length).toBeGreaterThan(0);
    const day = built.pack.days.find((d) => d.date === '2026-07-20')!;
    expect(day.controls.find((c) => c.id === 's3-bucket-versioning')).toMatchObject({ verdict: 'fail', exceptions: [expect.objectContaining({ verdict: 'fail' })] });
    expect(controls.find((c) => c.id === DISABLED.id)).toMatchObject({ disabled: { reason: DISABLED.reason }, days: expect.objectContaining({ disabled: 30 }) });
  });

  it('passes sha256sum -c SHA256SUMS, covering every other file', () => {
    const out = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: built.dir }).toString();
    const files = readFileSync(path.join(built.dir, 'SHA256SUMS'), 'utf8').trim().split('\n').map((l) => l.slice(66));
    expect(files).toEqual([...files].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(files).toEqual(expect.arrayContaining(['pack.json', 'pack.json.sig', 'report.pdf', 'oscal/assessment-results.json', 'public-key.pem', 'README.txt']));
    expect(out.split('\n').filter((l) => l.endsWith(': OK'))).toHaveLength(files.length);
  });

  it('signs pack.json so that openssl prints Verified OK with the pack public key', () => {
    const out = execFileSync('openssl', ['dgst', '-sha256', '-verify', 'public-key.pem', '-signature', 'pack.json.sig', 'pack.json'], { cwd: built.dir }).toString();
    expect(out).toBe('Verified OK\n');
    expect(readFileSync(path.join(built.dir, 'public-key.pem'), 'utf8')).toBe(readFileSync(path.join(root, 'vault', 'public-key.pem'), 'utf8'));
  });

  it('zips every file under one folder named like the pack', async () => {
    const names = await listZip(built.zip);
    expect(names.every((n) => n.startsWith(`${built.name}/`))).toBe(true);
    const sums = readFileSync(path.join(built.dir, 'SHA256SUMS'), 'utf8').trim().split('\n').map((l) => `${built.name}/${l.slice(66)}`);
    expect(names.filter((n) => !/\/SHA256SUMS(\.sig)?$/.test(n)).sort()).toEqual(sums.sort());
  });
});

describe('buildPack refuses broken evidence, naming it, and writes nothing', () => {
  async function expectRefused(label: string, tamper: (dir: string) => void, code: string, file: string): Promise<void> {
    const { vault, dir, signer, out } = await copyVault(label);
    execFileSync('chmod', ['-R', 'u+w', dir]);
    tamper(dir);
    const error = await buildPack({ vault, quarter: '2026-Q3', outDir: out, signer, now: NOW, catalog }).catch((e: unknown) => e);
    expect(isEvidenceError(error, 'EVIDENCE_BROKEN')).toBe(true);
    expect((error as Error).message).toContain(`${code} ${file}`);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    expect(existsSync(path.join(dir, 'packs'))).toBe(false);
  }

  it('a changed artifact: ARTIFACT_HASH_MISMATCH', async () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'vault', 'manifests/2026-07-10/00000010.json'), 'utf8'));
    const key = manifest.artifacts[3].key as string;
    await expectRefused('artifact', (dir) => writeFileSync(path.join(dir, key), `${readFileSync(path.join(dir, key), 'utf8')} `), 'ARTIFACT_HASH_MISMATCH', key);
  });

  it('a bad signature: SIGNATURE_INVALID', async () => {
    const sig = 'manifests/2026-07-05/00000005.json.sig';
    await expectRefused('signature', (dir) => writeFileSync(path.join(dir, sig), readFileSync(path.join(dir, 'manifests/2026-07-06/00000006.json.sig'))), 'SIGNATURE_INVALID', sig);
  });

  it('a removed manifest: MANIFEST_MISSING', async () => {
    const key = 'manifests/2026-07-15/00000015.json';
    await expectRefused('missing', (dir) => { rmSync(path.join(dir, key)); rmSync(path.join(dir, `${key}.sig`)); }, 'MANIFEST_MISSING', 'manifests/2026-07-16/00000016.json');
  });

  it('an unknown quarter form: USAGE', async () => {
    const { vault, signer, out } = await copyVault('usage');
    for (const quarter of ['2026-Q5', '2026Q3', 'Q3-2026', '2026-q3']) {
      const error = await buildPack({ vault, quarter, outDir: out, signer, now: NOW }).catch((e: unknown) => e);
      expect(isEvidenceError(error, 'USAGE')).toBe(true);
      expect((error as Error).message).toContain('expected YYYY-Q1');
    }
  });
});
