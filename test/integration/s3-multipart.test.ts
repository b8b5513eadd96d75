import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DeleteObjectCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { sha256Hex } from '../../src/core/hash';
import { S3ObjectStore } from '../../src/vault/s3-store';
import { Vault } from '../../src/vault/vault';
import { createLockedBucket, describeWithS3, headObject, testS3Client, versionsOf } from '../support/s3';

/**
 * A pack zip larger than one part, put through a real multipart upload on a store that enforces
 * Object Lock (Ceph RGW from scripts/s3-store.sh): the object reads back byte for byte, carries
 * COMPLIANCE retention, cannot be deleted, a second put is refused, and no upload is left open.
 */
describeWithS3('multipart put on a real S3 with Object Lock', (settings) => {
  const PART = 5 * 1024 * 1024;
  let client: S3Client;
  let bucket: string;
  let dir: string;

  beforeAll(async () => {
    client = testS3Client(settings);
    bucket = await createLockedBucket(client, 'multipart');
    dir = mkdtempSync(path.join(tmpdir(), 'evidence-multipart-'));
  });

  afterAll(() => {
    client.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores an 11 MiB file in three parts, sealed in COMPLIANCE mode, and refuses it a second time', async () => {
    // Prepare
    const body = randomBytes(11 * 1024 * 1024);
    const file = path.join(dir, 'pack.zip');
    writeFileSync(file, body);
    const store = new S3ObjectStore({ client, bucket, prefix: 'vault', retentionDays: 1, partBytes: PART });
    const vault = new Vault(store);
    const key = 'packs/2026-Q3/evidence-pack-2026-Q3-20261001T060000Z.zip';
    const before = Date.now();

    // Act
    await vault.putNewFile(key, file);

    // Assess
    expect(sha256Hex(await vault.read(key))).toBe(sha256Hex(body));
    const head = await headObject(client, bucket, `vault/${key}`);
    expect(head.ContentLength).toBe(body.length);
    expect(head.ObjectLockMode).toBe('COMPLIANCE');
    expect(head.ObjectLockRetainUntilDate?.getTime()).toBeGreaterThanOrEqual(before + 86_400_000 - 1000);
    expect(head.ETag).toMatch(/-3"$/); // a multipart object of three parts
    await expect(vault.putNewFile(key, file)).rejects.toMatchObject({ code: 'VAULT_OBJECT_EXISTS' });
    const versions = await versionsOf(client, bucket, `vault/${key}`);
    expect(versions).toHaveLength(1);
    await expect(client.send(new DeleteObjectCommand({ Bucket: bucket, Key: `vault/${key}`, VersionId: versions[0]?.VersionId }))).rejects.toMatchObject({ name: 'AccessDenied' });
    const open = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(open.Uploads ?? []).toEqual([]);
  }, 60_000);
});
