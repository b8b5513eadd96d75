import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exitCodeFor, verifyPath, type VerifyReport } from '../../src/verify';
import type { PackJson } from '../../src/pack/model';
import { runCli } from '../support/cli';
import { TEST_KEY } from '../support/keys';

/**
 * The frozen golden pack of format v2 (test/golden/README.md §Golden pack v2): the committed folder
 * and zip must verify forever, with the CLI's verifier and with coreutils and openssl alone, and
 * its readiness section must match the sealed workflow records it carries.
 */
const NAME = 'evidence-pack-2026-Q3-20261001T060000Z';
const GOLDEN = path.join(__dirname, '..', 'golden', 'pack-v2');
const DIR = path.join(GOLDEN, NAME);
const ZIP = path.join(GOLDEN, `${NAME}.zip`);
const FINGERPRINT = '341e41f01ce13094fafa1658557eb36107b6ff3b43d635546c15288e1b8865c4';
const PACK_JSON_SHA256 = '5a0b09393a048cd1d34f241aa708b8722a0b4748bb49f1560a00327809247f25';
const ANCHOR = { key: 'manifests/2026-06-30/00000000.json', sha256: '696e2269af61cf5a64c5e8524464d635dcecf98b364506343b5c614e7863beca' };
const HEAD = { key: 'manifests/2026-07-05/00000012.json', sha256: 'e7c0651e829d364309734a63c621e27ee4ce9201ded1a822260475639c029ce5', sequence: 12, date: '2026-07-05' };

function expectGolden(report: VerifyReport, source: 'vault' | 'given'): void {
  expect(report.failures).toEqual([]);
  expect(report).toMatchObject({ ok: true, kind: 'pack', quarter: '2026-Q3' });
  expect(report.publicKey).toEqual({ fingerprint: FINGERPRINT, source });
  // The anchor, five daily runs and seven workflow-record manifests sealed between them.
  expect(report.manifests).toBe(13);
  expect(report.artifacts).toBe(107);
  expect(report.days).toEqual(['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04', '2026-07-05']);
  expect(report.head).toEqual(HEAD);
  expect(exitCodeFor(report)).toBe(0);
}

describe('golden pack v2', () => {
  it.each([['folder', DIR], ['zip', ZIP]])('the %s verifies with the key it carries and with the key given', async (_kind, target) => {
    expectGolden(await verifyPath(target, {}), 'vault');
    expectGolden(await verifyPath(target, { publicKeyPem: TEST_KEY.publicKeyPem }), 'given');
  });

  it('`evidence verify` of the zip exits 0', async () => {
    const r = await runCli(['verify', ZIP]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^INTACT: /);
  });

  it('is the committed pack.json, with its readiness section', () => {
    const bytes = readFileSync(path.join(DIR, 'pack.json'));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(PACK_JSON_SHA256);
    const pack = JSON.parse(bytes.toString('utf8')) as PackJson;
    expect(pack.schema).toBe('evidence-vault/pack/v2');
    expect(pack.chain.anchor).toEqual(ANCHOR);
    expect(pack.missingDays).toHaveLength(87);
    const r = pack.readiness!;
    expect(r.procedure?.version).toBe('1.0');
    expect(r.drills.map((d) => d.outcome)).toEqual(['pass', 'fail']);
    expect(r.incidents.map((i) => [i.id, i.outcome, i.deadlines.map((d) => d.status)])).toEqual([['INC-GOLDEN-1', 'missed', ['met', 'missed', 'skipped']]]);
    expect(r.review?.quarter).toBe('2026-Q3');
  });

  it('passes `sha256sum -c SHA256SUMS` and openssl checks of both signatures', () => {
    const out = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: DIR, encoding: 'utf8' });
    expect(out.trim().split('\n').every((l) => l.endsWith(': OK'))).toBe(true);
    for (const file of ['pack.json', 'SHA256SUMS']) {
      expect(execFileSync('openssl', ['dgst', '-sha256', '-verify', 'public-key.pem', '-signature', `${file}.sig`, file], { cwd: DIR, encoding: 'utf8' }).trim()).toBe('Verified OK');
    }
  });

  it('lets an auditor extract the attested procedure and check it with sha256sum', () => {
    const pack = JSON.parse(readFileSync(path.join(DIR, 'pack.json'), 'utf8')) as PackJson;
    const p = pack.readiness!.procedure!;
    const record = JSON.parse(readFileSync(path.join(DIR, p.record.key), 'utf8')) as { response: { contentBase64: string } };
    const work = mkdtempSync(path.join(tmpdir(), 'ev-golden-v2-'));
    try {
      writeFileSync(path.join(work, p.fileName), Buffer.from(record.response.contentBase64, 'base64'));
      expect(execFileSync('sha256sum', [p.fileName], { cwd: work, encoding: 'utf8' }).slice(0, 64)).toBe(p.sha256);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
