import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { loadCatalog } from '../../src/catalog';
import { downloadPack } from '../../src/cli/download';
import { sharePack } from '../../src/cli/share';
import { evaluationFor } from '../../src/evaluate/registry';
import { buildPack, type BuiltPack } from '../../src/pack/build';
import { runSampleDay } from '../../src/pipeline/sample-organization';
import { LocalKeySigner } from '../../src/signing/local-signer';
import { S3ObjectStore } from '../../src/vault/s3-store';
import { Vault } from '../../src/vault/vault';
import { createLockedBucket, describeWithS3, headObject, testS3Client } from '../support/s3';

/**
 * The pack on a real S3 with Object Lock (Ceph RGW from scripts/s3-store.sh): sealed days in an
 * S3 vault are packed, the zip is stored under packs/ with COMPLIANCE retention, downloaded back
 * (verified as a zip and again as a folder), and a presigned URL fetches the same bytes.
 */
describeWithS3('evidence pack, download and share on a real S3 vault', (settings) => {
  const START = '2026-09-28';
  let client: S3Client;
  let bucket: string;
  let vault: Vault;
  let root: string;
  let built: BuiltPack;

  beforeAll(async () => {
    client = testS3Client(settings);
    bucket = await createLockedBucket(client, 'pack');
    vault = new Vault(new S3ObjectStore({ client, bucket, prefix: 'vault', retentionDays: 1 }));
    root = mkdtempSync(path.join(tmpdir(), 'evidence-pack-s3-'));
    const signer = await LocalKeySigner.openOrCreate(path.join(root, 'key.pem'));
    const evaluation = evaluationFor(await loadCatalog());
    for (let day = 0; day < 3; day++) {
      await runSampleDay({ vault, signer, day, startDate: START, evaluation: evaluation });
    }
    built = await buildPack({ vault, quarter: '2026-Q3', signer, outDir: path.join(root, 'out'), now: () => new Date('2026-10-01T06:00:00.000Z') });
  }, 180_000);

  afterAll(() => {
    client.destroy();
    rmSync(root, { recursive: true, force: true });
  });

  it('stores the zip in the vault under packs/<quarter>/ with Object Lock COMPLIANCE retention', async () => {
    expect(built.pack.chain.manifests.map((m) => m.date)).toEqual(['2026-09-28', '2026-09-29', '2026-09-30']);
    const head = await headObject(client, bucket, `vault/${built.vaultKey}`);
    expect(head.ObjectLockMode).toBe('COMPLIANCE');
    expect(head.ContentLength).toBe(readFileSync(built.zip).length);
  });

  it('downloads the newest pack, verified as a zip and as a folder', async () => {
    const got = await downloadPack(vault, '2026-Q3', path.join(root, 'download'));
    expect(got.key).toBe(built.vaultKey);
    expect(readFileSync(got.zip).equals(readFileSync(built.zip))).toBe(true);
    expect(got.fingerprint).toBe(built.fingerprint);
    expect(execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: got.dir }).toString()).toBe('');
  });

  it('shares a presigned URL that fetches the zip', async () => {
    const shared = await sharePack({
      vault: `s3://${bucket}/vault`, quarter: '2026-Q3', expiresIn: 600,
      client: { region: 'us-east-1', endpoint: settings.endpoint, forcePathStyle: true, credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } },
    });
    expect(shared.url).toContain('X-Amz-Expires=600');
    const response = await fetch(shared.url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(built.zip))).toBe(true);
  });
});
