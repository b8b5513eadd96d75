import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { publicKeyFingerprint } from '../../src/signing/public-key';
import { VERIFY_CODES, exitCodeFor, formatReport, reportToJson, verifyVault } from '../../src/verify';
import { TEST_KEY } from '../support/keys';

// The frozen golden vault of format v1 (test/golden/README.md): it must verify forever.
const GOLDEN_V1 = path.join(__dirname, '..', 'golden', 'vault-v1');
const FINGERPRINT = '341e41f01ce13094fafa1658557eb36107b6ff3b43d635546c15288e1b8865c4';
const HEAD = {
  key: 'manifests/2026-01-07/00000002.json',
  sha256: 'bbd09c9cec00e5c03e41dd7bafd766a2dae73ef4d41c742e8e1e7eb08573fb69',
  sequence: 2,
  date: '2026-01-07',
};

describe('golden vault v1', () => {
  it('verifies with the key it carries', async () => {
    const report = await verifyVault(GOLDEN_V1, {});

    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.publicKey).toEqual({ fingerprint: FINGERPRINT, source: 'vault' });
    expect(report.manifests).toBe(3);
    expect(report.artifacts).toBe(6);
    expect(report.days).toEqual(['2026-01-05', '2026-01-06', '2026-01-07']);
    expect(report.head).toEqual(HEAD);
    expect(exitCodeFor(report)).toBe(0);
  });

  it('verifies with the signer key given out of band', async () => {
    const report = await verifyVault(GOLDEN_V1, { publicKeyPem: TEST_KEY.publicKeyPem });

    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.publicKey).toEqual({ fingerprint: FINGERPRINT, source: 'given' });
    expect(publicKeyFingerprint(TEST_KEY.publicKeyPem)).toBe(FINGERPRINT);
  });

  it('reports the recorded gap as a gap, not a failure', async () => {
    const report = await verifyVault(GOLDEN_V1, {});

    expect(report.gaps).toEqual([
      expect.objectContaining({
        date: '2026-01-06',
        manifest: 'manifests/2026-01-06/00000001.json',
        collector: 'cloudtrail',
        account: '111122223333',
        region: 'us-east-1',
        operation: 'GetTrailStatus',
        errorCode: 'AccessDeniedException',
      }),
    ]);
  });

  it('prints a text report and a JSON report', async () => {
    const report = await verifyVault(GOLDEN_V1, { publicKeyPem: TEST_KEY.publicKeyPem });

    const text = formatReport(report);
    expect(text).toMatch(/^INTACT: /);
    expect(text).toContain(`public key:  ${FINGERPRINT} (given)`);
    expect(text).toContain('2026-01-06 cloudtrail 111122223333/us-east-1 GetTrailStatus: AccessDeniedException');
    const json = JSON.parse(reportToJson(report));
    expect(json).toMatchObject({ schema: 'evidence-vault/verify-report/v1', ok: true, manifests: 3, artifacts: 6, exitCode: 0, head: HEAD });
  });

  it('has every error code documented, with its exit code, in docs/verification.md', () => {
    const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'verification.md'), 'utf8');
    for (const [code, { exit }] of Object.entries(VERIFY_CODES)) {
      expect(doc).toContain(`| \`${code}\` | ${exit} |`);
    }
  });
});
