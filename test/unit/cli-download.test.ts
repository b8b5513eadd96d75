import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { downloadVerifiedPack } from '../../src/cli/download';
import { BrokenEvidenceError } from '../../src/pack/broken';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { runCli } from '../support/cli';
import { OTHER_TEST_KEY } from '../support/keys';
import { TEST_PACK_NAME, writeTestPack, zipPack } from '../support/pack-builder-for-tests';

/**
 * `evidence download` without S3 (docs/cli.md): downloadVerifiedPack verifies the zip, extracts it
 * with the verifier's extractPackZip and verifies the folder; a refused zip leaves nothing behind.
 */
const GOLDEN_NAME = 'evidence-pack-2026-Q3-20261001T060000Z';
const GOLDEN_ZIP = path.join(__dirname, '..', 'golden', 'pack-v1', `${GOLDEN_NAME}.zip`);
let parent: string;
let pack: string;
beforeAll(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'ev-download-'));
  pack = writeTestPack(mkdtempSync(path.join(parent, 'src-'))).dir;
});
afterAll(() => rmSync(parent, { recursive: true, force: true }));

let n = 0;
const fresh = (what: string): string => mkdtempSync(path.join(parent, `${what}-${(n += 1)}-`));

async function refusal(run: Promise<unknown>): Promise<BrokenEvidenceError> {
  const e: unknown = await run.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(BrokenEvidenceError);
  expect((e as BrokenEvidenceError).code).toBe('EVIDENCE_BROKEN');
  return e as BrokenEvidenceError;
}

describe('downloadVerifiedPack of a good zip', () => {
  it('places the golden pack folder and its zip, verified, byte for byte', async () => {
    const target = fresh('good');
    const got = await downloadVerifiedPack(GOLDEN_ZIP, target);
    expect(got).toEqual({ zip: path.join(target, `${GOLDEN_NAME}.zip`), dir: path.join(target, GOLDEN_NAME), fingerprint: '341e41f01ce13094fafa1658557eb36107b6ff3b43d635546c15288e1b8865c4' });
    expect(readdirSync(target).sort()).toEqual([GOLDEN_NAME, `${GOLDEN_NAME}.zip`]);
    expect(readFileSync(got.zip).equals(readFileSync(GOLDEN_ZIP))).toBe(true);
    expect(execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: got.dir, encoding: 'utf8' })).toBe('');
  });

  it('takes the zip as bytes with its expected name, and never replaces an existing pack', async () => {
    const target = fresh('bytes');
    const got = await downloadVerifiedPack(readFileSync(GOLDEN_ZIP), target, { name: GOLDEN_NAME });
    expect(got.dir).toBe(path.join(target, GOLDEN_NAME));
    const again = await downloadVerifiedPack(readFileSync(GOLDEN_ZIP), target, { name: GOLDEN_NAME }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'USAGE' });
    expect(readdirSync(target).sort()).toEqual([GOLDEN_NAME, `${GOLDEN_NAME}.zip`]);
  });

  it('refuses a zip whose folder is not the expected name', async () => {
    const target = fresh('name');
    const e = await downloadVerifiedPack(readFileSync(GOLDEN_ZIP), target, { name: TEST_PACK_NAME }).catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'EVIDENCE_BROKEN' });
    expect(readdirSync(target)).toEqual([]);
  });
});

describe('downloadVerifiedPack refuses, and writes nothing in the target', () => {
  it('a tampered zip: report.pdf swapped after SHA256SUMS was signed (SUMS_MISMATCH)', async () => {
    const tampered = path.join(fresh('tampered'), TEST_PACK_NAME);
    cpSync(pack, tampered, { recursive: true });
    writeFileSync(path.join(tampered, 'report.pdf'), '%PDF-1.4\n% a different report\n%%EOF\n');
    const zip = path.join(parent, 'tampered.zip');
    await zipPack(tampered, zip);
    const target = fresh('target');

    const e = await refusal(downloadVerifiedPack(zip, target));

    expect(e.failures.map((f) => f.code)).toEqual(['SUMS_MISMATCH']);
    expect(e.failures[0]?.file).toBe('report.pdf');
    expect(e.message).toContain('SUMS_MISMATCH report.pdf');
    expect(e.message).toContain('the evidence is not intact, nothing was kept');
    expect(readdirSync(target)).toEqual([]);
  });

  it('a good zip checked against another key (PUBLIC_KEY_MISMATCH)', async () => {
    const target = fresh('other-key');
    const e = await refusal(downloadVerifiedPack(GOLDEN_ZIP, target, { publicKeyPem: OTHER_TEST_KEY.publicKeyPem }));
    expect(e.failures.map((f) => f.code)).toContain('PUBLIC_KEY_MISMATCH');
    expect(readdirSync(target)).toEqual([]);
  });

  it('a zip with `../evil.txt`: refused (ZIP_UNSAFE_ENTRY), nothing written anywhere', async () => {
    const zip = path.join(parent, 'evil.zip');
    // zip writers refuse `..`: write a same-length placeholder, then patch the name in place.
    await zipPack(pack, zip, [{ name: 'QQ/evil.txt', data: Buffer.from('payload') }]);
    const bytes = readFileSync(zip);
    for (let i = bytes.indexOf('QQ/evil.txt'); i !== -1; i = bytes.indexOf('QQ/evil.txt', i + 1)) bytes.write('../evil.txt', i);
    writeFileSync(zip, bytes);
    const outer = fresh('outer');
    const target = path.join(outer, 'target');
    mkdirSync(target);

    const e = await refusal(downloadVerifiedPack(zip, target));

    expect(e.failures.map((f) => f.code)).toContain('ZIP_UNSAFE_ENTRY');
    expect(readdirSync(target)).toEqual([]);
    expect(readdirSync(outer)).toEqual(['target']);
    expect(readdirSync(parent)).not.toContain('evil.txt');
  });
});

describe('evidence download from a file:// vault', () => {
  it('fetches the newest pack of the quarter, verifies it twice and says done', async () => {
    const vaultDir = fresh('vault');
    await new Vault(new LocalObjectStore(vaultDir)).putNew(`packs/2026-Q3/${GOLDEN_NAME}.zip`, readFileSync(GOLDEN_ZIP));
    const out = fresh('out');

    const r = await runCli(['download', '--vault', `file://${vaultDir}`, '--quarter', '2026-Q3', '--out', out]);

    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Downloaded packs/2026-Q3/${GOLDEN_NAME}.zip: verified as a zip and again as a folder`);
    expect(r.out.split('\n').at(-1)).toBe('done');
    expect(readdirSync(out).sort()).toEqual([GOLDEN_NAME, `${GOLDEN_NAME}.zip`]);
  });

  it('exits 1 naming the verifier code when the stored zip is tampered with', async () => {
    const vaultDir = fresh('vault');
    const bytes = readFileSync(GOLDEN_ZIP);
    // One byte of README.txt's compressed data (after its local header), so it no longer inflates to its CRC.
    const header = bytes.indexOf(`${GOLDEN_NAME}/README.txt`) - 30;
    const data = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
    bytes[data + 10] = (bytes[data + 10] ?? 0) ^ 0xff;
    await new Vault(new LocalObjectStore(vaultDir)).putNew(`packs/2026-Q3/${GOLDEN_NAME}.zip`, bytes);
    const out = fresh('out');

    const r = await runCli(['download', '--vault', `file://${vaultDir}`, '--quarter', '2026-Q3', '--out', out]);

    expect(r.code).toBe(1);
    expect(r.err).toMatch(/EVIDENCE_BROKEN: .*the evidence is not intact/);
    expect(r.err).toContain('ZIP_MALFORMED README.txt');
    expect(readdirSync(out)).toEqual([]);
  });
});
