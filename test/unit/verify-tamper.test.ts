import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { artifactKey } from '../../src/core/artifact';
import { canonicalize } from '../../src/core/canonical';
import { sha256Hex } from '../../src/core/hash';
import { encodeManifest, type ManifestV1 } from '../../src/core/manifest';
import { merkleRoot } from '../../src/core/merkle';
import { exitCodeFor, verifyVault, type VerifyReport } from '../../src/verify';
import { OTHER_TEST_KEY, TEST_KEY, signLikeProduct, type TestKeyPair } from '../support/keys';

/**
 * Tamper tests (STYLE.md §9): copy the golden vault, change ONE thing, assert the code(s) that
 * change must produce and nothing else. The golden vault itself is never touched.
 */
const GOLDEN_V1 = path.join(__dirname, '..', 'golden', 'vault-v1');
const M0 = 'manifests/2026-01-05/00000000.json';
const M1 = 'manifests/2026-01-06/00000001.json';
const M2 = 'manifests/2026-01-07/00000002.json';
const SHARED = 'artifacts/sha256/fe/feb4b87fcd0e68a997abe209905b371d77806945832819f7a959bb6827dc192c.json';
const DAY3_ONLY = 'artifacts/sha256/12/121e7a27c86716a18c53f060e03c56d5e7ea77195944d1bfaf9479032dcca2a9.json';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function tampered(change: (vault: Vault) => void, options: { publicKeyPem?: string } = {}): Promise<VerifyReport> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ev-tamper-'));
  temps.push(dir);
  cpSync(GOLDEN_V1, dir, { recursive: true });
  change(new Vault(dir));
  return verifyVault(dir, options);
}

class Vault {
  constructor(readonly dir: string) {}
  file(key: string): string {
    return path.join(this.dir, ...key.split('/'));
  }
  read(key: string): Buffer {
    return readFileSync(this.file(key));
  }
  write(key: string, bytes: Buffer | string): void {
    mkdirSync(path.dirname(this.file(key)), { recursive: true });
    writeFileSync(this.file(key), bytes);
  }
  remove(key: string): void {
    rmSync(this.file(key));
  }
  move(from: string, to: string): void {
    renameSync(this.file(from), this.file(to));
  }
  flip(key: string, offset: number): void {
    const bytes = this.read(key);
    bytes[offset] = (bytes[offset] as number) ^ 0x01;
    this.write(key, bytes);
  }
  /** Rewrites a manifest in place, canonical and validly signed, as a forger with the key could. */
  resign(key: string, change: (m: ManifestV1) => void, signer: TestKeyPair = TEST_KEY): void {
    const manifest = JSON.parse(this.read(key).toString('utf8')) as ManifestV1;
    change(manifest);
    const { bytes } = encodeManifest(manifest);
    this.write(key, bytes);
    this.write(`${key}.sig`, signLikeProduct(bytes, signer));
  }
}

const codes = (report: VerifyReport): string[] => [...new Set(report.failures.map((f) => f.code))].sort();

function expectOnly(report: VerifyReport, ...expected: string[]): void {
  expect(codes(report)).toEqual([...expected].sort());
  expect(report.ok).toBe(false);
  for (const f of report.failures) {
    expect(f.message).not.toMatch(/\n\s+at /); // a message, never a stack trace
  }
}

describe('verifyVault on a tampered copy of the golden vault', () => {
  it('artifact changed: ARTIFACT_HASH_MISMATCH', async () => {
    const report = await tampered((v) => v.flip(SHARED, 40));
    expectOnly(report, 'ARTIFACT_HASH_MISMATCH');
    expect(report.failures[0]?.message).toMatch(/with SHA-256 feb4b87f\w+, found [0-9a-f]{64}/);
    expect(exitCodeFor(report)).toBe(1);
  });

  it('artifact grown by one byte: ARTIFACT_HASH_MISMATCH, from its size alone', async () => {
    const report = await tampered((v) => v.write(SHARED, Buffer.concat([v.read(SHARED), Buffer.from(' ')])));
    expectOnly(report, 'ARTIFACT_HASH_MISMATCH');
    expect(report.failures[0]?.message).toContain('lists 250 bytes, found 251 bytes');
  });

  it('artifact replaced by a 1.1 GiB sparse file: ARTIFACT_HASH_MISMATCH without reading it', async () => {
    const report = await tampered((v) => truncateSync(v.file(SHARED), Math.round(1.1 * 1024 ** 3)));
    expectOnly(report, 'ARTIFACT_HASH_MISMATCH');
  });

  it('artifact missing: ARTIFACT_MISSING', async () => {
    const report = await tampered((v) => v.remove(SHARED));
    expectOnly(report, 'ARTIFACT_MISSING');
    expect(report.failures[0]).toMatchObject({ file: SHARED });
    expect(report.failures[0]?.message).toContain(`listed by ${M0}, ${M1}, ${M2}`);
  });

  it('artifact not canonical though listed and signed: ARTIFACT_MALFORMED', async () => {
    const report = await tampered((v) => {
      const pretty = Buffer.from(JSON.stringify(JSON.parse(v.read(DAY3_ONLY).toString('utf8')), null, 2));
      const sha256 = sha256Hex(pretty);
      v.write(artifactKey(sha256), pretty);
      v.remove(DAY3_ONLY);
      v.resign(M2, (m) => {
        const entry = m.artifacts.find((a) => a.key === DAY3_ONLY);
        if (entry === undefined) throw new Error('golden changed');
        Object.assign(entry, { key: artifactKey(sha256), sha256, bytes: pretty.length });
        m.artifacts.sort((a, b) => (a.key < b.key ? -1 : 1));
        m.merkle.root = merkleRoot(m.artifacts.map((a) => a.sha256));
      });
    });
    expectOnly(report, 'ARTIFACT_MALFORMED');
  });

  it('unlisted file: UNLISTED_FILE', async () => {
    const content = '{"schema":"evidence-vault/artifact/v1"}';
    const key = artifactKey(sha256Hex(content));
    const report = await tampered((v) => v.write(key, content));
    expectOnly(report, 'UNLISTED_FILE');
    expect(report.failures[0]).toMatchObject({ file: key });
  });

  it('orphan signature: UNLISTED_FILE', async () => {
    const report = await tampered((v) => v.write('manifests/2026-01-07/00000003.json.sig', v.read(`${M2}.sig`)));
    expectOnly(report, 'UNLISTED_FILE');
  });

  it('a symlink inside the vault: FILE_NOT_REGULAR, never followed', async () => {
    const report = await tampered((v) => {
      v.move(SHARED, 'stolen.json');
      symlinkSync(v.file('stolen.json'), v.file(SHARED));
      v.remove('stolen.json');
    });
    expectOnly(report, 'FILE_NOT_REGULAR');
  });

  it('manifest changed: SIGNATURE_INVALID', async () => {
    const report = await tampered((v) => v.write(M2, v.read(M2).toString('utf8').replace('"sealedAt":"2026-01-07T06:03:41.000Z"', '"sealedAt":"2026-01-07T06:03:42.000Z"')));
    expectOnly(report, 'SIGNATURE_INVALID');
    expect(report.failures[0]).toMatchObject({ file: `${M2}.sig` });
  });

  it('manifest removed from the middle, with its signature: MANIFEST_MISSING', async () => {
    const report = await tampered((v) => {
      v.remove(M1);
      v.remove(`${M1}.sig`);
    });
    expectOnly(report, 'MANIFEST_MISSING');
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ file: M1 });
  });

  it('two manifests reordered (swapped with their signatures): MANIFEST_MISPLACED', async () => {
    const report = await tampered((v) => {
      for (const suffix of ['', '.sig']) {
        v.move(M1 + suffix, `${M1}${suffix}.tmp`);
        v.move(M2 + suffix, M1 + suffix);
        v.move(`${M1}${suffix}.tmp`, M2 + suffix);
      }
    });
    expectOnly(report, 'MANIFEST_MISPLACED');
    expect(report.failures.map((f) => f.file)).toEqual([M1, M2]);
  });

  it('manifest duplicated under another key: MANIFEST_DUPLICATE', async () => {
    const copy = 'manifests/2026-01-08/00000002.json';
    const report = await tampered((v) => {
      cpSync(v.file('manifests/2026-01-07'), v.file('manifests/2026-01-08'), { recursive: true });
    });
    expectOnly(report, 'MANIFEST_DUPLICATE');
    expect(report.failures[0]).toMatchObject({ file: copy });
  });

  it('two different manifests for one sequence (a fork): MANIFEST_DUPLICATE', async () => {
    const report = await tampered((v) => {
      cpSync(v.file('manifests/2026-01-07'), v.file('manifests/2026-01-08'), { recursive: true });
      v.resign('manifests/2026-01-08/00000002.json', (m) => {
        m.date = '2026-01-08';
      });
    });
    expectOnly(report, 'MANIFEST_DUPLICATE');
  });

  it('chain broken (re-signed with the right key, wrong previous.sha256): CHAIN_BROKEN', async () => {
    const report = await tampered((v) =>
      v.resign(M2, (m) => {
        if (m.previous !== null) m.previous.sha256 = sha256Hex('not the prior manifest');
      }),
    );
    expectOnly(report, 'CHAIN_BROKEN');
    expect(report.failures[0]?.message).toMatch(/previous\.sha256 expected [0-9a-f]{64} \(SHA-256 of manifests\/2026-01-06\/00000001\.json\), found/);
  });

  it('chain broken (sequence 0 names a previous manifest): CHAIN_BROKEN', async () => {
    const report = await tampered((v) =>
      v.resign(M0, (m) => {
        m.previous = { key: M2, sha256: sha256Hex('x') };
      }),
    );
    // Re-signing M0 changes its hash, so M1's link to it breaks as well: same code.
    expectOnly(report, 'CHAIN_BROKEN');
  });

  it('Merkle root wrong (re-signed): MERKLE_ROOT_MISMATCH', async () => {
    const report = await tampered((v) =>
      v.resign(M2, (m) => {
        m.merkle.root = sha256Hex('another tree');
      }),
    );
    expectOnly(report, 'MERKLE_ROOT_MISMATCH');
  });

  it('signature bad: SIGNATURE_INVALID', async () => {
    const report = await tampered((v) => v.flip(`${M1}.sig`, 20));
    expectOnly(report, 'SIGNATURE_INVALID');
  });

  it('signature missing: SIGNATURE_MISSING', async () => {
    const report = await tampered((v) => v.remove(`${M1}.sig`));
    expectOnly(report, 'SIGNATURE_MISSING');
    expect(report.failures[0]).toMatchObject({ file: `${M1}.sig` });
  });

  it('a different public key given: PUBLIC_KEY_MISMATCH, and signatures fail against the given key', async () => {
    const report = await tampered(() => undefined, { publicKeyPem: OTHER_TEST_KEY.publicKeyPem });
    expectOnly(report, 'PUBLIC_KEY_MISMATCH', 'SIGNATURE_INVALID');
    expect(report.publicKey?.source).toBe('given');
    expect(report.failures.filter((f) => f.code === 'SIGNATURE_INVALID')).toHaveLength(3);
  });

  it('public-key.pem missing: PUBLIC_KEY_MISSING', async () => {
    const report = await tampered((v) => v.remove('public-key.pem'));
    expectOnly(report, 'PUBLIC_KEY_MISSING');
    expect(report.publicKey).toBeNull();
  });

  it('public-key.pem holding a private key: PUBLIC_KEY_INVALID', async () => {
    const report = await tampered((v) => v.write('public-key.pem', TEST_KEY.privateKeyPem));
    expectOnly(report, 'PUBLIC_KEY_INVALID');
  });

  it('a given key that is not a public key: PUBLIC_KEY_INVALID, exit code 2', async () => {
    const report = await tampered(() => undefined, { publicKeyPem: 'not a key' });
    expectOnly(report, 'PUBLIC_KEY_INVALID');
    expect(exitCodeFor(report)).toBe(2);
  });

  it('no manifest at all: VAULT_EMPTY', async () => {
    const report = await tampered((v) => {
      rmSync(v.file('manifests'), { recursive: true });
      rmSync(v.file('artifacts'), { recursive: true });
    });
    expectOnly(report, 'VAULT_EMPTY');
  });

  it('no vault at that path: VAULT_UNREADABLE, exit code 2', async () => {
    const report = await verifyVault(path.join(tmpdir(), 'ev-no-such-vault-7f3a'), {});
    expectOnly(report, 'VAULT_UNREADABLE');
    expect(exitCodeFor(report)).toBe(2);
  });
});

describe('verifyVault on hostile JSON in place of a manifest', () => {
  const cases: [string, (v: Vault) => void, string][] = [
    ['truncated', (v) => v.write(M1, v.read(M1).subarray(0, 700)), 'JSON_SYNTAX'],
    ['invalid UTF-8', (v) => v.write(M1, Buffer.concat([Buffer.from('{"date":"'), Buffer.of(0xc3, 0x28), Buffer.from('"}')])), 'JSON_INVALID_UTF8'],
    ['duplicate keys', (v) => v.write(M1, `{"date":"2026-01-06",${v.read(M1).toString('utf8').slice(1)}`), 'JSON_DUPLICATE_KEY'],
    ['nested 100,000 deep', (v) => v.write(M1, `${'['.repeat(100_000)}${']'.repeat(100_000)}`), 'JSON_TOO_DEEP'],
    ['valid JSON, not a manifest', (v) => v.write(M1, canonicalize({ schema: 'evidence-vault/manifest/v2', sequence: -1 })), 'not manifest v1'],
  ];

  it.each(cases)('%s: MANIFEST_MALFORMED (and the signature no longer verifies)', async (_what, change, detail) => {
    const report = await tampered(change);
    expectOnly(report, 'MANIFEST_MALFORMED', 'SIGNATURE_INVALID');
    const malformed = report.failures.find((f) => f.code === 'MANIFEST_MALFORMED');
    expect(malformed).toMatchObject({ file: M1 });
    expect(malformed?.message).toContain(detail);
  });

  it('every bad field of a manifest is reported, not only the first', async () => {
    const report = await tampered((v) =>
      v.resign(M1, (m) => {
        Object.assign(m, { date: '2026-02-30', sequence: 1.5, extra: true });
      }),
    );
    const malformed = report.failures.find((f) => f.code === 'MANIFEST_MALFORMED');
    expect(malformed?.message).toContain('$.date');
    expect(malformed?.message).toContain('$.sequence');
    expect(malformed?.message).toContain('extra');
  });

  it('a 1.1 GiB file (sparse): MANIFEST_MALFORMED from its size, never read', async () => {
    const started = Date.now();
    const report = await tampered((v) => truncateSync(v.file(M1), Math.round(1.1 * 1024 ** 3)));
    expectOnly(report, 'MANIFEST_MALFORMED');
    expect(report.failures[0]?.message).toContain('1.1 GiB');
    expect(report.failures[0]?.message).toContain('larger than the 256.0 MiB (268435456 bytes) limit; not read');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
