import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { exitCodeFor, verifyPath, type VerifyReport } from '../../src/verify';
import { runCli } from '../support/cli';
import { TEST_KEY } from '../support/keys';

/**
 * The frozen golden pack of format v1 (test/golden/README.md): the committed folder and zip must
 * verify forever, with the CLI's verifier and with coreutils and openssl alone
 * (docs/formats/pack-v1.md §How to verify).
 */
const NAME = 'evidence-pack-2026-Q3-20261001T060000Z';
const GOLDEN = path.join(__dirname, '..', 'golden', 'pack-v1');
const DIR = path.join(GOLDEN, NAME);
const ZIP = path.join(GOLDEN, `${NAME}.zip`);
const FINGERPRINT = '341e41f01ce13094fafa1658557eb36107b6ff3b43d635546c15288e1b8865c4';
const PACK_JSON_SHA256 = '56ebd8a5b874792bbb9d19ad840131dd8cdf7e426751ce3643949139bbeddeb2';
const ANCHOR = { key: 'manifests/2026-06-30/00000000.json', sha256: '41e35cc63dbd2468d70c853e61bf781222aca9bcd5109d9ea178bd187a545dd9' };
const HEAD = { key: 'manifests/2026-07-03/00000003.json', sha256: 'a4635c966f9d86e7945a8fa6e98caba2f3b9fb2c14964ce100b9703c5d7bc6e3', sequence: 3, date: '2026-07-03' };

function expectGolden(report: VerifyReport, source: 'vault' | 'given'): void {
  expect(report.failures).toEqual([]);
  expect(report).toMatchObject({ ok: true, kind: 'pack', quarter: '2026-Q3' });
  expect(report.publicKey).toEqual({ fingerprint: FINGERPRINT, source });
  // The anchor and the quarter's three manifests; the 74 distinct artifacts the three list.
  expect(report.manifests).toBe(4);
  expect(report.artifacts).toBe(74);
  expect(report.days).toEqual(['2026-07-01', '2026-07-02', '2026-07-03']);
  expect(report.head).toEqual(HEAD);
  expect(report.gaps).toEqual([]);
  expect(exitCodeFor(report)).toBe(0);
}

describe('golden pack v1', () => {
  it.each([
    ['folder', DIR],
    ['zip', ZIP],
  ])('the %s verifies with the key it carries', async (_kind, target) => {
    expectGolden(await verifyPath(target, {}), 'vault');
  });

  it.each([
    ['folder', DIR],
    ['zip', ZIP],
  ])('the %s verifies with the signer key given out of band', async (_kind, target) => {
    expectGolden(await verifyPath(target, { publicKeyPem: TEST_KEY.publicKeyPem }), 'given');
  });

  it.each([
    ['folder', 'its own key', DIR, []],
    ['zip', 'its own key', ZIP, []],
    ['folder', '--public-key', DIR, ['--public-key', path.join(DIR, 'public-key.pem')]],
    ['zip', '--public-key', ZIP, ['--public-key', path.join(DIR, 'public-key.pem')]],
  ])('`evidence verify` of the %s exits 0 (%s)', async (_kind, _key, target, key) => {
    const r = await runCli(['verify', target, ...key]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^INTACT: /);
  });

  it('is the committed pack.json, anchored in 2026-Q2', () => {
    const bytes = readFileSync(path.join(DIR, 'pack.json'));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(PACK_JSON_SHA256);
    const pack = JSON.parse(bytes.toString('utf8')) as { chain: { anchor: unknown }; missingDays: string[] };
    expect(pack.chain.anchor).toEqual(ANCHOR);
    expect(pack.missingDays).toHaveLength(89);
  });

  it('passes `sha256sum -c SHA256SUMS` in the folder (real coreutils)', () => {
    const out = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: DIR, encoding: 'utf8' });
    const lines = out.trim().split('\n');
    expect(lines.length).toBe(readFileSync(path.join(DIR, 'SHA256SUMS'), 'utf8').trim().split('\n').length);
    expect(lines.every((l) => l.endsWith(': OK'))).toBe(true);
  });

  it.each(['pack.json', 'SHA256SUMS'])('openssl verifies %s.sig with public-key.pem', (file) => {
    const out = execFileSync('openssl', ['dgst', '-sha256', '-verify', 'public-key.pem', '-signature', `${file}.sig`, file], { cwd: DIR, encoding: 'utf8' });
    expect(out.trim()).toBe('Verified OK');
  });

  it('carries the TEST-ONLY public key, byte for byte', () => {
    expect(readFileSync(path.join(DIR, 'public-key.pem'), 'utf8')).toBe(TEST_KEY.publicKeyPem);
  });
});
